"""What the pictures app tells the rest of the site."""

from django.dispatch import Signal

# Sent with `picture` once new renditions are stored: pages showing it may be redrawn.
renditions_made = Signal()
