"""wrk (Debian's ``/usr/bin/wrk``) as the load generator: its script, one run, its summary.

The Lua side is ``benchmarks/wrk_cycle.lua``; the requests to cycle through are written above
it as a Lua table, and its ``done()`` prints one ``WRK-SUMMARY {json}`` line, parsed here.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

WRK = Path("/usr/bin/wrk")
CYCLE_SCRIPT = Path(__file__).with_name("wrk_cycle.lua")
SUMMARY_MARK = "WRK-SUMMARY "
# A slow answer is a latency figure, not an error: wrk's default of 2 s would count it as one.
TIMEOUT_S = 10


class WrkFailed(RuntimeError):
    """wrk exited non-zero or printed no summary."""


@dataclass(frozen=True)
class WrkRequest:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None


@dataclass(frozen=True)
class WrkSummary:
    """What one wrk run saw; latencies in microseconds, as wrk counts them."""

    duration_us: int
    requests: int
    bytes: int
    non_2xx: int
    errors: dict[str, int]
    latency_us: dict[str, float]

    @property
    def seconds(self) -> float:
        return self.duration_us / 1e6

    @property
    def ok_per_second(self) -> float:
        """2xx responses per second: an error answered fast must not count as throughput."""
        return (self.requests - self.non_2xx) / self.seconds if self.duration_us else 0.0

    @property
    def socket_errors(self) -> int:
        """Failed connects, reads and writes and timed-out requests (wrk's socket errors)."""
        return sum(self.errors.get(kind, 0) for kind in ("connect", "read", "write", "timeout"))

    def latency_ms(self, name: str) -> float:
        return self.latency_us[name] / 1000

    def as_dict(self) -> dict:
        return {
            "duration_us": self.duration_us,
            "requests": self.requests,
            "bytes": self.bytes,
            "non_2xx": self.non_2xx,
            "errors": self.errors,
            "latency_us": self.latency_us,
        }


def lua_string(text: str) -> str:
    """A Lua 5.1 string literal for ``text``: UTF-8 bytes outside printable ASCII as ``\\ddd``."""
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if char in '"\\' or not 32 <= byte < 127:
            out.append(f"\\{byte:03d}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _lua_request(request: WrkRequest) -> str:
    headers = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in request.headers.items())
    body = "nil" if request.body is None else lua_string(request.body)
    return (
        f"  {{method = {lua_string(request.method)}, path = {lua_string(request.path)}, "
        f"headers = {{{headers}}}, body = {body}}},"
    )


def wrk_script(requests: list[WrkRequest]) -> str:
    """The whole script: ``REQUESTS = {...}`` followed by ``wrk_cycle.lua``."""
    if not requests:
        raise ValueError("wrk needs at least one request to cycle through")
    table = "\n".join(["REQUESTS = {", *(_lua_request(r) for r in requests), "}", ""])
    return table + "\n" + CYCLE_SCRIPT.read_text(encoding="utf-8")


def parse_summary(output: str) -> WrkSummary:
    """The summary line of wrk's standard output."""
    for line in output.splitlines():
        if line.startswith(SUMMARY_MARK):
            data = json.loads(line[len(SUMMARY_MARK) :])
            return WrkSummary(
                duration_us=int(data["duration_us"]),
                requests=int(data["requests"]),
                bytes=int(data["bytes"]),
                non_2xx=int(data["non_2xx"]),
                errors={k: int(v) for k, v in data["errors"].items()},
                latency_us={k: float(v) for k, v in data["latency_us"].items()},
            )
    raise WrkFailed(f"no {SUMMARY_MARK.strip()} line in wrk's output:\n{output[-2000:]}")


def run_wrk(base_url: str, requests: list[WrkRequest], seconds: int, connections: int, threads: int = 1) -> WrkSummary:
    """Drive ``base_url`` for ``seconds`` with ``connections`` kept-alive connections."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", encoding="utf-8") as script:
        script.write(wrk_script(requests))
        script.flush()
        command = [
            str(WRK),
            f"--threads={threads}",
            f"--connections={max(connections, threads)}",
            f"--duration={seconds}s",
            f"--timeout={TIMEOUT_S}s",
            f"--script={script.name}",
            base_url,
        ]
        done = subprocess.run(
            command, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=seconds + TIMEOUT_S + 30
        )
    if done.returncode != 0:
        raise WrkFailed(f"wrk exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return parse_summary(done.stdout)
