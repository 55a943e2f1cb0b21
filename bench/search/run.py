"""Search benchmark: indexing rate, index size and query latency of both backends at scale.

Usage (from the project root, after ``make setup``)::

    .venv/bin/python bench/search/run.py                       # 100k and 1M, both backends
    .venv/bin/python bench/search/run.py --sizes 100000 --backends tantivy
    .venv/bin/python bench/search/run.py --sizes 100000 --reuse  # keep generated data: re-index, re-measure
    .venv/bin/python bench/search/run.py --sizes 100000 --reuse --skip-index  # queries only
    .venv/bin/python bench/search/run.py --sizes 1000000 --out /tmp/search-bench-1m.json

What it does for each size N:

1. **Data.** A fresh data folder ``$BENCH_ROOT/N/`` (default ``/tmp/gongkai-bench``) with SQLite for
   the embedded backend, and a fresh PostgreSQL database (``--pg-db``, default ``gongkai_bench_N`` on
   ``--pg-url``, default ``postgres://postgres@127.0.0.1:5432``) for the shared backend. Each gets
   ``migrate``, ``load_demo`` and ``generate_documents --count N --seed S`` (same seed).
2. **Indexing.** ``search_rebuild`` into a fresh index, timed from the first database read to the
   final commit: reading, analysis (normalisation, bigrams with positions, region layout), writing,
   merging. Rate = documents / seconds. Size: the tantivy folder on disk; ``pg_total_relation_size``
   of ``search_searchentry`` (table + TOAST + indexes) after ``VACUUM ANALYZE``.
3. **Queries.** 1,000 queries generated deterministically (``--query-seed``) from the synthetic
   generator's vocabulary: 1–3 words, common (subjects, theme keywords, title words) and rare (towns,
   section headings, words that match nothing), about half with filters (unit, year, topic, validity,
   type), 10 % sorted by date, some on page 2, 6 % 发文字号 queries (in several spellings) drawn from
   the generated documents. The same file is used for both backends (written to the output folder).
4. **Latency (a), in the backend**: ``backend.search(SearchQuery(...))`` with facets and highlights,
   in one process, after 100 warm-up queries; p50/p95/p99.
5. **Latency (b), end to end**: a gunicorn server like ``bin/serve`` (2 workers × 4 threads) on the
   same data; one client sends the queries one at a time to ``GET /api/v1/search``. If that endpoint
   does not exist (HTTP 404 on the probe), it falls back to ``gongkai.search.services.search`` in
   process (validation + parsing + backend) and says so in the table (``e2e via``).

Prints a table and writes every raw latency to ``--out`` (JSON, default ``/tmp/gongkai-search-bench.json``).
Stages run in subprocesses (one Django settings per database); ``--stage`` is internal.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
WARMUP = 100


# --- the query set ---------------------------------------------------------------------------------


def make_queries(
    *, seed: int, count: int, doc_numbers: list[str], unit_codes: list[str]
) -> list[dict[str, Any]]:
    """``count`` query dicts (SearchQuery fields), deterministic for the seed and inputs."""
    from gongkai.demo import synthetic as syn
    from gongkai.documents.choices import Validity

    rng = random.Random(seed)
    common: list[str] = []
    for theme in syn.THEMES:
        common.extend(theme.subjects)
        common.append(theme.keyword)
    common += ["管理办法", "实施方案", "通知", "实施意见", "专项检查", "高质量发展", "政策解读", "年度报告"]
    common = list(dict.fromkeys(common))
    rare = [*syn.TOWNS, *syn.SECTION_HEADINGS, "甪直", "光福", "示范单位", "拟认定名单", "商请支持"]
    rare += ["量子通信", "冰雪运动场馆", "无人机物流", "碳足迹核算"]  # match nothing (or very little)
    places = list(syn.PLACES)
    topics = sorted({t.topic[:2] for t in syn.THEMES})
    validities = [str(v) for v in Validity.values]
    queries: list[dict[str, Any]] = []
    for _ in range(count):
        q: dict[str, Any] = {}
        r = rng.random()
        if r < 0.06 and doc_numbers:
            number = rng.choice(doc_numbers)
            style = rng.randrange(3)
            if style == 1:
                number = number.replace("〔", "[").replace("〕", "]")
            elif style == 2:
                number = number.replace("〔", "").replace("〕", " ").replace("号", "")
            q["text"] = number
        else:
            n = rng.choice([1, 1, 1, 2, 2, 3])
            words = []
            for _ in range(n):
                pool = common if rng.random() < 0.8 else (rare if rng.random() < 0.6 else places)
                words.append(rng.choice(pool))
            q["text"] = " ".join(dict.fromkeys(words))
        if rng.random() < 0.5:
            for _ in range(rng.choice([1, 1, 2])):
                kind = rng.choice(["unit", "year", "year", "topic", "validity", "types"])
                if kind == "unit" and unit_codes:
                    q["unit_code"] = rng.choice(unit_codes)
                elif kind == "year":
                    q["year"] = rng.randint(syn.FIRST_YEAR, syn.LAST_YEAR)
                elif kind == "topic":
                    q["topic"] = rng.choice(topics)
                elif kind == "validity":
                    q["validity"] = rng.choice(validities)
                else:
                    q["types"] = ["document"]
        if rng.random() < 0.1:
            q["sort"] = "date"
        if rng.random() < 0.1:
            q["page"] = 2
        queries.append(q)
    return queries


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    s = sorted(values)

    def pct(p: float) -> float:
        k = max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))
        return round(s[k], 2)

    return {
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "mean": round(statistics.fmean(s), 2),
        "max": round(s[-1], 2),
    }


# --- stages (run inside a Django process) ----------------------------------------------------------


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def stage_prepare(args: argparse.Namespace) -> dict[str, Any]:
    _django()
    from django.core.management import call_command

    from gongkai.demo.synthetic import generate_documents

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo", verbosity=0)
    result = generate_documents(count=args.count, seed=args.seed, batch_size=5000, progress=False)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return {"generated": result.created, "generate_seconds": round(result.seconds, 1)}


def stage_queries(args: argparse.Namespace) -> dict[str, Any]:
    _django()
    from gongkai.documents.models import Document
    from gongkai.units.models import Unit

    numbers = list(
        Document.objects.exclude(doc_number="").order_by("pk").values_list("doc_number", flat=True)[:20000:40]
    )
    codes = sorted(Unit.objects.filter(is_active=True).values_list("code", flat=True))
    queries = make_queries(seed=args.query_seed, count=args.queries, doc_numbers=numbers, unit_codes=codes)
    Path(args.queries_file).write_text(json.dumps(queries, ensure_ascii=False, indent=0), encoding="utf-8")
    return {"queries": len(queries)}


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def stage_index(args: argparse.Namespace) -> dict[str, Any]:
    _django()
    from django.db import connection

    from gongkai.search.backends import get_backend, index_dir
    from gongkai.search.services import search_rebuild

    if args.backend == "tantivy":
        shutil.rmtree(index_dir(), ignore_errors=True)
    backend = get_backend(args.backend)
    if args.backend == "postgres":
        backend.clear()
        with connection.cursor() as cur:
            cur.execute("VACUUM FULL search_searchentry")
    started = time.perf_counter()
    done = search_rebuild(backend=backend, batch=args.batch)
    seconds = time.perf_counter() - started
    out: dict[str, Any] = {
        "indexed": done,
        "index_seconds": round(seconds, 1),
        "docs_per_s": round(done / seconds),
    }
    if args.backend == "tantivy":
        out["index_bytes"] = _dir_size(index_dir())
    else:
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE search_searchentry")
            cur.execute(
                "SELECT pg_total_relation_size('search_searchentry'), "
                "pg_relation_size('search_searchentry'), "
                "pg_indexes_size('search_searchentry')"
            )
            total, heap, idx = cur.fetchone()
        out.update(index_bytes=int(total), heap_bytes=int(heap), indexes_bytes=int(idx))
    return out


def _search_query(d: dict[str, Any]) -> Any:
    from gongkai.search.types import SearchQuery

    d = dict(d)
    d["types"] = tuple(d.get("types", ()))
    return SearchQuery(**d)


def stage_latency(args: argparse.Namespace) -> dict[str, Any]:
    """(a) backend.search; and, with --via services, services.search (the e2e fallback)."""
    _django()
    from gongkai.search.backends import get_backend
    from gongkai.search.services import search

    backend = get_backend(args.backend)
    queries = [_search_query(q) for q in json.loads(Path(args.queries_file).read_text(encoding="utf-8"))]
    profile = None
    if args.profile:
        import cProfile

        profile = cProfile.Profile()

    def run(q: Any) -> Any:
        if args.via == "services":
            return search(q, backend=backend)
        return backend.search(q)

    for q in queries[:WARMUP]:
        run(q)
    times: list[float] = []
    totals: list[int] = []
    if profile:
        profile.enable()
    for q in queries:
        t0 = time.perf_counter()
        res = run(q)
        times.append((time.perf_counter() - t0) * 1000)
        totals.append(res.total)
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    return {"latency_ms": times, "totals": totals, "stats": percentiles(times)}


STAGES = {"prepare": stage_prepare, "queries": stage_queries, "index": stage_index, "latency": stage_latency}


# --- the orchestrator ------------------------------------------------------------------------------


def _env(data_dir: Path, backend: str, db_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "GONGKAI_TESTING"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        GONGKAI_DATA_DIR=str(data_dir),
        GONGKAI_SEARCH_BACKEND=backend,
        GONGKAI_SEARCH_INDEX_DIR=str(data_dir / "search"),
        PYTHONPATH=str(ROOT),
    )
    if db_url:
        env["DATABASE_URL"] = db_url
    return env


def _stage(name: str, env: dict[str, str], **kw: Any) -> dict[str, Any]:
    cmd = [PY, str(Path(__file__).resolve()), "--stage", name]
    for k, v in kw.items():
        if v is not None:
            cmd += [f"--{k.replace('_', '-')}", str(v)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"stage {name} failed")
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")][-1]
    out: dict[str, Any] = json.loads(line)
    print(f"  [{name}] {time.perf_counter() - t0:.0f}s", flush=True)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _api_params(q: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {"q": q["text"]}
    for k, name in (("unit_code", "unit"), ("year", "year"), ("topic", "topic"), ("validity", "validity")):
        if q.get(k):
            params[name] = q[k]
    if q.get("types"):
        params["type"] = q["types"][0]
    if q.get("sort"):
        params["sort"] = q["sort"]
    if q.get("page"):
        params["page"] = q["page"]
    return params


def measure_e2e(env: dict[str, str], queries_file: str, backend: str) -> dict[str, Any]:
    queries = json.loads(Path(queries_file).read_text(encoding="utf-8"))
    port = _free_port()
    server = subprocess.Popen(
        [GUNICORN, "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "4",
         "--timeout", "120", "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.2)
        try:
            urllib.request.urlopen(base + "/api/v1/search?q=" + urllib.parse.quote("通知"), timeout=30).read()
            has_api = True
        except urllib.error.HTTPError as exc:
            has_api = exc.code != 404
        if not has_api:
            return {}
        times: list[float] = []
        errors = 0
        for i, q in enumerate(queries[:WARMUP] + queries):
            url = base + "/api/v1/search?" + urllib.parse.urlencode(_api_params(q))
            t0 = time.perf_counter()
            try:
                urllib.request.urlopen(url, timeout=60).read()
            except urllib.error.HTTPError:
                errors += 1
            if i >= WARMUP:
                times.append((time.perf_counter() - t0) * 1000)
        return {
            "via": "GET /api/v1/search",
            "latency_ms": times,
            "errors": errors,
            "stats": percentiles(times),
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _psql(url: str, sql: str) -> None:
    subprocess.run(["psql", url + "/postgres", "-qc", sql], check=True, capture_output=True)


def run_size(n: int, args: argparse.Namespace, results: dict[str, Any]) -> None:
    root = Path(args.root) / str(n)
    queries_file = str(root / "queries.json")
    for backend in args.backends:
        print(f"== {n} documents, {backend}", flush=True)
        data_dir = root / ("sqlite" if backend == "tantivy" else "postgres")
        db_url = None
        if backend == "postgres":
            db = args.pg_db or f"gongkai_bench_{n}"
            db_url = f"{args.pg_url}/{db}"
        env = _env(data_dir, backend, db_url)
        rec: dict[str, Any] = results.setdefault(str(n), {}).setdefault(backend, {})
        if not args.reuse or not (data_dir / "prepared").exists():
            shutil.rmtree(data_dir, ignore_errors=True)
            data_dir.mkdir(parents=True)
            if db_url:
                db = db_url.rsplit("/", 1)[1]
                _psql(args.pg_url, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
                _psql(args.pg_url, f'CREATE DATABASE "{db}"')
            rec.update(_stage("prepare", env, count=n, seed=args.seed))
            (data_dir / "prepared").write_text("ok")
        if not Path(queries_file).exists() or (not args.reuse and backend == args.backends[0]):
            _stage(
                "queries", env, queries_file=queries_file, query_seed=args.query_seed, queries=args.queries
            )
        if not args.skip_index:
            rec.update(_stage("index", env, backend=backend, batch=args.batch))
        lat = _stage(
            "latency", env, backend=backend, queries_file=queries_file, via="backend", profile=args.profile
        )
        rec["backend_ms"] = lat["stats"]
        rec["backend_raw_ms"] = lat["latency_ms"]
        rec["totals"] = lat["totals"]
        e2e = measure_e2e(env, queries_file, backend)
        if not e2e:
            svc = _stage("latency", env, backend=backend, queries_file=queries_file, via="services")
            e2e = {"via": "services.search (no /api/v1/search yet)", "latency_ms": svc["latency_ms"],
                   "stats": svc["stats"]}  # fmt: skip
        rec["e2e_via"] = e2e["via"]
        rec["e2e_ms"] = e2e["stats"]
        rec["e2e_raw_ms"] = e2e["latency_ms"]
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


def print_table(results: dict[str, Any]) -> None:
    head = (
        "docs",
        "backend",
        "index docs/s",
        "index size",
        "backend p50/p95/p99 ms",
        "e2e p50/p95/p99 ms",
        "e2e via",
    )
    rows = [head]
    for n, per in results.items():
        for backend, r in per.items():
            if "backend_ms" not in r:
                continue
            b, e = r["backend_ms"], r.get("e2e_ms", {})
            rows.append(
                (
                    f"{int(n):,}",
                    backend,
                    f"{r['docs_per_s']:,}" if "docs_per_s" in r else "(reused)",
                    f"{r['index_bytes'] / 2**20:,.0f} MiB" if "index_bytes" in r else "(reused)",
                    f"{b['p50']} / {b['p95']} / {b['p99']}",
                    f"{e.get('p50')} / {e.get('p95')} / {e.get('p99')}",
                    r.get("e2e_via", ""),
                )
            )
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(head))]
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="100000,1000000")
    p.add_argument("--backends", default="tantivy,postgres")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--query-seed", type=int, default=7)
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--batch", type=int, default=2000)
    p.add_argument("--root", default=os.environ.get("BENCH_ROOT", "/tmp/gongkai-bench"))
    p.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    p.add_argument("--pg-db", default=None)
    p.add_argument("--out", default="/tmp/gongkai-search-bench.json")
    p.add_argument("--reuse", action="store_true", help="keep generated data from an earlier run")
    p.add_argument("--skip-index", action="store_true", help="with --reuse: measure the existing index")
    p.add_argument("--profile", default=None, help="cProfile the in-backend latency stage into this file")
    # internal (stages)
    p.add_argument("--stage", choices=sorted(STAGES))
    p.add_argument("--count", type=int)
    p.add_argument("--backend")
    p.add_argument("--queries-file")
    p.add_argument("--via", default="backend")
    args = p.parse_args()
    if args.stage:
        out = STAGES[args.stage](args)
        print(json.dumps(out, ensure_ascii=False))
        return
    args.backends = [b for b in args.backends.split(",") if b]
    results: dict[str, Any] = {}
    if Path(args.out).exists() and args.reuse:
        results = json.loads(Path(args.out).read_text(encoding="utf-8"))
    for n in (int(s) for s in args.sizes.split(",") if s):
        run_size(n, args, results)
        print_table(results)
    print(f"raw results: {args.out}")


if __name__ == "__main__":
    main()
