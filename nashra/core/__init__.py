"""Site-wide pieces: site settings, shared StreamField blocks, page chrome.

A closed list: anything that belongs to one domain lives in that domain's app.
"""
