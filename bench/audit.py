"""Lighthouse scores of the reader pages, as a reader's phone sees them: the home page, a
story, a story covered live, a columnist's page, the columnists and the corrections archive.

    python -m bench.audit            serve a throw-away demo site and audit it
    bench/audit http://HOST:PORT     audit a site that is already running

With no address it makes a state directory of its own (SQLite, static files), loads the
demo, serves it with `nashra serve` on a free loopback port and stops it afterwards, so it
never touches the site's own state (`var/`, `DATABASE_URL`, `REDIS_URL`). The story
audited is the first story card on the home page, the live story the first the home page
shows covered live, the author the first columnist.
Lighthouse (pinned: 13 needs a newer Node) runs through npx with the mobile preset, its
default; reports go to var/bench/lighthouse-*.report.{json,html}. The exit status is 1
when a page other than the home page misses its targets.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from bench.harness import NASHRA, REPORTS, ROOT, environment, free_port, running

LIGHTHOUSE = "lighthouse@12.8.2"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Scores (0-100) every page but the home page must reach: performance moves a few points
# with CPU load.
ARTICLE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Flags that let Debian's Chromium run as root on a machine with no network.
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@contextmanager
def demo_site() -> Iterator[str]:
    """A demo site on a free loopback port, in a state directory removed afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="nashra-audit-") as state:
        env = environment(without=("DATABASE_URL", "REDIS_URL", "DEBUG"),
                          NASHRA_VAR_DIR=state, SITE_URL=url)
        for step in (["migrate", "--no-input", "-v", "0"], ["demo"]):
            print(f"$ nashra {' '.join(step)}", flush=True)
            subprocess.run([NASHRA, *step], env=env, cwd=ROOT, check=True)
        print(f"$ nashra serve --bind 127.0.0.1:{port}", flush=True)
        serve = [NASHRA, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2",
                 "--no-scheduler"]
        with running(serve, env, url + "/", show_errors=True):
            yield url


def first_link(base: str, path: str, pattern: str) -> str:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        html = response.read().decode("utf-8")
    found = re.search(pattern, html)
    if found is None:
        sys.exit(f"audit: no link like {pattern!r} on {base}{path}")
    return base + found.group(1)


# The first story the home page shows covered live (its link there ends in #live).
LIVE_STORY = r'class="live-home"[^>]*>\s*<h2[^>]*>.*?<a href="([^"#]+)'


def first_story(base: str) -> str:
    return first_link(base, "/", r'class="article-card-link" href="([^"]+)"')


def lighthouse(name: str, url: str) -> dict[str, object]:
    chromium = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if chromium is None:
        sys.exit("audit: Chromium is missing (apt-get install chromium)")
    REPORTS.mkdir(parents=True, exist_ok=True)
    output = REPORTS / f"lighthouse-{name}"
    print(f"$ lighthouse {url}", flush=True)
    subprocess.run(
        [
            "npx", "--yes", LIGHTHOUSE, url,
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
            "--output=json", "--output=html", f"--output-path={output}",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        check=True,
    )
    report: dict[str, object] = json.loads(
        output.with_name(output.name + ".report.json").read_text(encoding="utf-8")
    )
    return report


def scores(report: dict[str, object]) -> dict[str, int]:
    categories = report["categories"]
    assert isinstance(categories, dict)
    return {name: round((categories[name]["score"] or 0) * 100) for name in CATEGORIES}


def shortfalls(report: dict[str, object]) -> list[str]:
    """The audits that cost points outside performance, whose score is a weighted blend."""
    categories, audits = report["categories"], report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    lines = []
    for name in CATEGORIES[1:]:
        for ref in categories[name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lines.append(f"  {name}: {ref['id']} — {audit['title']}")
    return lines


def main() -> int:
    try:
        return audit()
    except subprocess.CalledProcessError as failed:
        command = " ".join(map(str, failed.cmd))
        sys.exit(f"audit: `{command}` failed with status {failed.returncode}")


def audit() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("url", nargs="?", help="a running site (default: serve the demo)")
    arguments = parser.parse_args()

    with demo_site() if arguments.url is None else nullcontext(arguments.url) as base:
        base = base.rstrip("/")
        pages = {
            "home": base + "/",
            "article": first_story(base),
            "live": first_link(base, "/", LIVE_STORY),
            "author": first_link(base, "/columnists/", r'class="columnist-name"><a href="([^"]+)"'),
            "columnists": base + "/columnists/",
            "corrections": base + "/corrections/",
        }
        reports = {name: lighthouse(name, url) for name, url in pages.items()}

    print()
    print(f"{'page':<12}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for name, report in reports.items():
        print(f"{name:<12}" + "".join(f"{score:>16}" for score in scores(report).values()))
    for name, report in reports.items():
        lost = shortfalls(report)
        if lost:
            print(f"\n{name} ({pages[name]}) lost points on:", *lost, sep="\n")
    print(f"\nReports: {REPORTS.relative_to(ROOT)}/lighthouse-*.report.html")

    missed = [
        f"{page}: {name} {scored[name]} < {target}"
        for page, report in reports.items() if page != "home"
        for scored in [scores(report)]
        for name, target in ARTICLE_TARGETS.items()
        if scored[name] < target
    ]
    if missed:
        print("Below target: " + "; ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
