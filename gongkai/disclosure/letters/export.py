"""Word (.docx, python-docx) and PDF (reportlab, built-in CID font STSong-Light: nothing downloaded)
of a letter version. Every text goes in as text: nothing the applicant typed is interpreted."""

from __future__ import annotations

import re
from io import BytesIO
from xml.sax.saxutils import escape

from gongkai.disclosure.models import LetterVersion

PDF_FONT = "STSong-Light"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    """Text without control characters (which XML — .docx and reportlab — cannot carry)."""
    return _CONTROL.sub("", text or "")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _clean(text).splitlines() if p.strip()]


def _date(version: LetterVersion) -> str:
    d = version.date
    return f"{d.year}年{d.month}月{d.day}日"


def filename(version: LetterVersion, ext: str) -> str:
    code = version.letter.request.tracking_code
    return f"{version.title}-{code}-v{version.number}.{ext}"


def to_docx(version: LetterVersion) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"  # type: ignore[attr-defined]
    style.font.size = Pt(14)  # type: ignore[attr-defined]
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), "宋体")
    doc.core_properties.title = _clean(version.title)
    doc.core_properties.author = _clean(version.signature)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(_clean(version.title))
    run.bold = True
    run.font.size = Pt(20)
    number = doc.add_paragraph(f"查询编号：{version.letter.request.tracking_code}")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(_clean(version.salutation))
    for text in [*_paragraphs(version.body), *_paragraphs(version.remedies)]:
        p = doc.add_paragraph(text)
        p.paragraph_format.first_line_indent = Pt(28)
    for text in (version.signature, _date(version)):
        p = doc.add_paragraph(_clean(text))
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def to_pdf(version: LetterVersion) -> bytes:
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    base = ParagraphStyle("body", fontName=PDF_FONT, fontSize=13, leading=22, wordWrap="CJK")
    indent = ParagraphStyle("indent", parent=base, firstLineIndent=26)
    title = ParagraphStyle("title", parent=base, fontSize=18, leading=28, alignment=TA_CENTER)
    centre = ParagraphStyle("centre", parent=base, fontSize=11, alignment=TA_CENTER)
    right = ParagraphStyle("right", parent=base, alignment=TA_RIGHT)

    def para(text: str, style: ParagraphStyle) -> Paragraph:
        # reportlab reads a small mark-up language: escape, so "<script>" stays text.
        return Paragraph(escape(_clean(text)), style)

    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=30 * mm,
        bottomMargin=30 * mm,
        title=_clean(version.title),
        author=_clean(version.signature),
    )
    story = [
        para(version.title, title),
        para(f"查询编号：{version.letter.request.tracking_code}", centre),
        Spacer(1, 8 * mm),
        para(version.salutation, base),
    ]
    story += [para(t, indent) for t in [*_paragraphs(version.body), *_paragraphs(version.remedies)]]
    story += [Spacer(1, 10 * mm), para(version.signature, right), para(_date(version), right)]
    doc.build(story)
    return out.getvalue()
