"""Claims, notes and suggestions in the reader window: the panel, the editor, the actions."""
