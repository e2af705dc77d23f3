"""A threaded HTTP proxy in front of one real S3 endpoint that can break its listings on purpose.

Requests pass through unchanged, Host header included: boto3 signs SigV4 for the host it
connects to (the proxy), and the storage checks the signature against the Host it receives.
ListObjectsV2 requests (GET on the bucket with ``list-type=2``) are counted; once armed, the
proxy answers every listing from page ``from_page`` on in one of these ways:

- ``drop``: close the connection without a response;
- ``status-500`` / ``status-503``: an S3 error document with that status;
- ``truncated-without-token``: 200 with ``IsTruncated=true``, no ``NextContinuationToken`` and no keys;
- ``silent-end``: 200 with ``IsTruncated=false`` and no keys, a well-formed last page;
- ``error-with-200``: an S3 error document (InternalError) with status 200, as S3 may send;
- ``cut-body``: 200 with the first half of the page, as a connection that broke mid-body would leave.

``arm_reads`` breaks object GETs instead (from the ``from_read``-th, every one or ``times`` of them):
``drop``, ``status-500``, ``status-503``, or ``short-body`` (the object's Content-Length, then half its
bytes and a closed connection).
"""

from __future__ import annotations

import http.client
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FAULTS = ("drop", "status-500", "status-503", "truncated-without-token", "silent-end", "error-with-200", "cut-body")
READ_FAULTS = ("drop", "status-500", "status-503", "short-body")
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}

ERROR_BODY = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message>'
    "<Resource>{resource}</Resource><RequestId>proxy</RequestId></Error>"
)
ERRORS = {
    500: ("InternalError", "We encountered an internal error. Please try again."),
    503: ("ServiceUnavailable", "Please reduce your request rate."),
}


def is_listing(method: str, path: str) -> bool:
    """ListObjectsV2: a GET on the bucket itself (path-style addressing) with ``list-type=2``."""
    parts = urlsplit(path)
    return method == "GET" and "/" not in parts.path.strip("/") and parse_qs(parts.query).get("list-type") == ["2"]


def is_object_get(method: str, path: str) -> bool:
    """A GET of one object: path-style, a key after the bucket."""
    return method == "GET" and "/" in urlsplit(path).path.strip("/")


def rewrite_listing(xml: bytes, *, truncated: bool) -> bytes:
    """The same ListBucketResult with every key removed, no continuation token and ``truncated``."""
    text = xml.decode("utf-8")
    text = re.sub(r"<Contents>.*?</Contents>", "", text, flags=re.DOTALL)
    text = re.sub(r"<NextContinuationToken>.*?</NextContinuationToken>", "", text, flags=re.DOTALL)
    text = re.sub(r"<KeyCount>\d+</KeyCount>", "<KeyCount>0</KeyCount>", text)
    text = re.sub(r"<IsTruncated>\w+</IsTruncated>", f"<IsTruncated>{str(truncated).lower()}</IsTruncated>", text)
    return text.encode("utf-8")


