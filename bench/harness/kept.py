"""Whether what a load was told was kept is in the database: nothing acknowledged lost.

A comment answered 201 carries a tag in its text; a beacon answered `Nashra-View:
counted` must show in the views counted once they are flushed. `stored` reads both from
the database before and after a load; `kept` sets them against the load's tally.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from .commands import nashra
from .load import Tally
from .sites import Site

TAG = re.compile(r"\[(b-[a-z0-9-]+)\]")
STORED = """
import json
import re
from django.db.models import Sum
from nashra.audience.models import HourlyViews, PendingView
from nashra.comments.models import Comment
TAG = re.compile({pattern!r})
texts = Comment.objects.values_list("body", "original_body")
print("STORED " + json.dumps({{
    "tags": [tag for pair in texts for tag in TAG.findall(" ".join(pair))[:1]],
    "views": HourlyViews.objects.aggregate(n=Sum("views"))["n"] or 0,
    "pending_rows": PendingView.objects.count(),
}}))
"""


def stored(site: Site) -> dict[str, Any]:
    """After a flush: the tags of the comments in the database, and the views counted."""
    nashra(site.env, "flush_views", timeout=300)
    output = nashra(site.env, "shell", "-v", "0", "-c", STORED.format(pattern=TAG.pattern),
                    timeout=300)
    return json.loads(next(
        line for line in output.splitlines() if line.startswith("STORED ")
    ).removeprefix("STORED "))


def kept(tally: Tally, before: dict[str, Any], after: dict[str, Any], prefix: str = "",
         by_phase: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """The comments and the views acknowledged against those stored, lost ones named.

    Only comments whose tag starts with `prefix` count; `by_phase` adds in which phase
    each acknowledgement came.
    """
    acknowledged = set(tally.comments)
    tags = (Counter(t for t in after["tags"] if t.startswith(prefix))
            - Counter(t for t in before["tags"] if t.startswith(prefix)))
    comments: dict[str, Any] = {"answered_201": len(acknowledged)}
    if by_phase:
        comments["answered_201_by_phase"] = dict(Counter(tally.comments.values()))
    comments.update({
        "stored": sum(tags.values()),
        "lost": sorted(acknowledged - set(tags)),
        "stored_twice": sorted(tag for tag, n in tags.items() if n > 1),
        "stored_unacknowledged": len(set(tags) - acknowledged),
    })
    views_acknowledged = sum(tally.views.values())
    views_counted = after["views"] - before["views"]
    views: dict[str, Any] = {"acknowledged_counted": views_acknowledged}
    if by_phase:
        views["acknowledged_by_phase"] = dict(tally.views)
    views.update({
        "counted": views_counted,
        "lost": max(0, views_acknowledged - views_counted),
        "pending_rows_after_flush": after["pending_rows"],
    })
    return comments, views
