"""Pictures for tests and benchmarks: drawn scenes put through the real pipeline."""

from __future__ import annotations

from typing import Any

from nashra.pictures import renditions
from nashra.pictures.inspection import inspect_picture
from nashra.pictures.library import add_picture
from nashra.pictures.models import Picture
from nashra.pictures.scenes import draw_scene

LIMITS = {"max_bytes": 25 * 2**20, "max_pixels": 60_000_000}


def picture(
    kind: str = "sea",
    *,
    seed: int = 1,
    size: tuple[int, int] = (1800, 1200),
    alt: str = "مركب شراعي صغير على بحر هادئ",
    made: bool = True,
    **fields: Any,
) -> Picture:
    """A library picture of a drawn scene; with its renditions made unless `made` is off."""
    clean = inspect_picture(draw_scene(kind, seed=seed, width=size[0], height=size[1]), **LIMITS)
    found, _created = add_picture(clean, title=fields.pop("title", f"{kind} {seed}"), alt=alt,
                        file_stem=f"{kind}-{seed}")
    for name, value in fields.items():
        setattr(found, name, value)
    if fields:
        found.save()
    if made:
        renditions.make(found)
    return found
