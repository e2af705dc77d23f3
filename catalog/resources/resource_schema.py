"""Read and validate a `resource.json` in the `edu-resource/1` format (spec/resource-format.md).

Every rejection carries reasons of the form ``"<dotted.field.path>: <what to fix>"``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from itertools import accumulate

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate, validates_schema

from catalog.messages import N_
from catalog.resources.vocabularies import FILE_ROLES, PUBLISHER_KINDS, RESOURCE_TYPES

FORMAT_VERSION = "edu-resource/1"
# The fields a school decides when it uploads or edits; id, publisher, region, dates and files
# are the catalog's (uploads) and what a curator compares besides them (curation).
SCHOOL_FIELDS = (
    "type",
    "title",
    "summary",
    "keywords",
    "subjects",
    "stages",
    "grades",
    "language",
    "license",
    "lesson",
    "study_tour",
    "practice_base",
)
RESOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\Z")
MAX_DOCUMENT_BYTES = 1024 * 1024
MAX_NESTING = 32
TYPE_LABELS = {"lesson": "a lesson", "study_tour": "a study tour", "practice_base": "a practice base"}


class ResourceRejected(ValueError):
    """A resource.json that cannot be indexed, with one reason per problem."""

    def __init__(self, reasons: list[str], fields: dict[str, list[str]] | None = None):
        self.reasons = list(reasons)
        self.fields = fields  # the schema's reasons by dotted field, each still translatable
        super().__init__("; ".join(self.reasons))

    def __str__(self) -> str:
        return "; ".join(self.reasons)


# --- fields whose messages a publisher can act on ------------------------------------

# The reasons read in English (the indexer's reports); each carries a Chinese id the web layer translates.
FRIENDLY = {"required": N_("必填", text="required"), "null": N_("不能是空值（null）", text="must not be null")}


class Text(fields.String):
    """A string, optionally stripped of surrounding whitespace before validation."""

    default_error_messages = {
        **FRIENDLY,
        "invalid": N_("应是文字", text="must be a string"),
        "invalid_utf8": N_("应是 UTF-8 文字", text="must be UTF-8 text"),
    }

    def __init__(self, *, strip: bool = False, **kwargs):
        self.strip = strip
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        return text.strip() if self.strip else text


class WholeNumber(fields.Field):
    """A JSON integer (not a float, not a boolean, not a numeric string)."""

    default_error_messages = {**FRIENDLY, "invalid": N_("应是整数", text="must be a whole number")}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        return value


class Number(fields.Field):
    """A JSON number (integer or decimal, not a boolean, not a numeric string)."""

    default_error_messages = {**FRIENDLY, "invalid": N_("应是数字", text="must be a number")}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.make_error("invalid")
        return value


class Flag(fields.Field):
    """A JSON boolean, ``true`` or ``false``."""

    default_error_messages = {**FRIENDLY, "invalid": N_("应是 true 或 false", text="must be true or false")}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class OffsetDateTime(fields.Field):
    """An ISO 8601 date-time with a UTC offset, returned as an ISO string."""

    default_error_messages = {
        **FRIENDLY,
        "invalid": N_(
            "应是 ISO 8601 日期时间，如 2025-03-01T09:00:00+08:00",
            text="must be an ISO 8601 date-time such as 2025-03-01T09:00:00+08:00",
        ),
        "naive": N_("应带时区，如 +08:00", text="must include a UTC offset, e.g. +08:00"),
    }

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError as error:
            raise self.make_error("invalid") from error
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise self.make_error("naive")
        return moment.isoformat()


class List(fields.List):
    default_error_messages = {**FRIENDLY, "invalid": N_("应是列表", text="must be a list")}


class Nested(fields.Nested):
    default_error_messages = {**FRIENDLY, "type": N_("应是对象", text="must be an object")}


def at_most(count: int, unit: str = "characters") -> validate.Length:
    text = f"must be at most {count} {unit}"
    if unit == "items":
        return validate.Length(max=count, error=N_("最多 %(count)s 项", text=text, count=count))
    return validate.Length(max=count, error=N_("最多 %(count)s 个字", text=text, count=count))


def between(low: int, high: int, text: str) -> validate.Length:
    """1 to ``high`` characters: ``text`` is the English."""
    return validate.Length(min=low, max=high, error=N_("应为 %(low)s 到 %(high)s 个字", text=text, low=low, high=high))


def one_of(choices) -> validate.OneOf:
    listed = ", ".join(choices)
    return validate.OneOf(
        choices, error=N_("应是以下之一：%(choices)s", text="must be one of: " + listed, choices=listed)
    )


def not_negative() -> validate.Range:
    return validate.Range(min=0, error=N_("不能是负数", text="must not be negative"))


def free_words(max_items: int = 50, max_chars: int = 100) -> List:
    return List(Text(validate=at_most(max_chars)), validate=at_most(max_items, "items"))


def check_file_name(name: str) -> None:
    """Raise ValidationError unless ``name`` is a plain object name inside the resource folder."""
    if not name:
        raise ValidationError(N_("不能为空", text="must not be empty"))
    if "/" in name or "\\" in name or name in (".", ".."):
        raise ValidationError(
            N_("不能含 / 或 \\，也不能是 . 或 ..", text="must not contain '/' or '\\' or be '.' or '..'")
        )
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise ValidationError(N_("不能含控制字符", text="must not contain control characters"))
    if len(name.encode("utf-8")) > 255:
        raise ValidationError(N_("UTF-8 编码后最多 255 字节", text="must be at most 255 bytes in UTF-8"))
    if name == "resource.json":
        raise ValidationError(
            N_(
                "不能叫 resource.json（这个名字留给元数据）",
                text="must not be resource.json (that name holds the metadata)",
            )
        )


def check_web_url(url: str) -> None:
    if not re.match(r"^https?://\S+$", url.strip(), re.IGNORECASE):
        raise ValidationError(N_("应是 http:// 或 https:// 开头的网址", text="must be an http:// or https:// address"))


# --- schemas ---------------------------------------------------------------------------


class BlockSchema(Schema):
    """Base for every object in the format: unknown keys are dropped, nulls mean absent."""

    class Meta:
        unknown = EXCLUDE

    error_messages = {"type": N_("应是对象", text="must be an object")}

    @pre_load
    def drop_nulls(self, data, **kwargs):
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


class LocationSchema(BlockSchema):
    lat = Number(
        required=True,
        validate=validate.Range(min=-90, max=90, error=N_("应在 -90 到 90 之间", text="must be between -90 and 90")),
    )
    lon = Number(
        required=True,
        validate=validate.Range(
            min=-180, max=180, error=N_("应在 -180 到 180 之间", text="must be between -180 and 180")
        ),
    )


class PublisherSchema(BlockSchema):
    name = Text(strip=True, required=True, validate=between(1, 200, "must be 1 to 200 characters"))
    kind = Text(required=True, validate=one_of(PUBLISHER_KINDS))


class RegionSchema(BlockSchema):
    city = Text(strip=True, required=True, validate=between(1, 50, "must be 1 to 50 characters"))
    district = Text(strip=True, validate=at_most(50))


class FileSchema(BlockSchema):
    name = Text(required=True, validate=check_file_name)
    role = Text(required=True, validate=one_of(FILE_ROLES))
    media_type = Text(validate=at_most(255))
    size = WholeNumber(validate=not_negative())
    sha256 = Text(
        validate=validate.Regexp(
            r"^[0-9a-fA-F]{64}\Z", error=N_("应是 64 位十六进制数字", text="must be 64 hexadecimal digits")
        )
    )


class LessonSchema(BlockSchema):
    edition = Text(strip=True, validate=at_most(100))
    volume = Text(strip=True, validate=at_most(100))
    unit = Text(strip=True, validate=at_most(200))
    format = Text(strip=True, validate=at_most(100))  # free text here; normalise maps it
    duration_minutes = Number(validate=not_negative())


class DestinationSchema(BlockSchema):
    name = Text(strip=True, required=True, validate=between(1, 200, "must be 1 to 200 characters"))
    district = Text(strip=True, validate=at_most(50))
    location = Nested(LocationSchema)


class StudyTourSchema(BlockSchema):
    theme = Text(strip=True, validate=at_most(100))
    duration_days = Number(validate=not_negative())  # 0.5 for a half-day programme
    destinations = List(Nested(DestinationSchema), validate=at_most(50, "items"))
    capacity = WholeNumber(validate=not_negative())
    fee_cny = Number(validate=not_negative())
    months = List(
        WholeNumber(
            validate=validate.Range(min=1, max=12, error=N_("应是 1 到 12 的月份", text="must be a month from 1 to 12"))
        ),
        validate=at_most(12, "items"),
    )
    organizer = Text(strip=True, validate=at_most(200))
    safety_notes = Text(validate=at_most(5000))


class BookingSchema(BlockSchema):
    phone = Text(strip=True, validate=at_most(50))
    url = Text(strip=True, validate=[at_most(2000), check_web_url])


ONLY_FORMAT = f'must be "{FORMAT_VERSION}" (the only format version this catalog reads)'
BASE_LOCATION_REQUIRED = N_("实践基地必须有位置", text="required for a practice base")


class PracticeBaseSchema(BlockSchema):
    categories = free_words(max_items=20)
    address = Text(strip=True, validate=at_most(500))
    location = Nested(LocationSchema, required=True, error_messages={"required": BASE_LOCATION_REQUIRED})
    capacity = WholeNumber(validate=not_negative())
    opening_hours = Text(strip=True, validate=at_most(500))
    booking = Nested(BookingSchema)
    activities = free_words()
    free_for_students = Flag()


class ResourceSchema(BlockSchema):
    """The whole resource.json; unknown top-level fields (e.g. ``province``) are dropped."""

    schema = Text(
        required=True,
        validate=validate.Equal(
            FORMAT_VERSION,
            error=N_(
                "应是“%(version)s”（本目录只读这一版格式）",
                text=ONLY_FORMAT,
                version=FORMAT_VERSION,
            ),
        ),
    )
    id = Text(
        required=True,
        validate=validate.Regexp(
            RESOURCE_ID,
            error=N_(
                "应是 1 到 64 个小写字母、数字或 -，以字母或数字开头",
                text="must be 1-64 lowercase letters, digits or '-', starting with a letter or digit",
            ),
        ),
    )
    type = Text(required=True, validate=one_of(RESOURCE_TYPES))
    title = Text(
        strip=True,
        required=True,
        validate=validate.Length(
            min=1,
            max=200,
            error=N_("应为 1 到 200 个字（不计首尾空格）", text="must be 1 to 200 characters (after trimming spaces)"),
        ),
    )
    summary = Text(validate=at_most(5000))
    keywords = free_words()
    # Free text here; catalog.resources.vocabulary_mapping maps them onto the vocabularies.
    subjects = free_words()
    stages = free_words()
    grades = free_words()
    publisher = Nested(PublisherSchema, required=True)
    region = Nested(RegionSchema, required=True)
    language = Text(strip=True, load_default="zh-CN", validate=at_most(35))
    license = Text(strip=True, load_default="all-rights-reserved", validate=at_most(100))
    published_at = OffsetDateTime(required=True)
    updated_at = OffsetDateTime()
    files = List(Nested(FileSchema), validate=at_most(100, "items"))
    lesson = Nested(LessonSchema)
    study_tour = Nested(StudyTourSchema)
    practice_base = Nested(PracticeBaseSchema)

    @validates_schema(skip_on_field_errors=False)
    def check_type_blocks(self, data, **kwargs):
        resource_type = data.get("type")
        if resource_type not in RESOURCE_TYPES:
            return
        errors = {}
        for block in RESOURCE_TYPES:  # each type's block is named after the type
            if block != resource_type and block in data:
                english = f"not allowed for {TYPE_LABELS[resource_type]}; remove it or set type to {block}"
                errors[block] = [
                    N_(
                        "类型是 %(type)s 的资源不能有这一部分；请删除它，或把类型改为 %(block)s",
                        text=english,
                        type=resource_type,
                        block=block,
                    )
                ]
        if resource_type == "practice_base" and "practice_base" not in data:
            errors["practice_base"] = {"location": [BASE_LOCATION_REQUIRED]}
        if errors:
            raise ValidationError(errors)

    @validates_schema(skip_on_field_errors=False)
    def check_file_names_unique(self, data, **kwargs):
        seen: dict[str, int] = {}
        errors = {}
        for index, file in enumerate(data.get("files") or []):
            name = file.get("name")
            if name in seen:
                english = f"same name as files.{seen[name]}"
                errors[index] = {"name": [N_("与 files.%(index)s 同名", text=english, index=seen[name])]}
            elif name is not None:
                seen[name] = index
        if errors:
            raise ValidationError({"files": errors})


# --- reasons ---------------------------------------------------------------------------


def messages_to_reasons(messages, path: str = "") -> list[str]:
    """Flatten marshmallow's nested error messages into ``"<dotted.path>: <message>"`` lines."""
    return [f"{name}: {message}" for name, found in messages_by_field(messages, path).items() for message in found]


