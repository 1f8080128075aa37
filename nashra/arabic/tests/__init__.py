"""Specifications for the plain-Python Arabic text library (no Django needed)."""
