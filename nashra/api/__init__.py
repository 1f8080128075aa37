"""The read-only JSON API for sections and articles."""
