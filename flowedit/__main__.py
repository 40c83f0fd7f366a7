"""Lets `python -m flowedit` behave exactly like the `flowedit` command."""

import sys

from flowedit.cli.main import main

sys.exit(main())
