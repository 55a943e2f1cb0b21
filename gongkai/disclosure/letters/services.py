"""Drafting, editing (a new version per save), checking and sending letters.

Sending a reply letter IS the reply: ``letter_send`` calls ``services.reply.request_reply`` with the
letter's outcome and text in the same transaction, so a case is never "replied" without its letter and
a letter never "sent" without the reply recorded. Every send passes the privacy gate first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import IntegrityError, transaction

from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.disclosure import permissions
from gongkai.disclosure.choices import CONSULTATION_CAUSES, ClockEventKind, State
from gongkai.disclosure.letters import content
from gongkai.disclosure.letters import privacy as letter_privacy
from gongkai.disclosure.models import DisclosureRequest, Letter, LetterKind, LetterState, LetterVersion
from gongkai.disclosure.services.common import ConcurrentChange, current_clock
from gongkai.disclosure.services.reply import request_reply, validate_reply
from gongkai.privacy.services.gate import GateReport
from gongkai.privacy.services.review import Choice

REGISTRAR_KINDS = frozenset({LetterKind.RECEIPT, LetterKind.CORRECTION})
LIMITS = {"title": 100, "salutation": 200, "body": 8000, "remedies": 1000, "signature": 200, "note": 200}


def require_letter_writer(actor: Actor, case: DisclosureRequest, kind: str) -> None:
    user = actor.user
    if user is None:
        raise NotPermitted("只有工作人员可以起草和发送文书。")
    allowed = (
        permissions.can_register(user, case)
        if kind in REGISTRAR_KINDS
        else permissions.can_handle(user, case)
    )
    if not allowed:
        raise NotPermitted(f"您无权起草或发送该申请的{LetterKind(kind).label}。")


def _precondition(case: DisclosureRequest, kind: str) -> None:
    """A letter tells of a step already taken (or, for the reply, about to be taken)."""
    events = case.clock_events
    missing: dict[str, bool] = {
        LetterKind.RECEIPT: case.date_received is None,
        LetterKind.CORRECTION: not events.filter(kind=ClockEventKind.CORRECTION_NOTICE).exists(),
        LetterKind.EXTENSION: not events.filter(kind=ClockEventKind.EXTENSION).exists(),
        LetterKind.CONSULTATION: not events.filter(
            kind=ClockEventKind.PAUSE, cause__in=CONSULTATION_CAUSES
        ).exists(),
        LetterKind.FEE: not case.fee_method,
        LetterKind.REPLY: case.state != State.IN_HANDLING,
    }
    why: dict[str, str] = {
        LetterKind.RECEIPT: "申请尚未确认收到，不能出具受理回执。",
        LetterKind.CORRECTION: "尚未登记补正告知，请先在“告知补正”中登记补正事项。",
        LetterKind.EXTENSION: "尚未延长答复期限，请先登记延期。",
        LetterKind.CONSULTATION: "尚未登记征求第三方意见。",
        LetterKind.FEE: "尚未发出收费通知，请先登记收费。",
        LetterKind.REPLY: "只有办理中的申请可以起草答复告知书（请先开始办理）。",
    }
    if kind not in LetterKind.values:
        raise InvalidInput("请选择文书类型。", field="kind")
    if missing[kind]:
        raise IllegalTransition(why[kind])


def _reply_due(case: DisclosureRequest, clock: Clock) -> dt.date | None:
    due = current_clock(case, clock).reply_due
    return due.date if due else None


@transaction.atomic
def letter_draft(
    *,
    actor: Actor,
    case: DisclosureRequest,
    kind: str,
    reply_type: str = "",
    reply_reason: str = "",
    reply_text: str = "",
    clock: Clock | None = None,
) -> Letter:
    """A new letter generated from the case (version 1), for the handler to edit before sending."""
    clock = clock or get_clock()
    case = DisclosureRequest.objects.select_for_update().get(pk=case.pk)
    _precondition(case, kind)
    require_letter_writer(actor, case, kind)
    if kind == LetterKind.REPLY:
        had = case.clock_events.filter(kind=ClockEventKind.CORRECTION_NOTICE).exists()
        reply_type, reply_reason = validate_reply(reply_type, reply_reason, had_correction=had)
        if len(reply_text) > 3000:
            raise InvalidInput("答复说明不能超过3000字。", field="reply_text")
    else:
        reply_type = reply_reason = reply_text = ""
    text = content.generate(
        case,
        kind,
        today=clock.today(),
        reply_type=reply_type,
        reply_reason=reply_reason,
        reply_text=reply_text,
        reply_due=_reply_due(case, clock),
    )
    now = clock.now()
    try:
        with transaction.atomic():
            letter = Letter.objects.create(
                request=case,
                kind=kind,
                reply_type=reply_type,
                reply_reason=reply_reason,
                recipient=text.salutation.rstrip("："),
                created_by=actor.user,
                created_at=now,
            )
    except IntegrityError as exc:
        raise IllegalTransition(f"该申请已有{LetterKind(kind).label}的草稿，请直接修改或发送。") from exc
    LetterVersion.objects.create(
        letter=letter,
        number=1,
        title=text.title,
        salutation=text.salutation,
        body=text.body,
        remedies=text.remedies,
        signature=text.signature,
        date=text.date,
        note="系统根据案件信息生成",
        created_by=actor.user,
        created_at=now,
    )
    audit_record(
        actor=actor,
        action="disclosure.letter_draft",
        obj=case,
        changes={"letter": [None, kind], "reply_type": reply_type, "reply_reason": reply_reason},
        unit=case.handling_unit,
        clock=clock,
    )
    return letter


def _locked_draft(letter: Letter, expected_version: int | None) -> Letter:
    fresh = Letter.objects.select_for_update().select_related("request").get(pk=letter.pk)
    if fresh.state != LetterState.DRAFT:
        raise IllegalTransition("文书已发送，不能再修改。")
    if expected_version is not None and fresh.current.number != expected_version:
        raise ConcurrentChange("文书已被他人修改，请刷新页面核对后再操作。")
    return fresh


def _new_version(letter: Letter, *, actor: Actor, clock: Clock, note: str, **fields: str) -> LetterVersion:
    cur = letter.current
    values = {k: getattr(cur, k) for k in ("title", "salutation", "body", "remedies", "signature")}
    values.update(fields)
    return LetterVersion.objects.create(
        letter=letter,
        number=cur.number + 1,
        date=clock.today(),
        note=note[: LIMITS["note"]],
        created_by=actor.user,
        created_at=clock.now(),
        **values,
    )


def _validate_fields(letter: Letter, fields: Mapping[str, str]) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    out = {}
    names = {
        "title": "标题",
        "salutation": "称谓",
        "body": "正文",
        "remedies": "救济途径",
        "signature": "落款",
    }
    for key, name in names.items():
        value = (fields.get(key) or "").strip()
        if not value and key != "remedies":
            errors.setdefault(key, []).append(f"请填写{name}。")
        elif len(value) > LIMITS[key]:
            errors.setdefault(key, []).append(f"{name}不能超过{LIMITS[key]}字。")
        out[key] = value
    if letter.kind in content.REMEDY_KINDS and not content.has_remedies(out["remedies"]):
        errors.setdefault("remedies", []).append(
            "须告知救济途径：收到本告知书之日起60日内申请行政复议，或者6个月内向人民法院提起行政诉讼。"
        )
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    return out


@transaction.atomic
def letter_edit(
    *,
    actor: Actor,
    letter: Letter,
    fields: Mapping[str, str],
    note: str = "",
    expected_version: int | None = None,
    clock: Clock | None = None,
) -> LetterVersion:
    """Save the handler's edit as a new version (the earlier versions stay)."""
    clock = clock or get_clock()
    letter = _locked_draft(letter, expected_version)
    require_letter_writer(actor, letter.request, letter.kind)
    values = _validate_fields(letter, fields)
    cur = letter.current
    if all(getattr(cur, k) == v for k, v in values.items()):
        raise InvalidInput("内容没有改变。")
    version = _new_version(letter, actor=actor, clock=clock, note=note.strip() or "修改", **values)
    audit_record(
        actor=actor,
        action="disclosure.letter_edit",
        obj=letter.request,
        changes={"letter": letter.kind, "version": [cur.number, version.number]},
        unit=letter.request.handling_unit,
        clock=clock,
    )
    return version


