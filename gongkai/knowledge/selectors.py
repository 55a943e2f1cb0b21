"""Reads of the knowledge base: what the public sees (portal, console, kiosk, search, the assistant),
what staff see per unit, and which entries are stale."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from gongkai.accounts import permissions as base
from gongkai.accounts.models import User
from gongkai.core.clock import Clock, get_clock
from gongkai.core.errors import NotFound, NotPermitted
from gongkai.documents.choices import Status, Validity
from gongkai.documents.models import Document
from gongkai.documents.selectors import staff_units
from gongkai.interaction import permissions as ticket_permissions
from gongkai.interaction.models import Ticket
from gongkai.knowledge import permissions
from gongkai.knowledge.choices import Audience, EntryState, StaleReason, TopicKind
from gongkai.knowledge.models import KnowledgeEntry, KnowledgeEntryVersion, LifeEvent
from gongkai.units.models import Unit

logger = logging.getLogger(__name__)

# A linked document in any other validity (失效, 废止, 已修订, 部分失效) makes the answer suspect.
SOUND_VALIDITIES = (Validity.VALID, Validity.NOT_APPLICABLE)


# --- public -----------------------------------------------------------------------------------


def entries_public() -> QuerySet[KnowledgeEntry]:
    """Entries with a published version that are not expired (the one source of every channel)."""
    return (
        KnowledgeEntry.objects.filter(published_version__isnull=False)
        .exclude(state=EntryState.EXPIRED)
        .select_related("unit", "published_version")
    )


def entry_get_public(pk: int) -> KnowledgeEntry:
    entry = entries_public().filter(pk=pk).first()
    if entry is None:
        raise NotFound("知识条目不存在或已失效。")
    return entry


def entry_public_documents(entry: KnowledgeEntry) -> list[Document]:
    """The entry's linked policy documents that the public may open."""
    return [d for d in entry.documents.select_related("unit").order_by("-published_at", "-id") if d.is_public]


def entries_public_list(*, tag: str = "", life_event: LifeEvent | None = None) -> QuerySet[KnowledgeEntry]:
    qs = entries_public()
    if tag:
        qs = qs.filter(tags__contains=f",{tag},")
    if life_event is not None:
        qs = qs.filter(life_events=life_event)
    return qs.order_by("-published_at", "-id")


@dataclass(frozen=True)
class NavNode:
    event: LifeEvent
    count: int


@dataclass(frozen=True)
class NavSection:
    audience: str
    audience_label: str
    kind: str
    kind_label: str
    nodes: list[NavNode]


def navigation() -> list[NavSection]:
    """服务导航: for 个人 and 法人, life events and themes, each with its number of public entries."""
    public_ids = entries_public().values("pk")
    events = LifeEvent.objects.filter(is_active=True).annotate(
        n=Count("entries", filter=Q(entries__in=public_ids), distinct=True)
    )
    by_key: dict[tuple[str, str], list[NavNode]] = {}
    for event in events.order_by("sort_order", "id"):
        by_key.setdefault((event.audience, event.kind), []).append(NavNode(event, event.n))  # type: ignore[attr-defined]
    sections = []
    for audience in Audience:
        for kind in TopicKind:
            nodes = by_key.get((audience.value, kind.value), [])
            if nodes:
                kind_label = (
                    "企业生命周期"
                    if (audience, kind) == (Audience.LEGAL, TopicKind.LIFE_EVENT)
                    else kind.label
                )
                sections.append(NavSection(audience.value, audience.label, kind.value, kind_label, nodes))
    return sections


def life_event_get(code: str) -> LifeEvent:
    event = LifeEvent.objects.filter(code=code, is_active=True).first()
    if event is None:
        raise NotFound("该服务分类不存在。")
    return event


def life_events_active() -> QuerySet[LifeEvent]:
    return LifeEvent.objects.filter(is_active=True).order_by("audience", "kind", "sort_order", "id")


def entries_find(text: str, *, limit: int = 10) -> list[KnowledgeEntry]:
    """Public entries matching ``text`` through the platform search (the same index as the portal);
    falls back to a plain database match when the index cannot answer."""
    text = (text or "").strip()[:100]
    if not text:
        return []
    try:
        from gongkai.search.services import search
        from gongkai.search.types import SearchQuery

        results = search(
            SearchQuery(
                text=text, types=("knowledge",), page_size=limit, with_facets=False, with_highlights=False
            )
        )
        ids = [h.object_id for h in results.hits]
        found = {e.pk: e for e in entries_public().filter(pk__in=ids)}
        hits = [found[i] for i in ids if i in found]
        if hits:
            return hits
    except Exception:  # the index is a cache: never let it take the kiosk or the console down
        logger.exception("知识库检索失败，改用数据库匹配：%s", text)
    words = [w for w in text.split() if w][:5] or [text]
    cond = Q()
    for w in words:
        cond &= Q(question__icontains=w) | Q(published_version__answer_text__icontains=w)
    return list(entries_public().filter(cond).order_by("-published_at", "-id")[:limit])


@dataclass(frozen=True)
class RetrievalRecord:
    """One published entry as the Q&A assistant reads it."""

    id: int
    question: str
    phrasings: tuple[str, ...]
    answer_text: str
    unit_name: str
    url: str


