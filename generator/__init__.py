"""Sebar: a Git-based publication generator and data portal for Satu Data Indonesia."""

__version__ = "0.1.0"
