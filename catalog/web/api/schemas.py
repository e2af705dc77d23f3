"""The JSON API's parameters, request bodies and responses as marshmallow schemas.

The views parse with these and the OpenAPI document is made from them (``catalog.web.api.openapi``).
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate, validates_schema
from werkzeug.datastructures import FileStorage

from catalog.resources.limited_json import MAX_JSON_BYTES, JsonRefused, parse_json_limited
from catalog.resources.resource_schema import RESOURCE_ID
from catalog.search.facet_definitions import FACETS
from catalog.search.query_builder import MAX_SIZE, MAX_SORT_VALUES, SORTS
from catalog.uploads.service import MAX_FILES

REPEATABLE = frozenset({facet.name for facet in FACETS} | {"type"})
# The longest token encode_cursor makes is about 300 characters (four sort values, ids of up to 64).
MAX_CURSOR_CHARS = 1024
NOT_A_CURSOR = "is not a page token from a previous response"


def arguments_from(args) -> dict:
    """Query parameters (a werkzeug MultiDict): repeatable ones as lists, the rest as the last value."""
    return {key: values if key in REPEATABLE else values[-1] for key, values in args.to_dict(flat=False).items()}


def encode_cursor(search_after: list | None) -> str | None:
    """The opaque ``after`` token of the next page."""
    if not search_after:
        return None
    return base64.urlsafe_b64encode(json.dumps(search_after, ensure_ascii=False).encode()).decode()


class Cursor(fields.String):
    """The ``after`` token: a short list of sort values. Its fit to the sort is checked by ``SearchRequest``."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if len(text) > MAX_CURSOR_CHARS:
            raise ValidationError(NOT_A_CURSOR)
        try:
            decoded = parse_json_limited(
                base64.urlsafe_b64decode(text.encode("ascii")), "after", max_depth=1, max_bytes=MAX_CURSOR_CHARS
            )
        except (binascii.Error, ValueError):  # JsonRefused is a ValueError
            raise ValidationError(NOT_A_CURSOR) from None
        if (
            not isinstance(decoded, list)
            or not 1 <= len(decoded) <= MAX_SORT_VALUES
            or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in decoded)
        ):
            raise ValidationError(NOT_A_CURSOR)
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

    q = fields.String(
        load_default="",
        validate=validate.Length(max=200),
        metadata={"description": 'the query: words, "a phrase", -excluded'},
    )
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


# One repeatable parameter per facet (search/facet_definitions.py is the one list of them).
SearchParams = type(
    "SearchParams",
    (_SearchParams,),
    {
        "__doc__": "``GET /api/v1/search``: facet parameters repeat for several values (OR within a facet).",
        **{
            facet.name: fields.List(
                fields.String(
                    validate=validate.OneOf(("true", "false")) if facet.boolean else validate.Length(min=1, max=200)
                ),
                metadata={"description": f"{facet.label_zh} / {facet.label_en}"},
            )
            for facet in FACETS
        },
    },
)


class SuggestParams(Schema):
    class Meta:
        unknown = RAISE

    q = fields.String(required=True, validate=validate.Length(min=1, max=60))
    type = fields.List(fields.String(validate=validate.OneOf(("lesson", "study_tour", "practice_base"))))
    size = fields.Integer(load_default=8, validate=validate.Range(min=1, max=20))


PROVINCE_CODE = r"^[a-z]{2,8}$"


class ResourcePath(Schema):
    province = fields.String(required=True, validate=validate.Regexp(PROVINCE_CODE))
    resource_id = fields.String(required=True, validate=validate.Regexp(RESOURCE_ID))


# --- request bodies of the writes -------------------------------------------------------------


