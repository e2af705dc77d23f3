"""Proxies that let a test stop an indexer run at a chosen request, fail a storage's reads, or take
Elasticsearch away from one indexer, without touching the shared services.

- ``GatedS3Proxy``: ``S3FaultProxy`` that can also hold chosen requests until the test releases
  them (a run paused at a known point).
- ``CuttableProxy``: a TCP forwarder in front of Elasticsearch; ``cut()`` closes every connection
  and refuses new ones, as an engine that went down would; ``restore()`` brings it back.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from urllib.parse import urlsplit

from tests.s3_proxy import S3FaultProxy, is_listing


class Gate:
    """Holds the requests ``matches(method, path)`` picks until ``release()``."""

    def __init__(self, matches: Callable[[str, str], bool]):
        self.matches = matches
        self.arrived = threading.Event()
        self.released = threading.Event()

    def wait_until_reached(self, timeout: float = 120) -> None:
        if not self.arrived.wait(timeout):
            raise AssertionError("the run never reached the gate")

    def release(self) -> None:
        self.released.set()


def reads_of(key_end: str, method: str = "GET") -> Callable[[str, str], bool]:
    """Requests ``method`` of an object whose key ends with ``key_end``."""
    return lambda m, path: m == method and not is_listing(m, path) and urlsplit(path).path.endswith(key_end)


class GatedS3Proxy(S3FaultProxy):
    def __init__(self, upstream_url: str):
        super().__init__(upstream_url)
        self.gates: list[Gate] = []

    def gate(self, matches: Callable[[str, str], bool]) -> Gate:
        gate = Gate(matches)
        self.gates.append(gate)
        return gate

    def _fault_for(self, method: str, path: str) -> str | None:
        for gate in self.gates:
            if not gate.released.is_set() and gate.matches(method, path):
                gate.arrived.set()
                gate.released.wait(timeout=300)
        return super()._fault_for(method, path)

    def __exit__(self, *exc_info) -> None:
        for gate in self.gates:  # a held request must not keep the server from shutting down
            gate.release()
        super().__exit__(*exc_info)


class CuttableProxy:
    """``with CuttableProxy("http://127.0.0.1:9250") as proxy:`` then give an indexer ``proxy.url``."""

    def __init__(self, upstream_url: str):
        upstream = urlsplit(upstream_url)
        self.scheme = upstream.scheme
        self.upstream = (upstream.hostname, upstream.port or 80)
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True, name="es-proxy").start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = socket.create_connection(self.upstream, timeout=10)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self) -> None:
        """Every connection closed, new ones refused: the engine is gone for whoever uses the proxy."""
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._sockets = self._sockets, set()
        if listener:
            try:  # wakes the thread blocked in accept(); close() alone would let it accept again
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        for end in sockets:
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            end.close()

    def restore(self) -> None:
        self._listen()

    def __enter__(self) -> CuttableProxy:
        self._listen()
        return self

    def __exit__(self, *exc_info) -> None:
        self.cut()
