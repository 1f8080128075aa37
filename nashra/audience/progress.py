"""A one-line progress bar for commands that may run long, on the command's own output."""

from __future__ import annotations

from django.core.management.base import OutputWrapper

WIDTH = 30


class ProgressBar:
    def __init__(self, out: OutputWrapper, label: str, enabled: bool = True) -> None:
        self.out, self.label, self.enabled = out, label, enabled
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if total > 0:
            filled = int(WIDTH * min(done, total) / total)
            bar = "#" * filled + "-" * (WIDTH - filled)
            self.out.write(f"\r{self.label} [{bar}] {done}/{total}", ending="")
        else:
            self.out.write(f"\r{self.label} {done}", ending="")
        self.out.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.out.write("")
