"""The publishing gate, independent of what is being published.

A caller describes its subject (any model instance) as named texts and files; ``privacy_gate_check``
scans them with the engine, matches the findings against the decisions already recorded for that
subject and answers with a :class:`GateReport`. ``report.passed`` is False while a high-confidence
finding (a label the policy masks) is undecided, a file that cannot be read automatically has not been
confirmed by hand, or a file cannot be read at all.

Decisions are keyed by a keyed hash (HMAC with the site's secret key) of label and text, so the raw
personal data is never stored by the gate.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings
from django.db import models

from gongkai import privacy
from gongkai.core.errors import ApplicationError
from gongkai.privacy.models import Decision, PrivacyDecision, PrivacyReview

#: Findings at or above this confidence, of a label the policy masks, block publication.
BLOCKING_CONFIDENCE = 0.6
CONTEXT_CHARS = 30
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp"})


class PrivacyReviewRequired(ApplicationError):
    """Publication refused: personal information found that nobody has decided about yet."""

    status_code = 409

    def __init__(self, message: str, *, review_url: str = "") -> None:
        super().__init__(message)
        self.review_url = review_url


@dataclass(frozen=True)
class GateText:
    key: str  # stable name of the field, e.g. "body"
    name: str  # shown to the reviewer, e.g. "正文"
    text: str


@dataclass(frozen=True)
class GateFile:
    key: str  # stable reference, e.g. "attachment:12"
    name: str  # the original file name, shown to the reviewer
    extension: str
    data: bytes
    error: str = ""  # the file could not be loaded (missing on disk …)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class GateFinding:
    index: int  # position in the report, the form's key
    source: str
    source_name: str
    location: str  # paragraph of a .docx, "" for texts
    start: int
    end: int
    label: str
    text: str
    confidence: float
    proposed: str
    before: str
    after: str
    blocking: bool
    maskable: bool
    fingerprint: str
    resolved_by: str = ""  # the recorded decision that settles it

    @property
    def label_zh(self) -> str:
        return privacy.LABEL_NAMES_ZH.get(self.label, self.label)

    @property
    def open(self) -> bool:
        return self.blocking and not self.resolved_by


@dataclass
class GateFileIssue:
    source: str
    name: str
    sha256: str
    kind: Literal["manual", "unreadable"]
    message: str
    confirmed: bool = False

    @property
    def fingerprint(self) -> str:
        return f"file:{self.sha256}"

    @property
    def open(self) -> bool:
        return self.kind == "unreadable" or not self.confirmed


@dataclass
class GateReport:
    subject_type: str
    subject_id: str
    token: str
    findings: list[GateFinding] = field(default_factory=list)
    files: list[GateFileIssue] = field(default_factory=list)

    @property
    def open_findings(self) -> list[GateFinding]:
        return [f for f in self.findings if f.open]

    @property
    def blocking_findings(self) -> list[GateFinding]:
        return [f for f in self.findings if f.blocking]

    @property
    def info_findings(self) -> list[GateFinding]:
        return [f for f in self.findings if not f.blocking]

    @property
    def open_files(self) -> list[GateFileIssue]:
        return [f for f in self.files if f.open]

    @property
    def passed(self) -> bool:
        return not self.open_findings and not self.open_files

    def label_counts(self, findings: Iterable[GateFinding] | None = None) -> dict[str, int]:
        counts = Counter(f.label for f in (self.open_findings if findings is None else findings))
        return dict(sorted(counts.items()))

    def summary(self) -> str:
        """``姓名 1 处、手机号码 2 处；1 个附件需人工审核`` — no personal data."""
        parts = [f"{privacy.LABEL_NAMES_ZH.get(k, k)} {n} 处" for k, n in self.label_counts().items()]
        text = "、".join(parts)
        manual = sum(1 for f in self.open_files if f.kind == "manual")
        broken = sum(1 for f in self.open_files if f.kind == "unreadable")
        extra = []
        if manual:
            extra.append(f"{manual} 个附件需人工审核")
        if broken:
            extra.append(f"{broken} 个附件无法读取")
        return "；".join(p for p in [text, *extra] if p)


def subject_ref(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def fingerprint(label: str, text: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{label}\x00{text.strip()}".encode(), hashlib.sha256).hexdigest()


def review_for(obj: models.Model) -> PrivacyReview | None:
    subject_type, subject_id = subject_ref(obj)
    return PrivacyReview.objects.filter(subject_type=subject_type, subject_id=subject_id).first()


def content_token(texts: Sequence[GateText], files: Sequence[GateFile]) -> str:
    h = hashlib.sha256()
    for t in texts:
        h.update(f"{t.key}\x00{len(t.text)}\x00".encode())
        h.update(t.text.encode())
    for f in files:
        h.update(f"{f.key}\x00{f.sha256}\x00".encode())
    return h.hexdigest()[:32]


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return ("…" if start > CONTEXT_CHARS else "") + before, after + (
        "…" if end + CONTEXT_CHARS < len(text) else ""
    )


def privacy_gate_check(
    *,
    subject: models.Model,
    texts: Sequence[GateText] = (),
    files: Sequence[GateFile] = (),
    policy: privacy.Policy = privacy.DEFAULT_POLICY,
    options: privacy.ScanOptions = privacy.DEFAULT_OPTIONS,
    threshold: float = BLOCKING_CONFIDENCE,
) -> GateReport:
    """Scan a subject's texts and files and settle each finding against the recorded decisions."""
    subject_type, subject_id = subject_ref(subject)
    report = GateReport(subject_type, subject_id, content_token(texts, files))
    review = review_for(subject)
    decisions = list(review.decisions.all()) if review else []
    kept = {d.fingerprint for d in decisions if d.decision == Decision.KEEP}
    confirmed = {d.fingerprint for d in decisions if d.decision == Decision.CONFIRM}
    produced = {
        d.replacement for d in decisions if d.decision in {Decision.MASK, Decision.CUSTOM} and d.replacement
    }
    state = privacy.MaskState()
    # values masked with this policy's mask characters are not reported again
    mask_chars = {r.mask_char for r in (*policy.rules.values(), policy.fallback)} - set(options.mask_chars)
    if mask_chars:
        options = dataclasses.replace(options, mask_chars=options.mask_chars + "".join(sorted(mask_chars)))

    def add(source: str, name: str, location: str, text: str, f: privacy.Finding, maskable: bool) -> None:
        rule = policy.rule_for(f.label)
        is_kept_label = rule.operator is privacy.Operator.KEEP
        blocking = not is_kept_label and f.confidence >= threshold
        proposed = f.text if is_kept_label else privacy.mask_value(f.text, f.label, rule, state)
        before, after = _context(text, f.start, f.end)
        fp = fingerprint(f.label, f.text)
        resolved = ""
        if blocking and fp in kept:
            resolved = Decision.KEEP
        elif blocking and _inside_replacement(text, f, produced):
            resolved = Decision.MASK  # a reviewer's own wording (e.g. "王某") found again
        report.findings.append(
            GateFinding(
                index=len(report.findings),
                source=source,
                source_name=name,
                location=location,
                start=f.start,
                end=f.end,
                label=f.label,
                text=f.text,
                confidence=f.confidence,
                proposed=proposed,
                before=before,
                after=after,
                blocking=blocking,
                maskable=maskable,
                fingerprint=fp,
                resolved_by=resolved,
            )
        )

    present = [t for t in texts if t.text]
    try:
        results = privacy.scan_many([t.text for t in present], options)
    except privacy.PrivacyError as exc:
        report.files.append(GateFileIssue("text", "正文等文字内容", "", "unreadable", str(exc)))
        results = [[] for _ in present]
    for t, found in zip(present, results, strict=True):
        for f in found:
            add(t.key, t.name, "", t.text, f, True)

    for file in files:
        _check_file(file, report, add, confirmed, options)
    return report