def messages_by_field(messages, path: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"dotted.path": [message, …]}``, each message as it was raised."""
    if isinstance(messages, dict):
        fields: dict[str, list[str]] = {}
        for key, nested in messages.items():
            child = path if key == "_schema" else f"{path}.{key}" if path else str(key)
            for name, found in messages_by_field(nested, child).items():
                fields.setdefault(name, []).extend(found)
        return fields
    if isinstance(messages, (list, tuple)):
        fields = {}
        for message in messages:
            for name, found in messages_by_field(message, path).items():
                fields.setdefault(name, []).extend(found)
        return fields
    return {path or "resource": [messages]}


# --- reading resource.json --------------------------------------------------------------

JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
JSON_BRACKET = re.compile(r"[\[\]{}]")


def _deepest_nesting(text: str) -> int:
    """How deep ``text`` nests arrays and objects, counted without parsing (so no recursion)."""
    steps = (1 if b in "[{" else -1 for b in JSON_BRACKET.findall(JSON_STRING.sub("", text)))
    return max(accumulate(steps, initial=0))


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _decode(raw: bytes | str) -> object:
    """Parse resource.json text after the checks that keep the parser safe."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_DOCUMENT_BYTES:
            raise ResourceRejected(["resource.json: larger than 1 MiB"])
        if b"\x00" in raw:
            raise ResourceRejected(["resource.json: contains NUL bytes (save it as UTF-8, not UTF-16)"])
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ResourceRejected(["resource.json: not UTF-8 text (save it as UTF-8)"]) from None
    elif len(raw.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
        raise ResourceRejected(["resource.json: larger than 1 MiB"])
    text = raw.removeprefix("\ufeff")
    if "\x00" in text:
        raise ResourceRejected(["resource.json: contains NUL characters"])
    if _deepest_nesting(text) > MAX_NESTING:
        raise ResourceRejected([f"resource.json: nested deeper than {MAX_NESTING} levels"])
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except ValueError as error:  # JSONDecodeError, NaN, or an integer too long to convert
        detail = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        where = f" at line {error.lineno} column {error.colno}" if isinstance(error, json.JSONDecodeError) else ""
        raise ResourceRejected([f"resource.json: not valid JSON ({detail}{where})"]) from None


def _walk_problems(document) -> list[str]:
    """Nesting too deep, or NUL characters in any key or string, found without recursion."""
    problems = []
    stack = [(document, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_NESTING:
                return [f"resource.json: nested deeper than {MAX_NESTING} levels"]
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, child in items:
                if isinstance(key, str) and "\x00" in key:
                    problems.append(f"{path or 'resource'}: a field name contains a NUL character")
                stack.append((child, f"{path}.{key}" if path else str(key), depth + 1))
        elif isinstance(value, str) and "\x00" in value:
            problems.append(f"{path}: must not contain NUL characters")
    return sorted(problems)


# One instance for every load: a new one copies every field and nested schema again (a quarter of
# rebuilding a document from the index). Loading keeps no state on the instance.
_RESOURCE_SCHEMA = ResourceSchema()


def load_resource(raw: bytes | str | dict, *, folder_id: str) -> dict:
    """Validate a resource.json read from the folder ``folder_id``; return the clean resource.

    Raises ResourceRejected with every reason found.
    """
    document = raw if isinstance(raw, dict) else _decode(raw)
    if not isinstance(document, dict):
        kind = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
            type(document), "a number"
        )
        raise ResourceRejected([f"resource.json: must be a JSON object, not {kind}"])
    problems = _walk_problems(document)
    if problems:
        raise ResourceRejected(problems)
    reasons, fields = [], None
    try:
        resource = _RESOURCE_SCHEMA.load(document)
    except ValidationError as error:
        resource = None
        reasons, fields = messages_to_reasons(error.messages), messages_by_field(error.messages)
    declared_id = document.get("id")
    if isinstance(declared_id, str) and RESOURCE_ID.match(declared_id) and declared_id != folder_id:
        reasons.append(f"id: must match the folder name '{folder_id}'")
    if reasons:
        raise ResourceRejected(reasons, fields)
    return resource
