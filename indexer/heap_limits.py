"""glibc's heap settings for the indexer's long runs.

A rebuild's threads (listing, loaders, two bulk senders) each get a malloc arena of their own, and
after the first multi-MiB bulk body is freed glibc raises its mmap threshold, so later bodies are
carved from those arenas and stay resident as fragments. Two arenas and a fixed 128 KiB threshold
(bodies are mapped and unmapped whole) keep a worker's plateau near what a short run reaches.
"""

from __future__ import annotations

import ctypes

M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
M_ARENA_MAX = -8
ARENAS = 2
MMAP_THRESHOLD_BYTES = 128 * 1024


def limit_heap_growth() -> bool:
    """Apply the settings to this process; False where the C library does not take them (musl, macOS)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter is linked with
    except (OSError, AttributeError):  # no mallopt (macOS): nothing to tune
        return False
    return bool(mallopt(M_ARENA_MAX, ARENAS)) and bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
