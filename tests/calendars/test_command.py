"""``gongkai workdays``: in-process with call_command, and end to end as a subprocess."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.calendars.services import holiday_year_save
from gongkai.calendars.workdays import library_arrangements
from gongkai.core.context import Actor

ROOT = Path(__file__).resolve().parents[2]
MISSING = max(library_arrangements()) + 1
LAST_DECEMBER = f"{MISSING - 1}-12-24"

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("workdays", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_add_across_national_day() -> None:
    assert run("add", "2026-09-30", "5") == ("2026-10-13\n", "")
    assert run("add", "2026-09-30", "0") == ("2026-09-30\n", "")


def test_between() -> None:
    assert run("between", "2026-09-30", "2026-10-13") == ("5\n", "")
    assert run("between", "2026-10-13", "2026-09-30") == ("0\n", "")


def test_year_without_data_warns_and_exits_3(capsys: Any) -> None:
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("workdays", "add", LAST_DECEMBER, "10", stdout=out, stderr=err)
    assert exc.value.code == 3
    assert out.getvalue().strip().startswith(f"{MISSING}-01-")  # the estimate is still printed
    assert f"{MISSING}年尚无节假日安排" in err.getvalue()
    with pytest.raises(SystemExit) as exc:
        call_command("workdays", "between", LAST_DECEMBER, f"{MISSING}-01-31", stdout=out, stderr=err)
    assert exc.value.code == 3


def test_entered_year_makes_it_certain() -> None:
    holiday_year_save(
        actor=Actor.system(),
        year=MISSING,
        holidays=[(dt.date(MISSING, 1, 1), "元旦")],
        workdays=[],
        source="国办发明电〔2026〕7号",
    )
    out, err = run("add", LAST_DECEMBER, "10")
    assert err == "" and out.startswith(f"{MISSING}-01-")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("add", "2026-02-30", "5"), "不是有效日期"),
        (("add", "2026-09-30", "五"), "不是整数"),
        (("add", "2026-09-30", "-1"), "不能为负数"),
        (("add", "2026-09-30"), "参数不足"),
        (("between", "2026-09-30", "明天"), "不是有效日期"),
        ((), "用法"),
        (("add", "9999-12-30", "5"), "超出可计算的日期范围"),
    ],
)
def test_bad_arguments(args: tuple[str, ...], fragment: str) -> None:
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert fragment in str(exc.value)
    assert exc.value.returncode == 2


# --- end to end: the installed ``gongkai`` script against a fresh data folder -------------------


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(tmp_path_factory.mktemp("gongkai-data")),
        "GONGKAI_TESTING": "1",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run([*_gongkai(), "migrate", "-v0"], env=env, cwd=ROOT, check=True, capture_output=True)
    return env


def _gongkai() -> list[str]:
    script = Path(sys.executable).parent / "gongkai"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gongkai.cli"]


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_gongkai(), "workdays", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_cli_certain(cli_env: dict[str, str]) -> None:
    result = _cli(cli_env, "add", "2026-09-30", "5")
    assert (result.returncode, result.stdout) == (0, "2026-10-13\n")
    result = _cli(cli_env, "between", "2026-02-13", "2026-02-24")
    assert (result.returncode, result.stdout) == (0, "2\n")  # 02-14 (调休 Saturday) and 02-24


def test_cli_year_without_data_exits_3(cli_env: dict[str, str]) -> None:
    result = _cli(cli_env, "add", LAST_DECEMBER, "10")
    assert result.returncode == 3
    assert result.stdout.startswith(f"{MISSING}-01-")
    assert f"警告：{MISSING}年尚无节假日安排数据" in result.stderr


def test_cli_bad_date_exits_2(cli_env: dict[str, str]) -> None:
    result = _cli(cli_env, "add", "2026/09/31", "5")
    assert result.returncode == 2
    assert "不是有效日期" in result.stderr
    assert result.stdout == ""