class UploadedFile(fields.Field):
    """One file part of a multipart request (documented as ``format: binary``)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, FileStorage):
            raise ValidationError("must be a file part of a multipart/form-data request")
        return value


class JsonObjectText(fields.Field):
    """A form part holding a JSON object (its part's content type is ``application/json``)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, (str, bytes)):
            raise ValidationError("需要一个 JSON 对象（edu-resource/1 中学校填写的字段）")
        try:
            loaded = parse_json_limited(value, attr or "metadata")
        except JsonRefused as refused:
            raise ValidationError(refused.reason) from None
        if not isinstance(loaded, dict):
            raise ValidationError("需要一个 JSON 对象（edu-resource/1 中学校填写的字段）")
        return loaded


def json_input(schema: Schema, request) -> dict:
    """Load a JSON request body with ``schema``, parsed within the size and depth limits. A body
    that is not sent as JSON loads as ``{}``, so the missing fields are named."""
    if not request.is_json:
        return schema.load({})
    # Never more than the limit into memory: a longer body is refused by its first bytes past it.
    return schema.load(parse_json_limited(request.stream.read(MAX_JSON_BYTES + 1), "body"))


def multipart_input(schema: Schema, form, files) -> dict:
    """Load a multipart request's parts with ``schema``: a list field takes every part of its name,
    any other field the last; file fields come from the file parts."""
    data = {}
    for name, field in schema.fields.items():
        single = field.inner if isinstance(field, fields.List) else field
        values = (files if isinstance(single, UploadedFile) else form).getlist(name)
        if not values and not isinstance(single, UploadedFile):
            # A part with its own content type (JSON from a browser's Blob) arrives as a file part.
            values = [part.read() for part in files.getlist(name)]
        if values:
            data[name] = values if isinstance(field, fields.List) else values[-1]
    return schema.load(data)


class UploadForm(Schema):
    """``POST /api/v1/uploads`` (multipart/form-data)."""

    class Meta:
        unknown = EXCLUDE  # parts of other names (a form's csrf_token) are not read

    metadata = JsonObjectText(
        required=True,
        metadata={
            "description": "the fields a school fills in, as edu-resource/1 names them (type, title, summary, "
            "subjects, stages, grades, lesson …); id, publisher, region, dates and files are the catalog's"
        },
    )
    files = fields.List(
        UploadedFile(),
        validate=validate.Length(max=MAX_FILES),
        metadata={"description": "the resource's files; their content decides their type"},
    )
    role = fields.List(
        fields.String(validate=validate.Length(max=40)),
        metadata={"description": "each file's role, in the order of `files` (default main)"},
    )
    large = fields.List(
        fields.String(validate=validate.Length(max=100)),
        metadata={"description": "tokens of completed direct-to-storage uploads to include (`/api/v1/uploads/large`)"},
    )


class BulkForm(Schema):
    """``POST /api/v1/uploads/bulk`` (multipart/form-data)."""

    class Meta:
        unknown = EXCLUDE

    archive = UploadedFile(
        required=True,
        metadata={
            "description": "a ZIP with manifest.csv, manifest.xlsx or manifest.json (one row per resource) "
            "and the files the rows name"
        },
    )
    manifest = UploadedFile(
        metadata={"description": "the manifest (.csv, .xlsx or .json) beside the ZIP instead of inside it"}
    )
    dry_run = fields.Boolean(
        load_default=False,
        metadata={"description": "check every row and report it (`ready` or `errors`); nothing is stored"},
    )


class LargeStart(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=255))
    size = fields.Integer(
        required=True,
        validate=validate.Range(min=-(2**63), max=2**63 - 1),
        metadata={"description": "the file's size in bytes"},
    )
    folder = fields.String(
        validate=validate.Length(max=64),
        metadata={"description": "the folder of an earlier large file, to keep the files of one resource together"},
    )


class LargePart(Schema):
    number = fields.Integer(required=True, validate=validate.Range(min=1, max=10_000))
    etag = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "the ETag storage answered the part's PUT with"},
    )


class LargeComplete(Schema):
    parts = fields.List(fields.Nested(LargePart), required=True, validate=validate.Length(min=1, max=10_000))


# What the database's INTEGER columns hold (PostgreSQL refuses more; SQLite would not say).
STORED_INTEGER = validate.Range(min=0, max=2**31 - 1)
FILE_NAMES = fields.List(
    fields.String(validate=validate.Length(min=1, max=255)),
    validate=validate.Length(max=MAX_FILES),
    metadata={"description": "names of the resource's files the new version leaves out"},
)
LARGE_TOKENS = fields.List(
    fields.String(validate=validate.Length(max=100)),
    metadata={"description": "tokens of completed direct-to-storage uploads to include (`/api/v1/uploads/large`)"},
)


class EditBody(Schema):
    """``PUT /api/v1/uploads/<province>/<id>`` as JSON: a new version with new metadata."""

    metadata = fields.Dict(required=True, metadata={"description": "the school's fields, as for an upload"})
    version = fields.Integer(
        required=True, validate=STORED_INTEGER, metadata={"description": "the decision version the school saw"}
    )
    remove_files = FILE_NAMES
    large = LARGE_TOKENS


