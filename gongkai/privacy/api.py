"""``POST /api/v1/privacy/scan``: scan a text for personal information and get it back masked (staff)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema

from gongkai import privacy
from gongkai.accounts.models import Role
from gongkai.api.auth import request_user, staff_auth
from gongkai.api.schemas import answers
from gongkai.core.errors import ApplicationError, InvalidInput

router = Router(tags=["个人信息"], auth=staff_auth)

#: Characters accepted per call; longer texts are split by the caller.
MAX_SCAN_CHARS = 200_000


class TextTooLarge(ApplicationError):
    status_code = 413


class ScanIn(Schema):
    text: str = Field(..., description=f"待检查的文本，最多 {MAX_SCAN_CHARS:,} 个字符")


class FindingOut(Schema):
    label: str = Field(..., description="类别代码，如 MOBILE")
    label_name: str = Field(..., description="类别名称，如 手机号码")
    start: int = Field(..., description="起始位置（字符，含）")
    end: int = Field(..., description="结束位置（字符，不含）")
    confidence: float
    text: str | None = Field(None, description="原文（仅向承办人、管理员和公开办返回）")
    masked: str = Field(..., description="按默认规则遮盖后的值")


class ScanOut(Schema):
    findings: list[FindingOut]
    masked_text: str = Field(..., description="按默认规则遮盖后的全文")


@router.post("/scan", response=answers(ScanOut), summary="检查并遮盖文本中的个人信息")
def scan(request: HttpRequest, payload: ScanIn) -> ScanOut:
    """Findings with their positions and the text masked by the default policy (机构名称、地名、统一社会
    信用代码 are reported but kept). Evaluators get the findings without the original text."""
    user = request_user(request)
    text = payload.text
    if len(text) > MAX_SCAN_CHARS:
        raise TextTooLarge(
            f"文本过长：共 {len(text):,} 个字符，单次最多 {MAX_SCAN_CHARS:,} 个字符，请拆分后分批提交。"
        )
    if not text.strip():
        raise InvalidInput("请提供待检查的文本。", field="text")
    try:
        findings = privacy.scan_text(text)
    except privacy.InputTooLarge as exc:
        raise TextTooLarge(str(exc)) from exc
    result = privacy.mask(text, findings)
    masked_by_start = {r.start: r.replacement for r in result.replacements}
    show_text = user.is_superuser or user.role != Role.EVALUATOR
    return ScanOut(
        findings=[
            FindingOut(
                label=f.label,
                label_name=privacy.LABEL_NAMES_ZH.get(f.label, f.label),
                start=f.start,
                end=f.end,
                confidence=f.confidence,
                text=f.text if show_text else None,
                masked=masked_by_start.get(f.start, f.text),
            )
            for f in findings
        ],
        masked_text=result.text,
    )
