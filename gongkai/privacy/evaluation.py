"""Measure the detectors on JSON-lines files ``{"id","source","text","spans":[{start,end,label}]}``.

Definitions (also in ``privacy_eval --help``):

* a gold span of label G is *found* when some detection whose kind matches G overlaps it, and
  *found exactly* when such a detection has the same start and end;
* recall = found / support, recall_exact = found exactly / support;
* precision for G = detections of the matching kinds that overlap a gold span of any label matching
  those kinds / all detections of those kinds (so ORG, COMPANY and GOV share one precision).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .scanner import ScanOptions, scan_many
from .types import ADDRESS, EMAIL, LANDLINE, MOBILE, ORG, PERSON, PLACE, QQ, WECHAT, Finding

#: gold label → detection labels that count for it
GOLD_TO_KINDS: dict[str, frozenset[str]] = {
    "PERSON": frozenset({PERSON}),
    "ADDRESS": frozenset({ADDRESS, PLACE}),
    "LOCATION": frozenset({ADDRESS, PLACE}),
    "PHONE": frozenset({MOBILE, LANDLINE}),
    "EMAIL": frozenset({EMAIL}),
    "QQ": frozenset({QQ}),
    "WECHAT": frozenset({WECHAT}),
    "ORG": frozenset({ORG}),
    "COMPANY": frozenset({ORG}),
    "GOV": frozenset({ORG}),
}


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    spans: tuple[tuple[int, int, str], ...]


def read_jsonl(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            spans = tuple((int(s["start"]), int(s["end"]), str(s["label"])) for s in d.get("spans", ()))
            yield Record(str(d.get("id", "")), str(d["text"]), spans)


def evaluate(
    records: Iterable[Record], options: ScanOptions | None = None, batch: int = 64
) -> dict[str, Any]:
    options = options or ScanOptions()
    recs = list(records)
    scan_many(["预热：张三住在北京市海淀区中关村大街1号。"], options)  # load LAC outside the timing
    found_all: list[list[Finding]] = []
    t0 = time.perf_counter()
    for i in range(0, len(recs), batch):
        found_all.extend(scan_many([r.text for r in recs[i : i + batch]], options))
    elapsed = time.perf_counter() - t0
    chars = sum(len(r.text) for r in recs)
    return {"chars": chars, "seconds": elapsed, **score(recs, found_all)}


def score(records: list[Record], found_all: list[list[Finding]]) -> dict[str, Any]:
    gold_labels = sorted({lab for r in records for _, _, lab in r.spans if lab in GOLD_TO_KINDS})
    stats = {g: {"support": 0, "found": 0, "exact": 0, "det": 0, "det_ok": 0} for g in gold_labels}
    for rec, found in zip(records, found_all, strict=True):
        for s, e, lab in rec.spans:
            if lab not in stats:
                continue
            kinds = GOLD_TO_KINDS[lab]
            st = stats[lab]
            st["support"] += 1
            hits = [f for f in found if f.label in kinds and f.start < e and s < f.end]
            if hits:
                st["found"] += 1
                if any(f.start == s and f.end == e for f in hits):
                    st["exact"] += 1
        for g in gold_labels:
            kinds = GOLD_TO_KINDS[g]
            matching = [(s, e) for s, e, lab in rec.spans if GOLD_TO_KINDS.get(lab, frozenset()) & kinds]
            for f in found:
                if f.label in kinds:
                    stats[g]["det"] += 1
                    if any(f.start < e and s < f.end for s, e in matching):
                        stats[g]["det_ok"] += 1
    labels: dict[str, dict[str, float | int | None]] = {}
    for g, st in stats.items():
        sup = st["support"]
        labels[g] = {
            "recall": round(st["found"] / sup, 4) if sup else None,
            "precision": round(st["det_ok"] / st["det"], 4) if st["det"] else None,
            "recall_exact": round(st["exact"] / sup, 4) if sup else None,
            "support": sup,
        }
    return {"labels": labels}


def evaluate_file(path: Path, options: ScanOptions | None = None) -> dict[str, Any]:
    result = evaluate(read_jsonl(path), options)
    cps = result["chars"] / result["seconds"] if result["seconds"] > 0 else None
    return {
        "file": str(path),
        "chars_per_second": round(cps) if cps else None,
        "labels": result["labels"],
    }
