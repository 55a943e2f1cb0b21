"""HTML: scan and mask text nodes only. Markup (tags, attributes, comments, scripts) is copied
byte for byte. A flat, regex-driven tokenizer (stdlib only) is used instead of a tree builder, so
deeply nested or malformed markup cannot exhaust recursion or be "repaired" into something else."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .masking import MaskResult, MaskState, Replacement, mask
from .policy import DEFAULT_POLICY, Policy
from .scanner import DEFAULT_OPTIONS, ScanOptions, check_size, scan_text
from .types import Finding

# A tag: quoted attribute values may contain ">"; atomic groups keep matching linear.
_TAG = re.compile(r"<[A-Za-z/!?](?>[^>\"'=]+|=\s*\"[^\"]*\"|=\s*'[^']*'|=|[\"'])*+>")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_RAW_TEXT_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "template")}
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_BLOCK_NAMES = (
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form"
    " h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead"
    " title tr ul option"
)
_BLOCK = frozenset(_BLOCK_NAMES.split())


@dataclass(frozen=True)
class HtmlText:
    """Visible text of an HTML document and, per character, its source span in the markup."""

    text: str
    src_start: list[int]
    src_end: list[int]


def extract_text(markup: str) -> HtmlText:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    n = len(markup)
    while pos < n:
        lt = markup.find("<", pos)
        if lt == -1:
            lt = n
        if lt > pos:
            _add_text(markup, pos, lt, chars, starts, ends)
        if lt >= n:
            break
        if markup.startswith("<!--", lt):
            m = _COMMENT.match(markup, lt)
            assert m is not None
            pos = m.end()
            continue
        m = _TAG.match(markup, lt)
        if not m:  # a stray "<" is text
            _add_text(markup, lt, lt + 1, chars, starts, ends)
            pos = lt + 1
            continue
        pos = m.end()
        name_m = _TAG_NAME.match(m.group())
        name = name_m.group(1).lower() if name_m else ""
        if name in _BLOCK and chars and chars[-1] != "\n":
            chars.append("\n")  # sentence break for the scanner; maps to no source text
            starts.append(lt)
            ends.append(lt)
        if name in _RAW_TEXT_END and not m.group().startswith("</"):
            close = _RAW_TEXT_END[name].search(markup, pos)
            pos = close.start() if close else n
    return HtmlText("".join(chars), starts, ends)


def _add_text(
    markup: str, start: int, end: int, chars: list[str], starts: list[int], ends: list[int]
) -> None:
    pos = start
    for m in _ENTITY.finditer(markup, start, end):
        for i in range(pos, m.start()):
            chars.append(markup[i])
            starts.append(i)
            ends.append(i + 1)
        decoded = html.unescape(m.group())
        if len(decoded) == 1:
            chars.append(decoded)
            starts.append(m.start())
            ends.append(m.end())
        else:  # unknown or multi-char entity: keep the raw characters
            for i in range(m.start(), m.end()):
                chars.append(markup[i])
                starts.append(i)
                ends.append(i + 1)
        pos = m.end()
    for i in range(pos, end):
        chars.append(markup[i])
        starts.append(i)
        ends.append(i + 1)


def scan_html(markup: str, options: ScanOptions = DEFAULT_OPTIONS) -> tuple[HtmlText, list[Finding]]:
    """Findings with offsets into ``HtmlText.text`` (the visible text)."""
    check_size(len(markup), options.max_chars)
    extracted = extract_text(markup)
    return extracted, scan_text(extracted.text, options)


def mask_html(
    markup: str,
    policy: Policy = DEFAULT_POLICY,
    options: ScanOptions = DEFAULT_OPTIONS,
    state: MaskState | None = None,
) -> MaskResult:
    """Masked markup; replacement offsets refer to the source markup.

    A finding that spans several text nodes (``<b>张</b>三``) gets its whole replacement in the first
    node and its characters removed from the others, so no tag is touched.
    """
    extracted, findings = scan_html(markup, options)
    masked = mask(extracted.text, findings, policy, state)
    edits: list[tuple[int, int, str]] = []
    reps: list[Replacement] = []
    for r in masked.replacements:
        pieces = _source_pieces(extracted, r.start, r.end)
        if not pieces:
            continue
        first = True
        for s, e in pieces:
            edits.append((s, e, html.escape(r.replacement, quote=False) if first else ""))
            first = False
        reps.append(
            Replacement(
                pieces[0][0], pieces[-1][1], r.label, markup[pieces[0][0] : pieces[-1][1]], r.replacement
            )
        )
    out: list[str] = []
    pos = 0
    for s, e, new in sorted(edits):
        out.append(markup[pos:s])
        out.append(new)
        pos = e
    out.append(markup[pos:])
    return MaskResult("".join(out), reps)


def _source_pieces(extracted: HtmlText, start: int, end: int) -> list[tuple[int, int]]:
    """Contiguous source ranges covering visible characters ``start..end``."""
    pieces: list[tuple[int, int]] = []
    for i in range(start, end):
        s, e = extracted.src_start[i], extracted.src_end[i]
        if s == e:
            continue
        if pieces and pieces[-1][1] == s:
            pieces[-1] = (pieces[-1][0], e)
        else:
            pieces.append((s, e))
    return pieces
