"""Reads of the search app for its pages (the synonym list itself is ``synonyms.synonym_list``)."""

from __future__ import annotations

from gongkai.core.errors import NotFound
from gongkai.search.models import Synonym


def synonym_get(pk: int) -> Synonym:
    synonym = Synonym.objects.filter(pk=pk).first()
    if synonym is None:
        raise NotFound("没有这个同义词。")
    return synonym
