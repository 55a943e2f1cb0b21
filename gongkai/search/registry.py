"""Which content types are searchable, and how each describes its public records.

Each app registers its types in ``<app>/search.py`` (imported by ``SearchConfig.ready``)::

    register(SearchableType(name="document", label="政府信息", public_queryset=…, to_entry=…,
                            get_public=…, related_to_document=…))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from gongkai.core.errors import InvalidInput
from gongkai.search.types import IndexEntry


@dataclass(frozen=True)
class SearchableType:
    name: str  # "document", "interpretation", "qa", "gazette", …
    label: str  # Chinese label for facets: 政府信息, 政策解读 …
    public_queryset: Callable[[], QuerySet[Any]]  # public records only
    to_entry: Callable[[Any], IndexEntry]
    get_public: Callable[[int], Any | None]  # one public record or None
    # Ids of this type whose entry depends on a document (re-indexed when the document changes).
    related_to_document: Callable[[int], Iterable[int]] | None = None
    order: int = 100  # facet order


_types: dict[str, SearchableType] = {}


def register(searchable: SearchableType) -> None:
    _types[searchable.name] = searchable


def unregister(name: str) -> None:
    _types.pop(name, None)


def get_type(name: str) -> SearchableType:
    try:
        return _types[name]
    except KeyError:
        raise InvalidInput(f"未知的检索内容类型：{name}", field="type") from None


def all_types() -> list[SearchableType]:
    return sorted(_types.values(), key=lambda t: (t.order, t.name))


def type_labels() -> dict[str, str]:
    return {t.name: t.label for t in all_types()}


def make_key(type_name: str, object_id: int) -> str:
    return f"{type_name}:{object_id}"


def split_key(key: str) -> tuple[str, int]:
    type_name, _, object_id = key.partition(":")
    return type_name, int(object_id)


def autodiscover() -> None:
    """Import ``<app>.search`` for every installed gongkai app."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai.") or config.name == "gongkai.search":
            continue
        module = f"{config.name}.search"
        if find_spec(module) is not None:
            import_module(module)
