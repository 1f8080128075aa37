"""Nashra: an Arabic-first news publishing platform on Django and Wagtail."""
