"""Reviewing a subject's findings: opening the review page (logged) and applying the decisions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.db import models, transaction

from gongkai import privacy
from gongkai.accounts import permissions
from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.privacy.models import Decision, PrivacyDecision, PrivacyReview, ReviewState
from gongkai.privacy.services.gate import (
    GateFile,
    GateFinding,
    GateReport,
    GateText,
    apply_to_docx,
    apply_to_text,
    privacy_gate_check,
    subject_ref,
)

if TYPE_CHECKING:
    import datetime as dt

    from gongkai.units.models import Unit

MAX_REPLACEMENT_CHARS = 100
MAX_REASON_CHARS = 1000


class GateSubject(Protocol):
    """What the gate needs from a publishable thing (a document today; reply letters later)."""

    @property
    def obj(self) -> models.Model: ...
    @property
    def unit(self) -> Unit | None: ...
    @property
    def label(self) -> str: ...
    @property
    def published(self) -> bool: ...
    def texts(self) -> list[GateText]: ...
    def files(self) -> list[GateFile]: ...
    def review_url(self) -> str: ...
    def check_writable(self) -> None: ...
    def write(
        self, *, actor: Actor, texts: dict[str, str], files: dict[str, bytes], now: dt.datetime
    ) -> list[str]: ...


def scan_options(subject: GateSubject) -> privacy.ScanOptions:
    """The subject's scan options: a subject may define ``scan_options()`` (e.g. a ticket adds the
    citizen's own name and phone as deny terms); the engine's defaults otherwise."""
    custom = getattr(subject, "scan_options", None)
    return custom() if callable(custom) else privacy.DEFAULT_OPTIONS


@dataclass(frozen=True)
class Choice:
    """The reviewer's answer for one finding: ``mask`` (default), ``custom`` or ``keep``."""

    decision: str = Decision.MASK
    replacement: str = ""
    reason: str = ""


def require_privacy_reviewer(actor: Actor, subject: GateSubject) -> None:
    user = actor.user
    if user is None:
        return
    unit = subject.unit
    if user.is_superuser:
        return
    if unit is None or not permissions.can_review(user, unit):
        name = unit.name if unit else "本单位"
        raise NotPermitted(f"只有“{name}”的单位管理员或公开办可以查看和处理个人信息核对。")


def gate_report(subject: GateSubject) -> GateReport:
    return privacy_gate_check(
        subject=subject.obj, texts=subject.texts(), files=subject.files(), options=scan_options(subject)
    )


def privacy_review_open(*, actor: Actor, subject: GateSubject, clock: Clock | None = None) -> GateReport:
    """The findings of a subject for its reviewer; every opening is logged (it shows personal data)."""
    require_privacy_reviewer(actor, subject)
    report = gate_report(subject)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="privacy.view",
            obj=subject.obj,
            changes={
                "findings": len(report.blocking_findings),
                "labels": report.label_counts(report.findings),
            },
            unit=subject.unit,
            clock=clock,
        )
    return report


def save_review(subject: GateSubject, report: GateReport, *, now: dt.datetime) -> PrivacyReview:
    """Store the subject's current state (counts only) for the openness office's list."""
    subject_type, subject_id = subject_ref(subject.obj)
    blocking = report.blocking_findings
    if report.open_findings or report.open_files:
        state = ReviewState.PENDING
    elif (
        blocking
        or report.files
        or PrivacyDecision.objects.filter(
            review__subject_type=subject_type, review__subject_id=subject_id
        ).exists()
    ):
        state = ReviewState.RESOLVED
    else:
        state = ReviewState.CLEAN
    review, _ = PrivacyReview.objects.update_or_create(
        subject_type=subject_type,
        subject_id=subject_id,
        defaults={
            "subject_label": subject.label[:300],
            "unit": subject.unit,
            "state": state,
            "blocking_count": len(report.open_findings),
            "info_count": len(report.info_findings),
            "manual_count": len(report.open_files),
            "label_counts": report.label_counts(),
            "is_published": subject.published,
            "scanned_at": now,
            "updated_at": now,
        },
    )
    return review


