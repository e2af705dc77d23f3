"""Sentences the services say to a person, translated where they are shown (the services never import Flask).

A message id is the Chinese sentence itself, as in the templates, with ``%(name)s`` where a value goes;
``translations/en`` holds the English. ``N_`` marks an id for extraction (babel.cfg) and keeps the values,
so the web layer can look the id up in the reader's language and fill them in.
"""

from __future__ import annotations


class Message(str):
    """Reads as its text (the Chinese filled in, or the format's English for the indexer's reports);
    ``msgid`` and ``params`` are what a translation needs."""

    msgid: str
    params: dict

    def __new__(cls, msgid: str, params: dict | None = None, text: str | None = None):
        params = dict(params or {})
        message = super().__new__(cls, text if text is not None else (msgid % params if params else msgid))
        message.msgid = msgid
        message.params = params
        return message

    def format(self, *args, **kwargs) -> Message:
        """marshmallow fills its messages in with ``str.format``: the id and its own values stay (the ids
        name their values themselves; marshmallow's ``input`` is the sender's, never looked up)."""
        return Message(self.msgid, self.params, str.format(self, *args, **kwargs))

    def __reduce__(self):
        return Message, (self.msgid, self.params, str(self))


def N_(msgid: str, /, text: str | None = None, **params) -> Message:  # noqa: N802 (gettext's own name)
    """The message ``msgid`` with its values; ``text`` when it must read as something else (English)."""
    return Message(msgid, params, text)


def prefixed(prefix: str, message: str) -> str:
    """``"a.pdf: 文件是空的"``: a file's or row's name before a reason, the reason still translatable."""
    if isinstance(message, Message):
        return N_("%(prefix)s: %(reason)s", prefix=prefix, reason=message)
    return f"{prefix}: {message}"
