"""Word (.docx) and PDF documents.

* ``.docx``: every paragraph of the body, tables (nested too), text boxes, headers and footers is
  scanned; masking edits the ``w:t`` text elements in place, so run formatting is kept. A name split
  over several runs gets its replacement in the first run. ``mask_docx`` masks by policy;
  ``mask_docx_with`` lets the caller decide finding by finding (the publishing gate's review).
* PDF: only the text layer is read (pypdf). Pages without extractable text (scans, images) make the
  result ``needs_review`` — the gate must not treat such a file as clean.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from .masking import MaskState, Replacement, mask_value
from .policy import DEFAULT_POLICY, Operator, Policy
from .scanner import DEFAULT_OPTIONS, ScanOptions, check_size, scan_many
from .types import Finding, PrivacyError, UnreadableDocument

MAX_FILE_BYTES = 50 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TEXT_PART_TYPES = (
    "document.main",
    "header+xml",
    "footer+xml",
    "footnotes+xml",
    "endnotes+xml",
    "comments+xml",
)


@dataclass(frozen=True)
class LocatedFinding:
    """A finding inside one paragraph of a document (``location`` e.g. ``"document.xml#12"``)."""

    location: str
    paragraph_text: str
    finding: Finding


@dataclass(frozen=True)
class DocxMaskResult:
    """The masked document and what was replaced, as ``(location, replacement)`` in document order."""

    data: bytes
    replacements: list[tuple[str, Replacement]]


class DocumentChanged(PrivacyError):
    """Findings given to ``mask_docx_with`` no longer match the document (it was edited meanwhile)."""


#: ``decide`` of :func:`mask_docx_with`: the replacement for a finding (``""`` deletes it), or
#: ``None`` to keep it as it is.
Decide = Callable[[LocatedFinding], str | None]


@dataclass(frozen=True)
class PdfScanResult:
    """``status`` is ``"ok"`` or ``"needs_review"`` (需人工审核, ``reason`` says why)."""

    status: Literal["ok", "needs_review"]
    reason: str
    text: str
    findings: list[Finding] = field(default_factory=list)
    pages_without_text: list[int] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return self.status == "needs_review"


# ---------------------------------------------------------------------------------- docx
def _open_docx(data: bytes) -> Any:
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableDocument(f"文件过大（{len(data):,} 字节），超过 {MAX_FILE_BYTES:,} 字节的处理上限。")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableDocument("无法读取 Word 文档：文件不是有效的 .docx（ZIP）格式，可能已损坏。")
    try:
        import docx

        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds (KeyError, XMLSyntaxError, ValueError …)
        raise UnreadableDocument(
            f"无法读取 Word 文档：文件已损坏或格式不受支持（{type(exc).__name__}）。"
        ) from exc


def _text_parts(document: Any) -> Iterator[tuple[str, Any]]:
    seen: set[int] = set()
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None:
            element = getattr(part, "_element", None)
        if element is None or id(part) in seen:
            continue
        if any(t in part.content_type for t in _TEXT_PART_TYPES):
            seen.add(id(part))
            yield str(part.partname).rsplit("/", 1)[-1], element


def _paragraphs(root: Any) -> Iterator[tuple[Any, list[Any]]]:
    """Each ``w:p`` with its own ``w:t`` elements (not those of paragraphs nested in text boxes)."""
    for p in root.iter(f"{_W}p"):
        own = []
        for t in p.iter(f"{_W}t"):
            anc = t.getparent()
            while anc is not None and anc.tag != f"{_W}p":
                anc = anc.getparent()
            if anc is p:
                own.append(t)
        if own:
            yield p, own


def _collect(document: Any) -> list[tuple[str, list[Any], str]]:
    items = []
    for name, root in _text_parts(document):
        for k, (_p, ts) in enumerate(_paragraphs(root)):
            items.append((f"{name}#{k}", ts, "".join(t.text or "" for t in ts)))
    return items


def docx_text(data: bytes) -> str:
    """All text of a .docx, one paragraph per line."""
    return "\n".join(text for _, _, text in _collect(_open_docx(data)))


def scan_docx(data: bytes, options: ScanOptions = DEFAULT_OPTIONS) -> list[LocatedFinding]:
    items = _collect(_open_docx(data))
    check_size(sum(len(t) for _, _, t in items), options.max_chars)
    results = scan_many([t for _, _, t in items], options)
    return [
        LocatedFinding(loc, text, f) for (loc, _, text), fs in zip(items, results, strict=True) for f in fs
    ]


def mask_docx(
    data: bytes, policy: Policy = DEFAULT_POLICY, options: ScanOptions = DEFAULT_OPTIONS
) -> DocxMaskResult:
    """The masked document as bytes; pseudonyms are consistent across the whole document."""
    state = MaskState()

    def by_policy(lf: LocatedFinding) -> str | None:
        f = lf.finding
        rule = policy.rule_for(f.label)
        if rule.operator is Operator.KEEP or f.confidence < rule.min_confidence:
            return None
        return mask_value(f.text, f.label, rule, state)

    return mask_docx_with(data, by_policy, options=options)


def mask_docx_with(
    data: bytes,
    decide: Decide,
    *,
    findings: Iterable[LocatedFinding] | None = None,
    options: ScanOptions = DEFAULT_OPTIONS,
) -> DocxMaskResult:
    """Mask a .docx finding by finding: ``decide(located_finding)`` returns the replacement text
    (``""`` deletes the value) or ``None`` to keep it. Run formatting is kept (see module doc).

    ``findings``: the located findings to decide on — typically those ``scan_docx`` returned for the
    same bytes, so the document is not scanned again. Only their ``location`` and ``finding`` are used;
    each must still lie in its paragraph (same text at the same offsets), otherwise
    :class:`DocumentChanged` is raised. Without ``findings`` the document is scanned with ``options``.

    ``decide`` is called in document order, with the paragraph's current text in ``paragraph_text``.
    Overlapping findings are skipped after the first one that is replaced (as in ``mask``).
    A mapping of decisions works too: ``decide=lambda lf: chosen.get((lf.location, lf.finding))``.
    """
    document = _open_docx(data)
    items = _collect(document)
    if findings is None:
        check_size(sum(len(t) for _, _, t in items), options.max_chars)
        results = scan_many([t for _, _, t in items], options)
        located = [
            [LocatedFinding(loc, text, f) for f in fs]
            for (loc, _, text), fs in zip(items, results, strict=True)
        ]
    else:
        index = {loc: i for i, (loc, _, _) in enumerate(items)}
        located = [[] for _ in items]
        for lf in findings:
            i = index.get(lf.location)
            f = lf.finding
            if i is None or items[i][2][f.start : f.end] != f.text:
                raise DocumentChanged(
                    f"文档内容已变化：{lf.location} 处不再是原来识别到的内容，请重新检查后再处理。"
                )
            located[i].append(LocatedFinding(lf.location, items[i][2], f))
    reps: list[tuple[str, Replacement]] = []
    for (loc, ts, _text), lfs in zip(items, located, strict=True):
        chosen: list[Replacement] = []
        pos = 0
        for lf in sorted(lfs, key=lambda lf: (lf.finding.start, -lf.finding.end)):
            f = lf.finding
            if f.start < pos:
                continue
            new = decide(lf)
            if new is None:
                continue
            chosen.append(Replacement(f.start, f.end, f.label, f.text, new))
            pos = f.end
        if chosen:
            _apply_to_runs(ts, chosen)
            reps.extend((loc, r) for r in chosen)
    out = io.BytesIO()
    document.save(out)
    return DocxMaskResult(out.getvalue(), reps)


def _apply_to_runs(ts: list[Any], replacements: list[Replacement]) -> None:
    bounds = []
    pos = 0
    for t in ts:
        s = t.text or ""
        bounds.append((pos, pos + len(s)))
        pos += len(s)
    new_texts = [list(t.text or "") for t in ts]
    # Walk replacements from the end so earlier offsets stay valid inside each run.
    for r in sorted(replacements, key=lambda r: r.start, reverse=True):
        first = True
        for idx, (bs, be) in enumerate(bounds):
            s, e = max(r.start, bs), min(r.end, be)
            if s >= e:
                continue
            local = new_texts[idx]
            chunk = [r.replacement] if first else []
            local[s - bs : e - bs] = chunk
            first = False
    for t, chars in zip(ts, new_texts, strict=True):
        value = "".join(chars)
        if value != (t.text or ""):
            t.text = value
            t.set(_XML_SPACE, "preserve")


# ---------------------------------------------------------------------------------- pdf
def scan_pdf(
    data: bytes, options: ScanOptions = DEFAULT_OPTIONS, min_chars_per_page: int = 20
) -> PdfScanResult:
    """Scan the text layer of a PDF; no text layer → ``needs_review`` with a plain reason."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableDocument(f"文件过大（{len(data):,} 字节），超过 {MAX_FILE_BYTES:,} 字节的处理上限。")
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return PdfScanResult("needs_review", "PDF 已加密，无法读取文字内容，需人工审核。", "")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableDocument:
        raise
    except Exception as exc:
        raise UnreadableDocument(
            f"无法读取 PDF 文件：文件已损坏或格式不受支持（{type(exc).__name__}）。"
        ) from exc
    if not pages:
        return PdfScanResult("needs_review", "PDF 没有任何页面，需人工审核。", "")
    empty = [i + 1 for i, p in enumerate(pages) if len("".join(p.split())) < min_chars_per_page]
    text = "\n".join(pages)
    check_size(len(text), options.max_chars)
    findings = scan_many([text], options)[0]
    if len(empty) == len(pages):
        return PdfScanResult(
            "needs_review",
            "PDF 没有可提取的文字层（可能是扫描件或图片），无法自动检查个人信息，需人工审核。",
            text,
            findings,
            empty,
        )
    if empty:
        listed = "、".join(map(str, empty[:20])) + ("等" if len(empty) > 20 else "")
        return PdfScanResult(
            "needs_review",
            f"第 {listed} 页没有可提取的文字（可能是扫描页或图片），需人工审核。",
            text,
            findings,
            empty,
        )
    return PdfScanResult("ok", "", text, findings, [])
