"""提议入库: a handler's reply to a 咨询 becomes a draft entry, with personal information masked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from gongkai import privacy
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput
from gongkai.interaction.choices import State, TicketType
from gongkai.interaction.models import Ticket
from gongkai.knowledge.constants import MAX_PHRASING_CHARS, MAX_QUESTION_CHARS
from gongkai.knowledge.models import KnowledgeEntry
from gongkai.knowledge.richtext import text_to_html
from gongkai.knowledge.services.authoring import create_entry
from gongkai.knowledge.services.common import EntryInput, clean_input, require_unit, require_write

PROPOSABLE_STATES = frozenset({State.REPLIED, State.CLOSED})


@dataclass(frozen=True)
class Masked:
    question: str
    phrasing: str
    answer: str
    findings: int


def _first_sentence(text: str, limit: int) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?[。？！?!])", text)
    sentence = match.group(1) if match else text
    return sentence[:limit]


def mask_ticket_text(ticket: Ticket) -> Masked:
    """Subject, content and reply with personal information masked (strict policy: placeholders and
    pseudonyms). The citizen's own name, as given on the ticket, is always masked wherever it occurs."""
    deny = [ticket.contact_name] if len(ticket.contact_name.strip()) >= 2 else []
    options = privacy.ScanOptions.build(deny=deny)
    state = privacy.MaskState()
    found = 0
    out: list[str] = []
    for text in (ticket.subject, ticket.content, ticket.reply_text):
        findings = privacy.scan_text(text, options)
        found += len(findings)
        out.append(privacy.mask(text, findings, privacy.STRICT_POLICY, state).text)
    subject, content, reply = out
    question = _first_sentence(subject, MAX_QUESTION_CHARS)
    phrasing = _first_sentence(content, MAX_PHRASING_CHARS)
    return Masked(question=question, phrasing=phrasing, answer=reply, findings=found)


def entry_propose_from_ticket(*, ticket: Ticket, actor: Actor, clock: Clock | None = None) -> KnowledgeEntry:
    """A draft entry from a replied 咨询: question from the subject (the content's first sentence as a
    similar phrasing), answer from the reply, owned by the unit that replied. Personal information is
    masked before anything is stored; the audit row records only how many findings were masked.

    The privacy scan runs before the transaction opens (it may take a moment on long texts)."""
    clock = clock or get_clock()
    if ticket.ticket_type != TicketType.CONSULTATION:
        raise InvalidInput("只有咨询类诉求的答复可以提议为知识条目。", field="ticket")
    if ticket.state not in PROPOSABLE_STATES or not ticket.reply_text.strip():
        raise IllegalTransition("该诉求尚未答复，不能提议为知识条目。")
    unit = ticket.current_unit
    if unit is None:  # pragma: no cover - a replied ticket always has a unit
        raise IllegalTransition("该诉求没有承办单位。")
    require_write(actor, unit)
    masked = mask_ticket_text(ticket)
    data = EntryInput(
        question=masked.question,
        phrasings=[masked.phrasing],
        answer_html=text_to_html(masked.answer),
        note=f"由诉求 {ticket.tracking_code} 的答复提议（已脱敏）",
    )
    with transaction.atomic():
        fresh = Ticket.objects.select_for_update().get(pk=ticket.pk)
        existing = KnowledgeEntry.objects.filter(source_ticket=fresh).first()
        if existing is not None:
            raise IllegalTransition(f"该诉求的答复已提议为知识条目（编号 {existing.pk}）。")
        require_unit(unit)
        clean = clean_input(actor, data)
        return create_entry(
            actor=actor,
            unit=unit,
            clean=clean,
            clock=clock,
            source_ticket=fresh,
            action="propose",
            note=f"来源诉求 {fresh.tracking_code}；已遮蔽个人信息 {masked.findings} 处",
        )
