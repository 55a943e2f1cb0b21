"""Pieces shared by the knowledge services: input cleaning, locking with a stale-version check, guards,
new versions, the public face, audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gongkai.accounts import permissions as base
from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.core.versioned import ConcurrentChange as ConcurrentChange  # re-exported to the views
from gongkai.core.versioned import lock_checked, save_versioned
from gongkai.documents.models import Document
from gongkai.knowledge import permissions
from gongkai.knowledge.choices import EntryState
from gongkai.knowledge.constants import (
    MAX_ANSWER_CHARS,
    MAX_NOTE_CHARS,
    MAX_PHRASING_CHARS,
    MAX_PHRASINGS,
    MAX_QUESTION_CHARS,
    MAX_REASON_CHARS,
    MAX_SERVICE_NAME_CHARS,
    MAX_TAG_CHARS,
    MAX_TAGS,
    MAX_URL_CHARS,
)
from gongkai.knowledge.lifecycle import action_allowed
from gongkai.knowledge.models import KnowledgeEntry, KnowledgeEntryVersion, LifeEvent
from gongkai.knowledge.richtext import html_to_text, safe_href, sanitise_html
from gongkai.units.models import Unit


@dataclass(frozen=True)
class EntryInput:
    """What an author enters for an entry (the working version)."""

    question: str
    answer_html: str
    phrasings: Sequence[str] = ()
    tags: Sequence[str] = ()
    life_events: Sequence[LifeEvent] = ()
    documents: Sequence[Document] = ()
    service_name: str = ""
    service_url: str = ""
    date_valid_from: dt.date | None = None
    date_review_by: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class CleanInput:
    question: str
    answer_html: str
    answer_text: str
    phrasings: list[str]
    tags: str  # ",a,b,"
    life_events: list[LifeEvent]
    documents: list[Document]
    service_name: str
    service_url: str
    date_valid_from: dt.date | None
    date_review_by: dt.date | None
    note: str
    errors: dict[str, list[str]] = field(default_factory=dict)


def _one_line(value: str) -> str:
    return " ".join((value or "").split())


def clean_input(actor: Actor, data: EntryInput) -> CleanInput:
    """Validate and normalise; raises ``InvalidInput`` with every field error at once."""
    errors: dict[str, list[str]] = {}
    question = _one_line(data.question)
    if not question:
        errors["question"] = ["请填写标准问题。"]
    elif len(question) > MAX_QUESTION_CHARS:
        errors["question"] = [f"标准问题不能超过{MAX_QUESTION_CHARS}字。"]

    phrasings: list[str] = []
    for raw in data.phrasings:
        p = _one_line(raw)
        if not p or p == question or p in phrasings:
            continue
        if len(p) > MAX_PHRASING_CHARS:
            errors["phrasings"] = [f"每条相似问法不能超过{MAX_PHRASING_CHARS}字。"]
            break
        phrasings.append(p)
    if len(phrasings) > MAX_PHRASINGS:
        errors["phrasings"] = [f"相似问法最多{MAX_PHRASINGS}条。"]

    answer_html = sanitise_html(data.answer_html)
    answer_text = html_to_text(answer_html)
    if not answer_text:
        errors["answer_html"] = ["请填写答案。"]
    elif len(answer_html) > MAX_ANSWER_CHARS:
        errors["answer_html"] = [f"答案过长（不能超过{MAX_ANSWER_CHARS}字符）。"]

    tags: list[str] = []
    for raw in data.tags:
        t = _one_line(raw).replace(",", "").replace("，", "")
        if not t or t in tags:
            continue
        if len(t) > MAX_TAG_CHARS:
            errors["tags"] = [f"每个标签不能超过{MAX_TAG_CHARS}字。"]
            break
        tags.append(t)
    if len(tags) > MAX_TAGS:
        errors["tags"] = [f"标签最多{MAX_TAGS}个。"]

    service_name = _one_line(data.service_name)
    if len(service_name) > MAX_SERVICE_NAME_CHARS:
        errors["service_name"] = [f"相关办事事项不能超过{MAX_SERVICE_NAME_CHARS}字。"]
    service_url = (data.service_url or "").strip()
    if service_url and (
        len(service_url) > MAX_URL_CHARS
        or not service_url.startswith(("http://", "https://"))
        or safe_href(service_url) is None
    ):
        errors["service_url"] = ["办事入口须为以 http:// 或 https:// 开头的网址。"]

    if data.date_valid_from and data.date_review_by and data.date_review_by < data.date_valid_from:
        errors["date_review_by"] = ["复核日期不能早于生效日期。"]

    life_events = list(dict.fromkeys(data.life_events))
    if any(not e.is_active for e in life_events):
        errors["life_events"] = ["所选人生事件或主题已停用。"]

    documents = list(dict.fromkeys(data.documents))
    for doc in documents:
        visible = doc.is_public or actor.user is None or base.can_read_workbench(actor.user, doc.unit)
        if not visible:
            errors["documents"] = [f"未找到编号为 {doc.pk} 的政策文件。"]
            break

    note = _one_line(data.note)
    if len(note) > MAX_NOTE_CHARS:
        errors["note"] = [f"修改说明不能超过{MAX_NOTE_CHARS}字。"]

    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors=errors)
    return CleanInput(
        question=question,
        answer_html=answer_html,
        answer_text=answer_text,
        phrasings=phrasings,
        tags="," + ",".join(tags) + "," if tags else "",
        life_events=life_events,
        documents=documents,
        service_name=service_name,
        service_url=service_url,
        date_valid_from=data.date_valid_from,
        date_review_by=data.date_review_by,
        note=note,
    )


def reason(value: str, what: str = "理由", field: str = "reason") -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(f"请填写{what}。", field=field)
    if len(value) > MAX_REASON_CHARS:
        raise InvalidInput(f"{what}不能超过{MAX_REASON_CHARS}字。", field=field)
    return value


def state_label(state: str) -> str:
    return str(EntryState(state).label)


def locked(entry: KnowledgeEntry) -> KnowledgeEntry:
    """The entry's row, locked and checked against the caller's copy (:func:`lock_checked`)."""
    return lock_checked(
        entry,
        message=lambda fresh: (
            f"该知识条目已被其他工作人员修改（当前状态：{state_label(fresh.state)}），请刷新页面，核对后再操作。"
        ),
    )


def require_transition(entry: KnowledgeEntry, action: str, what: str) -> None:
    if not action_allowed(entry.state, action):
        raise IllegalTransition(f"知识条目当前状态为“{state_label(entry.state)}”，不能{what}。")


def require_write(actor: Actor, unit: Unit) -> None:
    if actor.user is not None and not permissions.can_write(actor.user, unit):
        raise NotPermitted(f"您无权编辑“{unit.name}”的知识条目。")


def require_review(actor: Actor, unit: Unit) -> None:
    if actor.user is not None and not permissions.can_review(actor.user, unit):
        raise NotPermitted(f"只有“{unit.name}”的单位管理员或公开办可以审核、发布或下线知识条目。")


def require_unit(unit: Unit) -> None:
    if not unit.is_active:
        raise InvalidInput(f"单位“{unit.name}”已停用。", field="unit")


def new_version(
    entry: KnowledgeEntry, clean: CleanInput, *, actor: Actor, clock: Clock
) -> KnowledgeEntryVersion:
    """Append an immutable snapshot and make it the working version."""
    last = entry.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = KnowledgeEntryVersion.objects.create(
        entry=entry,
        number=last + 1,
        question=clean.question,
        phrasings=clean.phrasings,
        answer_html=clean.answer_html,
        answer_text=clean.answer_text,
        tags=clean.tags,
        life_event_codes=[e.code for e in clean.life_events],
        document_ids=[d.pk for d in clean.documents],
        service_name=clean.service_name,
        service_url=clean.service_url,
        date_valid_from=clean.date_valid_from,
        date_review_by=clean.date_review_by,
        note=clean.note,
        created_by=actor.user,
        created_by_label=actor.label,
        created_at=clock.now(),
    )
    entry.current_version = version
    return version


def version_input(version: KnowledgeEntryVersion, actor: Actor) -> EntryInput:
    """A version as input again (to copy it into a new working version); life events since disabled
    and documents the actor can no longer see are left out."""
    documents = [
        d
        for d in Document.objects.filter(pk__in=version.document_ids).select_related("unit")
        if d.is_public or actor.user is None or base.can_read_workbench(actor.user, d.unit)
    ]
    return EntryInput(
        question=version.question,
        answer_html=version.answer_html,
        phrasings=list(version.phrasings),
        tags=version.tag_list,
        life_events=list(LifeEvent.objects.filter(code__in=version.life_event_codes, is_active=True)),
        documents=documents,
        service_name=version.service_name,
        service_url=version.service_url,
        date_valid_from=version.date_valid_from,
        date_review_by=version.date_review_by,
    )


def apply_face(entry: KnowledgeEntry, version: KnowledgeEntryVersion) -> None:
    """Copy a version's classification onto the entry (its public face). Saves the M2M links; the
    caller saves the entry."""
    entry.question = version.question
    entry.tags = version.tags
    entry.service_name = version.service_name
    entry.service_url = version.service_url
    entry.date_valid_from = version.date_valid_from
    entry.date_review_by = version.date_review_by
    entry.life_events.set(LifeEvent.objects.filter(code__in=version.life_event_codes))
    entry.documents.set(Document.objects.filter(pk__in=version.document_ids))


FACE_FIELDS = ("question", "tags", "service_name", "service_url", "date_valid_from", "date_review_by")


save = save_versioned


def record(
    *,
    actor: Actor,
    action: str,
    entry: KnowledgeEntry,
    clock: Clock,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    audit_record(
        actor=actor,
        action=f"knowledge.{action}",
        obj=entry,
        changes=changes,
        note=note,
        unit=entry.unit,
        clock=clock,
    )
