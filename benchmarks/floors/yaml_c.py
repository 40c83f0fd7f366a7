"""The floor for reading a file: PyYAML's C loader alone, no validation (issue 13)."""

import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as handle:
    yaml.load(handle, Loader=yaml.CSafeLoader)
