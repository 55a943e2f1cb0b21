"""The Q&A assistant over HTTP: the portal page /zsk/ask/ (conversation in the session, sources,
confidence in words, 转人工咨询 → the pre-filled 一号答 form), the kiosk, links, and the API
``POST /api/v1/assistant/ask`` with its OpenAPI entry."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from gongkai.knowledge import assistant
from gongkai.knowledge.models import AssistantQuery
from tests.knowledge.test_assistant import SHEBAO, WUJIANG

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_assistant(settings: Any) -> Iterator[None]:
    settings.GONGKAI_QA_LLM_ENDPOINT = ""
    settings.GONGKAI_QA_EMBEDDER = "off"
    assistant.assistant_reset()
    yield
    assistant.assistant_reset()


@pytest.fixture
def entries(kb) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {"shebao": kb.published(**SHEBAO), "wujiang": kb.published(**WUJIANG)}


def ask(c: Client, question: str) -> Any:
    return c.post("/zsk/ask/", {"question": question})


def page(c: Client) -> str:
    resp = c.get("/zsk/ask/")
    assert resp.status_code == 200
    return resp.content.decode()


def test_empty_page_has_a_labelled_question_box() -> None:
    resp = Client().get("/zsk/ask/")
    body = resp.content.decode()
    assert resp.status_code == 200 and "<h1>智能问答</h1>" in body
    assert '<label for="id_question">请输入您的问题</label>' in body
    assert 'aria-describedby="id_question_helptext"' in body and 'id="id_question_helptext"' in body
    assert "<script" not in body.split("<main", 1)[-1].split("</main>", 1)[0]  # works without JavaScript


def test_question_is_answered_with_numbered_sources(entries) -> None:
    c = Client()
    resp = ask(c, "社保怎么交")
    assert resp.status_code == 302 and resp["Location"] == "/zsk/ask/#latest"
    body = page(c)
    entry = entries["shebao"]
    assert "问：社保怎么交" in body and "按月缴纳社会保险费" in body
    assert "较确定" in body and "答案来源" in body
    assert f'<li value="1"><a href="/zsk/{entry.pk}/">{entry.question}</a>' in body
    assert "答案出处" in body and "仍有疑问？" in body


def test_follow_up_in_the_same_conversation(entries) -> None:
    c = Client()
    ask(c, "社保怎么交")
    ask(c, "那吴江区呢")
    body = page(c)
    assert "按“吴江区社保怎么交”理解" in body
    assert f'<a href="/zsk/{entries["wujiang"].pk}/">' in body
    # Another browser has its own conversation.
    other = Client()
    ask(other, "那吴江区呢")
    assert "按“吴江区社保怎么交”理解" not in page(other)


def test_conversation_keeps_the_last_five_turns_and_can_be_cleared(entries) -> None:
    c = Client()
    for i in range(7):
        ask(c, f"社保怎么交第{i}次")
    body = page(c)
    assert "第1次" not in body and "第2次" in body and "第6次" in body
    assert c.post("/zsk/ask/clear/").status_code == 302
    assert "本次对话" not in page(c)


def test_not_confident_offers_a_person_with_the_question_filled_in(entries) -> None:
    c = Client()
    ask(c, "明天会下雨吗")
    body = page(c)
    assert "没有找到确切答案" in body and "较确定" not in body
    assert '<button type="submit">转人工咨询</button>' in body
    row = AssistantQuery.objects.get()
    resp = c.post("/zsk/ask/handover/", {"query": str(row.pk)})
    assert resp.status_code == 302 and resp["Location"].startswith("/yhd/new/?type=consultation")
    row.refresh_from_db()
    assert row.handed_over
    form = c.get(resp["Location"]).content.decode()
    assert '<option value="consultation" selected>' in form
    assert 'value="明天会下雨吗"' in form  # subject
    assert "明天会下雨吗</textarea>" in form  # content


def test_handover_of_someone_elses_question_only_opens_the_form(entries) -> None:
    owner = Client()
    ask(owner, "明天会下雨吗")
    row = AssistantQuery.objects.get()
    resp = Client().post("/zsk/ask/handover/", {"query": str(row.pk)})
    assert resp.status_code == 302 and resp["Location"] == "/yhd/new/"
    row.refresh_from_db()
    assert not row.handed_over


def test_intake_form_ignores_unknown_prefill() -> None:
    form = Client().get("/yhd/new/?type=nonsense&subject=&content=" + "长" * 6000).content.decode()
    assert "selected>" not in form.split('name="ticket_type"', 1)[1].split("</select>", 1)[0].replace(
        '<option value="" selected>', ""
    )
    assert "长" * 5000 + "</textarea>" in form and "长" * 5001 not in form


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "请输入您的问题。"),
        ("社" * 10_000, "问题太长了"),
        ("！！？？", "没有识别到问题中的文字"),
        ("🙂🙂", "没有识别到问题中的文字"),
    ],
)
def test_bad_questions_get_a_clear_message(entries, question: str, message: str) -> None:
    resp = ask(Client(), question)
    body = resp.content.decode()
    assert resp.status_code == 400 and message in body and 'role="alert"' in body
    assert not AssistantQuery.objects.exists()


def test_markup_in_a_question_is_shown_as_text(entries) -> None:
    c = Client()
    ask(c, '<script>alert("x")</script>')
    body = page(c)
    assert '<script>alert("x")</script>' not in body
    assert html.escape('<script>alert("x")</script>') in body or "&lt;script&gt;" in body


def test_links_from_the_knowledge_base_and_the_kiosk(entries) -> None:
    c = Client()
    assert 'href="/zsk/ask/"' in c.get("/zsk/").content.decode()
    found = c.get("/zsk/?q=社保").content.decode()
    assert "/zsk/ask/?q=%E7%A4%BE%E4%BF%9D" in found
    kiosk = c.get("/kiosk/search/?q=社保").content.decode()
    assert "没有找到？问智能助手" in kiosk and "/kiosk/ask/?q=%E7%A4%BE%E4%BF%9D" in kiosk
    assert "\n社保</textarea>" in c.get("/zsk/ask/?q=社保").content.decode()


def test_kiosk_asks_one_question_and_keeps_nothing(entries) -> None:
    c = Client()
    resp = c.get("/kiosk/ask/?q=社保怎么交")
    body = resp.content.decode()
    assert resp.status_code == 200 and resp["Cache-Control"] == "no-store"
    assert "按月缴纳社会保险费" in body and f'href="/kiosk/{entries["shebao"].pk}/"' in body
    assert AssistantQuery.objects.get().channel == "kiosk"
    assert "zsk_assistant_turns" not in c.session
    unknown = c.get("/kiosk/ask/?q=明天会下雨吗").content.decode()
    assert "12345" in unknown and "没有找到确切答案" in unknown
    assert "请换个说法" in c.get("/kiosk/ask/?q=！！").content.decode()


# --- API ------------------------------------------------------------------------------------------


def api_ask(body: Any) -> Any:
    return Client().post("/api/v1/assistant/ask", data=json.dumps(body), content_type="application/json")


def test_api_answers_with_sources(entries) -> None:
    resp = api_ask({"question": "社保怎么交"})
    assert resp.status_code == 200, resp.content
    data = resp.json()
    entry = entries["shebao"]
    assert data["confident"] is True and data["confidence"] >= assistant.CONFIDENT_THRESHOLD
    assert data["confidence_words"] == "较确定" and "按月缴纳社会保险费" in data["answer"]
    source = data["sources"][0]
    assert source["key"] == f"knowledge:{entry.pk}" and source["cited"] is True
    assert source["url"] == f"http://testserver/zsk/{entry.pk}/" and source["kind_label"] == "知识库"
    assert data["handover_url"].startswith("http://testserver/yhd/new/?type=consultation")
    assert AssistantQuery.objects.get().channel == "api"


def test_api_follow_up_with_context(entries) -> None:
    data = api_ask({"question": "那吴江区呢", "context": {"previous": ["社保怎么交"]}}).json()
    assert data["understood_as"] == "吴江区社保怎么交"
    assert data["sources"][0]["key"] == f"knowledge:{entries['wujiang'].pk}"


def test_api_not_confident(entries) -> None:
    data = api_ask({"question": "明天会下雨吗"}).json()
    assert data["confident"] is False and "没有找到确切答案" in data["answer"]
    assert "type=consultation" in data["handover_url"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"question": ""}, "question", "请输入您的问题。"),
        ({"question": "社" * 10_000}, "question", "问题太长了"),
        ({"question": "？？"}, "question", "没有识别到"),
        ({}, "question", "此项为必填项。"),
        ({"question": "社保", "context": {"previous": "社保"}}, "context.previous", "应为列表。"),
    ],
)
def test_api_bad_input_is_422_in_chinese(entries, body: dict[str, Any], field: str, message: str) -> None:
    resp = api_ask(body)
    assert resp.status_code == 422
    data = resp.json()
    assert message in " ".join(data["errors"][field])
    assert not AssistantQuery.objects.exists()


def test_api_is_in_the_openapi_schema() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/assistant/ask"]["post"]
    assert operation["summary"] == "智能问答" and "200" in operation["responses"]
    assert "AskIn" in json.dumps(operation["requestBody"])
