"""The file side of the window: autosave, recovery, compare with disk, export. No canvas widgets."""
