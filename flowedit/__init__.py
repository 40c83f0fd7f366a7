"""flowedit: a visual flowchart editor for sales processes."""

__version__ = "0.1.0"