def letter_privacy_report(letter: Letter) -> GateReport:
    return letter_privacy.letter_gate_report(letter)


@transaction.atomic
def letter_privacy_resolve(
    *,
    actor: Actor,
    letter: Letter,
    token: str,
    choices: Mapping[int, Choice],
    expected_version: int | None = None,
    clock: Clock | None = None,
) -> GateReport:
    """Mask, replace or keep (with a reason) each flagged item; a masking is a new version."""
    clock = clock or get_clock()
    letter = _locked_draft(letter, expected_version)
    require_letter_writer(actor, letter.request, letter.kind)

    def new_version(changed: dict[str, str]) -> None:
        _new_version(letter, actor=actor, clock=clock, note="个人信息核对：遮盖或替换", **changed)

    return letter_privacy.resolve(
        actor=actor, letter=letter, token=token, choices=choices, clock=clock, new_version=new_version
    )


@transaction.atomic
def letter_send(
    *,
    actor: Actor,
    letter: Letter,
    expected_version: int | None = None,
    clock: Clock | None = None,
) -> Letter:
    """Send the current version; refused while the privacy gate has open findings. Sending the reply
    letter records the reply (state → replied) in the same transaction."""
    clock = clock or get_clock()
    letter = _locked_draft(letter, expected_version)
    case = letter.request
    require_letter_writer(actor, case, letter.kind)
    version = letter.current
    if letter.kind in content.REMEDY_KINDS and not content.has_remedies(version.remedies):
        raise InvalidInput("文书未载明救济途径（行政复议、行政诉讼），不能发送。", field="remedies")
    report = letter_privacy.letter_gate_report(letter, version)
    if not report.passed:
        raise InvalidInput(
            f"文书含有未处理的个人信息（{report.summary()}），请先在“个人信息核对”中遮盖、替换或说明保留理由。"
        )
    if letter.kind == LetterKind.REPLY:
        fresh = DisclosureRequest.objects.get(pk=case.pk)
        request_reply(
            actor=actor,
            case=fresh,
            reply_type=letter.reply_type,
            reply_reason=letter.reply_reason,
            reply_text=version.body,
            clock=clock,
        )
    letter.state = LetterState.SENT
    letter.sent_at = clock.now()
    letter.sent_by = actor.user
    letter.save(update_fields=["state", "sent_at", "sent_by"])
    audit_record(
        actor=actor,
        action="disclosure.letter_send",
        obj=case,
        changes={"letter": letter.kind, "version": version.number},
        unit=case.handling_unit,
        clock=clock,
    )
    return letter


@transaction.atomic
def letter_discard(*, actor: Actor, letter: Letter, clock: Clock | None = None) -> None:
    """Delete a draft (e.g. the reply letter of an outcome the handler reconsidered)."""
    clock = clock or get_clock()
    letter = _locked_draft(letter, None)
    require_letter_writer(actor, letter.request, letter.kind)
    audit_record(
        actor=actor,
        action="disclosure.letter_discard",
        obj=letter.request,
        changes={"letter": [letter.kind, None]},
        unit=letter.request.handling_unit,
        clock=clock,
    )
    letter.delete()
