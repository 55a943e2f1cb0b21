"""``gongkai qa_eval`` on tiny fixture files."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str) -> dict[str, float]:
    out = StringIO()
    call_command("qa_eval", *args, "--embedder", "off", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1
    result: dict[str, float] = json.loads(lines[0])
    return result


def test_question_answer_evaluation_prints_one_json_line() -> None:
    result = run(
        "--queries",
        str(FIXTURES / "qa_queries.jsonl"),
        "--corpus",
        str(FIXTURES / "qa_corpus.jsonl"),
        "--corpus",
        str(FIXTURES / "qa_corpus_extra.jsonl"),
    )
    assert set(result) == {"n", "top1", "top5", "top10", "p95_ms"}
    assert result["n"] == 5
    assert 0.0 <= result["top1"] <= result["top5"] <= result["top10"] <= 1.0
    assert result["top5"] == 1.0  # five passages: every positive is in the top five
    assert result["top1"] >= 0.8
    assert result["p95_ms"] >= 0.0


def test_paraphrase_evaluation() -> None:
    result = run("--lcqmc", str(FIXTURES / "paraphrase_pairs.jsonl"))
    assert result["n"] == 3  # the pairs labelled 1
    assert result["top1"] >= 2 / 3
    assert result["top5"] == 1.0


def test_with_an_embedding_cache(tmp_path: Path) -> None:
    out = StringIO()
    cache = tmp_path / "cache.npz"
    call_command(
        "qa_eval",
        "--lcqmc",
        str(FIXTURES / "paraphrase_pairs.jsonl"),
        "--embedder",
        "off",
        "--embedding-cache",
        str(cache),
        stdout=out,
    )
    assert json.loads(out.getvalue())["n"] == 3


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--queries", str(FIXTURES / "qa_queries.jsonl")],
        ["--lcqmc", str(FIXTURES / "paraphrase_pairs.jsonl"), "--corpus", str(FIXTURES / "qa_corpus.jsonl")],
        ["--queries", "/nonexistent.jsonl", "--corpus", str(FIXTURES / "qa_corpus.jsonl")],
    ],
)
def test_bad_arguments(args: list[str]) -> None:
    with pytest.raises(CommandError):
        call_command("qa_eval", *args, "--embedder", "off", stdout=StringIO())


def test_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command(
            "qa_eval",
            "--queries",
            str(bad),
            "--corpus",
            str(FIXTURES / "qa_corpus.jsonl"),
            "--embedder",
            "off",
            stdout=StringIO(),
        )
