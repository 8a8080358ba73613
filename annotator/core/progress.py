"""How long work reports progress and learns it should stop: one pair of types for every layer.

Importers, pre-annotation, export, merge and training all take `progress` and
`cancel` callables of these shapes; the CLI passes a terminal progress line, the
window a worker that relays to a progress dialog. `message` is optional, so a loop
that only counts passes two numbers.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["CancelFn", "ProgressFn"]


class ProgressFn(Protocol):
    """`progress(done, total)` or `progress(done, total, message)`; `total` 0 means unknown."""

    def __call__(self, done: int, total: int, message: str = "", /) -> None: ...


class CancelFn(Protocol):
    """Asked between steps; True means stop (the work then raises `core.errors.Cancelled`)."""

    def __call__(self) -> bool: ...
