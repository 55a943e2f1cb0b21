"""Build documents through the services, so test data obeys the same rules as real data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.core.context import Actor
from gongkai.documents.models import Document
from gongkai.documents.services import DocumentInput, document_approve, document_create, document_submit


def make_input(**overrides: Any) -> DocumentInput:
    values: dict[str, Any] = {
        "title": "关于做好2026年社会保险费征缴工作的通知",
        "body": "各区财政局：\n现将有关事项通知如下。",
        "date_written": dt.date(2026, 6, 1),
        "topic": "1502",
        "genre": "通知",
    }
    values.update(overrides)
    return DocumentInput(**values)


def make_draft(author: Any, **overrides: Any) -> Document:
    return document_create(actor=Actor(author, "10.0.0.1"), unit=author.unit, data=make_input(**overrides))


def make_published(author: Any, reviewer: Any, **overrides: Any) -> Document:
    doc = make_draft(author, **overrides)
    document_submit(actor=Actor(author), document=doc)
    return document_approve(actor=Actor(reviewer), document=doc)
