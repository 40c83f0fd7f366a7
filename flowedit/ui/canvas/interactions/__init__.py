"""Gestures as small state machines: the view hands mouse events to the active one."""
