"""Scan everything already on the portal for personal information that slipped through."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.documents.choices import Status
from gongkai.documents.models import Document
from gongkai.privacy.services.documents import DocumentSubject
from gongkai.privacy.services.gate import GateReport
from gongkai.privacy.services.review import gate_report, save_review


@dataclass
class ScanHit:
    document_id: int
    title: str
    unit_name: str
    report: GateReport


@dataclass
class ScanSummary:
    scanned: int = 0
    hits: list[ScanHit] = field(default_factory=list)


def privacy_scan_published(
    *, unit_ids: list[int] | None = None, limit: int | None = None, clock: Clock | None = None
) -> ScanSummary:
    """Scan every published document (optionally of some units), store per-document counts for the
    openness office's page and return the documents with open findings. Runs periodically."""
    clock = clock or get_clock()
    qs = Document.objects.filter(status=Status.PUBLISHED).select_related("unit").order_by("id")
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if limit:
        qs = qs[:limit]
    summary = ScanSummary()
    for document in qs.iterator(chunk_size=200):
        subject = DocumentSubject(document)
        report = gate_report(subject)
        with transaction.atomic():
            save_review(subject, report, now=clock.now())
        summary.scanned += 1
        if not report.passed:
            summary.hits.append(ScanHit(document.pk, document.title, document.unit.name, report))
    return summary
