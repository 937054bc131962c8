"""Publish targets: one interface, several destinations (sebar publish)."""
