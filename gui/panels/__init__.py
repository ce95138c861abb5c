"""The window's panels: inspector, why, event log, console, YAML editor, time, errors."""
