"""The publishing gate and its review (Django side of the privacy app)."""

from gongkai.privacy.services.documents import (
    DocumentSubject,
    document_gate_report,
    document_gate_require,
    document_revision_gate,
    document_subject,
)
from gongkai.privacy.services.gate import (
    BLOCKING_CONFIDENCE,
    GateFile,
    GateFinding,
    GateReport,
    GateText,
    PrivacyReviewRequired,
    privacy_gate_check,
)
from gongkai.privacy.services.published import privacy_scan_published
from gongkai.privacy.services.review import Choice, GateSubject, privacy_review_apply, privacy_review_open

__all__ = [
    "BLOCKING_CONFIDENCE",
    "Choice",
    "DocumentSubject",
    "GateFile",
    "GateFinding",
    "GateReport",
    "GateSubject",
    "GateText",
    "PrivacyReviewRequired",
    "document_gate_report",
    "document_gate_require",
    "document_revision_gate",
    "document_subject",
    "privacy_gate_check",
    "privacy_review_apply",
    "privacy_review_open",
    "privacy_scan_published",
]
