"""Entity colours, the legend with per-label toggles, and the entity list dock."""
