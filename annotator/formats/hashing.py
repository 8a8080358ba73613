"""Prodigy's `_input_hash` and `_task_hash`, computed the way Prodigy computes them.

Prodigy hashes `json.dumps(values, sort_keys=True, separators=(",", ":"))` of the
task's input keys (then of its task keys, prefixed with the input hash) with
32-bit MurmurHash3 (seed 0, signed). Matching it lets Prodigy recognise tasks we
export as the ones it already has.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

INPUT_KEYS = ("text", "image", "html", "input")
TASK_KEYS = ("spans", "label", "options", "arc")


def murmur3_32(data: bytes, seed: int = 0) -> int:
    """MurmurHash3 x86 32-bit, signed like the `murmurhash` package returns it."""
    c1, c2, mask = 0xCC9E2D51, 0x1B873593, 0xFFFFFFFF
    h = seed & mask
    length = len(data)
    tail_start = length - length % 4
    for i in range(0, tail_start, 4):
        k = int.from_bytes(data[i : i + 4], "little")
        k = (k * c1) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * c2) & mask
        h ^= k
        h = ((h << 13) | (h >> 19)) & mask
        h = (h * 5 + 0xE6546B64) & mask
    k = 0
    tail = data[tail_start:]
    if len(tail) >= 3:
        k ^= tail[2] << 16
    if len(tail) >= 2:
        k ^= tail[1] << 8
    if tail:
        k ^= tail[0]
        k = (k * c1) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * c2) & mask
        h ^= k
    h ^= length
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & mask
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & mask
    h ^= h >> 16
    return h - (1 << 32) if h & 0x80000000 else h


def _load_fast_hash() -> Callable[[str], int] | None:
    # The C implementation ships with spaCy's dependencies; it is ~100x faster on long texts.
    try:
        from murmurhash import mrmr  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - pure Python fallback
        return None
    fast: Callable[[str], int] = mrmr.hash
    return fast


_FAST = _load_fast_hash()


def hash_string(value: str) -> int:
    if _FAST is not None:
        return _FAST(value)
    return murmur3_32(value.encode("utf-8"))  # pragma: no cover


def _hash_keys(task: Mapping[str, Any], keys: tuple[str, ...], prefix: str = "") -> int:
    values = {key: task[key] for key in keys if key in task}
    if not values:
        values = {key: value for key, value in task.items() if not key.startswith("_")}
    return hash_string(prefix + json.dumps(values, sort_keys=True, separators=(",", ":"), allow_nan=False))


def prodigy_hashes(task: Mapping[str, Any]) -> tuple[int, int]:
    """Return (input_hash, task_hash) for a task dict."""
    input_hash = _hash_keys(task, INPUT_KEYS)
    task_hash = _hash_keys(task, TASK_KEYS, prefix=str(input_hash))
    return input_hash, task_hash
