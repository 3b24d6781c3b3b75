"""Records as plain data and back: dicts, lists, str, int, float, bool and None.

Plain data is what JSON and msgpack hold: the cache writes it as JSON, and the
spaCy pipeline keeps it in ``doc.user_data`` so that ``doc.to_bytes``,
``DocBin`` and ``nlp.pipe(n_process=2)`` carry claims across. Reading it back
rebuilds the frozen dataclasses field by field, every type checked.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any


def encode(value: Any) -> Any:
    """A record (or a value inside one) as plain data: a dataclass as a dict, a tuple as a list."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    return value


def decode(kind: Any, data: Any) -> Any:
    """``data`` (parsed JSON or msgpack) as a value of the type ``kind``; ValueError when it is not.

    Handles what the records are made of: str, int, float, bool, None, unions,
    Literal, ``tuple[X, ...]`` and nested frozen dataclasses. Nothing else is
    ever built, so plain data cannot make this run any code.
    """
    origin = typing.get_origin(kind)
    if is_dataclass(kind) and isinstance(kind, type):
        if not isinstance(data, dict):
            raise ValueError(f"{kind.__name__}: not an object")
        hints = _hints(kind)
        return kind(**{f.name: decode(hints[f.name], data[f.name]) for f in fields(kind)})
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(kind):
            try:
                return decode(option, data)
            except ValueError:
                continue
        raise ValueError(f"{data!r:.40} fits none of {kind}")
    if origin is typing.Literal:
        if data not in typing.get_args(kind):
            raise ValueError(f"{data!r:.40} is not one of {kind}")
        return data
    if origin is tuple:
        if not isinstance(data, list | tuple):
            raise ValueError("not a list")
        item = typing.get_args(kind)[0]
        return tuple(decode(item, value) for value in data)
    if kind is type(None):
        if data is not None:
            raise ValueError("not null")
        return None
    if kind is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if kind in (str, int, bool) and type(data) is kind:
        return data
    raise ValueError(f"{data!r:.40} is not {kind}")


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)
