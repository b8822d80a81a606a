"""Request parameters the way PHP and the Bitrix REST module see them.

- ``parse_str``: ``a=1&b[x]=2&c[]=3`` becomes nested arrays; ``+`` is a space; dots and spaces
  in a top-level name become ``_`` (PHP's register-variable rule).
- ``request_params``: the query string first, then the POST body replaces top-level keys
  (``CRestUtil::getRequestData``). A JSON body is read only for ``Content-Type:
  application/json`` and, when it does not parse (or is not an object), is *silently ignored*
  (the call runs with the query parameters alone); any other body is parsed as a form.
- ``upper_keys``: ``array_change_key_case(CASE_UPPER)``, so ``time``, ``Time`` and ``TIME`` are
  one parameter (the later one wins).
- PHP's loose comparisons and conversions for the few places where they decide the outcome.
"""

from __future__ import annotations

import json
import re
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import unquote_plus

Params = dict[str, object]

_SEGMENT = re.compile(r"\[([^\]]*)\]")
_NUMERIC = re.compile(
    r"[ \t\n\r\v\f]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t\n\r\v\f]*"
)
_LEADING_NUMBER = re.compile(r"[ \t\n\r\v\f]*([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?)")
_LEADING_INT = re.compile(r"[ \t\n\r\v\f]*([+-]?[0-9]+)")


def parse_str(text: str) -> Params:
    """PHP ``parse_str``: form/query text to (nested) arrays, string values."""
    result: Params = {}
    for pair in text.split("&"):
        if not pair:
            continue
        raw_name, _, raw_value = pair.partition("=")
        _assign(result, unquote_plus(raw_name), unquote_plus(raw_value))
    return result


def _assign(target: Params, name: str, value: str) -> None:
    name = name.lstrip(" ")
    bracket = name.find("[")
    base = name if bracket < 0 else name[:bracket]
    rest = "" if bracket < 0 else name[bracket:]
    base = base.replace(".", "_").replace(" ", "_")
    if not base:
        return
    keys: list[str | None] = []
    position = 0
    while position < len(rest):
        match = _SEGMENT.match(rest, position)
        if match is None:
            break
        keys.append(match.group(1) or None)  # None: "[]", append
        position = match.end()
    if not keys:
        target[base] = value
        return
    node = target.get(base)
    if not isinstance(node, dict):
        node = {}
        target[base] = node
    for index, key in enumerate(keys):
        last = index == len(keys) - 1
        name = str(_next_index(node)) if key is None else key
        if last:
            node[name] = value
        else:
            child = node.get(name)
            if not isinstance(child, dict):
                child = {}
                node[name] = child
            node = child


def _next_index(node: dict[str, object]) -> int:
    numbers = [int(k) for k in node if k.isdigit()]
    return max(numbers) + 1 if numbers else 0


def content_type(header: str | None) -> str:
    """The media type without parameters, lower-cased."""
    return (header or "").split(";", 1)[0].strip().lower()


def body_params(body: bytes, header: str | None) -> tuple[Params, object | None]:
    """Parameters of a POST body and, for JSON bodies, the decoded document (or None)."""
    kind = content_type(header)
    text = body.decode("utf-8", errors="replace").strip()
    if kind == "application/json":
        try:
            document: object = json.loads(text)
        except ValueError:
            return {}, None  # the portal swallows the decode error
        return (dict(document) if isinstance(document, dict) else {}), document
    if kind == "multipart/form-data":
        return _multipart(body, header or ""), None
    return (parse_str(text) if text else {}), None


def _multipart(body: bytes, header: str) -> Params:
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + header.encode("latin-1") + b"\r\n\r\n" + body
    )
    result: Params = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if isinstance(name, str):
            payload = part.get_payload(decode=True)
            value = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
            _assign(result, name, value)
    return result


def merge(query: Params, post: Params) -> Params:
    """``array_replace($query, $post)``: top-level keys of the body win."""
    merged = dict(query)
    merged.update(post)
    return merged


def upper_keys(params: Params) -> Params:
    """``array_change_key_case(CASE_UPPER)``: later duplicates win."""
    result: Params = {}
    for key, value in params.items():
        upper = key.upper()
        result.pop(upper, None)
        result[upper] = value
    return result


def truthy(value: object) -> bool:
    """PHP truthiness: "", "0", 0, 0.0, null, false and [] are false; "false" is true."""
    if value is None:
        return False
    if isinstance(value, str):
        return value not in ("", "0")
    if isinstance(value, bool | int | float):
        return bool(value)
    if isinstance(value, list | dict):
        return len(value) > 0
    return True


def floatval(value: object) -> float:
    """PHP ``doubleval``: the leading number of a string, 0 when there is none."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        match = _LEADING_NUMBER.match(value)
        return float(match.group(1)) if match else 0.0
    return 0.0


def intval(value: object) -> int:
    """PHP ``intval``: the leading integer of a string, 0 when there is none."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        match = _LEADING_INT.match(value)
        return int(match.group(1)) if match else 0
    return 0


def loose_equals_int(value: object, number: int) -> bool:
    """PHP 8 ``$value == $number`` for the ``USER_ID`` check of ``getUserInstance``."""
    if value is None:
        return number == 0
    if isinstance(value, bool):
        return value == bool(number)
    if isinstance(value, int | float):
        return value == number
    if isinstance(value, str):
        if _NUMERIC.fullmatch(value):
            return float(value) == number
        return value == str(number)
    return False
