"""The `flowedit` command line."""
