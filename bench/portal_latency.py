"""Latency of the public pages and the document API over real HTTP.

Usage (against a running server, e.g. `GONGKAI_DATA_DIR=/tmp/gk-bench PORT=8766 bin/serve` after
`gongkai generate_documents --count 100000`):

    .venv/bin/python bench/portal_latency.py http://127.0.0.1:8766 --rounds 50
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.request


def fetch(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as resp:
        resp.read()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    base = args.base.rstrip("/")
    with urllib.request.urlopen(f"{base}/api/v1/documents?page_size=1", timeout=30) as resp:
        listing = json.load(resp)
    first = listing["results"][0]
    paths = {
        "home": "/",
        "document": f"/documents/{first['id']}/",
        "unit (page 1)": f"/units/{first['unit']['code']}/",
        "unit (page 50)": f"/units/{first['unit']['code']}/?page=50",
        "topic first level": "/topics/02/",
        "title search": "/search/?q=%E5%85%AC%E5%BC%80",
        "api list": "/api/v1/documents?page_size=20",
        "api list filtered": "/api/v1/documents?topic=02&year=2020",
        "sitemap": "/sitemap.xml",
    }
    print(f"{listing['count']} public documents; {args.rounds} requests per page")
    print(f"{'page':<20}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, path in paths.items():
        fetch(base + path)  # warm
        times = sorted(fetch(base + path) for _ in range(args.rounds))
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"{name:<20}{statistics.median(times):>10.1f}{p95:>10.1f}{times[-1]:>10.1f}")


if __name__ == "__main__":
    main()
