"""Synonyms and abbreviations (社保 → 社会保险): services for the openness office, and the lookup
the query parser uses."""

from __future__ import annotations

import threading
import time

from django.db import transaction

from gongkai.accounts.models import Role
from gongkai.core.audit import audit_record, snapshot
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.search.models import Synonym

MAX_TERM_CHARS = 30
MAX_EXPANSIONS = 10
_CACHE_SECONDS = 60.0
_lock = threading.Lock()
_cache: tuple[float, dict[str, list[str]]] | None = None


def _require_office(actor: Actor) -> None:
    user = actor.user
    if user is None:
        return  # the system itself (data loading)
    if user.is_superuser or (user.is_active and user.unit_id and user.role == Role.OPENNESS_OFFICE):
        return
    raise NotPermitted("只有政务公开办公室可以维护检索同义词。")


def _clean(term: str, expansions: list[str]) -> tuple[str, list[str]]:
    from gongkai.search.analysis import has_tokens, normalise

    t = normalise(term).strip()
    errors: dict[str, list[str]] = {}
    if not t or not has_tokens(t):
        errors["term"] = ["请填写词语。"]
    elif len(t) > MAX_TERM_CHARS:
        errors["term"] = [f"词语不能超过{MAX_TERM_CHARS}字。"]
    exps = [normalise(e).strip() for e in expansions]
    exps = [e for e in dict.fromkeys(exps) if e and e != t]
    if not exps:
        errors["expansions"] = ["请至少填写一个同义词或全称。"]
    elif len(exps) > MAX_EXPANSIONS:
        errors["expansions"] = [f"同义词最多{MAX_EXPANSIONS}个。"]
    elif any(len(e) > MAX_TERM_CHARS or not has_tokens(e) for e in exps):
        errors["expansions"] = [f"每个同义词须含文字且不超过{MAX_TERM_CHARS}字。"]
    if errors:
        raise InvalidInput("同义词填写有误。", errors=errors)
    return t, exps


def _changed() -> None:
    def reset() -> None:
        from gongkai.search.analysis import reset_dictionary

        clear_synonym_cache()
        reset_dictionary()

    transaction.on_commit(reset)
    reset()


@transaction.atomic
def synonym_create(*, actor: Actor, term: str, expansions: list[str], clock: Clock | None = None) -> Synonym:
    clock = clock or get_clock()
    _require_office(actor)
    t, exps = _clean(term, expansions)
    if Synonym.objects.filter(term=t).exists():
        raise InvalidInput(f"“{t}”已在同义词表中。", field="term")
    syn = Synonym.objects.create(term=t, expansions=exps, updated_by=actor.user, updated_at=clock.now())
    audit_record(
        actor=actor,
        action="search.synonym.create",
        obj=syn,
        changes={"term": [None, t], "expansions": [None, exps]},
        clock=clock,
    )
    _changed()
    return syn


@transaction.atomic
def synonym_update(
    *,
    actor: Actor,
    synonym: Synonym,
    term: str,
    expansions: list[str],
    is_active: bool = True,
    clock: Clock | None = None,
) -> Synonym:
    clock = clock or get_clock()
    _require_office(actor)
    syn = Synonym.objects.select_for_update().get(pk=synonym.pk)
    t, exps = _clean(term, expansions)
    if Synonym.objects.filter(term=t).exclude(pk=syn.pk).exists():
        raise InvalidInput(f"“{t}”已在同义词表中。", field="term")
    before = snapshot(syn, ["term", "expansions", "is_active"])
    syn.term, syn.expansions, syn.is_active = t, exps, is_active
    syn.updated_by, syn.updated_at = actor.user, clock.now()
    syn.save()
    after = snapshot(syn, ["term", "expansions", "is_active"])
    audit_record(
        actor=actor,
        action="search.synonym.update",
        obj=syn,
        changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
        clock=clock,
    )
    _changed()
    return syn


@transaction.atomic
def synonym_delete(*, actor: Actor, synonym: Synonym, clock: Clock | None = None) -> None:
    _require_office(actor)
    audit_record(
        actor=actor,
        action="search.synonym.delete",
        obj=synonym,
        changes={"term": [synonym.term, None], "expansions": [synonym.expansions, None]},
        clock=clock,
    )
    synonym.delete()
    _changed()


def synonym_list() -> list[Synonym]:
    return list(Synonym.objects.order_by("term"))


def clear_synonym_cache() -> None:
    global _cache
    with _lock:
        _cache = None


def synonym_map() -> dict[str, list[str]]:
    """``{word: [other words to look for]}``, both directions (社保 ↔ 社会保险), cached a minute."""
    global _cache
    with _lock:
        if _cache is not None and time.monotonic() - _cache[0] < _CACHE_SECONDS:
            return _cache[1]
    mapping: dict[str, list[str]] = {}
    try:
        rows = list(Synonym.objects.filter(is_active=True).values_list("term", "expansions"))
    except Exception:  # no table yet / no database: search without synonyms
        rows = []
    for term, expansions in rows:
        for exp in expansions or []:
            mapping.setdefault(term, []).append(exp)
            mapping.setdefault(exp, []).append(term)
    with _lock:
        _cache = (time.monotonic(), mapping)
    return mapping


def synonym_words() -> list[str]:
    m = synonym_map()
    return list(m.keys())
