"""The privacy_eval management command on a tiny fixture written here."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from gongkai.privacy.management.commands.privacy_eval import Command


def _record(text: str, spans: list[tuple[str, str]]) -> dict[str, object]:
    out = []
    for part, label in spans:
        start = text.index(part)
        out.append({"start": start, "end": start + len(part), "label": label, "orig": label.lower()})
    return {"id": "t", "source": "fixture", "text": text, "spans": out}


def test_privacy_eval_outputs_one_json_line_per_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    rows = [
        _record("申请人王小明的手机是13912345678。", [("王小明", "PERSON"), ("13912345678", "PHONE")]),
        _record("请发邮件至 someone@example.org 咨询。", [("someone@example.org", "EMAIL")]),
        _record("会议在苏州市姑苏区人民路88号举行。", [("苏州市姑苏区人民路88号", "ADDRESS")]),
        _record("今天天气很好。", []),
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = StringIO()
    call_command(Command(), str(path), "--synthetic", "20", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 2
    first = lines[0]
    assert first["file"] == str(path)
    assert first["chars_per_second"] > 0
    assert set(first["labels"]) == {"PERSON", "PHONE", "EMAIL", "ADDRESS"}
    for label in ("PERSON", "PHONE", "EMAIL", "ADDRESS"):
        assert first["labels"][label]["recall"] == 1.0
        assert first["labels"][label]["support"] == 1
    assert first["labels"]["PHONE"]["recall_exact"] == 1.0
    synthetic = lines[1]["labels"]
    assert all(v["recall"] == 1.0 and v["near_miss_flagged"] == 0.0 for v in synthetic.values())
