"""Response headers that keep the pages safe by default: a CSP with no inline script, no framing,
no content sniffing. The only other origins allowed are the provinces' storage (previews,
downloads, direct uploads) and the configured map tiles."""

from __future__ import annotations

from urllib.parse import urlsplit


def origin(url: str) -> str | None:
    """``scheme://host[:port]`` of ``url``; a tile template's ``{s}`` subdomain becomes ``*.``."""
    parts = urlsplit(url.replace("{s}", "SUBDOMAIN"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.netloc.rsplit("@", 1)[-1]
    if "SUBDOMAIN" in host:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def content_security_policy(settings) -> str:
    storage = sorted({o for p in settings.provinces for o in [origin(p.public_endpoint_url or p.endpoint_url)] if o})
    tiles = [o for o in [origin(settings.map_tile_url)] if o] if settings.map_tile_url else []
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *storage, *tiles],
        "media-src": ["'self'", *storage],
        "frame-src": ["'self'", *storage],
        "connect-src": ["'self'", *storage],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def init_security_headers(app, settings) -> None:
    policy = content_security_policy(settings)
    fixed = {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
    }

    @app.after_request
    def _headers(response):
        for name, value in fixed.items():
            response.headers.setdefault(name, value)
        return response
