"""``/curation/queue``'s query parameters: filters, sort order and page, each checked by name."""

from __future__ import annotations

from marshmallow import fields, post_load, validate

from catalog.curation.review_queue import SORTS, QueueQuery
from catalog.resources.vocabularies import RESOURCE_TYPES
from catalog.web.pages.schemas import BlankMeansAbsent


class ReviewQueueParams(BlankMeansAbsent):
    """The queue's filters, sort and page; the result is a ``QueueQuery``."""

    province = fields.String(validate=validate.Regexp(r"^[a-z]{2,8}$", error="is not a province code such as cq"))
    type = fields.String(validate=validate.OneOf(RESOURCE_TYPES))
    school = fields.Integer(validate=validate.Range(min=1))
    older_than = fields.Integer(validate=validate.Range(min=1, max=3650))
    sort = fields.String(load_default="oldest", validate=validate.OneOf(SORTS))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))

    @post_load
    def _query(self, data, **kwargs) -> QueueQuery:
        return QueueQuery(
            province=data.get("province"),
            resource_type=data.get("type"),
            school_id=data.get("school"),
            older_than_days=data.get("older_than"),
            sort=data["sort"],
            page=data["page"],
        )
