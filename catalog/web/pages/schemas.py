"""The pages' query parameters: the API's search parameters plus page numbers and a place."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate, validates_schema

from catalog.resources.districts import find_district
from catalog.resources.vocabularies import RESOURCE_TYPES
from catalog.search.query_builder import MAX_RESULT_WINDOW
from catalog.web.api.schemas import LatLon, SearchParams

PAGE_SIZE = 20
MAX_PAGE = MAX_RESULT_WINDOW // PAGE_SIZE


class District(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        key = super()._deserialize(value, attr, data, **kwargs)
        if not find_district(key):
            raise ValidationError("is not a district in the list; choose one from the list")
        return key


class _PlaceParams(Schema):
    @pre_load
    def _blank_means_absent(self, data, **kwargs):
        """An HTML form sends an untouched select or field as an empty value."""
        return {key: value for key, value in data.items() if value not in ("", [""]) or key == "q"}

    place = District(metadata={"description": "a district key such as 重庆市渝中区"})
    near = LatLon()


class PageSearchParams(SearchParams, _PlaceParams):
    """``/search``: the API's parameters, numbered pages, and ``place`` as another way to say ``near``."""

    class Meta:
        # A shared link may carry tracking parameters; the page ignores what it does not know.
        unknown = EXCLUDE

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))

    @validates_schema
    def _place_rules(self, data, **kwargs):
        # ``place`` counts as ``near`` for the radius and the distance sort.
        if "place" in data and "near" not in data:
            data = {**data, "near": "place"}
        return super()._place_rules(data, **kwargs)


class NearParams(_PlaceParams):
    """``/near``: practice bases and study tours around a place."""

    class Meta:
        unknown = EXCLUDE

    type = fields.List(fields.String(validate=validate.OneOf(RESOURCE_TYPES)))
    radius_km = fields.Float(validate=validate.Range(min=0, min_inclusive=False, max=20_000))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))


class ResourcePageParams(_PlaceParams):
    class Meta:
        unknown = EXCLUDE


class BlankMeansAbsent(Schema):
    """Filters from a form: a blank field (an untouched select) means no filter; unknown ones are ignored."""

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def _blank_means_absent(self, data, **kwargs):
        return {key: value for key, value in data.items() if value not in ("", [""])}


class AuditLogParams(BlankMeansAbsent):
    """``/curation/audit``: the log's filters; blank fields mean no filter."""

    actor = fields.String(validate=validate.Length(max=254))
    action = fields.String(validate=validate.Length(max=40))
    province = fields.String(validate=validate.Regexp(r"^[a-z]{2,8}$"))
    resource_id = fields.String(validate=validate.Length(max=64))
    since = fields.Date()
    until = fields.Date()
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
