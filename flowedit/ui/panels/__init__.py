"""The docked panels around the canvas: palette, properties, problems, outline, minimap, funnel.
Each stands alone: panels do not import each other."""
