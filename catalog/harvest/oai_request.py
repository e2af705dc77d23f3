"""An OAI-PMH request read from its arguments: the verb, its arguments, dates and resumption tokens.

Pure: whatever is wrong becomes an ``OaiError`` with the protocol's code and a message naming the argument.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

VERBS = {
    # verb: (required arguments, optional arguments); a resumptionToken replaces them all where allowed.
    "Identify": (frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"})),
    "ListSets": (frozenset(), frozenset()),
    "ListIdentifiers": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"})),
    "ListRecords": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"})),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset()),
}
RESUMABLE = frozenset({"ListIdentifiers", "ListRecords", "ListSets"})
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class OaiError(Exception):
    """A protocol error: ``code`` is one of the OAI-PMH error codes."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Window:
    """The datestamps asked for: ``start`` inclusive, ``end`` exclusive (None: open)."""

    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class ListRequest:
    """What a ListIdentifiers/ListRecords harvest asks for, and where the previous page stopped."""

    prefix: str
    set_spec: str | None = None
    window: Window = field(default_factory=Window)
    phase: str = "live"  # "live": published documents from the index; "deleted": withdrawals from the database
    after: tuple = ()  # the sort values of the last record sent in this phase
    cursor: int = 0  # records sent before this page
    total: int | None = None  # completeListSize, counted when the harvest began

    def next_page(self, *, phase: str, after: tuple, sent: int) -> ListRequest:
        return replace(self, phase=phase, after=tuple(after), cursor=self.cursor + sent)


@dataclass(frozen=True)
class OaiRequest:
    verb: str
    arguments: dict[str, str]
    listing: ListRequest | None = None  # for ListIdentifiers and ListRecords


def parse_request(pairs: list[tuple[str, str]]) -> OaiRequest:
    """The request from its (name, value) pairs, query string or form; ``OaiError`` when it is not valid."""
    arguments: dict[str, str] = {}
    for name, value in pairs:
        if name in arguments:
            code = "badVerb" if name == "verb" else "badArgument"
            raise OaiError(code, f"the argument {name!r} is repeated")
        arguments[name] = value
    verb = arguments.pop("verb", None)
    if verb is None:
        raise OaiError("badVerb", "the argument 'verb' is missing")
    if verb not in VERBS:
        raise OaiError("badVerb", f"{verb!r} is not an OAI-PMH verb")
    required, optional = VERBS[verb]
    if "resumptionToken" in arguments:
        if verb not in RESUMABLE:
            raise OaiError("badArgument", f"{verb} takes no resumptionToken")
        others = sorted(set(arguments) - {"resumptionToken"})
        if others:
            raise OaiError("badArgument", f"resumptionToken is exclusive: {', '.join(others)} may not come with it")
        if verb == "ListSets":
            raise OaiError("badResumptionToken", "the list of sets is sent whole: there is nothing to resume")
        return OaiRequest(verb, arguments, decode_token(arguments["resumptionToken"]))
    unknown = sorted(set(arguments) - required - optional)
    if unknown:
        raise OaiError("badArgument", f"{verb} does not take the argument {unknown[0]!r}")
    missing = sorted(required - set(arguments))
    if missing:
        raise OaiError("badArgument", f"{verb} needs the argument {missing[0]!r}")
    for name, value in arguments.items():
        if not value:
            raise OaiError("badArgument", f"the argument {name!r} is empty")
    listing = None
    if verb in ("ListIdentifiers", "ListRecords"):
        window = parse_window(arguments.get("from"), arguments.get("until"))
        listing = ListRequest(arguments["metadataPrefix"], arguments.get("set"), window)
    return OaiRequest(verb, arguments, listing)


def parse_datestamp(name: str, value: str) -> tuple[datetime, bool]:
    """A UTC datestamp in either granularity, and whether it was a day (YYYY-MM-DD)."""
    try:
        if DAY.fullmatch(value):
            return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC), True
        if SECONDS.fullmatch(value):
            return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC), False
    except ValueError:
        pass
    raise OaiError("badArgument", f"{name}={value!r} is not a UTC date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)")


def parse_window(start: str | None, end: str | None) -> Window:
    """``from`` and ``until`` as a half-open window: ``until`` takes in its whole day or second."""
    begin = parse_datestamp("from", start) if start is not None else None
    finish = parse_datestamp("until", end) if end is not None else None
    if begin and finish and begin[1] != finish[1]:
        raise OaiError("badArgument", "from and until must have the same granularity")
    window = Window(
        begin[0] if begin else None,
        finish[0] + (timedelta(days=1) if finish[1] else timedelta(seconds=1)) if finish else None,
    )
    if window.start and window.end and window.start >= window.end:
        raise OaiError("badArgument", f"from ({start}) is later than until ({end})")
    return window


def datestamp(moment: datetime) -> str:
    """The protocol's seconds granularity, in UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def encode_token(listing: ListRequest) -> str:
    state = {
        "p": listing.prefix,
        "s": listing.set_spec,
        "f": listing.window.start.isoformat() if listing.window.start else None,
        "u": listing.window.end.isoformat() if listing.window.end else None,
        "ph": listing.phase,
        "a": list(listing.after),
        "c": listing.cursor,
        "t": listing.total,
    }
    raw = json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str) -> ListRequest:
    """The harvest a token continues; ``badResumptionToken`` for anything this repository did not issue."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        state = json.loads(raw)
        window = Window(
            datetime.fromisoformat(state["f"]) if state["f"] else None,
            datetime.fromisoformat(state["u"]) if state["u"] else None,
        )
        listing = ListRequest(
            state["p"], state["s"], window, state["ph"], tuple(state["a"]), int(state["c"]), state["t"]
        )
    except (binascii.Error, ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError):
        raise OaiError("badResumptionToken", "the resumptionToken is not one this repository issued") from None
    valid = (
        isinstance(listing.prefix, str)
        and isinstance(listing.set_spec, str | None)
        and listing.phase in ("live", "deleted")
        and all(isinstance(value, str | int | float) for value in listing.after)
        and listing.cursor >= 0
        and isinstance(listing.total, int | None)
        and all(moment is None or moment.tzinfo is not None for moment in (window.start, window.end))
    )
    if not valid:
        raise OaiError("badResumptionToken", "the resumptionToken is not one this repository issued")
    return listing
