"""The embedded default: two processes (web server and task worker) write one SQLite file side by side."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="about the SQLite default only")

GONGKAI = str(Path(sys.executable).with_name("gongkai"))

WRITER = """
from django.db import transaction
from gongkai.core.audit import audit_record
from gongkai.core.context import Actor
from gongkai.units.models import Unit
unit = Unit.objects.get(code="014000001")
for i in range(150):
    with transaction.atomic():
        # read-then-write inside one transaction: the pattern that deadlocks under DEFERRED transactions
        Unit.objects.filter(pk=unit.pk).first()
        audit_record(actor=Actor.system(), action="test.write", obj=unit, note=str(i))
print("ok")
"""


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "GONGKAI_TESTING"}}
    env["GONGKAI_DATA_DIR"] = str(data_dir)
    return env


def test_two_writer_processes_do_not_hit_database_is_locked(tmp_path: Path) -> None:
    env = _env(tmp_path)
    subprocess.run([GONGKAI, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    setup = (
        "from gongkai.units.models import Unit; Unit.objects.create(name='苏州市人民政府', code='014000001')"
    )
    subprocess.run([GONGKAI, "shell", "--no-imports", "-c", setup], env=env, check=True)
    writers = [
        subprocess.Popen(
            [GONGKAI, "shell", "--no-imports", "-c", WRITER],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    results = [w.communicate(timeout=120) for w in writers]
    for (out, err), w in zip(results, writers, strict=True):
        assert w.returncode == 0, err.decode()[-2000:]
        assert out.decode().strip() == "ok"
    count = subprocess.run(
        [
            GONGKAI,
            "shell",
            "--no-imports",
            "-c",
            "from gongkai.core.models import AuditEvent; print(AuditEvent.objects.count())",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    assert int(count.stdout.decode().strip()) == 300
    mode = subprocess.run(
        [
            GONGKAI,
            "shell",
            "--no-imports",
            "-c",
            "from django.db import connection; c=connection.cursor(); "
            "print(c.execute('PRAGMA journal_mode').fetchone()[0])",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    assert mode.stdout.decode().strip() == "wal"
