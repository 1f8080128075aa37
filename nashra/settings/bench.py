"""Benchmark settings: production's, plus what lets a load generator post comments.

Only `make bench` and the `bench/` scripts use this module, on throw-away databases. The
captcha's test mode (any answer "passed") is on, as in the tests; the per-reader comment
limits are off, because every benchmark post comes from one machine.
"""

from __future__ import annotations

from nashra.settings.base import *  # noqa: F403

NASHRA_TESTING = True
CAPTCHA_TEST_MODE = True
COMMENT_RATE_LIMITS = []
