"""Reading and writing process files. No Qt here."""

from flowedit.io.errors import (
    FlowFileError,
    FlowLinkCycleError,
    FlowReadOnlyError,
    FlowSaveError,
)
from flowedit.io.flowfile import (
    FORMAT_VERSION,
    dumps_document,
    follow_links,
    load_document,
    load_for_editor,
    loads_document,
    save_document,
)

__all__ = [
    "FORMAT_VERSION",
    "FlowFileError",
    "FlowLinkCycleError",
    "FlowReadOnlyError",
    "FlowSaveError",
    "dumps_document",
    "follow_links",
    "load_document",
    "load_for_editor",
    "loads_document",
    "save_document",
]
