"""The Qt editor: scene items, view, commands, interactions, docks and the main window."""
