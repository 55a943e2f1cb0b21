"""Shared pieces of the gate tests: a citizen's personal data, Word/PDF files, logged-in clients."""

from __future__ import annotations

import io
import re

from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

NAME = "王秀英"
ID_NUMBER = "320508199003071239"
PHONE = "13912345678"
STREET = "人民路88号3幢201室"
ADDRESS = f"江苏省苏州市姑苏区{STREET}"
CITIZEN = f"经查，申请人{NAME}（身份证号码：{ID_NUMBER}，联系电话：{PHONE}，住址：{ADDRESS}）反映的问题属实。"
RAW_VALUES = (NAME, ID_NUMBER, PHONE, STREET)

FORM = {
    "title": "关于信访事项处理情况的公告",
    "date_written": "2026-06-10",
    "topic": "0401",
    "genre": "通知",
    "disclosure": "proactive",
    "disclosure_method": "website",
    "body": f"各有关单位：\n{CITIZEN}\n特此公告。",
}


def login(username: str) -> Client:
    c = Client(REMOTE_ADDR="192.0.2.20")
    resp = c.post(reverse("workbench:login"), {"username": username, "password": PASSWORD})
    assert resp.status_code == 302, resp.content.decode()[:500]
    return c


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_plain(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def token_of(page: str) -> str:
    m = re.search(r'name="token" value="([0-9a-f]+)"', page)
    assert m, "review form without token"
    return m.group(1)
