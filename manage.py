#!/usr/bin/env python
"""Django's command-line utility; `nashra` is the same thing, installed on PATH."""

from nashra.cli import main

if __name__ == "__main__":
    main()
