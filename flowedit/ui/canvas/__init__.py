"""The drawing surface: scene, view, items, gestures and the small widgets that sit on the view.
Knows nothing of the panels, the presenter or files."""
