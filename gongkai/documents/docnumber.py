"""发文字号 (document number): parse tolerant input, store the normalised form 机关代字〔年份〕序号号."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Wrong brackets are common on input (reference §7.5): [] ［］ () （） 【】 〈〉 and none at all.
_DOC_NUMBER_RE = re.compile(
    r"^(?P<org>[\u4e00-\u9fa5A-Za-z]+?)\s*[〔\[［(（【〈<]?\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］)）】〉>]?\s*"
    r"第?\s*(?P<seq>\d+)\s*号?$"
)


@dataclass(frozen=True)
class DocNumber:
    org: str
    year: int
    seq: int

    def __str__(self) -> str:
        return f"{self.org}〔{self.year}〕{self.seq}号"


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse a 发文字号 however typed; ``None`` if it is not one."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    # NFKC turns 〔〕 into themselves but full-width ()[] into ASCII; spaces inside are typing noise.
    cleaned = re.sub(r"\s+", " ", cleaned)
    m = _DOC_NUMBER_RE.match(cleaned)
    if not m:
        return None
    seq = int(m.group("seq"))
    if seq <= 0:
        return None
    return DocNumber(org=m.group("org"), year=int(m.group("year")), seq=seq)


def normalise_doc_number(text: str) -> str | None:
    """The stored form (苏府办〔2018〕193号), or ``None`` if ``text`` is not a 发文字号."""
    parsed = parse_doc_number(text)
    return str(parsed) if parsed else None
