"""个人信息去标识化引擎 (personal-information de-identification), usable without Django.

Typical use from the publishing gate::

    from gongkai import privacy

    findings = privacy.scan_text(text)                       # list[Finding]
    result = privacy.mask(text, findings)                    # MaskResult(text, replacements)
    html_result = privacy.mask_html(markup)                  # markup untouched, text nodes masked
    docx_result = privacy.mask_docx(data)                    # DocxMaskResult(data, replacements)
    chosen = privacy.mask_docx_with(data, decide)            # decide(LocatedFinding) -> str | None
    pdf = privacy.scan_pdf(data)                             # pdf.needs_review → 需人工审核
"""

from .htmltext import extract_text as html_text
from .htmltext import mask_html, scan_html
from .masking import MaskResult, MaskState, Replacement, generalise_address, mask, mask_value
from .office import (
    Decide,
    DocumentChanged,
    DocxMaskResult,
    LocatedFinding,
    PdfScanResult,
    docx_text,
    mask_docx,
    mask_docx_with,
    scan_docx,
    scan_pdf,
)
from .policy import DEFAULT_POLICY, STRICT_POLICY, Operator, Policy, Rule
from .scanner import DEFAULT_OPTIONS, MAX_CHARS, ScanOptions, scan_many, scan_text
from .types import ALL_LABELS, LABEL_NAMES_ZH, Finding, InputTooLarge, PrivacyError, UnreadableDocument


def redact_text(
    text: str, policy: Policy = DEFAULT_POLICY, options: ScanOptions = DEFAULT_OPTIONS
) -> MaskResult:
    """Scan and mask in one call."""
    return mask(text, scan_text(text, options), policy)


__all__ = [
    "ALL_LABELS",
    "DEFAULT_OPTIONS",
    "DEFAULT_POLICY",
    "LABEL_NAMES_ZH",
    "MAX_CHARS",
    "STRICT_POLICY",
    "Decide",
    "DocumentChanged",
    "DocxMaskResult",
    "Finding",
    "InputTooLarge",
    "LocatedFinding",
    "MaskResult",
    "MaskState",
    "Operator",
    "PdfScanResult",
    "Policy",
    "PrivacyError",
    "Replacement",
    "Rule",
    "ScanOptions",
    "UnreadableDocument",
    "docx_text",
    "generalise_address",
    "html_text",
    "mask",
    "mask_docx",
    "mask_docx_with",
    "mask_html",
    "mask_value",
    "redact_text",
    "scan_docx",
    "scan_html",
    "scan_many",
    "scan_pdf",
    "scan_text",
]
