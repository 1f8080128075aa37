"""The newsroom: sections, articles, authors and their sources."""
