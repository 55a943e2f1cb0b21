"""条例第二十六条: proactive documents must be public within 20 working days of being formed.

2026 arrangement per the chinesecalendar library (checked, not from memory): 中秋 holiday 9-25..9-27,
国庆 holiday 10-01..10-07, Saturday 10-10 a working day. From 2026-09-21 the 20th working day is
therefore 2026-10-26: 22–24 Sep (3), 28–30 Sep (6), 8–10 Oct (9), 12–16 Oct (14), 19–23 Oct (19), 26 Oct.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.calendars.workdays import WorkdayCalendar
from gongkai.catalog import selectors
from gongkai.catalog.choices import PROACTIVE_DISCLOSURE_WORKING_DAYS
from gongkai.catalog.selectors import proactive_due
from gongkai.core.context import Actor
from gongkai.documents.choices import Disclosure, WithholdingReason
from gongkai.documents.services import document_submit
from tests.documents.factories import make_draft, make_published

pytestmark = pytest.mark.django_db

FORMED = dt.date(2026, 9, 21)


def china(y: int, m: int, d: int) -> dt.datetime:
    # 10:00 China time
    return dt.datetime(y, m, d, 2, 0, tzinfo=dt.UTC)


def test_the_limit_is_twenty_working_days() -> None:
    assert PROACTIVE_DISCLOSURE_WORKING_DAYS == 20


def test_deadline_runs_across_national_day_and_flips_to_overdue(clock, units, staff) -> None:
    clock.move_to(china(2026, 9, 22))
    doc = make_draft(staff["handler"], date_written=FORMED, date_formed=FORMED)
    [due] = proactive_due([units["finance"]], clock)
    assert due.document == doc
    assert due.deadline == dt.date(2026, 10, 26)
    assert due.days_left == 19 and not due.overdue
    assert not due.uncertain

    clock.move_to(china(2026, 10, 9))  # the holidays do not eat into the days left
    [due] = proactive_due([units["finance"]], clock)
    assert due.days_left == 12

    clock.move_to(china(2026, 10, 26))  # the last day itself is still in time
    [due] = proactive_due([units["finance"]], clock)
    assert due.days_left == 0 and not due.overdue

    clock.move_to(china(2026, 10, 27))
    [due] = proactive_due([units["finance"]], clock)
    assert due.overdue and due.days_left == -1 and due.days_overdue == 1


def test_documents_in_review_count_published_and_non_proactive_do_not(clock, units, staff) -> None:
    clock.move_to(china(2026, 9, 22))
    reviewing = make_draft(staff["handler"], title="待审核的通知", date_written=FORMED)
    document_submit(actor=Actor(staff["handler"]), document=reviewing)
    make_published(staff["handler"], staff["admin"], title="已发布的通知", date_written=FORMED)
    make_draft(
        staff["handler"],
        title="不予公开",
        date_written=FORMED,
        disclosure=Disclosure.WITHHELD,
        withholding_reason=WithholdingReason.INTERNAL_AFFAIRS,
    )
    make_draft(staff["other_handler"], title="其他单位的通知", date_written=FORMED)
    rows = proactive_due([units["finance"]], clock)
    assert [r.document for r in rows] == [reviewing]
    # date_formed defaults to date_written
    assert rows[0].formed == FORMED


def test_missing_calendar_data_is_flagged_not_hidden(clock, units, staff, monkeypatch) -> None:
    clock.move_to(china(2026, 9, 22))
    make_draft(staff["handler"], date_written=FORMED)
    # A calendar that knows no year at all: the estimate is weekend-only and must say so.
    monkeypatch.setattr(selectors, "get_calendar", lambda: WorkdayCalendar(library={}))
    [due] = proactive_due([units["finance"]], clock)
    assert due.uncertain and due.uncertain_years == (2026,)
    assert due.deadline == dt.date(2026, 10, 19)  # 20 weekdays, holidays unknown
