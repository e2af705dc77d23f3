"""The services' messages in the reader's language: the one place their ids are looked up."""

from __future__ import annotations

from flask_babel import get_locale, gettext

from catalog.messages import Message
from catalog.web.marshmallow_messages import as_message


def translated(text):
    """``text`` (a ``Message``, a Chinese message id or one of marshmallow's sentences) in the page's
    or request's language."""
    if isinstance(text, Message):
        params = {
            name: translated(value) if isinstance(value, Message) else value for name, value in text.params.items()
        }
        return gettext(text.msgid, **params) if params else gettext(text.msgid)
    if isinstance(text, str) and text:
        if get_locale() is not None and get_locale().language == "zh" and isinstance(said := as_message(text), Message):
            return translated(said)
        return gettext(text)
    return text


def translated_fields(fields: dict | None) -> dict | None:
    """``{"field": [reason, …]}`` with every reason translated."""
    if fields is None:
        return None
    return {name: [translated(reason) for reason in reasons] for name, reasons in fields.items()}
