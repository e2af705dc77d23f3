"""Text extraction under a hard time budget: each file is read in a worker process, killed when late.

`extract_text` checks its time budget between pages, so one slow page (a huge content stream, a
pathological font) could hold a thread for as long as the parser likes, and a parser that crashes
(PDFium is C) would take the indexer with it. Here the reading happens in a child process that is
killed once the budget plus `KILL_GRACE_S` has passed; the next file gets a fresh child.

Children are long-lived and reused (one per thread that extracts at the same time), so a file
costs a round trip over a socket, not a process start; one left idle for `IDLE_EXIT_S` exits by
itself, and one whose memory passed `RETIRE_ABOVE_MIB` exits after its file. A child is a
fresh interpreter (`python -m`), not a fork: the indexer's threads and clients must not be copied,
and multiprocessing's spawn would run the caller's main module again.
"""

from __future__ import annotations

import atexit
import logging
import resource
import signal
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from catalog.indexing.text_extraction import ExtractedText, extract_text, reader_failed, reads_in_linear_time

# Time for `extract_text` to stop at its own (between-pages) budget and send what it read.
KILL_GRACE_S = 0.5
IDLE_EXIT_S = 120.0
# A child's start (an interpreter importing the parsers, about a second) is not counted in the budget.
STARTUP_TIMEOUT_S = 120.0
# A child's memory creeps up as it reads thousands of mixed PDF, DOCX and PPTX files (145 MiB after
# 500 of the sample corpus's, 185 after 3,000; each kind alone stays flat). Past this it sends its
# file's text and exits, and the next file gets a fresh child.
RETIRE_ABOVE_MIB = 160
_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
_READY = "ready"


class WorkerDidNotStart(RuntimeError):
    """The extraction child could not start: the installation is broken, not a file."""


def _rss_mib() -> float:
    """This process's resident memory now (ru_maxrss would count the parent's at the fork)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:  # not Linux: never retire
        return 0.0


def _serve(connection: Connection, retire_above_mib: float) -> None:
    """The child: read files sent over ``connection`` until the parent goes, nothing comes, or its
    memory passes ``retire_above_mib``. Each answer is ``(text, whether the child exits now)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it kills us
    # Parsers warn about every odd font; the result (text or a reason) is what reaches the report.
    logging.disable(logging.WARNING)
    connection.send(_READY)
    while connection.poll(IDLE_EXIT_S):
        try:
            name, media_type, data, max_chars, time_budget_s = connection.recv()
            text = extract_text(name, media_type, data, max_chars=max_chars, time_budget_s=time_budget_s)
            retiring = _rss_mib() > retire_above_mib
            connection.send((text, retiring))
        except (EOFError, OSError):  # the parent is gone
            return
        if retiring:
            return


class _Child:
    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        with ours, theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-m", __name__, str(theirs.fileno()), str(RETIRE_ABOVE_MIB)],
                stdin=subprocess.DEVNULL,
                pass_fds=[theirs.fileno()],
                cwd=_PROJECT_ROOT,
            )
            self.connection = Connection(ours.detach())
        try:
            ready = self.connection.poll(STARTUP_TIMEOUT_S) and self.connection.recv() == _READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise WorkerDidNotStart(f"the text extraction worker did not start (exit code {self.process.returncode})")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.connection.close()


class _Idle:
    """The children waiting for a file; one per concurrent caller is all that is ever made."""

    def __init__(self) -> None:
        self._children: list[_Child] = []
        self._lock = threading.Lock()

    def take(self) -> tuple[_Child, bool]:
        """A child, and whether it is new (a reused one may have exited while idle)."""
        with self._lock:
            while self._children:
                child = self._children.pop()
                if child.alive():
                    return child, False
                child.stop()
        return _Child(), True

    def give_back(self, child: _Child) -> None:
        with self._lock:
            self._children.append(child)

    def stop_all(self) -> None:
        with self._lock:
            children, self._children = self._children, []
        for child in children:
            child.stop()


_IDLE = _Idle()
atexit.register(_IDLE.stop_all)


def extract_within_budget(
    name: str, media_type: str | None, data: bytes, *, max_chars: int = 100_000, time_budget_s: float = 10.0
) -> ExtractedText:
    """`extract_text` in a worker process that is killed ``KILL_GRACE_S`` after the time budget.

    A killed read gives empty text marked `timed_out`; a crashed reader gives an error, as a
    parser's exception would. Plain text is read here: no child is needed for what cannot hang.
    """
    if reads_in_linear_time(name, media_type, data):
        # A round trip costs more than reading plain text, whose budget is checked line by line.
        return extract_text(name, media_type, data, max_chars=max_chars, time_budget_s=time_budget_s)
    request = (name, media_type, data, max_chars, time_budget_s)
    while True:
        child, new = _IDLE.take()
        try:
            child.connection.send(request)
            if not child.connection.poll(time_budget_s + KILL_GRACE_S):
                child.stop()
                return ExtractedText("", None, True, timed_out=True)
            result, retiring = child.connection.recv()
        except (EOFError, OSError):  # the child died: of this file, or of idleness before it came
            child.stop()
            if new:
                detail = f"the reader crashed (exit code {child.process.returncode})"
                return reader_failed(name, media_type, data, detail)
            continue
        if retiring:
            child.stop()
        else:
            _IDLE.give_back(child)
        return result


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])), float(sys.argv[2]))
