"""Validation of document metadata: one place, used by forms, the API and imports alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.core.errors import InvalidInput
from gongkai.documents.choices import (
    GENRES,
    TOPIC_LABELS,
    Disclosure,
    DisclosureMethod,
    Validity,
    WithholdingReason,
)
from gongkai.documents.docnumber import parse_doc_number
from gongkai.documents.models import Document
from gongkai.units.models import Unit

MAX_BODY_CHARS = 500_000
MAX_TITLE_CHARS = 300


@dataclass
class DocumentInput:
    """What a user supplies for a document; ``clean`` normalises it or raises ``InvalidInput``."""

    title: str
    body: str
    date_written: dt.date
    topic: str
    genre: str = "通知"
    doc_number: str = ""
    issuer: str = ""
    date_formed: dt.date | None = None
    disclosure: str = Disclosure.PROACTIVE
    withholding_reason: str = ""
    disclosure_method: str = DisclosureMethod.WEBSITE
    keywords: str = ""
    summary: str = ""
    scheduled_at: dt.datetime | None = None
    is_synthetic: bool = False
    errors: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def _err(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def clean(self, *, unit: Unit, today: dt.date, instance: Document | None = None) -> DocumentInput:
        """Check every rule; collect all errors so the user sees them at once."""
        self.errors = {}
        self.title = _text(self.title)
        self.body = _text(self.body, keep_newlines=True)
        self.issuer = _text(self.issuer)
        self.keywords = _text(self.keywords)
        self.summary = _text(self.summary, keep_newlines=True)
        if not self.title:
            self._err("title", "标题不能为空。")
        elif len(self.title) > MAX_TITLE_CHARS:
            self._err("title", f"标题不能超过{MAX_TITLE_CHARS}个字。")
        if not self.body:
            self._err("body", "正文不能为空。")
        elif len(self.body) > MAX_BODY_CHARS:
            self._err("body", f"正文不能超过{MAX_BODY_CHARS}个字符，较长内容请作为附件上传。")
        if self.topic not in TOPIC_LABELS:
            self._err("topic", "请选择有效的主题分类。")
        if self.genre not in GENRES:
            self._err("genre", "请选择有效的文种。")
        if self.disclosure not in Disclosure.values:
            self._err("disclosure", "请选择有效的公开属性。")
        if self.disclosure_method not in DisclosureMethod.values:
            self._err("disclosure_method", "请选择有效的公开方式。")
        if self.disclosure == Disclosure.WITHHELD:
            if self.withholding_reason not in WithholdingReason.values:
                self._err("withholding_reason", "不予公开的信息必须注明法定理由。")
        else:
            self.withholding_reason = ""
        if self.date_written > today:
            self._err("date_written", "成文日期不能晚于今天。")
        if self.date_formed and self.date_formed < self.date_written:
            self._err("date_formed", "信息形成或变更日期不能早于成文日期。")
        if self.scheduled_at and self.scheduled_at.date() < self.date_written:
            self._err("scheduled_at", "发布日期不能早于成文日期。")
        self._clean_doc_number(unit=unit, instance=instance)
        if self.errors:
            first = next(iter(self.errors.values()))[0]
            raise InvalidInput(
                first if len(self.errors) == 1 else f"{first}（共{_count(self.errors)}处错误）",
                errors=self.errors,
            )
        return self

    def _clean_doc_number(self, *, unit: Unit, instance: Document | None) -> None:
        raw = self.doc_number.strip()
        if not raw:
            self.doc_number = ""
            return
        parsed = parse_doc_number(raw)
        if parsed is None:
            self._err("doc_number", "发文字号格式应为“机关代字〔年份〕序号号”，如 苏府办〔2018〕193号。")
            return
        if parsed.year > self.date_written.year + 1 or parsed.year < 1949:
            self._err("doc_number", "发文字号中的年份与成文日期不符。")
        self.doc_number = str(parsed)
        clash = Document.objects.filter(unit=unit, doc_number=self.doc_number)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            self._err("doc_number", f"本单位已有发文字号为 {self.doc_number} 的文件。")


def _count(errors: dict[str, list[str]]) -> int:
    return sum(len(v) for v in errors.values())


def _text(value: str, *, keep_newlines: bool = False) -> str:
    """Strip control characters that have no place in a document (NUL and friends)."""
    value = value or ""
    allowed = {"\n", "\t"} if keep_newlines else set()
    cleaned = "".join(ch for ch in value if ch >= " " or ch in allowed or (keep_newlines and ch == "\r"))
    cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    return cleaned.strip()


def validate_validity(*, validity: str, date_changed: dt.date | None, date_written: dt.date) -> None:
    """有效性 rules: a lapse needs its date, which cannot precede the document."""
    if validity not in Validity.values:
        raise InvalidInput("请选择有效的有效性状态。", field="validity")
    if validity in {Validity.EXPIRED, Validity.REPEALED, Validity.PARTLY_EXPIRED} and date_changed is None:
        raise InvalidInput("失效、废止或部分失效须填写日期。", field="date_validity_changed")
    if date_changed and date_changed < date_written:
        raise InvalidInput("失效/废止日期不能早于成文日期。", field="date_validity_changed")
