"""Characters per second of ``scan_text`` on the privacy evaluation corpus (single process).

    .venv/bin/python bench/privacy/throughput.py [--ner gated|all|off] [FILES...]

Defaults to ../shared/eval/privacy/*.jsonl. Prints one JSON line per mode with chars/s and the time
spent in LAC vs. the rest (profiled by timing the tagger separately).
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from gongkai.privacy.evaluation import read_jsonl  # noqa: E402
from gongkai.privacy.lac import get_tagger  # noqa: E402
from gongkai.privacy.ner import needs_ner, split_sentences  # noqa: E402
from gongkai.privacy.scanner import ScanOptions, scan_many  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--ner", choices=("gated", "all", "off"), action="append")
    args = parser.parse_args()
    files = args.files or sorted(glob.glob(str(ROOT.parent / "shared/eval/privacy/*.jsonl")))
    texts = [r.text for f in files for r in read_jsonl(Path(f))]
    chars = sum(map(len, texts))
    scan_many(["预热：张三住在北京市海淀区中关村大街1号。"])
    sentences = [s for t in texts for _, s in split_sentences(t)]
    gated = [s for s in sentences if needs_ner(s)]
    t0 = time.perf_counter()
    tagger = get_tagger()
    for i in range(0, len(gated), 64):
        tagger.tag_many(gated[i : i + 64])
    lac_seconds = time.perf_counter() - t0
    for mode in args.ner or ["gated", "all", "off"]:
        options = ScanOptions(ner=mode, max_chars=10**9)
        t0 = time.perf_counter()
        for i in range(0, len(texts), 64):
            scan_many(texts[i : i + 64], options)
        seconds = time.perf_counter() - t0
        print(
            json.dumps(
                {
                    "mode": mode,
                    "files": len(files),
                    "chars": chars,
                    "seconds": round(seconds, 3),
                    "chars_per_second": round(chars / seconds),
                    "gated_share_of_chars": round(sum(map(len, gated)) / chars, 3),
                    "lac_only_seconds_on_gated": round(lac_seconds, 3),
                }
            )
        )


if __name__ == "__main__":
    main()
