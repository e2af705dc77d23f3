"""What a run has done, kept beside the folder so a rerun after an interruption carries on: resources
already uploaded are skipped, and large files already completed (or their parts already sent) are not
sent again. Written atomically after every step, so an interruption at any point leaves a usable file."""

from __future__ import annotations

import json
import os
from pathlib import Path

STATE_NAME = ".catalog-client-state.json"


class RunState:
    def __init__(self, path: Path, url: str):
        self.path = path
        self.url = url.rstrip("/")
        self.data: dict = {}
        if path.is_file():
            try:
                self.data = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                self.data = {}
        if self.data.get("url") != self.url:  # another catalog: nothing of this one's applies
            self.data = {"url": self.url, "sources": {}}

    def source(self, name: str) -> dict:
        return self.data["sources"].setdefault(name, {})

    def forget_large(self, name: str) -> None:
        self.source(name).pop("large", None)
        self.save()

    def save(self) -> None:
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, self.path)