class EditForm(Schema):
    """``PUT /api/v1/uploads/<province>/<id>`` as multipart/form-data: a new version with new
    metadata and files (a file of an existing name replaces it)."""

    class Meta:
        unknown = EXCLUDE

    metadata = JsonObjectText(required=True, metadata={"description": "the school's fields, as for an upload"})
    version = fields.Integer(
        required=True, validate=STORED_INTEGER, metadata={"description": "the decision version the school saw"}
    )
    files = fields.List(
        UploadedFile(),
        validate=validate.Length(max=MAX_FILES),
        metadata={"description": "files to add, or to replace the file of the same name"},
    )
    role = fields.List(
        fields.String(validate=validate.Length(max=40)),
        metadata={"description": "each file's role, in the order of `files` (default main)"},
    )
    remove_files = FILE_NAMES
    large = LARGE_TOKENS


class DecisionBody(Schema):
    action = fields.String(
        required=True, validate=validate.OneOf(("approve", "reject", "tags", "feature", "unfeature"))
    )
    version = fields.Integer(
        required=True, validate=STORED_INTEGER, metadata={"description": "the decision version the curator saw"}
    )
    resource_version = fields.Integer(
        validate=validate.Range(min=1, max=STORED_INTEGER.max),
        metadata={
            "description": "the version of the resource to approve or reject (required while one waits for review); "
            "without it, reject takes the live resource offline and approve puts it back"
        },
    )
    reason = fields.String(
        metadata={"description": "why a resource is rejected (2 to 1000 characters); the school sees it"}
    )
    tags = fields.List(fields.String(), metadata={"description": "the resource's curator tags, replacing the old ones"})


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
    other_version_count = fields.Integer(
        required=True,
        metadata={
            "description": "另有 N 个版本: resources with the same title and type, and a lesson's format (script, "
            "case, spacing and punctuation aside) shown once as this hit; 0 on pages reached with `after`, which list every version"
        },
    )
    other_versions = fields.List(
        fields.Nested(lambda: OtherVersionSchema()),
        required=True,
        metadata={"description": "the newest of those versions, at most 5"},
    )


class OtherVersionSchema(Schema):
    id = fields.String(required=True)
    province = fields.String(required=True)
    resource_id = fields.String(required=True)
    title = fields.String(required=True)
    publisher = fields.String(required=True)
    city = fields.String(required=True)
    published_at = fields.String(required=True)
    url = fields.String(required=True)


class FacetValueSchema(Schema):
    value = fields.String(required=True)
    count = fields.Integer(required=True)
    selected = fields.Boolean(required=True)


class UnderstoodSchema(Schema):
    facet = fields.String(
        required=True,
        metadata={
            "description": "the facet a word was read as (province, city, district, type, format, subject, stage, grade, "
            "edition, volume, theme, category), or english for an English word read as Chinese"
        },
    )
    value = fields.String(required=True, metadata={"description": "the facet value, or the Chinese of the English"})
    shown = fields.String(required=True, metadata={"description": "the value as a teacher reads it, e.g. 四川省"})
    typed = fields.String(required=True, metadata={"description": "the words the teacher typed"})
    remove_q = fields.String(required=True, metadata={"description": "the query without this reading"})


class SearchResponse(Schema):
    total = fields.Integer(
        required=True,
        metadata={
            "description": "results found: each title (and type) once, its versions collapsed into one hit; on "
            "pages reached with `after`, which list every version, every resource"
        },
    )
    hits = fields.List(fields.Nested(HitSchema), required=True)
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(FacetValueSchema)), required=True)
    next_page = fields.String(allow_none=True, required=True)
    understood = fields.List(
        fields.Nested(UnderstoodSchema),
        required=True,
        metadata={
            "description": "what the query's words were read as: places and kinds of resource lift the resources "
            "that have them instead of being required words; everyday and English spellings are also "
            "found as the vocabulary's values"
        },
    )
    related_results = fields.List(
        fields.Nested(HitSchema),
        required=True,
        metadata={
            "description": "相关结果: resources near the query that do not match it all, on the first page when the "
            "query found fewer than 3; never counted in total"
        },
    )
    did_you_mean = fields.String(
        allow_none=True,
        required=True,
        metadata={
            "description": "您是不是要找: when the query found fewer than 3 resources, the query with its typos "
            "corrected from the catalog's own title, keyword and unit terms (by characters or pinyin), offered "
            "only when it finds at least as much; null otherwise"
        },
    )


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
    resource = fields.Dict(
        required=True, metadata={"description": "the resource in the edu-resource/1 shape, plus province"}
    )
    related = fields.List(fields.Nested(HitSchema), required=True)


