"""The calendar pages through the Django test client."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.calendars.models import HolidayDay, HolidayYear
from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import library_arrangements
from gongkai.core.models import AuditEvent

D = dt.date
MISSING = max(library_arrangements()) + 1
BACKEND = "django.contrib.auth.backends.ModelBackend"

pytestmark = pytest.mark.django_db

PASTE = f"""\
# {MISSING}年部分节假日安排
{MISSING}-01-01 元旦 休
{MISSING}-02-06~{MISSING}-02-12 春节 休
"""


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _post(
    client: Client, text: str = PASTE, year: int = MISSING, source: str = "国办发明电〔2026〕7号"
) -> Any:
    return client.post(reverse("calendars:year_enter"), {"year": year, "source": source, "text": text})


def test_urls_are_under_the_workbench() -> None:
    assert reverse("calendars:year_list") == "/workbench/calendar/"
    assert reverse("calendars:year_detail", args=[2026]) == "/workbench/calendar/2026/"


@pytest.mark.parametrize("name,args", [("year_list", []), ("year_detail", [2026]), ("year_enter", [])])
def test_anonymous_is_sent_to_login(name: str, args: list[int]) -> None:
    response = Client().get(reverse(f"calendars:{name}", args=args))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_list_marks_missing_next_year(staff: Any, november_clock: Any) -> None:
    response = _client(staff["evaluator"]).get(reverse("calendars:year_list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "缺少节假日安排" in text and f"{MISSING}年" in text
    assert "内置数据（chinesecalendar）" in text
    assert reverse("calendars:year_enter") not in text  # an evaluator may not enter


def test_list_shows_enter_links_to_office(staff: Any, november_clock: Any) -> None:
    text = _client(staff["office"]).get(reverse("calendars:year_list")).content.decode()
    assert reverse("calendars:year_edit", args=[MISSING]) in text


def test_deadline_check_on_list(staff: Any, november_clock: Any) -> None:
    client = _client(staff["handler"])
    response = client.get(reverse("calendars:year_list"), {"start": "2026-09-30", "days": "5"})
    assert "2026-10-13" in response.content.decode()
    response = client.get(reverse("calendars:year_list"), {"start": f"{MISSING - 1}-12-24", "days": "10"})
    assert "待核实" in response.content.decode()
    response = client.get(reverse("calendars:year_list"), {"start": "2026-02-30", "days": "5"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_year_detail_marks_holidays_and_adjusted_days(staff: Any) -> None:
    response = _client(staff["handler"]).get(reverse("calendars:year_detail", args=[2026]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "2026-10-10" in text and "调休上班" in text and "春节" in text
    assert 'class="adjusted"' in text and 'class="holiday"' in text


def test_year_detail_without_data_warns(staff: Any) -> None:
    text = _client(staff["evaluator"]).get(reverse("calendars:year_detail", args=[MISSING])).content.decode()
    assert f"{MISSING}年尚无节假日安排" in text


def test_year_detail_out_of_range_is_404(staff: Any) -> None:
    assert _client(staff["office"]).get(reverse("calendars:year_detail", args=[1990])).status_code == 404


def test_office_gets_prefilled_form(staff: Any, november_clock: Any) -> None:
    response = _client(staff["office"]).get(reverse("calendars:year_enter"))
    assert response.status_code == 200
    assert response.context["form"].initial["year"] == MISSING
    response = _client(staff["office"]).get(reverse("calendars:year_edit", args=[2026]))
    assert "2026-10-01~2026-10-07 国庆节 休" in response.context["form"].initial["text"]


def test_office_can_save(staff: Any, november_clock: Any) -> None:
    response = _post(_client(staff["office"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("calendars:year_detail", args=[MISSING])
    year = HolidayYear.objects.get(year=MISSING)
    assert year.entered_by == staff["office"]
    assert year.days.count() == 8
    assert get_calendar().is_known_year(MISSING)
    event = AuditEvent.objects.get(object_type="calendars.holidayyear")
    assert event.actor == staff["office"] and event.ip == "127.0.0.1"
    # The detail page now names the source.
    text = _client(staff["evaluator"]).get(response["Location"]).content.decode()
    assert "国办发明电〔2026〕7号" in text


@pytest.mark.parametrize("role", ["handler", "admin", "evaluator"])
def test_others_get_403(staff: Any, role: str) -> None:
    client = _client(staff[role])
    assert _post(client).status_code == 403
    assert client.get(reverse("calendars:year_enter")).status_code == 403
    assert not HolidayYear.objects.exists()


def test_bad_paste_shows_errors_and_saves_nothing(staff: Any, november_clock: Any) -> None:
    bad = f"{MISSING}-01-01 元旦 休\n{MISSING}-01-04 元旦 班\n{MISSING}-02-31 春节 休"
    response = _post(_client(staff["office"]), text=bad)
    assert response.status_code == 200
    text = response.content.decode()
    assert "第2行" in text and "不是周六或周日" in text
    assert "第3行" in text and "无法识别" in text
    assert not HolidayYear.objects.exists() and not HolidayDay.objects.exists()
    assert not AuditEvent.objects.filter(object_type="calendars.holidayyear").exists()


def test_year_mismatch_and_missing_source(staff: Any, november_clock: Any) -> None:
    response = _post(_client(staff["office"]), year=MISSING + 1, source="")
    assert "必填" in response.context["form"].errors["source"][0]  # Django's message, in Chinese
    assert not HolidayYear.objects.exists()
    response = _post(_client(staff["office"]), year=MISSING + 1)
    assert f"不在{MISSING + 1}年内" in response.content.decode()
    assert not HolidayYear.objects.exists()
