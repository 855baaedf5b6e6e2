"""Taking a stream a bounded batch at a time: how every long command keeps its memory flat."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """ITEMS as lists of SIZE (the last one shorter), read lazily (itertools.batched, Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
