"""The worker's collector: survivors of a full collection frozen, frozen cycles swept."""

from __future__ import annotations

import gc
import weakref

from nashra.operations import collector


class Node:
    """A cycle of its own: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.itself = self


def in_collected_generations(thing: object) -> bool:
    return any(any(found is thing for found in gc.get_objects(g)) for g in range(3))


def test_what_survives_a_full_collection_is_frozen_and_young_ones_are_not(unfrozen: None) -> None:
    kept = collector.install(sweep_every=1000)
    try:
        survivor = Node()
        gc.collect(0)
        assert in_collected_generations(survivor), "frozen by a young collection"
        gc.collect()
        assert not in_collected_generations(survivor)
        assert gc.get_freeze_count() > 0

        later = Node()
        gc.collect()
        assert not in_collected_generations(later)
    finally:
        collector.uninstall(kept)


def test_a_cycle_frozen_while_alive_is_freed_by_the_next_sweep(unfrozen: None) -> None:
    kept = collector.install(sweep_every=3)
    try:
        gc.collect()  # the first full collection: counted, nothing swept
        dropped = Node()
        alive = weakref.ref(dropped)
        gc.collect()  # the second: `dropped` survives it and is frozen
        del dropped
        gc.collect(0)
        gc.collect(1)
        assert alive() is not None, "frozen garbage freed without a sweep"
        gc.collect()  # the third: a sweep
        assert alive() is None
        assert gc.get_freeze_count() > 0, "nothing frozen again after the sweep"
    finally:
        collector.uninstall(kept)


def test_it_counts_only_full_collections(unfrozen: None) -> None:
    kept = collector.install(sweep_every=2)
    try:
        dropped = Node()
        alive = weakref.ref(dropped)
        gc.collect()  # full collection 1: `dropped` frozen
        del dropped
        for _ in range(5):
            gc.collect(0)
            gc.collect(1)
        assert alive() is not None, "young collections counted as full ones"
        gc.collect()  # full collection 2: a sweep
        assert alive() is None
    finally:
        collector.uninstall(kept)