def _inside_replacement(text: str, f: privacy.Finding, produced: set[str]) -> bool:
    """The finding lies inside a replacement this subject's reviewers chose (re-detected masks)."""
    for value in produced:
        lo = max(0, f.end - len(value))
        p = text.find(value, lo, f.start + len(value))
        while p != -1 and p <= f.start:
            if p + len(value) >= f.end:
                return True
            p = text.find(value, p + 1, f.start + len(value))
    return False


def _check_file(file, report, add, confirmed, options) -> None:  # type: ignore[no-untyped-def]
    sha = file.sha256
    ext = file.extension.lower()

    def issue(kind: Literal["manual", "unreadable"], message: str) -> None:
        item = GateFileIssue(file.key, file.name, sha, kind, message)
        item.confirmed = kind == "manual" and item.fingerprint in confirmed
        report.files.append(item)

    if file.error:
        issue("unreadable", f"附件“{file.name}”无法读取：{file.error}")
        return
    try:
        if ext == "docx":
            for lf in privacy.scan_docx(file.data, options):
                add(file.key, file.name, lf.location, lf.paragraph_text, lf.finding, True)
        elif ext == "pdf":
            result = privacy.scan_pdf(file.data, options)
            for f in result.findings:
                add(file.key, file.name, "", result.text, f, False)
            if result.needs_review:
                issue("manual", f"附件“{file.name}”：{result.reason}")
        elif ext in IMAGE_EXTENSIONS:
            issue("manual", f"附件“{file.name}”是图片，无法自动检查个人信息，需人工审核。")
        else:
            issue("manual", f"附件“{file.name}”（.{ext}）的格式无法自动检查个人信息，需人工审核。")
    except privacy.PrivacyError as exc:
        issue(
            "unreadable",
            f"附件“{file.name}”无法检查：{exc} "
            "请退回起草人删除或替换该附件（例如另存为有效的 .docx 或带文字层的 PDF）。",
        )


def _splice(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for s, e, new in sorted(edits):
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(new)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def apply_to_text(text: str, edits: Sequence[tuple[GateFinding, str]]) -> str:
    """``text`` with each finding's span replaced."""
    return _splice(text, [(f.start, f.end, new) for f, new in edits])


def apply_to_docx(data: bytes, edits: Sequence[tuple[GateFinding, str]]) -> bytes:
    """The .docx with each finding replaced inside its paragraph; run formatting is kept.

    The findings come from ``scan_docx`` of these bytes, so their locations match; a finding that no
    longer matches its paragraph means the file changed since the report.
    """
    chosen = {(f.location, f.start, f.end): new for f, new in edits}
    located = [
        privacy.LocatedFinding(
            f.location, "", privacy.Finding(f.start, f.end, f.label, f.text, f.confidence, "gate")
        )
        for f, _ in edits
    ]
    try:
        result = privacy.mask_docx_with(
            data,
            lambda lf: chosen.get((lf.location, lf.finding.start, lf.finding.end)),
            findings=located,
        )
    except privacy.DocumentChanged as exc:
        raise ApplicationError("附件内容已变化，请刷新核对页面后重试。") from exc
    return result.data


def decisions_of(review: PrivacyReview | None) -> list[PrivacyDecision]:
    return list(review.decisions.select_related("decided_by")) if review else []
