"""What the simulator received, kept for assertions ("did the client send TIME as JSON?")."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime


class Headers(Mapping[str, str]):
    """Request headers with case-insensitive lookup; repeated headers are joined with ", "."""

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        self._items: dict[str, tuple[str, str]] = {}
        for name, value in items:
            key = name.lower()
            joined = f"{self._items[key][1]}, {value}" if key in self._items else value
            self._items[key] = (name, joined)

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({dict(self)!r})"


@dataclass(frozen=True)
class RecordedRequest:
    """One request as received, and the status it was answered with (None: dropped).

    ``rest_method`` is lower-cased without ``.json`` ("" when the path names none); ``query`` is
    the parsed query string; ``json`` the decoded JSON body (None when absent or malformed);
    ``params`` the merged parameters the method saw, keys upper-cased; ``listener`` is
    ``"main"`` or ``"alias"`` (the moved-portal address).
    """

    http_method: str
    path: str
    rest_method: str
    query: dict[str, object]
    headers: Headers
    body: bytes
    json: object | None
    params: dict[str, object]
    client_ip: str
    answered_status: int | None
    scheme: str
    listener: str
    received_at: datetime


class RequestLog:
    """Thread-safe list of recorded requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[RecordedRequest] = []

    def append(self, item: RecordedRequest) -> None:
        with self._lock:
            self._items.append(item)

    def snapshot(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