class S3FaultProxy:
    """``with S3FaultProxy("http://127.0.0.1:8343") as proxy:`` then point a province at ``proxy.url``."""

    def __init__(self, upstream_url: str):
        upstream = urlsplit(upstream_url)
        self.upstream_host, self.upstream_port = upstream.hostname, upstream.port or 80
        self._lock = threading.Lock()
        self.fault: str | None = None
        self.from_page = 2
        self.listings = 0  # ListObjectsV2 requests received since the last arm()/disarm()
        self.faults_served = 0
        self.read_fault: str | None = None
        self.first_faulty_read = 1
        self.read_faults_left: int | None = None  # None: every object GET from the first faulty one
        self.object_gets = 0  # object GETs received since the last arm_reads()/disarm()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="s3-fault-proxy", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def arm(self, fault: str, *, from_page: int = 2) -> None:
        """Misbehave on listing request number ``from_page`` and every one after it."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; one of {', '.join(FAULTS)}")
        with self._lock:
            self.fault, self.from_page, self.listings, self.faults_served = fault, from_page, 0, 0

    def arm_reads(self, fault: str, *, from_read: int = 1, times: int | None = None) -> None:
        """Misbehave on object GET number ``from_read`` (retries count) and the ``times`` - 1 after it
        (every one after it when None)."""
        if fault not in READ_FAULTS:
            raise ValueError(f"unknown read fault {fault!r}; one of {', '.join(READ_FAULTS)}")
        with self._lock:
            self.read_fault, self.first_faulty_read, self.read_faults_left = fault, from_read, times
            self.object_gets, self.faults_served = 0, 0

    def disarm(self) -> None:
        with self._lock:
            self.fault, self.listings, self.faults_served = None, 0, 0
            self.read_fault, self.read_faults_left, self.object_gets = None, None, 0

    def _fault_for(self, method: str, path: str) -> str | None:
        if is_object_get(method, path):
            with self._lock:
                self.object_gets += 1
                if self.read_fault is None or self.object_gets < self.first_faulty_read or self.read_faults_left == 0:
                    return None
                if self.read_faults_left is not None:
                    self.read_faults_left -= 1
                self.faults_served += 1
                return self.read_fault
        if not is_listing(method, path):
            return None
        with self._lock:
            self.listings += 1
            if self.fault and self.listings >= self.from_page:
                self.faults_served += 1
                return self.fault
            return None

    def __enter__(self) -> S3FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            # HTTP/1.1 so botocore's pooled keep-alive connections behave as with the real endpoint.
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):  # the test output is not the place for access logs
                pass

            def _forward(self) -> tuple[int, str, list[tuple[str, str]], bytes]:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                upstream = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=30)
                try:
                    upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                    for name, value in self.headers.items():  # Host included: the signature covers it
                        if name.lower() not in HOP_BY_HOP:
                            upstream.putheader(name, value)
                    upstream.endheaders(body)
                    response = upstream.getresponse()
                    return response.status, response.reason, response.getheaders(), response.read()
                finally:
                    upstream.close()

            def _reply(self, status: int, reason: str, headers, body: bytes) -> None:
                self.send_response_only(status, reason)
                for name, value in headers:
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                # HEAD answers carry the object's length and no body.
                upstream_length = next((v for k, v in headers if k.lower() == "content-length"), None)
                self.send_header(
                    "Content-Length", (upstream_length or "0") if self.command == "HEAD" else str(len(body))
                )
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _handle(self) -> None:
                fault = proxy._fault_for(self.command, self.path)
                if fault == "drop":
                    self.close_connection = True  # no status line, no headers: the socket just closes
                    return
                if fault in ("status-500", "status-503", "error-with-200"):
                    error = 500 if fault == "error-with-200" else int(fault.removeprefix("status-"))
                    status = 200 if fault == "error-with-200" else error
                    code, message = ERRORS[error]
                    body = ERROR_BODY.format(code=code, message=message, resource=urlsplit(self.path).path).encode()
                    self._reply(status, http.client.responses[status], [("Content-Type", "application/xml")], body)
                    return
                status, reason, headers, body = self._forward()
                if fault in ("truncated-without-token", "silent-end") and status == 200:
                    if any(k.lower() == "content-encoding" and v.lower() not in ("", "identity") for k, v in headers):
                        raise RuntimeError("the proxy cannot rewrite an encoded listing")
                    body = rewrite_listing(body, truncated=fault == "truncated-without-token")
                if fault == "short-body":
                    self.send_response_only(status, reason)
                    for name, value in headers:
                        if name.lower() not in HOP_BY_HOP:
                            self.send_header(name, value)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.close_connection = True
                    return
                if fault == "cut-body" and status == 200:
                    body = body[: len(body) // 2]
                self._reply(status, reason, headers, body)

            do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = _handle

        return Handler
