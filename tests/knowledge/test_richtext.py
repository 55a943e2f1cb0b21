"""The answer sanitiser keeps basic formatting and nothing that could run or mislead."""

from __future__ import annotations

import pytest

from gongkai.knowledge.richtext import html_to_text, safe_href, sanitise_html, text_to_html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script><p>答案</p>",
        '<p onclick="alert(1)">答案</p>',
        '<img src=x onerror="alert(1)"><p>答案</p>',
        '<a href="javascript:alert(1)">答案</a>',
        '<a href="  JaVaScRiPt:alert(1)">答案</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">答案</a>',
        "<iframe src='https://evil.example'></iframe><p>答案</p>",
        "<style>body{display:none}</style><p>答案</p>",
        "<svg><script>alert(1)</script></svg><p>答案</p>",
        '<p style="background:url(javascript:alert(1))">答案</p>',
        "<!-- <script>alert(1)</script> --><p>答案</p>",
        "<p>答案</p><SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<<script>script>alert(1)<</script>/script><p>答案</p>",
    ],
)
def test_hostile_markup_is_neutralised(hostile: str) -> None:
    out = sanitise_html(hostile)
    low = out.lower()
    for bad in (
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        "<img",
        "<style",
        "style=",
        "data:",
    ):
        assert bad not in low, out
    assert "答案" in out


def test_allowed_formatting_survives() -> None:
    src = (
        "<h3>材料</h3><ol><li><strong>身份证</strong></li><li><em>户口簿</em></li></ol>"
        '<p>详见<a href="https://www.suzhou.gov.cn/x">办事指南</a><br>或<a href="/zsk/1/">问答</a></p>'
        '<table><tr><td colspan="2">表</td></tr></table>'
    )
    out = sanitise_html(src)
    assert "<h3>材料</h3>" in out and "<strong>身份证</strong>" in out and "<em>户口簿</em>" in out
    assert '<a href="https://www.suzhou.gov.cn/x" rel="noopener noreferrer">' in out
    assert '<a href="/zsk/1/" rel="noopener noreferrer">' in out
    assert '<td colspan="2">' in out and "<br>" in out


def test_unbalanced_and_deep_markup_is_closed() -> None:
    out = sanitise_html("<p><strong>未闭合" + "<ul><li>" * 100)
    assert out.count("<") == out.count(">")
    assert out.endswith("</p>")
    assert out.count("<ul>") <= 20


def test_plain_text_becomes_escaped_paragraphs() -> None:
    assert sanitise_html("第一段\n\n第二段 a<b") == "<p>第一段</p><p>第二段 a&lt;b</p>"
    assert text_to_html("x & y") == "<p>x &amp; y</p>"


def test_text_extraction() -> None:
    assert html_to_text("<p>一</p><ul><li>二</li><li>三&amp;</li></ul>") == "一\n二\n三&"


def test_safe_href() -> None:
    assert safe_href("https://a.example/") == "https://a.example/"
    assert safe_href("tel:12345") == "tel:12345"
    assert safe_href("//evil.example") is None
    assert safe_href("https:evil") is None
    assert safe_href("java\tscript:alert(1)") is None
