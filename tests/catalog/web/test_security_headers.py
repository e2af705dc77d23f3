"""Every response carries the headers that keep pages safe: CSP without inline script, no framing."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from catalog.provinces import Province
from catalog.web.security_headers import content_security_policy, origin

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split("; "))}


def test_origins_of_storage_and_tile_templates():
    assert origin("http://127.0.0.1:8343") == "http://127.0.0.1:8343"
    assert origin("https://s3.cq.example.cn/bucket?x=1") == "https://s3.cq.example.cn"
    assert origin("https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}") == "https://*.is.autonavi.com"
    assert origin("") is None and origin("javascript:alert(1)") is None


def test_the_policy_allows_no_inline_script_and_only_the_storage_and_tiles(settings):
    tiled = dataclasses.replace(settings, map_tile_url="https://tiles.example.cn/{z}/{x}/{y}.png")
    policy = directives(content_security_policy(tiled))
    storage = {origin(p.public_endpoint_url or p.endpoint_url) for p in settings.provinces}
    assert policy["script-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert set(policy["connect-src"]) == {"'self'", *storage}  # direct uploads, nothing else
    assert "https://tiles.example.cn" in policy["img-src"] and "https://tiles.example.cn" not in policy["connect-src"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_responses_carry_the_headers(app_factory):
    client = app_factory().test_client()
    for path in ("/login", "/healthz", "/api/v1/session", "/no-such-page"):
        headers = client.get(path).headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path


def test_no_template_has_inline_script_or_event_handlers():
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        # A JSON-LD data block is never executed, so the CSP does not concern it (resource_base.html).
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", text), (
            f"{template.name}: inline <script>"
        )
        assert not re.search(r"\son[a-z]+=", text), f"{template.name}: inline event handler"
        assert "style=" not in text, f"{template.name}: inline style"


def test_province_storage_origins_prefer_the_public_address():
    province = Province(
        code="cq",
        name="重庆市",
        endpoint_url="http://s3-cq:9000",
        region="us-east-1",
        bucket="b",
        prefix="",
        public_endpoint_url="https://s3.cq.example.cn",
        access_key="a",
        secret_key="s",
    )
    settings = type("S", (), {"provinces": (province,), "map_tile_url": ""})()
    assert "https://s3.cq.example.cn" in content_security_policy(settings)
    assert "s3-cq:9000" not in content_security_policy(settings)
