"""Progress of a long command (ingest, imports, rebuilds, prunes, the demo, benchmarks).

One shared bar, drawn by tqdm on a terminal and silent otherwise, so a log or a cron mail
holds the command's result and never hundreds of redrawn lines. The work itself reports
through the plain callback shape `progress(done, total)`, which knows nothing of terminals,
so the layers that do the work never import this module; only commands and scripts do.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import IO, Any, TypeVar, cast

from tqdm import tqdm

Item = TypeVar("Item")

# What the work calls as it goes: how much is done of how much (0 when not yet known).
Report = Callable[[int, int], None]


def _stream(out: Any) -> IO[str]:
    # A command's OutputWrapper adds a newline to every write, which would break the
    # in-place redraw: write to the stream it wraps (a command calling another may hand
    # on its own wrapper, which is wrapped again).
    if out is None:
        return sys.stderr
    while hasattr(out, "_out"):
        out = out._out
    return cast(IO[str], out)


class Progress:
    """A bar labelled `label`, fed either as a `(done, total)` callback or by `advance`.

    `enabled=False` (a command run with --verbosity 0) silences it on a terminal too.
    """

    def __init__(
        self,
        label: str,
        *,
        total: int | None = None,
        out: Any = None,
        enabled: bool = True,
        unit: str = "it",
    ) -> None:
        self.bar = tqdm(
            total=total,
            desc=label,
            unit=unit,
            file=_stream(out),
            # None: shown only when the stream is a terminal.
            disable=None if enabled else True,
            dynamic_ncols=True,
            mininterval=0.2,
        )

    def __call__(self, done: int, total: int = 0) -> None:
        if total and total != self.bar.total:
            self.bar.total = total
        if done > self.bar.n:
            self.bar.update(done - self.bar.n)

    def advance(self, count: int = 1) -> None:
        self.bar.update(count)

    @property
    def shown(self) -> bool:
        return not self.bar.disable

    def close(self) -> None:
        self.bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def tracked(
    items: Iterable[Item],
    label: str,
    *,
    total: int | None = None,
    out: Any = None,
    enabled: bool = True,
    unit: str = "it",
) -> Iterator[Item]:
    """`items`, one by one, with a bar that advances as each is taken."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with Progress(label, total=total, out=out, enabled=enabled, unit=unit) as progress:
        for item in items:
            yield item
            progress.advance()