def _validate(
    report: GateReport, choices: Mapping[int, Choice], confirmations: Mapping[str, str]
) -> tuple[list[tuple[GateFinding, Choice, str]], list[tuple[Any, str]]]:
    errors: dict[str, list[str]] = {}
    settled: list[tuple[GateFinding, Choice, str]] = []
    for n, f in enumerate(report.open_findings, start=1):
        c = choices.get(f.index, Choice(Decision.MASK if f.maskable else ""))
        where = f"第 {n} 项（{f.label_zh}）"
        if c.decision == Decision.KEEP:
            reason = c.reason.strip()
            if not reason:
                errors.setdefault(f"reason-{f.index}", []).append(f"{where}选择保留原文，须填写理由。")
            elif len(reason) > MAX_REASON_CHARS:
                errors.setdefault(f"reason-{f.index}", []).append(
                    f"{where}的理由不能超过{MAX_REASON_CHARS}字。"
                )
            settled.append((f, Choice(Decision.KEEP, "", reason), f.text))
        elif not f.maskable:
            errors.setdefault(f"decision-{f.index}", []).append(
                f"{where}位于无法自动遮盖的附件（{f.source_name}）中：请退回起草人替换附件，或选择保留并填写理由。"
            )
        elif c.decision == Decision.CUSTOM:
            value = c.replacement.strip()
            if not value:
                errors.setdefault(f"replacement-{f.index}", []).append(f"{where}请填写自定义替换内容。")
            elif len(value) > MAX_REPLACEMENT_CHARS:
                errors.setdefault(f"replacement-{f.index}", []).append(
                    f"{where}的替换内容不能超过{MAX_REPLACEMENT_CHARS}字。"
                )
            elif value == f.text.strip():
                errors.setdefault(f"replacement-{f.index}", []).append(
                    f"{where}的替换内容与原文相同；如需保留原文，请选择“保留”并填写理由。"
                )
            settled.append((f, Choice(Decision.CUSTOM, value), value))
        elif c.decision == Decision.MASK:
            settled.append((f, Choice(Decision.MASK, f.proposed), f.proposed))
        else:
            errors.setdefault(f"decision-{f.index}", []).append(f"{where}请选择处理方式。")
    confirmed = []
    for item in report.open_files:
        if item.source not in confirmations or item.kind != "manual":
            continue
        reason = confirmations[item.source].strip()
        if not reason:
            errors.setdefault(f"confirm-{item.source}", []).append(
                f"确认已人工审核附件“{item.name}”时须填写说明（如：已逐页核对，无个人信息）。"
            )
        elif len(reason) > MAX_REASON_CHARS:
            errors.setdefault(f"confirm-{item.source}", []).append(f"说明不能超过{MAX_REASON_CHARS}字。")
        confirmed.append((item, reason))
    if errors:
        first = next(iter(errors.values()))[0]
        more = sum(len(v) for v in errors.values()) - 1
        raise InvalidInput(first + (f"（另有 {more} 处需修改）" if more else ""), errors=errors)
    return settled, confirmed


@transaction.atomic
def privacy_review_apply(
    *,
    actor: Actor,
    subject: GateSubject,
    token: str,
    choices: Mapping[int, Choice],
    confirmations: Mapping[str, str] | None = None,
    clock: Clock | None = None,
) -> GateReport:
    """Apply the reviewer's decisions: rewrite texts and files with the accepted maskings, record each
    decision, and audit counts and labels (never the raw values). Returns the report afterwards."""
    clock = clock or get_clock()
    require_privacy_reviewer(actor, subject)
    subject.check_writable()
    texts, files = subject.texts(), subject.files()
    report = privacy_gate_check(subject=subject.obj, texts=texts, files=files, options=scan_options(subject))
    if token != report.token:
        raise InvalidInput("核对期间内容已发生变化，请重新打开核对页面后再提交。")
    settled, confirmed = _validate(report, choices, confirmations or {})
    if not settled and not confirmed:
        raise InvalidInput("没有需要处理的项目。")
    now = clock.now()

    edits: dict[str, list[tuple[GateFinding, str]]] = {}
    for f, c, new in settled:
        if c.decision != Decision.KEEP:
            edits.setdefault(f.source, []).append((f, new))
    new_texts = {t.key: apply_to_text(t.text, edits[t.key]) for t in texts if t.key in edits}
    new_files = {fl.key: apply_to_docx(fl.data, edits[fl.key]) for fl in files if fl.key in edits}
    notes = subject.write(actor=actor, texts=new_texts, files=new_files, now=now) if edits else []

    subject_type, subject_id = subject_ref(subject.obj)
    review, _ = PrivacyReview.objects.get_or_create(
        subject_type=subject_type, subject_id=subject_id, defaults={"updated_at": now, "unit": subject.unit}
    )
    rows = [
        PrivacyDecision(
            review=review,
            source=f.source,
            location=f.location,
            label=f.label,
            start=f.start,
            end=f.end,
            fingerprint=f.fingerprint,
            decision=c.decision,
            replacement=c.replacement if c.decision != Decision.KEEP else "",
            reason=c.reason,
            decided_by=actor.user,
            decided_at=now,
        )
        for f, c, _ in settled
    ]
    rows += [
        PrivacyDecision(
            review=review,
            source=item.source,
            fingerprint=item.fingerprint,
            decision=Decision.CONFIRM,
            reason=reason,
            decided_by=actor.user,
            decided_at=now,
        )
        for item, reason in confirmed
    ]
    PrivacyDecision.objects.bulk_create(rows)

    counts: dict[str, Counter[str]] = {d: Counter() for d in (Decision.MASK, Decision.CUSTOM, Decision.KEEP)}
    for f, c, _ in settled:
        counts[c.decision][f.label] += 1
    # Audit values are lists (JSON-ready): [label, count] pairs and [label, shown as, reason] for overrides.
    changes: dict[str, Any] = {
        "masked": sorted([k, n] for k, n in counts[Decision.MASK].items()),
        "custom": sorted([k, n] for k, n in counts[Decision.CUSTOM].items()),
        "kept": [[f.label, f.proposed, c.reason] for f, c, _ in settled if c.decision == Decision.KEEP],
        "confirmed_files": [item.name for item, _ in confirmed],
        "sources": sorted(edits),
    }
    audit_record(
        actor=actor,
        action="privacy.apply",
        obj=subject.obj,
        changes=changes,
        note="；".join(notes),
        unit=subject.unit,
        clock=clock,
    )
    after = gate_report(subject)
    save_review(subject, after, now=now)
    return after
