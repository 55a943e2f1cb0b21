"""Publishing a ticket's exchange (the citizen's subject and content, and the reply) on the portal.

Only with the citizen's consent, only once replied (or closed), only by the hotline centre (writers of
``hotline_unit``, incl. the openness office over it), and only through the privacy gate:

- :class:`TicketSubject` is the gate's subject adapter (``gongkai.privacy.services.review.GateSubject``)
  for a ticket. Its texts are the *public* drafts: the masked versions a reviewer produced on the
  ticket's privacy review page, or the originals while nothing has been reviewed. ``write`` stores the
  reviewer's masking in ``public_subject`` / ``public_content`` / ``public_reply`` and never touches
  the citizen's own record. The citizen's name and phone are deny terms (always found, wherever they
  occur), as in ``gongkai.knowledge.services.proposal``.
- Drafts are tied to the original texts by ``public_source`` (a hash): after a reopening and a new
  reply the drafts no longer apply and the gate scans the new originals.
- :func:`ticket_publish_exchange` refuses (:class:`PrivacyReviewRequired`, 409, with the review page's
  link) while a high-confidence finding is undecided; otherwise it stores the public texts, stamps
  ``published_at`` / ``published_by`` and audits ``interaction.publish`` (counts only, never values).
- :func:`ticket_unpublish_exchange` withdraws it (``interaction.unpublish``); the reviewed drafts stay
  for a later re-publication.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.urls import reverse

from gongkai import privacy
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput
from gongkai.interaction.choices import State
from gongkai.interaction.models import Ticket
from gongkai.interaction.services.common import locked, reason, record, require_dispatch, save, state_label
from gongkai.privacy.models import PrivacyDecision
from gongkai.privacy.services.gate import GateFile, GateReport, GateText, PrivacyReviewRequired, subject_ref
from gongkai.privacy.services.review import gate_report, save_review
from gongkai.units.models import Unit

PUBLISHABLE_STATES = frozenset({State.REPLIED, State.CLOSED})
#: (key on the gate, original field, public field, shown to the reviewer)
TEXT_FIELDS = (
    ("subject", "subject", "public_subject", "标题"),
    ("content", "content", "public_content", "诉求内容"),
    ("reply", "reply_text", "public_reply", "答复"),
)
MIN_DENY_CHARS = 2
MIN_PHONE_DIGITS = 7


def source_hash(ticket: Ticket) -> str:
    """Fingerprint of the original texts the public drafts were made from."""
    h = hashlib.sha256()
    for _, field, _, _ in TEXT_FIELDS:
        h.update(getattr(ticket, field).encode())
        h.update(b"\x00")
    return h.hexdigest()


def drafts_current(ticket: Ticket) -> bool:
    """The stored public texts were made from the ticket's current subject, content and reply."""
    return bool(ticket.public_source) and ticket.public_source == source_hash(ticket)


@dataclass
class TicketSubject:
    """A ticket's exchange as a subject of the privacy gate (see the module docstring)."""

    ticket: Ticket

    @property
    def obj(self) -> models.Model:
        return self.ticket

    @property
    def unit(self) -> Unit | None:
        return self.ticket.hotline_unit

    @property
    def label(self) -> str:
        # no subject text here: the review list must not carry what the citizen wrote
        return f"一号答诉求 {self.ticket.tracking_code}（{self.ticket.get_ticket_type_display()}）"  # type: ignore[attr-defined]

    @property
    def published(self) -> bool:
        return self.ticket.published_at is not None

    def texts(self) -> list[GateText]:
        use_drafts = drafts_current(self.ticket)
        return [
            GateText(key, name, getattr(self.ticket, public if use_drafts else field) or "")
            for key, field, public, name in TEXT_FIELDS
        ]

    def files(self) -> list[GateFile]:
        return []

    def scan_options(self) -> privacy.ScanOptions:
        """The citizen's own name and phone are always found, wherever they occur."""
        deny = []
        name = self.ticket.contact_name.strip()
        if len(name) >= MIN_DENY_CHARS:
            deny.append(name)
        phone = self.ticket.contact_phone.strip()
        if sum(c.isdigit() for c in phone) >= MIN_PHONE_DIGITS:
            deny.append(phone)
        return privacy.ScanOptions.build(deny=deny)

    def review_url(self) -> str:
        return reverse("interaction:privacy", args=[self.ticket.pk])

    def check_writable(self) -> None:
        require_publishable(self.ticket)

    def write(
        self, *, actor: Actor, texts: dict[str, str], files: dict[str, bytes], now: dt.datetime
    ) -> list[str]:
        """Store the reviewer's masking as the public drafts; the citizen's record is unchanged."""
        current = {t.key: t.text for t in self.texts()}
        t = Ticket.objects.select_for_update().get(pk=self.ticket.pk)
        limit = Ticket._meta.get_field("public_subject").max_length or 0
        for key, _, public, name in TEXT_FIELDS:
            value = texts.get(key, current[key])
            if public == "public_subject" and len(value) > limit:
                raise InvalidInput(f"替换后{name}超过{limit}字，请缩短替换内容。")
            setattr(t, public, value)
        t.public_source = source_hash(t)
        t.updated_at = now
        t.version += 1
        t.save()
        self.ticket = t
        return ["遮盖结果已保存为公开文本，诉求原文不变"]


