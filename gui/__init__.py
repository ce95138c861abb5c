"""The Qt face of pvgraph: scene, view, items, themes, animation and export."""
