"""The privacy gate for letters (a LetterSubject in all but name).

A letter is scanned with ``gongkai.privacy`` like a document, through ``privacy_gate_check`` with the
letter as the subject (decisions are recorded per letter and survive new versions). One difference:
a letter addressed to the applicant naturally carries the applicant's OWN name, address, telephone …
Those are whitelisted — the name through the engine's allow list (``ScanOptions.allow_names``), the
other own values by dropping findings that are exactly the applicant's data — so only third parties'
personal data is flagged. A letter to a third party (征询函) whitelists nothing: the applicant's
identity must not reach the third party.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.db import models

from gongkai import privacy
from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.disclosure.models import DisclosureRequest, Letter, LetterState, LetterVersion
from gongkai.privacy.models import Decision, PrivacyDecision, PrivacyReview, ReviewState
from gongkai.privacy.services.gate import GateReport, GateText, apply_to_text, privacy_gate_check, subject_ref
from gongkai.privacy.services.review import Choice

_SPACE = re.compile(r"[\s\-()（）]+")
TEXT_FIELDS = (("salutation", "称谓"), ("body", "正文"), ("remedies", "救济途径"))


def _norm(value: str) -> str:
    return _SPACE.sub("", value or "").upper()


def own_values(case: DisclosureRequest) -> set[str]:
    """The applicant's own data, normalised; these are expected in a letter addressed to them."""
    values = {case.applicant_name, case.contact_person, case.id_number, case.phone, case.email, case.address}
    values.add(case.postcode)
    return {_norm(v) for v in values if v and len(_norm(v)) >= 2}


def scan_options(case: DisclosureRequest, *, to_applicant: bool) -> privacy.ScanOptions:
    if not to_applicant:
        return privacy.DEFAULT_OPTIONS
    return privacy.ScanOptions.build(allow=[case.applicant_name, case.contact_person])


def _is_own(text: str, own: set[str], address: str) -> bool:
    value = _norm(text)
    if not value:
        return False
    if value in own:
        return True
    # an address finding may cover only part of the applicant's address (e.g. without the room number)
    return len(value) >= 4 and bool(address) and value in address


def gate(
    *, case: DisclosureRequest, subject: models.Model, texts: list[GateText], to_applicant: bool
) -> GateReport:
    report = privacy_gate_check(
        subject=subject, texts=texts, options=scan_options(case, to_applicant=to_applicant)
    )
    if to_applicant:
        own, address = own_values(case), _norm(case.address)
        report.findings = [f for f in report.findings if not _is_own(f.text, own, address)]
    return report


def version_texts(version: LetterVersion) -> list[GateText]:
    return [GateText(key, name, getattr(version, key) or "") for key, name in TEXT_FIELDS]


def letter_gate_report(letter: Letter, version: LetterVersion | None = None) -> GateReport:
    version = version or letter.current
    return gate(
        case=letter.request,
        subject=letter,
        texts=version_texts(version),
        to_applicant=letter.addressed_to_applicant,
    )


def reply_gate(case: DisclosureRequest, reply_text: str) -> None:
    """``services.reply.reply_letter_gate``: a reply whose text carries third parties' personal data
    nobody has decided about is refused (decisions are those taken on the case's reply letter)."""
    from gongkai.disclosure.models import LetterKind

    letter = (
        Letter.objects.filter(request=case, kind=LetterKind.REPLY, state=LetterState.DRAFT)
        .order_by("-id")
        .first()
    )
    report = gate(
        case=case,
        subject=letter or case,
        texts=[GateText("body", "正文", reply_text)],
        to_applicant=True,
    )
    if not report.passed:
        raise InvalidInput(
            f"答复内容含有未处理的个人信息（{report.summary()}），请在答复告知书的个人信息核对中处理后再发送。",
            field="reply_text",
        )


def resolve(
    *,
    actor: Actor,
    letter: Letter,
    token: str,
    choices: Mapping[int, Choice],
    clock: Clock,
    new_version: Any,
) -> GateReport:
    """Apply the handler's decisions on the open findings of the letter's current version: mask
    (default) or custom wording rewrite the text as a new version; keep needs a reason. Decisions are
    stored with the privacy app's records (keyed hash, never the raw value)."""
    version = letter.current
    report = letter_gate_report(letter, version)
    if token != report.token:
        raise InvalidInput("核对期间文书内容已发生变化，请刷新页面后重新提交。")
    open_findings = report.open_findings
    if not open_findings:
        raise InvalidInput("没有需要处理的个人信息。")
    errors: dict[str, list[str]] = {}
    settled: list[tuple[Any, Choice]] = []
    for n, f in enumerate(open_findings, start=1):
        c = choices.get(f.index, Choice(Decision.MASK))
        where = f"第 {n} 项（{f.label_zh}）"
        if c.decision == Decision.KEEP:
            if not c.reason.strip():
                errors.setdefault(f"reason-{f.index}", []).append(f"{where}选择保留原文，须填写理由。")
            settled.append((f, Choice(Decision.KEEP, "", c.reason.strip()[:1000])))
        elif c.decision == Decision.CUSTOM:
            value = c.replacement.strip()
            if not value or value == f.text.strip() or len(value) > 100:
                errors.setdefault(f"replacement-{f.index}", []).append(
                    f"{where}请填写与原文不同的替换内容（100字以内）。"
                )
            settled.append((f, Choice(Decision.CUSTOM, value)))
        else:
            settled.append((f, Choice(Decision.MASK, f.proposed)))
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    now = clock.now()
    edits: dict[str, list[tuple[Any, str]]] = {}
    for f, c in settled:
        if c.decision != Decision.KEEP:
            edits.setdefault(f.source, []).append((f, c.replacement))
    if edits:
        texts = {t.key: t.text for t in version_texts(version)}
        changed = {key: apply_to_text(texts[key], e) for key, e in edits.items()}
        new_version(changed)
    subject_type, subject_id = subject_ref(letter)
    review, _ = PrivacyReview.objects.get_or_create(
        subject_type=subject_type,
        subject_id=subject_id,
        defaults={
            "updated_at": now,
            "unit": letter.request.handling_unit,
            "subject_label": str(letter)[:300],
        },
    )
    PrivacyDecision.objects.bulk_create(
        PrivacyDecision(
            review=review,
            source=f.source,
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
        for f, c in settled
    )
    after = letter_gate_report(letter)
    PrivacyReview.objects.filter(pk=review.pk).update(
        state=ReviewState.PENDING if after.open_findings else ReviewState.RESOLVED,
        blocking_count=len(after.open_findings),
        info_count=len(after.info_findings),
        label_counts=after.label_counts(),
        scanned_at=now,
        updated_at=now,
    )
    audit_record(
        actor=actor,
        action="privacy.apply",
        obj=letter,
        changes={
            "decisions": sorted([f.label, c.decision] for f, c in settled),
            "sources": sorted(edits),
        },
        unit=letter.request.handling_unit,
        clock=clock,
    )
    return after
