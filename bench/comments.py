"""Comment posts under load: posts per second sustained, p50 and p99, nothing lost.

    python -m bench.comments                 20 s from 8 concurrent readers
    bench/comments --duration 60 --readers 16

Each reader does what the article page's script does: fetch the form's state (token and
captcha) from the uncached endpoint, then post a comment with the captcha in the
library's test mode (the bench settings; production refuses to start with it). Every post
comes from its own address (X-Forwarded-For, with TRUSTED_PROXIES=1 as behind one proxy)
and has its own text; the bench settings turn the per-reader limits off, as all posts
come from one machine. Only the POSTs are timed.

It never touches the site's own data: SQLite in a throw-away state directory, or, with
DATABASE_URL set to PostgreSQL, a throw-away database (`nashra_bench_comments`) beside
the one named. Afterwards it counts the comments in the database: every post answered
201 must be there, once; the exit status is 1 otherwise. The figures also go to
var/bench/comment_post.json.
"""

from __future__ import annotations

import argparse
import os

from bench.harness import (
    NASHRA,
    REPORTS,
    nashra,
    post_comments,
    running,
    throwaway_state,
    write_report,
)

REPORT = REPORTS / "comment_post.json"
BENCH_DATABASE = "nashra_bench_comments"

PREPARE = """
from nashra.comments.factories import comment_policy
from nashra.newsroom import factories
factories.home_page()
story = factories.article(factories.section("منوعات", slug="bench"), "خبر للتعليق", slug="story")
comment_policy(min_fill_seconds=0, close_after_days=0, moderation="pre")
print("ARTICLE", story.pk)
"""

COUNT = """
from nashra.comments.models import Comment
print("COMMENTS", Comment.objects.count(), Comment.objects.values("fingerprint").distinct().count())
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    arguments = parser.parse_args()

    # REDIS_URL, when set, is used as it is.
    with throwaway_state(BENCH_DATABASE, redis_db=None) as state:
        nashra(state.env, "migrate", "--no-input", "-v", "0")
        article = int(nashra(state.env, "shell", "-v", "0", "-c", PREPARE).split("ARTICLE")[1])
        serve = [NASHRA, "serve", "--bind", f"127.0.0.1:{state.port}", "--workers",
                 str(arguments.workers), "--no-scheduler"]
        with running(serve, state.env, f"{state.url}/comments/{article}/form/"):
            result = post_comments(state.port, article, arguments.duration, arguments.readers)
        counted, distinct = map(
            int, nashra(state.env, "shell", "-v", "0", "-c", COUNT).split("COMMENTS")[1].split()
        )

    accepted = result["accepted"]
    errors = result["errors"]
    result.update(
        database=state.database, readers=arguments.readers, workers=arguments.workers,
        counted=counted,
    )
    write_report(REPORT, result)
    print(f"{'scenario':<14}{'posts/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    print(f"{'comment_post':<14}{result['rps']:>10}{result['p50_ms']:>10}"
          f"{result['p99_ms']:>10}{errors:>8}")
    print(f"{state.database}: {accepted} posts answered 201, {counted} comments stored "
          f"({distinct} distinct texts)")
    return 0 if accepted == counted == distinct else 1


if __name__ == "__main__":
    raise SystemExit(main())
