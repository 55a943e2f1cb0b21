"""Rich-text answers: an allowlist sanitiser and plain-text extraction (stdlib only).

The project had no rich text before the knowledge base (document bodies are plain text), and no HTML
sanitiser among its dependencies; this module rebuilds the markup from scratch instead of filtering
it: the output contains only the tags and attributes below, with every text and attribute value
escaped, so whatever the input holds (scripts, event handlers, ``javascript:`` links, comments,
unbalanced or deeply nested tags) cannot reach a page. The content of ``script``/``style``-like
elements is dropped; the text of any other unknown tag is kept as text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlparse

ALLOWED_TAGS = frozenset(
    "p br strong b em i u ul ol li h3 h4 a blockquote table thead tbody tr th td".split()  # noqa: SIM905
)
VOID_TAGS = frozenset({"br"})
DROP_CONTENT_TAGS = frozenset(
    "script style template iframe object embed noscript textarea select svg math head title".split()  # noqa: SIM905
)
BLOCK_TAGS = frozenset("p br ul ol li h3 h4 blockquote table tr div h1 h2 h5 h6".split())  # noqa: SIM905
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MAX_DEPTH = 20
_SPAN = re.compile(r"^[1-9][0-9]?$")


def safe_href(value: str) -> str | None:
    """A link target a public page may carry: http(s), mailto, tel, or a site path ("/zsk/1/")."""
    value = (value or "").strip()
    if not value or any(ord(c) < 32 for c in value):
        return None
    if value.startswith("/") and not value.startswith("//"):
        return value
    parsed = urlparse(value)
    if parsed.scheme.lower() not in LINK_SCHEMES:
        return None
    if parsed.scheme.lower() in {"http", "https"} and not parsed.netloc:
        return None
    return value


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []
        self.dropping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag in DROP_CONTENT_TAGS:
                self.dropping.append(tag)
            return
        if tag in DROP_CONTENT_TAGS:
            self.dropping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            return
        if tag in VOID_TAGS:
            self.out.append(f"<{tag}>")
            return
        if len(self.stack) >= MAX_DEPTH:
            return
        rendered = ""
        if tag == "a":
            href = safe_href(dict(attrs).get("href") or "")
            if href:
                rendered = f' href="{html.escape(href, quote=True)}" rel="noopener noreferrer"'
        elif tag in {"td", "th"}:
            for name, value in attrs:
                if name in {"colspan", "rowspan"} and value and _SPAN.match(value):
                    rendered += f' {name}="{value}"'
        self.out.append(f"<{tag}{rendered}>")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS and not self.dropping:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))

    def close_all(self) -> str:
        self.close()
        while self.stack:
            self.out.append(f"</{self.stack.pop()}>")
        return "".join(self.out)


def sanitise_html(markup: str) -> str:
    """Markup reduced to :data:`ALLOWED_TAGS`; plain text without tags becomes paragraphs."""
    markup = (markup or "").replace("\x00", "").strip()
    if not markup:
        return ""
    if "<" not in markup:
        return text_to_html(html.unescape(markup))
    out = _rebuild(markup)
    if not _BLOCK_OUT.search(out):  # text with at most inline tags: one paragraph per line
        out = _rebuild("".join(f"<p>{line.strip()}</p>" for line in out.splitlines() if line.strip()))
    return out


_BLOCK_OUT = re.compile(r"<(?:p|ul|ol|h3|h4|table|blockquote)>")


def _rebuild(markup: str) -> str:
    parser = _Sanitiser()
    parser.feed(markup)
    return parser.close_all().strip()


def text_to_html(text: str) -> str:
    """Plain text as escaped paragraphs, one per non-empty line."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_CONTENT_TAGS:
            self.dropping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT_TAGS:
            self.dropping = max(0, self.dropping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in {"td", "th"}:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The visible text of (sanitised) markup, one line per block, for search and the assistant."""
    parser = _Text()
    parser.feed(markup or "")
    parser.close()
    lines = [re.sub(r"[ \t\u3000]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line)
