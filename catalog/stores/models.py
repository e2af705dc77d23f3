"""The catalog's own decisions, as tables: accounts, schools, reviews, tags, featured flags, audit.

Elasticsearch is a projection of these and the provinces' storage (design.md): a rebuild
reproduces every review state, tag and featured flag from here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.stores.database import Base
from catalog.stores.utc_datetime import UtcDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


class Role(Base):
    __tablename__ = "roles"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    label: Mapped[str] = mapped_column(String(40))


class School(Base):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(8))
    city: Mapped[str] = mapped_column(String(60))
    district: Mapped[str] = mapped_column(String(60))

    __table_args__ = (UniqueConstraint("province", "name"),)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    role_name: Mapped[str] = mapped_column("role", ForeignKey("roles.name"))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    # Part of every session cookie; raising it (logout, new password, disabled) ends all sessions.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    school: Mapped[School | None] = relationship(lazy="joined")

    # Flask-Login's protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        # The generation rides in the session, so raising it ends the sessions begun before (auth._load_user).
        return f"{self.id}:{self.session_generation or 0}"

    @property
    def role(self) -> str:
        return self.role_name


class ResourceDecision(Base):
    """The catalog's view of one resource: review state, featured flag, and its version.

    Feed resources have no row until a curator acts: no row means published, not featured.
    ``version`` grows with every change, so two curators saving at once cannot overwrite
    each other, and the index knows when its copy is stale.
    """

    __tablename__ = "resource_decisions"

    province: Mapped[str] = mapped_column(String(8), primary_key=True)
    resource_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    review_state: Mapped[str] = mapped_column(String(20), default="published")
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    featured: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    owner_school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))  # set for uploads
    # The approved version now in the live folder (None: a feed resource, or nothing approved yet).
    live_version: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    tags: Mapped[list[CuratorTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="CuratorTag.tag"
    )

    # Every UPDATE says "WHERE version = <the version read>": a concurrent save fails loudly.
    __mapper_args__ = {"version_id_col": version}


class ResourceVersion(Base):
    """One version of a school's resource, staged in its province's storage until a curator decides.

    ``draft``: large files are still arriving; ``submitted``: immutable, waiting for review;
    ``approved``: published (the live folder holds exactly these bytes); ``superseded``: an
    approved version a newer approval replaced, or a waiting one a newer submission replaced;
    ``rejected``; ``withdrawn``: the resource was withdrawn while this one waited.
    """

    __tablename__ = "resource_versions"

    province: Mapped[str] = mapped_column(String(8), primary_key=True)
    resource_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    state: Mapped[str] = mapped_column(String(20), default="draft")
    title: Mapped[str | None] = mapped_column(String(200))
    resource_type: Mapped[str | None] = mapped_column(String(20))
    # The exact resource.json that approval writes into the live folder (None while a draft).
    document: Mapped[dict | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class CuratorTag(Base):
    """A tag a curator put on a resource: from ``vocabularies.CURATOR_TAGS`` or free."""

    __tablename__ = "curator_tags"

    province: Mapped[str] = mapped_column(String(8), primary_key=True)
    resource_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True)

    __table_args__ = (
        ForeignKeyConstraint(
            ["province", "resource_id"],
            ["resource_decisions.province", "resource_decisions.resource_id"],
            ondelete="CASCADE",
        ),
    )


class AuditEntry(Base):
    """Append-only: who did what to which resource, with the state before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    province: Mapped[str | None] = mapped_column(String(8))
    resource_id: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)


class PendingUpload(Base):
    """A large file going straight from a browser to storage (S3 multipart), until it is used
    by a resource or found abandoned and cleaned up."""

    __tablename__ = "pending_uploads"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    province: Mapped[str] = mapped_column(String(8))
    folder: Mapped[str] = mapped_column(String(64))
    version: Mapped[int | None] = mapped_column(Integer)  # the draft version the file belongs to
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(400))
    s3_upload_id: Mapped[str] = mapped_column(String(400))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    used: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class IndexerLease(Base):
    """Which indexer process holds one shard of a province for one target (an alias for a sync,
    a new concrete index for a rebuild), and until when. A holder that stops renewing loses it."""

    __tablename__ = "indexer_leases"

    target: Mapped[str] = mapped_column(String(200), primary_key=True)
    province: Mapped[str] = mapped_column(String(8), primary_key=True)
    shard: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    holder: Mapped[str | None] = mapped_column(String(200))
    # The last run that finished the shard: its other workers must not take it again.
    finished_run: Mapped[str | None] = mapped_column(String(40))
    # Seconds since the epoch: compared across processes and hosts, and SQLite keeps no time zone.
    expires_at: Mapped[float] = mapped_column(Float, default=0.0)


class Collection(Base):
    """A teacher's named list of resources (by class or unit); shared read-only while ``share_token`` is set."""

    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    # Unguessable (secrets.token_urlsafe); None: not shared. A new token each time sharing is turned on.
    share_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    items: Mapped[list[CollectionItem]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="CollectionItem.position"
    )

    __table_args__ = (UniqueConstraint("owner_id", "name"),)


class CollectionItem(Base):
    """One resource in a collection, with the title it had when saved (shown once it is withdrawn)."""

    __tablename__ = "collection_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id", ondelete="CASCADE"))
    province: Mapped[str] = mapped_column(String(8))
    resource_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    __table_args__ = (UniqueConstraint("collection_id", "province", "resource_id"),)


class ApiToken(Base):
    """A named credential another system sends as ``Authorization: Bearer …``: the user's rights, narrowed
    to its scopes (and one school); only a hash of the secret is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True)  # part of the token; looked up by it
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    secret_sha256: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[str] = mapped_column(String(100))  # space-separated, sorted
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    user: Mapped[User] = relationship(lazy="joined")
    school: Mapped[School | None] = relationship(lazy="joined")
