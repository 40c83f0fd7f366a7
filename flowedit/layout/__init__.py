"""Where shapes and arrows go: orthogonal arrow routing, label placement, Tidy Up and the drawn
geometry as plain data. No Qt here, so the canvas, every export and the command line share it."""
