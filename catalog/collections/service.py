"""Collections kept in the catalog database: create, save into, reorder, share by an unguessable link."""

from __future__ import annotations

import dataclasses
import secrets

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from catalog.field_problem import FieldProblem
from catalog.indexing.index_definition import document_id
from catalog.permissions import authorize
from catalog.search.resource_lookup import get_resource
from catalog.stores.models import Collection, CollectionItem

MAX_COLLECTIONS = 50  # lists per teacher
MAX_ITEMS = 200  # resources per list
MAX_NAME = 40  # characters of a list's name
DEFAULT_NAME = "我的收藏"


def _(message: str) -> str:
    """Marks a message for extraction (babel.cfg); the web layer translates it when it shows it."""
    return message


class NotFound(LookupError):
    """No such collection of this teacher, or no such shared link (never there, deleted or unshared)."""


@dataclasses.dataclass(frozen=True)
class Entry:
    """One saved resource as a list shows it: withdrawn or hidden ones keep their saved title."""

    item_id: int
    province: str
    resource_id: str
    title: str
    available: bool


def valid_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise FieldProblem("name", _("请填写清单名称"))
    if len(name) > MAX_NAME:
        raise FieldProblem("name", _("清单名称最多 40 个字"))
    return name


def collections_of(session, user) -> list[Collection]:
    authorize(user, "collect")
    return list(session.scalars(select(Collection).where(Collection.owner_id == user.id).order_by(Collection.id)))


def own_collection(session, user, collection_id: int) -> Collection:
    authorize(user, "collect")
    found = session.get(Collection, collection_id)
    if found is None or found.owner_id != user.id:
        raise NotFound(collection_id)
    return found


def create_collection(session, user, name: str | None) -> Collection:
    authorize(user, "collect")
    name = valid_name(name)
    owned = session.scalar(select(func.count()).select_from(Collection).where(Collection.owner_id == user.id))
    if owned >= MAX_COLLECTIONS:
        raise FieldProblem("name", _("最多建 50 个清单，请先删除不用的清单"))
    if session.scalar(select(Collection.id).where(Collection.owner_id == user.id, Collection.name == name)):
        raise FieldProblem("name", _("已有同名的清单"))
    collection = Collection(owner_id=user.id, name=name)
    session.add(collection)
    try:
        session.flush()
    except IntegrityError as taken:  # the same name made at the same moment in another tab
        raise FieldProblem("name", _("已有同名的清单")) from taken
    return collection


def delete_collection(session, user, collection_id: int) -> None:
    session.delete(own_collection(session, user, collection_id))


def save(session, es, alias: str, user, collection_id: int | None, province: str, resource_id: str) -> Collection:
    """Add a visible resource to the teacher's list (``None``: the default list, made when missing)."""
    authorize(user, "collect")
    if collection_id is None:
        collection = session.scalar(
            select(Collection).where(Collection.owner_id == user.id, Collection.name == DEFAULT_NAME)
        ) or create_collection(session, user, DEFAULT_NAME)
    else:
        collection = own_collection(session, user, collection_id)
    found = get_resource(es, alias, province, resource_id) if province and resource_id else None
    if found is None:
        raise FieldProblem("resource", _("这个资源不存在或已撤回，无法收藏"))
    if any(i.province == province and i.resource_id == resource_id for i in collection.items):
        return collection  # saved already: saving twice changes nothing
    if len(collection.items) >= MAX_ITEMS:
        raise FieldProblem("collection", _("一个清单最多收藏 200 个资源"))
    position = max((i.position for i in collection.items), default=0) + 1
    collection.items.append(
        CollectionItem(province=province, resource_id=resource_id, title=found["title"][:200], position=position)
    )
    try:
        session.flush()
    except IntegrityError as saved:  # saved at the same moment from another tab
        raise FieldProblem("resource", _("这个资源已经在清单里了")) from saved
    return collection


def _item(collection: Collection, item_id: int) -> CollectionItem:
    item = next((i for i in collection.items if i.id == item_id), None)
    if item is None:
        raise NotFound(item_id)
    return item


def move(session, user, collection_id: int, item_id: int, step: int) -> None:
    """Swap the item with its neighbour above (``step`` -1) or below (+1); at either end nothing moves."""
    collection = own_collection(session, user, collection_id)
    items = sorted(collection.items, key=lambda i: i.position)
    index = items.index(_item(collection, item_id))
    other = index + step
    if 0 <= other < len(items):
        items[index].position, items[other].position = items[other].position, items[index].position
    session.flush()


def remove(session, user, collection_id: int, item_id: int) -> None:
    collection = own_collection(session, user, collection_id)
    collection.items.remove(_item(collection, item_id))
    session.flush()


def set_sharing(session, user, collection_id: int, shared: bool) -> Collection:
    """Sharing on: a new unguessable token (an old link stays dead); off: the link stops working."""
    collection = own_collection(session, user, collection_id)
    collection.share_token = secrets.token_urlsafe(24) if shared else None
    session.flush()
    return collection


def shared_collection(session, token: str) -> Collection:
    found = session.scalar(select(Collection).where(Collection.share_token == token)) if token else None
    if found is None:
        raise NotFound(token)
    return found


def entries(es, alias: str, collection: Collection) -> list[Entry]:
    """The list in its order, each marked available or not by one look-up in the index."""
    items = sorted(collection.items, key=lambda i: i.position)
    if not items:
        return []
    found = es.mget(
        index=alias,
        ids=[document_id(i.province, i.resource_id) for i in items],
        source_includes=["title", "review_state"],
    )["docs"]
    entries = []
    for item, doc in zip(items, found, strict=True):
        source = doc.get("_source") if doc.get("found") else None
        available = source is not None and source.get("review_state") == "published"
        title = source.get("title") if available and source.get("title") else item.title
        entries.append(Entry(item.id, item.province, item.resource_id, title, available))
    return entries
