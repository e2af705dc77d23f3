"""What crawlers read: ``/robots.txt``, the ``/sitemap.xml`` index and one sitemap per province and page.

Only published resources are listed (what a teacher sees without signing in); a province's sitemap is
cut into pages of at most 50,000 URLs, the protocol's limit (sitemaps.org/protocol.html).
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from flask import Blueprint, Response, abort, current_app, request, url_for

from catalog.search.published_listing import province_listing, published_page
from catalog.web.request_services import app_alias, app_client

sitemaps = Blueprint("sitemaps", __name__)
MAX_URLS = 50_000
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Pages a crawler has no business in: sign-in areas and the JSON API's writes (reads stay crawlable).
DISALLOWED = ("/school", "/curation", "/login", "/api/v1/session", "/api/v1/uploads", "/api/v1/curation")


def _urls_per_page() -> int:
    """50,000; tests set ``SITEMAP_URLS_PER_PAGE`` smaller to see the split without 50,001 resources."""
    return current_app.config.get("SITEMAP_URLS_PER_PAGE", MAX_URLS)


def _xml(body: str) -> Response:
    response = Response(f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n', mimetype="application/xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def _entry(tag: str, loc: str, lastmod: str | None) -> str:
    changed = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
    return f"<{tag}><loc>{escape(loc)}</loc>{changed}</{tag}>"


def _province_sitemap_url(province: str, page: int) -> str:
    extra = {"page": page} if page > 1 else {}
    return url_for("sitemaps.province_sitemap", province=province, _external=True, **extra)


@sitemaps.get("/robots.txt")
def robots_txt():
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    lines.append(f"Sitemap: {url_for('sitemaps.sitemap_index', _external=True)}")
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


@sitemaps.get("/sitemap.xml")
def sitemap_index():
    entries = []
    for province in current_app.config["SETTINGS"].provinces:
        listing = province_listing(app_client(), app_alias(), province.code)
        # A province with nothing published has no sitemap: the protocol wants at least one URL in each.
        for page in range(1, math.ceil(listing.count / _urls_per_page()) + 1):
            entries.append(_entry("sitemap", _province_sitemap_url(province.code, page), listing.last_changed))
    return _xml(f'<sitemapindex xmlns="{NAMESPACE}">{"".join(entries)}</sitemapindex>')


# At the root: a sitemap may list only URLs under its own folder (sitemaps.org), and pages live under /resources.
@sitemaps.get("/sitemap-<province>.xml")
def province_sitemap(province: str):
    page = request.args.get("page", "1")
    if current_app.config["SETTINGS"].province(province) is None or not page.isdigit() or int(page) < 1:
        abort(404)
    listed = published_page(app_client(), app_alias(), province, int(page), _urls_per_page())
    if not listed:
        abort(404)
    entries = [
        _entry(
            "url",
            url_for("resource_pages.resource_page", province=province, resource_id=item.resource_id, _external=True),
            item.last_changed,
        )
        for item in listed
    ]
    return _xml(f'<urlset xmlns="{NAMESPACE}">{"".join(entries)}</urlset>')
