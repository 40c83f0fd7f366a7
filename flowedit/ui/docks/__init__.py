"""The panels around the canvas: palette, properties, problems."""
