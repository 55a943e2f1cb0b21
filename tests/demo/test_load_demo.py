"""``load_demo``: the unit tree from the seed plan, demo staff, the seed notice and demo documents."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.accounts.models import Role, User
from gongkai.core.clock import CHINA_TZ, FrozenClock
from gongkai.demo.catalog import CATALOG, ROOT
from gongkai.demo.loader import ADMIN_PASSWORD, DEMO_ACCOUNTS, DEMO_PASSWORD
from gongkai.documents.choices import Status, topic_code_for
from gongkai.documents.models import Document, DocumentVersion
from gongkai.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


def _load(clock: FrozenClock) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, int, int, int]:
    return (
        Unit.objects.count(),
        User.objects.count(),
        Document.objects.count(),
        DocumentVersion.objects.count(),
    )


def test_load_demo_builds_the_data_set_and_is_idempotent(clock: FrozenClock) -> None:
    first = _load(clock)
    counts = _counts()
    assert counts[:3] == (len(CATALOG), len(DEMO_ACCOUNTS), 31)

    second = _load(clock)
    assert _counts() == counts
    assert "新建单位 0 个，账号 0 个，文件 0 件" in second
    for output in (first, second):
        assert "用户名" in output and "密码" in output and "角色" in output
        for account in DEMO_ACCOUNTS:
            assert account.username in output
        for label in ("承办人", "单位管理员", "公开办", "评估人", "超级管理员"):
            assert label in output


def test_unit_tree(clock: FrozenClock) -> None:
    _load(clock)
    root = Unit.objects.get(code=ROOT.code)
    assert (root.name, root.parent, root.kind) == ("苏州市人民政府", None, UnitKind.CITY_GOVERNMENT)
    assert set(Unit.objects.exclude(pk=root.pk).values_list("parent", flat=True)) == {root.pk}
    office = Unit.objects.get(name="苏州市人民政府办公室")
    assert (office.short_name, office.kind) == ("市政府办公室", UnitKind.CITY_DEPARTMENT)
    assert Unit.objects.get(short_name="市编办").name == "苏州市机构编制委员会办公室"
    counties = Unit.objects.filter(kind=UnitKind.DISTRICT_GOVERNMENT)
    assert counties.count() == 10
    assert counties.filter(name="苏州市姑苏区人民政府").exists()
    assert not Unit.objects.filter(name__contains="各有关").exists()


def test_staff_accounts(clock: FrozenClock) -> None:
    _load(clock)
    staff = {u.username: u for u in User.objects.select_related("unit")}
    assert {u.role for u in staff.values()} == set(Role.values)
    assert (staff["szfb_admin"].unit.name, staff["szfb_admin"].role) == (
        "苏州市人民政府办公室",
        Role.UNIT_ADMIN,
    )
    assert staff["czj_handler"].unit.name == "苏州市财政局"
    assert staff["gusu_handler"].unit.name == "苏州市姑苏区人民政府"
    assert (staff["gkb"].unit.name, staff["gkb"].role) == ("苏州市人民政府", Role.OPENNESS_OFFICE)
    assert staff["pinggu"].role == Role.EVALUATOR
    admin = staff["admin"]
    assert admin.is_superuser and admin.is_staff and admin.check_password(ADMIN_PASSWORD)
    assert all(u.check_password(DEMO_PASSWORD) for name, u in staff.items() if name != "admin")


def test_seed_notice_is_published(clock: FrozenClock) -> None:
    _load(clock)
    doc = Document.objects.get(doc_number="苏府办〔2018〕193号")
    assert doc.title == "市政府办公室关于印发苏州市2018年政务公开工作要点实施方案的通知"
    assert doc.unit.name == "苏州市人民政府办公室"
    assert doc.issuer == "苏州市人民政府办公室"
    assert doc.date_written == dt.date(2018, 6, 29)
    assert doc.published_at == dt.datetime(2018, 6, 29, 10, 0, tzinfo=CHINA_TZ)
    assert doc.topic == topic_code_for("综合政务\\政务公开") == "0201"
    assert doc.genre == "通知"
    assert doc.is_public and not doc.is_synthetic
    assert doc.index_number == "SZ0100001/2018-00001"
    assert "（十三）推动政府公报线上线下融合发展" in doc.body
    assert doc.versions.count() == 1


def test_demo_documents_are_synthetic_and_spread(clock: FrozenClock) -> None:
    _load(clock)
    synthetic = Document.objects.filter(is_synthetic=True)
    assert synthetic.count() == 30
    assert all(d.status == Status.PUBLISHED and d.is_public for d in synthetic)
    assert synthetic.values("unit").distinct().count() >= 15
    assert synthetic.values("topic").distinct().count() >= 10
    assert synthetic.values("genre").distinct().count() >= 5
    years = {d.date_written.year for d in synthetic}
    assert min(years) <= 2017 and max(years) >= 2025


def test_load_demo_gives_the_seed_its_catalog_interpretation_qa_and_gazette(clock: FrozenClock) -> None:
    from django.test import Client

    from gongkai.catalog.models import CatalogEntry, GrassrootsDomain
    from gongkai.gazette.models import GazetteItem
    from gongkai.interpretations.selectors import interpretation_list_public, qa_pairs_public

    _load(clock)
    seed = Document.objects.get(doc_number="苏府办〔2018〕193号")
    assert list(seed.catalog_filings.values_list("node__name", flat=True)) == ["政策文件"]
    assert interpretation_list_public(document=seed).exists()
    assert qa_pairs_public(document=seed).count() >= 4
    assert GazetteItem.objects.filter(document=seed).exists()
    assert GrassrootsDomain.objects.count() == 26
    assert CatalogEntry.objects.exists()

    page = Client().get(f"/documents/{seed.pk}/").content.decode()
    assert "政策文件" in page and "政策解读" in page
    api = Client()
    assert api.get(f"/api/v1/interpretations?document={seed.pk}").json()
    assert api.get(f"/api/v1/qa-pairs?document={seed.pk}").json()
    assert api.get("/api/v1/gazette/issues?year=2018").json()