def decisions_recorded(ticket: Ticket) -> list[list[Any]]:
    """``[[decision, count], …]``: the privacy decisions recorded for the ticket (audit values are
    lists, as in ``privacy.apply``)."""
    subject_type, subject_id = subject_ref(ticket)
    rows = PrivacyDecision.objects.filter(review__subject_type=subject_type, review__subject_id=subject_id)
    return sorted([k, n] for k, n in Counter(rows.values_list("decision", flat=True)).items())


def ticket_subject(ticket: Ticket) -> TicketSubject:
    return TicketSubject(ticket)


def require_publishable(ticket: Ticket) -> None:
    if ticket.state not in PUBLISHABLE_STATES:
        raise IllegalTransition(f"诉求当前状态为“{state_label(ticket.state)}”，答复后才能公开。")
    if not ticket.consent_publish:
        raise IllegalTransition("群众未同意公开该诉求及答复，不能公开。")


def ticket_gate_report(ticket: Ticket) -> GateReport:
    """The gate's report on what would be published (no audit: it shows no values by itself)."""
    return gate_report(TicketSubject(ticket))


@transaction.atomic
def ticket_publish_exchange(*, actor: Actor, ticket: Ticket, clock: Clock | None = None) -> Ticket:
    """Publish the masked exchange on the portal; refused while the privacy gate has open findings."""
    clock = clock or get_clock()
    t = locked(ticket)
    require_dispatch(actor, t)
    require_publishable(t)
    subject = TicketSubject(t)
    report = gate_report(subject)
    now = clock.now()
    if not report.passed:
        url = subject.review_url()
        raise PrivacyReviewRequired(
            f"诉求或答复含有未处理的个人信息（{report.summary()}），不能公开。"
            f"请在个人信息核对页面 {url} 逐项处理（遮盖、替换或说明理由后保留）后再公开。",
            review_url=url,
        )
    texts = {x.key: x.text for x in subject.texts()}
    for key, _, public, _ in TEXT_FIELDS:
        setattr(t, public, texts[key])
    t.public_source = source_hash(t)
    republished = t.published_at is not None
    t.published_at = now
    t.published_by = actor.user
    save(t, clock)
    save_review(subject, report, now=now)
    kept = [f.label for f in report.blocking_findings if f.resolved_by == "keep"]
    record(
        actor=actor,
        action="publish",
        ticket=t,
        clock=clock,
        changes={
            # in the published texts (masked values are not found again), and decisions recorded so far
            "findings": len(report.blocking_findings),
            "labels": sorted([k, n] for k, n in report.label_counts(report.blocking_findings).items()),
            "decisions": decisions_recorded(t),
            "kept": sorted(kept),
            "republished": republished,
        },
    )
    return t


@transaction.atomic
def ticket_unpublish_exchange(
    *, actor: Actor, ticket: Ticket, reason_text: str = "", clock: Clock | None = None
) -> Ticket:
    """Withdraw the exchange from the portal (the reviewed public drafts are kept)."""
    clock = clock or get_clock()
    t = locked(ticket)
    require_dispatch(actor, t)
    if t.published_at is None:
        raise IllegalTransition("该诉求尚未公开。")
    why = reason(reason_text, "撤回理由", required=False)
    t.published_at = None
    t.published_by = None
    save(t, clock)
    record(actor=actor, action="unpublish", ticket=t, clock=clock, note=why)
    return t