def published_entries_for_retrieval() -> Iterator[RetrievalRecord]:
    """Every public entry's published version: ``(id, question, phrasings, answer text, unit, url)``."""
    for entry in entries_public().order_by("pk").iterator(chunk_size=500):
        v = entry.published_version
        assert v is not None  # entries_public guarantees it
        yield RetrievalRecord(
            id=entry.pk,
            question=v.question,
            phrasings=tuple(v.phrasings),
            answer_text=v.answer_text,
            unit_name=entry.unit.name,
            url=reverse("zsk:detail", args=[entry.pk]),
        )


# --- staff ------------------------------------------------------------------------------------


def entries_for_staff(
    user: User,
    *,
    state: str = "",
    text: str = "",
    tag: str = "",
    life_event: str = "",
    stale: bool = False,
) -> QuerySet[KnowledgeEntry]:
    """Entries of the user's units (own unit for handlers, the subtree for the others)."""
    qs = KnowledgeEntry.objects.filter(unit__in=staff_units(user)).select_related(
        "unit", "current_version", "published_version"
    )
    if state:
        qs = qs.filter(state=state)
    if text:
        qs = qs.filter(Q(question__icontains=text) | Q(current_version__question__icontains=text))
    if tag:
        qs = qs.filter(tags__contains=f",{tag},")
    if life_event:
        qs = qs.filter(life_events__code=life_event)
    if stale:
        qs = qs.exclude(stale_reason="")
    return qs.order_by("-updated_at", "-id")


def entry_get_for_staff(user: User, pk: int) -> KnowledgeEntry:
    entry = (
        KnowledgeEntry.objects.select_related("unit", "current_version", "published_version", "source_ticket")
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise NotFound("知识条目不存在。")
    if not permissions.can_view(user, entry):
        raise NotPermitted("您无权查看该知识条目。")
    return entry


def entry_versions(entry: KnowledgeEntry) -> QuerySet[KnowledgeEntryVersion]:
    return entry.versions.select_related("created_by").order_by("-number")


def version_life_events(version: KnowledgeEntryVersion) -> list[LifeEvent]:
    return list(LifeEvent.objects.filter(code__in=version.life_event_codes).order_by("sort_order", "id"))


def version_documents(version: KnowledgeEntryVersion) -> list[Document]:
    return list(Document.objects.filter(pk__in=version.document_ids).select_related("unit"))


def entry_counts_for_staff(user: User) -> dict[str, int]:
    """How many entries of the user's units are in each state, and how many are flagged stale."""
    qs = KnowledgeEntry.objects.filter(unit__in=staff_units(user))
    counts = {row["state"]: row["n"] for row in qs.values("state").annotate(n=Count("id"))}
    counts["stale"] = qs.exclude(stale_reason="").count()
    return counts


# --- staleness --------------------------------------------------------------------------------


def lapsed_documents() -> QuerySet[Document]:
    """Documents an answer should no longer rely on: not published (withdrawn …) or no longer valid."""
    return Document.objects.filter(~Q(status=Status.PUBLISHED) | ~Q(validity__in=SOUND_VALIDITIES))


def stale_reason_for(entry: KnowledgeEntry, *, today: dt.date, lapsed_ids: set[int]) -> tuple[str, str]:
    """``(StaleReason value, note)`` or ``("", "")``; a lapsed document weighs more than the date."""
    lapsed = [d for d in entry.documents.all() if d.pk in lapsed_ids]
    if lapsed:
        return StaleReason.DOCUMENT_LAPSED, "；".join(f"《{d.title}》" for d in lapsed)[:480]
    if entry.date_review_by is not None and entry.date_review_by < today:
        return StaleReason.REVIEW_DUE, f"复核日期 {entry.date_review_by.isoformat()}"
    return "", ""


def entries_stale(
    *, units: QuerySet[Unit] | None = None, clock: Clock | None = None
) -> QuerySet[KnowledgeEntry]:
    """Public entries that are stale now (computed, whether or not the daily job flagged them yet)."""
    today = (clock or get_clock()).today()
    qs = entries_public().filter(Q(date_review_by__lt=today) | Q(documents__in=lapsed_documents()))
    if units is not None:
        qs = qs.filter(unit__in=units)
    return qs.distinct().order_by("date_review_by", "id")


def entries_stale_for_staff(user: User, *, clock: Clock | None = None) -> QuerySet[KnowledgeEntry]:
    return entries_stale(units=staff_units(user), clock=clock)


def documents_for_linking(user: User, ids: list[int]) -> tuple[list[Document], list[int]]:
    """The documents ``ids`` the user may link (public, or visible in their workbench) and the ids
    that are not found or not visible."""
    found = {d.pk: d for d in Document.objects.select_related("unit").filter(pk__in=ids)}
    ok: list[Document] = []
    missing: list[int] = []
    for pk in ids:
        doc = found.get(pk)
        if doc is not None and (
            doc.is_public or user.is_superuser or base.can_read_workbench(user, doc.unit)
        ):
            ok.append(doc)
        else:
            missing.append(pk)
    return ok, missing


def ticket_for_proposal(user: User, pk: int) -> Ticket:
    """The ticket behind a 提议入库 button, if the user may see it (the service checks the rest)."""
    ticket = Ticket.objects.select_related("hotline_unit", "current_unit").filter(pk=pk).first()
    if ticket is None:
        raise NotFound("诉求不存在。")
    if not (user.is_superuser or ticket_permissions.can_view(user, ticket)):
        raise NotPermitted("您无权查看该诉求。")
    return ticket
