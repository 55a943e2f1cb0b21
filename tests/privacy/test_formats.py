"""HTML, Word and PDF handling, including hostile input."""

from __future__ import annotations

import io
import time
import zipfile

import docx
import pytest

from gongkai.privacy import (
    InputTooLarge,
    ScanOptions,
    UnreadableDocument,
    docx_text,
    mask_docx,
    mask_html,
    scan_docx,
    scan_pdf,
    scan_text,
)
from gongkai.privacy.htmltext import extract_text
from gongkai.privacy.types import MOBILE, PERSON


def test_html_masks_text_nodes_only() -> None:
    markup = (
        '<div class="x>y" title="申请人王小明 13912345678" data-tel=\'13912345678\'>'
        "<p>申请人<b>王</b>小明，电话 13912345678 &amp; 备注</p>"
        "<script>var tel='13912345678';</script><!-- 13912345678 --><img alt=\"王小明\"></div>"
    )
    out = mask_html(markup).text
    assert '<div class="x>y" title="申请人王小明 13912345678" data-tel=\'13912345678\'>' in out
    assert "<script>var tel='13912345678';</script><!-- 13912345678 -->" in out
    assert '<img alt="王小明">' in out
    assert "<p>申请人<b>王**</b>，电话 139****5678 &amp; 备注</p>" in out


def test_html_entities_and_malformed_markup() -> None:
    markup = "<p>联系人&nbsp;张大伟 < 13912345678 <unclosed attr='x"
    out = mask_html(markup).text
    assert "139****5678" in out
    assert "<unclosed attr='x" in out
    assert extract_text("<p>a</p><p>b</p>").text.strip() == "a\nb"


def test_html_deeply_nested() -> None:
    depth = 10_000
    markup = "<div>" * depth + "<span>投诉人李国强，手机13912345678</span>" + "</div>" * depth
    out = mask_html(markup).text
    assert out.startswith("<div>" * depth)
    assert out.endswith("</div>" * depth)
    assert "投诉人李**，手机139****5678" in out


def _docx_bytes() -> bytes:
    d = docx.Document()
    d.add_paragraph("依申请公开答复书")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "姓名"
    table.cell(0, 1).text = "申请人周明华"
    table.cell(1, 0).text = "电话"
    table.cell(1, 1).text = "13912345678"
    d.sections[0].header.paragraphs[0].text = "经办人：吴振国"
    d.sections[0].footer.paragraphs[0].text = "联系电话 0512-65223456"
    p = d.add_paragraph()
    p.add_run("投诉人").bold = True
    p.add_run("孙")
    p.add_run("丽娟反映情况。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_round_trip() -> None:
    data = _docx_bytes()
    found = {(f.finding.label, f.finding.text) for f in scan_docx(data)}
    assert (PERSON, "周明华") in found
    assert (PERSON, "吴振国") in found
    assert (MOBILE, "13912345678") in found
    result = mask_docx(data)
    text = docx_text(result.data)
    for secret in ("周明华", "吴振国", "13912345678", "65223456", "丽娟"):
        assert secret not in text
    reopened = docx.Document(io.BytesIO(result.data))
    assert reopened.tables[0].cell(0, 1).text == "申请人周**"
    assert reopened.sections[0].header.paragraphs[0].text == "经办人：吴**"
    last = reopened.paragraphs[-1]
    assert last.text == "投诉人孙**反映情况。"
    assert last.runs[0].bold is True


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_corrupt_docx(data: bytes) -> None:
    with pytest.raises(UnreadableDocument):
        scan_docx(data)


def test_zip_that_is_not_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableDocument):
        mask_docx(buf.getvalue())


def _pdf_with_text(text: str) -> bytes:
    content = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_text_layer() -> None:
    result = scan_pdf(_pdf_with_text("Tel 13912345678, mail someone@example.com"))
    assert result.status == "ok"
    assert {f.label for f in result.findings} >= {MOBILE}


def test_pdf_without_text_needs_review() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buf = io.BytesIO()
    writer.write(buf)
    result = scan_pdf(buf.getvalue())
    assert result.needs_review
    assert "人工审核" in result.reason


def test_corrupt_pdf() -> None:
    with pytest.raises(UnreadableDocument):
        scan_pdf(b"%PDF-1.4 garbage")


def test_huge_text_refused_quickly() -> None:
    text = "联系人张三电话13912345678。" * 2_800_000  # ≈ 50 M characters
    t0 = time.perf_counter()
    with pytest.raises(InputTooLarge) as exc:
        scan_text(text)
    assert "上限" in str(exc.value)
    with pytest.raises(InputTooLarge):
        mask_html(text)
    assert time.perf_counter() - t0 < 30


def test_large_text_without_punctuation_returns() -> None:
    text = "办" * 300_000 + "13912345678 " + "1" * 200_000
    found = scan_text(text, ScanOptions(ner="gated"))
    assert [f.text for f in found if f.label == MOBILE] == ["13912345678"]