class SessionUser(Schema):
    email = fields.String(required=True)
    role = fields.String(required=True)
    school_id = fields.Integer(allow_none=True, required=True)


class SessionResponse(Schema):
    user = fields.Nested(SessionUser, allow_none=True, required=True, metadata={"description": "null: not signed in"})
    csrf_token = fields.String(required=True, metadata={"description": "send it as X-CSRFToken with every write"})


class SubmittedResponse(Schema):
    province = fields.String(required=True)
    resource_id = fields.String(required=True)
    review_state = fields.String(required=True)
    version = fields.Integer(required=True)
    indexed = fields.Boolean(
        required=True,
        metadata={
            "description": "whether the index changed now; a submission reaches the index only when a curator approves it"
        },
    )
    resource_version = fields.Integer(
        allow_none=True,
        required=True,
        metadata={
            "description": "the version this submission created; it waits for review while the approved one stays live"
        },
    )


class LargeStartedResponse(Schema):
    token = fields.String(required=True)
    folder = fields.String(required=True)
    part_bytes = fields.Integer(required=True)
    part_urls = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "PUT part n to the n-th URL; every part but the last is `part_bytes` long"},
    )
    version = fields.Integer(required=True, metadata={"description": "the draft version the file belongs to"})


class LargeCompletedResponse(Schema):
    token = fields.String(required=True)
    folder = fields.String(required=True)
    name = fields.String(required=True)
    media_type = fields.String(required=True)
    size = fields.Integer(required=True)
    version = fields.Integer(required=True)


class UtcDateTime(fields.DateTime):
    """A time the catalog stored in UTC, answered with its offset (SQLite gives it back without one)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class VersionSchema(Schema):
    number = fields.Integer(required=True)
    state = fields.String(
        required=True,
        metadata={"description": "draft, submitted (waiting for review), approved, rejected, superseded or withdrawn"},
    )
    title = fields.String(allow_none=True, required=True)
    reason = fields.String(allow_none=True, required=True, metadata={"description": "why it was rejected"})
    submitted_at = UtcDateTime(allow_none=True, required=True)
    decided_at = UtcDateTime(allow_none=True, required=True)
    document = fields.Dict(
        allow_none=True, required=True, metadata={"description": "the resource.json approval publishes, exactly"}
    )


class VersionsResponse(Schema):
    review_state = fields.String(required=True)
    live_version = fields.Integer(allow_none=True, required=True)
    version = fields.Integer(required=True, metadata={"description": "the decision version to send with a save"})
    versions = fields.List(fields.Nested(VersionSchema), required=True, metadata={"description": "newest first"})


class BulkCreatedRow(Schema):
    row = fields.Integer(required=True)
    title = fields.String(required=True)
    resource_id = fields.String(required=True)


class BulkRefusedRow(Schema):
    row = fields.Integer(required=True)
    title = fields.String(required=True)
    fields = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True)


class BulkReadyRow(Schema):
    row = fields.Integer(required=True)
    title = fields.String(required=True)
    type = fields.String(required=True)
    files = fields.List(fields.String(), required=True)


class BulkResponse(Schema):
    created = fields.List(fields.Nested(BulkCreatedRow), required=True)
    errors = fields.List(fields.Nested(BulkRefusedRow), required=True)
    ready = fields.List(
        fields.Nested(BulkReadyRow), metadata={"description": "dry_run: the rows that would be created"}
    )


class RestoredResponse(Schema):
    review_state = fields.String(
        required=True, metadata={"description": "published: the version live before is live again; pending"}
    )
    live_version = fields.Integer(allow_none=True, required=True)
    indexed = fields.Boolean(required=True, metadata={"description": "false: the next sync indexes it"})


class DecisionSavedResponse(Schema):
    version = fields.Integer(required=True)
    indexed = fields.Boolean(required=True)


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
