"""The search log (searches and clicks, no personal data), the analytics page and the synonym pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.core.audit import AuditEvent
from gongkai.search import log, suggest
from gongkai.search.models import SearchClick, SearchLog, Synonym
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    suggest.reset_vocabulary()
    log.clear_hot_cache()
    yield
    suggest.reset_vocabulary()
    log.clear_hot_cache()


def login(username: str) -> Client:
    c = Client(REMOTE_ADDR="192.0.2.10")
    resp = c.post(reverse("workbench:login"), {"username": username, "password": PASSWORD})
    assert resp.status_code == 302, resp.content.decode()[:500]
    return c


def first_click_link(html: str) -> str:
    start = html.index('class="hit-title" href="') + len('class="hit-title" href="')
    return html[start : html.index('"', start)].replace("&amp;", "&")


def test_searches_are_logged_without_personal_data(publish, clock) -> None:  # type: ignore[no-untyped-def]
    publish(title="社会保险费征缴通知")
    Client(REMOTE_ADDR="203.0.113.5").get("/search/", {"q": "  社保　", "type": "document"})
    Client().get("/search/", {"q": ""})  # an empty search is not recorded
    entry = SearchLog.objects.get()
    assert entry.query == "社保" and entry.result_count == 1 and entry.type_filter == "document"
    assert entry.source == "portal" and entry.page == 1 and entry.created_at == clock.now()
    fields = {f.name for f in SearchLog._meta.get_fields()} | {f.name for f in SearchClick._meta.get_fields()}
    assert not fields & {"ip", "address", "user", "user_agent", "session"}


def test_clicks_are_recorded_and_redirect_to_the_result(publish) -> None:  # type: ignore[no-untyped-def]
    doc = publish(title="社会保险费征缴通知")
    html = Client().get("/search/", {"q": "社会保险"}).content.decode()
    link = first_click_link(html)
    assert link.startswith("/search/click?")
    resp = Client().get(link)
    assert resp.status_code == 302 and resp["Location"] == f"/documents/{doc.pk}/"
    click = SearchClick.objects.get()
    assert click.query == "社会保险" and click.key == f"document:{doc.pk}" and click.position == 1
    assert click.search == SearchLog.objects.get()


@pytest.mark.parametrize(
    "params",
    [
        {"k": "https://evil.example/"},
        {"k": "//evil.example"},
        {"k": "document:999999"},
        {"k": "nope:1"},
        {"k": "document:abc"},
        {"k": "document:1\x00"},
        {},
    ],
)
def test_click_redirect_only_goes_to_public_records(publish, params: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    publish(title="社会保险费征缴通知")
    resp = Client().get("/search/click", {"sid": "1", **params})
    assert resp.status_code == 404
    assert not SearchClick.objects.exists()


def test_click_on_a_withdrawn_document_is_404(publish, staff, committed) -> None:  # type: ignore[no-untyped-def]
    from gongkai.core.context import Actor
    from gongkai.documents.services import document_withdraw

    doc = publish(title="社会保险费征缴通知")
    link = first_click_link(Client().get("/search/", {"q": "社会保险"}).content.decode())
    with committed():
        document_withdraw(actor=Actor(staff["admin"]), document=doc, reason="错误")
    assert Client().get(link).status_code == 404


def test_analytics_lists_top_no_result_and_no_click_queries(publish, clock) -> None:  # type: ignore[no-untyped-def]
    publish(title="社会保险费征缴通知")
    publish(title="住房公积金提取办法", doc_number="苏财〔2026〕8号")
    c = Client()
    for _ in range(3):
        c.get("/search/", {"q": "社会保险"})
    c.get("/search/", {"q": "住房公积金"})
    c.get("/search/", {"q": "火星移民"})
    c.get(first_click_link(c.get("/search/", {"q": "社会保险"}).content.decode()))

    report = log.search_analytics(date_from=clock.today(), date_to=clock.today())
    assert [(r.query, r.searches, r.clicks) for r in report.top][:1] == [("社会保险", 4, 1)]
    assert [r.query for r in report.no_results] == ["火星移民"]
    assert [r.query for r in report.no_clicks] == ["住房公积金"]

    for user in ("office", "evaluator"):
        html = login(user).get(reverse("search:analytics")).content.decode()
        assert "无结果检索词" in html and "火星移民" in html and "住房公积金" in html
    # another period: nothing
    earlier = {"date_from": "2025-01-01", "date_to": "2025-01-31"}
    assert "火星移民" not in login("office").get(reverse("search:analytics"), earlier).content.decode()
    wrong = {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    assert (
        "开始日期不能晚于结束日期" in login("office").get(reverse("search:analytics"), wrong).content.decode()
    )


def test_old_log_rows_are_pruned(publish, clock) -> None:  # type: ignore[no-untyped-def]
    Client().get("/search/", {"q": "社会保险"})
    clock.advance(dt.timedelta(days=log.RETENTION_DAYS + 1))
    Client().get("/search/", {"q": "住房"})
    assert log.searchlog_prune() == 1
    assert list(SearchLog.objects.values_list("query", flat=True)) == ["住房"]


@pytest.mark.parametrize("user", ["handler", "admin", "other_handler"])
def test_office_pages_are_403_for_handlers_and_admins(db, staff, user: str) -> None:  # type: ignore[no-untyped-def]
    c = login(user)
    syn = Synonym.objects.first()
    assert syn is not None
    for url in (
        reverse("search:analytics"),
        reverse("search:synonyms"),
        reverse("search:synonym_new"),
        reverse("search:synonym_edit", args=[syn.pk]),
        reverse("search:synonym_delete", args=[syn.pk]),
    ):
        assert c.get(url).status_code == 403, url
    assert c.post(reverse("search:synonym_delete", args=[syn.pk])).status_code == 403
    assert Synonym.objects.filter(pk=syn.pk).exists()


def test_evaluators_read_analytics_but_not_synonyms(db, staff) -> None:  # type: ignore[no-untyped-def]
    c = login("evaluator")
    assert c.get(reverse("search:analytics")).status_code == 200
    assert c.get(reverse("search:synonyms")).status_code == 403


def test_anonymous_is_sent_to_login(db) -> None:
    resp = Client().get(reverse("search:synonyms"))
    assert resp.status_code == 302 and "/workbench/login/" in resp["Location"]


def test_synonyms_crud_by_the_openness_office(publish, staff) -> None:  # type: ignore[no-untyped-def]
    care = publish(title="养老托育服务体系建设方案")
    c = login("office")
    listing = c.get(reverse("search:synonyms")).content.decode()
    assert "社会保险" in listing and "检索同义词" in listing

    resp = c.post(reverse("search:synonym_new"), {"term": "一老一小", "expansions": "养老托育、托育养老"})
    assert resp.status_code == 302
    syn = Synonym.objects.get(term="一老一小")
    assert syn.expansions == ["养老托育", "托育养老"]
    assert AuditEvent.objects.filter(action="search.synonym.create").exists()
    html = Client().get("/search/", {"q": "一老一小"}).content.decode()
    assert care.title in html.replace("<mark>", "").replace("</mark>", "")

    dup = c.post(reverse("search:synonym_new"), {"term": "一老一小", "expansions": "别的"})
    assert dup.status_code == 200 and "已在同义词表中" in dup.content.decode()
    empty = c.post(reverse("search:synonym_new"), {"term": "！！", "expansions": "养老"})
    assert "请填写词语" in empty.content.decode()

    edit = reverse("search:synonym_edit", args=[syn.pk])
    assert "养老托育" in c.get(edit).content.decode()
    resp = c.post(edit, {"term": "一老一小", "expansions": "养老托育\n老幼服务"})
    assert resp.status_code == 302
    syn.refresh_from_db()
    assert syn.expansions == ["养老托育", "老幼服务"] and syn.is_active is False  # unchecked box: off

    delete = reverse("search:synonym_delete", args=[syn.pk])
    assert "确认删除" in c.get(delete).content.decode()
    assert c.post(delete).status_code == 302
    assert not Synonym.objects.filter(pk=syn.pk).exists()
    assert c.get(reverse("search:synonym_edit", args=[syn.pk])).status_code == 404


def test_workbench_nav_links(db, staff) -> None:  # type: ignore[no-untyped-def]
    office = login("office").get(reverse("workbench:home")).content.decode()
    assert reverse("search:analytics") in office and reverse("search:synonyms") in office
    handler = login("handler").get(reverse("workbench:home")).content.decode()
    assert reverse("search:analytics") not in handler and reverse("search:synonyms") not in handler
