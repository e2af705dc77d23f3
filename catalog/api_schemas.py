"""The JSON API's parameters and responses as marshmallow schemas (the OpenAPI document's source)."""
from __future__ import annotations

import base64
import binascii
import json

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from catalog.facets import FACETS
from catalog.resource_schema import RESOURCE_ID
from catalog.search_query import MAX_SIZE, SORTS


REPEATABLE = frozenset({facet.name for facet in FACETS} | {"type"})


def arguments_from(args) -> dict:
    """Query parameters (a werkzeug MultiDict): repeatable ones as lists, the rest as the last value."""
    return {key: values if key in REPEATABLE else values[-1] for key, values in args.to_dict(flat=False).items()}


def encode_cursor(search_after: list | None) -> str | None:
    """The opaque ``after`` token of the next page."""
    if not search_after:
        return None
    return base64.urlsafe_b64encode(json.dumps(search_after, ensure_ascii=False).encode()).decode()


class Cursor(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            decoded = json.loads(base64.urlsafe_b64decode(text.encode()))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise ValidationError("is not a page token from a previous response") from None
        if not isinstance(decoded, list) or not all(isinstance(v, (str, int, float)) for v in decoded):
            raise ValidationError("is not a page token from a previous response")
        return decoded


class LatLon(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            lat, lon = (float(part) for part in text.split(","))
        except ValueError:
            raise ValidationError("must be lat,lon such as 29.56,106.55") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValidationError("latitude must be within -90..90 and longitude within -180..180")
        return lat, lon


class _SearchParams(Schema):

    class Meta:
        unknown = RAISE

    q = fields.String(load_default="", validate=validate.Length(max=200), metadata={"description": "the query: words, \"a phrase\", -excluded"})
    near = LatLon(metadata={"description": "lat,lon of the teacher's place"})
    radius_km = fields.Float(validate=validate.Range(min=0, min_inclusive=False, max=20_000))
    sort = fields.String(load_default="relevance", validate=validate.OneOf(SORTS))
    size = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_SIZE))
    after = Cursor(metadata={"description": "the next_page token of the previous response"})

    @validates_schema
    def _place_rules(self, data, **kwargs):
        if "radius_km" in data and "near" not in data:
            raise ValidationError("needs near", "radius_km")
        if data.get("sort") == "distance" and "near" not in data:
            raise ValidationError("distance needs near", "sort")


# One repeatable parameter per facet (facets.py is the one list of them).
SearchParams = type("SearchParams", (_SearchParams,), {
    "__doc__": "``GET /api/v1/search``: facet parameters repeat for several values (OR within a facet).",
    **{facet.name: fields.List(
        fields.String(validate=validate.OneOf(("true", "false")) if facet.boolean else validate.Length(min=1, max=200)),
        metadata={"description": f"{facet.label_zh} / {facet.label_en}"}) for facet in FACETS},
})


class SuggestParams(Schema):
    class Meta:
        unknown = RAISE

    q = fields.String(required=True, validate=validate.Length(min=1, max=60))
    type = fields.List(fields.String(validate=validate.OneOf(("lesson", "study_tour", "practice_base"))))
    size = fields.Integer(load_default=8, validate=validate.Range(min=1, max=20))


class ResourcePath(Schema):
    province = fields.String(required=True, validate=validate.Regexp(r"^[a-z]{2,8}$"))
    resource_id = fields.String(required=True, validate=validate.Regexp(RESOURCE_ID))


# --- responses ------------------------------------------------------------------------------

class HitSchema(Schema):
    id = fields.String(required=True)
    province = fields.String(required=True)
    resource_id = fields.String(required=True)
    type = fields.String(required=True)
    title_html = fields.String(required=True, metadata={"description": "escaped HTML with <mark> around matches"})
    snippets_html = fields.List(fields.String(), required=True)
    subjects = fields.List(fields.String(), required=True)
    stages = fields.List(fields.String(), required=True)
    grades = fields.List(fields.String(), required=True)
    publisher = fields.String(required=True)
    distance_km = fields.Float(allow_none=True, required=True)
    url = fields.String(required=True)


class FacetValueSchema(Schema):
    value = fields.String(required=True)
    count = fields.Integer(required=True)
    selected = fields.Boolean(required=True)


class SearchResponse(Schema):
    total = fields.Integer(required=True)
    hits = fields.List(fields.Nested(HitSchema), required=True)
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(FacetValueSchema)), required=True)
    next_page = fields.String(allow_none=True, required=True)


class SuggestionSchema(Schema):
    text = fields.String(required=True)
    type = fields.String(required=True)
    id = fields.String(allow_none=True, required=True)


class SuggestResponse(Schema):
    suggestions = fields.List(fields.Nested(SuggestionSchema), required=True)


class BrowseNodeSchema(Schema):
    level = fields.String(required=True)
    value = fields.String(required=True)
    count = fields.Integer(required=True)
    children = fields.List(fields.Nested(lambda: BrowseNodeSchema()))


class BrowseResponse(Schema):
    tree = fields.List(fields.Nested(BrowseNodeSchema), required=True)


class ResourceResponse(Schema):
    resource = fields.Dict(required=True, metadata={"description": "the resource in the edu-resource/1 shape, plus province"})
    related = fields.List(fields.Nested(HitSchema), required=True)


class ErrorBody(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    fields = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class ErrorResponse(Schema):
    error = fields.Nested(ErrorBody, required=True)


class NoParams(Schema):
    """An endpoint without parameters: any given is named in a 400."""

    class Meta:
        unknown = RAISE
