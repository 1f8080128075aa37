"""Stories brought in from files: page dumps saved as text, and WordPress exports."""
