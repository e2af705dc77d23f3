"""Progress of a long run: a bar on a terminal, a structured log line every so often otherwise."""

from __future__ import annotations

import logging
import sys

from tqdm import tqdm

log = logging.getLogger("indexer.progress")


class Progress:
    def __init__(self, label: str, *, every: int = 500, stream=None):
        self.label = label
        self.every = every
        self.count = 0
        stream = stream or sys.stderr
        self.bar = tqdm(desc=label, unit="res", file=stream, leave=True) if stream.isatty() else None

    def update(self, n: int = 1) -> None:
        self.count += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.count % self.every == 0:
            log.info("progress", extra={"fields": {"step": self.label, "done": self.count}})

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        else:
            log.info("progress", extra={"fields": {"step": self.label, "done": self.count, "finished": True}})
