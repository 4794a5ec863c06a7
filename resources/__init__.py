"""Data files shipped with the application (demo plan, icons)."""
