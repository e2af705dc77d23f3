"""How long each call to the search engine took, told to whoever listens (the web app's metrics)."""

from __future__ import annotations

from collections.abc import Callable

Observer = Callable[[str, float], None]
_observers: list[Observer] = []


def listen(observer: Observer) -> None:
    """Call ``observer(operation, seconds)`` after every engine call of the search service."""
    if observer not in _observers:
        _observers.append(observer)


def engine_call_took(operation: str, seconds: float) -> None:
    for observer in _observers:
        observer(operation, seconds)
