"""行政复议 / 行政诉讼 over a case, with their outcome (table 四)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput
from gongkai.disclosure.choices import AppealKind, AppealOutcome
from gongkai.disclosure.lifecycle import ENDED_STATES
from gongkai.disclosure.models import Appeal, DisclosureRequest
from gongkai.disclosure.services.common import day_not_future, locked, reason, require_register, text


@transaction.atomic
def appeal_record(
    *,
    actor: Actor,
    case: DisclosureRequest,
    kind: str,
    authority: str,
    date_filed: dt.date,
    note: str = "",
    clock: Clock | None = None,
) -> Appeal:
    """Record a reconsideration or lawsuit brought over a case that has ended; outcome pending."""
    clock = clock or get_clock()
    case = locked(case)
    require_register(actor, case)
    if case.state not in ENDED_STATES:
        raise IllegalTransition("申请尚未办结，不能登记行政复议或行政诉讼。")
    if kind not in AppealKind.values:
        raise InvalidInput("请选择行政复议或行政诉讼的类型。", field="kind")
    authority = text(authority, "复议机关或受理法院", "authority", limit=200)
    day_not_future(date_filed, clock.today(), "申请或起诉日期", "date_filed")
    now = clock.now()
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                request=case,
                kind=kind,
                authority=authority,
                date_filed=date_filed,
                note=reason(note, "说明", "note", required=False),
                created_by=actor.user,
                created_at=now,
                updated_at=now,
            )
    except IntegrityError as exc:
        raise InvalidInput("该申请已有一件同类尚未审结的案件。", field="kind") from exc
    audit_record(
        actor=actor,
        action="disclosure.appeal_record",
        obj=case,
        changes={"appeal_kind": kind, "date_filed": date_filed},
        unit=case.handling_unit,
        clock=clock,
    )
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    actor: Actor,
    appeal: Appeal,
    outcome: str,
    date_decided: dt.date,
    note: str = "",
    clock: Clock | None = None,
) -> Appeal:
    """Pending → 维持 / 纠正 / 其他结果."""
    clock = clock or get_clock()
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    case = appeal.request
    require_register(actor, case)
    if appeal.outcome != AppealOutcome.PENDING:
        raise IllegalTransition("该案件已登记审结结果。")
    if outcome not in AppealOutcome.values or outcome == AppealOutcome.PENDING:
        raise InvalidInput("请选择审结结果（维持、纠正或其他结果）。", field="outcome")
    day_not_future(date_decided, clock.today(), "审结日期", "date_decided")
    if date_decided < appeal.date_filed:
        raise InvalidInput("审结日期不能早于申请或起诉日期。", field="date_decided")
    appeal.outcome, appeal.date_decided, appeal.updated_at = outcome, date_decided, clock.now()
    if note.strip():
        appeal.note = reason(note, "说明", "note")
    appeal.save()
    audit_record(
        actor=actor,
        action="disclosure.appeal_decide",
        obj=case,
        changes={"appeal_kind": appeal.kind, "outcome": [AppealOutcome.PENDING, outcome]},
        unit=case.handling_unit,
        clock=clock,
    )
    return appeal
