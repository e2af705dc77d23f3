"""The catalog's JSON API over urllib, with an API token: JSON and multipart requests, and raw PUTs of
large-file parts to the storage's presigned URLs."""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass

TIMEOUT = 300  # seconds; a part is 8 MiB


@dataclass(frozen=True)
class Answer:
    status: int
    body: object  # the decoded JSON, or None
    headers: dict


class Unreachable(Exception):
    """The catalog (or the storage) did not answer at all."""


def field_errors(answer: Answer) -> dict[str, list[str]]:
    """The API's ``error.fields`` (each field and why), or the error's message under ``request``."""
    error = answer.body.get("error", {}) if isinstance(answer.body, dict) else {}
    fields = error.get("fields")
    if isinstance(fields, dict) and fields:
        return {
            str(name): [str(r) for r in (reasons if isinstance(reasons, list) else [reasons])]
            for name, reasons in fields.items()
        }
    return {"request": [f"HTTP {answer.status}: {error.get('message') or 'no JSON answer'}"]}


def multipart(fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body: (name, text) fields and (name, file name, bytes) files; and its type."""
    boundary = "catalog-client-" + secrets.token_hex(12)
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode())
    for name, filename, data in files:
        quoted = filename.replace("\\", "\\\\").replace('"', '\\"')
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{quoted}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + data)
    body = b"\r\n".join(parts) + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


class CatalogApi:
    def __init__(self, url: str, token: str):
        self.root = url.rstrip("/")
        self.token = token

    def _send(self, request: urllib.request.Request) -> Answer:
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return Answer(response.status, _json(response.read()), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, _json(error.read()), dict(error.headers))
        except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
            raise Unreachable(f"{request.full_url}: {getattr(error, 'reason', error)}") from None

    def call(
        self, method: str, path: str, *, json_body=None, body: bytes | None = None, content_type: str = ""
    ) -> Answer:
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if json_body is not None:
            body, content_type = json.dumps(json_body, ensure_ascii=False).encode(), "application/json"
        if content_type:
            headers["Content-Type"] = content_type
        return self._send(urllib.request.Request(self.root + path, data=body, method=method, headers=headers))

    def put_part(self, url: str, data: bytes) -> str | None:
        """PUT one part to its presigned URL (no token: the signature is the credential); its ETag, or None
        when the storage refused it (an expired URL)."""
        answer = self._send(urllib.request.Request(url, data=data, method="PUT"))
        etag = next((v for k, v in answer.headers.items() if k.lower() == "etag"), None)
        return etag if answer.status == 200 and etag else None


def _json(raw: bytes):
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None
