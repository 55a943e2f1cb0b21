"""The Q&A assistant's service: colloquial questions answered from published entries and policy Q&A,
honest "not sure" with a hand-over, follow-up context, the index following publication and expiry,
hostile input, the masked statistics log, and the optional answer writer against a fake chat server
(real HTTP)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from gongkai.knowledge import assistant
from gongkai.knowledge.assistant import Conversation, QuestionInvalid, assistant_ask, resolve_question
from gongkai.knowledge.generation import REFUSAL_MARK
from gongkai.knowledge.models import AssistantQuery
from gongkai.knowledge.services import entry_expire
from gongkai.privacy.checksums import id_check_char

pytestmark = pytest.mark.django_db

SHEBAO = {
    "question": "灵活就业人员怎样参加职工社会保险？",
    "phrasings": ["自由职业者怎么交社保"],
    "answer_html": "<p>携带身份证件到社保经办窗口办理参保登记，按月缴纳社会保险费。</p>",
    "tags": ["社保"],
}
GJJ = {
    "question": "住房公积金怎样提取？",
    "phrasings": ["公积金能取出来吗"],
    "answer_html": "<p>购房、租房等情形可以申请提取住房公积金，可在网上办理。</p>",
    "tags": ["公积金"],
}
WUJIANG = {
    "question": "吴江区灵活就业人员在哪里办理社保参保？",
    "phrasings": [],
    "answer_html": "<p>到吴江区人力资源和社会保障局服务窗口办理社保参保登记。</p>",
    "tags": ["社保"],
}


@pytest.fixture(autouse=True)
def _fresh_assistant(settings: Any) -> Iterator[None]:
    """Each test builds its own index (database ids repeat across tests) and runs without a model."""
    settings.GONGKAI_QA_LLM_ENDPOINT = ""
    settings.GONGKAI_QA_EMBEDDER = "off"
    assistant.assistant_reset()
    yield
    assistant.assistant_reset()


@pytest.fixture
def entries(kb) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {"shebao": kb.published(**SHEBAO), "gjj": kb.published(**GJJ), "wujiang": kb.published(**WUJIANG)}


def test_colloquial_question_is_answered_from_the_entry(entries) -> None:
    answer = assistant_ask(question="社保怎么交")
    entry = entries["shebao"]
    assert answer.confident and answer.confidence >= assistant.CONFIDENT_THRESHOLD
    assert answer.sources[0].key == f"knowledge:{entry.pk}"
    assert answer.sources[0].cited and answer.sources[0].kind_label == "知识库"
    assert answer.sources[0].url == f"/zsk/{entry.pk}/" and answer.sources[0].unit == entry.unit.name
    assert "按月缴纳社会保险费" in answer.text
    assert answer.html == entry.published_version.answer_html  # the sanitised entry HTML
    assert answer.message == "" and not answer.generated
    assert assistant.confidence_words(answer) == "较确定"
    row = AssistantQuery.objects.get(pk=answer.query_id)
    assert row.question == "社保怎么交" and row.top_passage == f"knowledge:{entry.pk}"
    assert row.confident and not row.handed_over and row.channel == "web"
    assert row.created_at == entries["shebao"].published_at  # the frozen clock


def test_another_wording_finds_another_entry(entries) -> None:
    answer = assistant_ask(question="公积金能取出来吗")
    assert answer.confident and answer.sources[0].key == f"knowledge:{entries['gjj'].pk}"


def test_unrelated_question_is_not_confident_and_offers_a_person(entries) -> None:
    answer = assistant_ask(question="明天会下雨吗")
    assert not answer.confident
    assert "没有找到确切答案" in answer.text and answer.message == assistant.NOT_FOUND_MESSAGE
    assert len(answer.sources) <= assistant.RELATED_SOURCES
    assert all(not s.cited for s in answer.sources)
    url = urlsplit(answer.handover_url)
    assert url.path == "/yhd/new/"
    params = parse_qs(url.query)
    assert params["type"] == ["consultation"]
    assert params["content"] == ["明天会下雨吗"] and params["subject"] == ["明天会下雨吗"]
    row = AssistantQuery.objects.get(pk=answer.query_id)
    assert not row.confident and row.top_passage == ""


@pytest.mark.parametrize("question", ["新生儿怎么上户口", "火星移民怎么申请", "今天天气怎么样"])
def test_one_shared_common_word_is_not_an_answer(entries, question: str) -> None:
    """In a small knowledge base the margin alone would be convincing; the coverage guard is not."""
    answer = assistant_ask(question=question)
    assert not answer.confident and "没有找到确切答案" in answer.text


def test_long_question_is_cut_in_the_handover_link() -> None:
    url = assistant.handover_url("社保" * 200)
    params = parse_qs(urlsplit(url).query)
    assert len(params["content"][0]) == assistant.HANDOVER_CONTENT_CHARS
    assert len(params["subject"][0]) == assistant.HANDOVER_SUBJECT_CHARS
    assert len(url.encode()) < 4000


@pytest.mark.parametrize(
    ("previous", "question", "understood"),
    [
        ((), "社保怎么交", "社保怎么交"),
        (("社保怎么交",), "那吴江区呢", "吴江区社保怎么交"),
        (("吴中区社保怎么交",), "那吴江区呢？", "吴江区社保怎么交"),
        (("吴中社保怎么交",), "如果是昆山呢", "昆山市社保怎么交"),
        (("社保怎么交",), "要带什么", "社保怎么交 要带什么"),
        (("吴江区社保怎么交",), "公积金怎样提取", "吴江区 公积金怎样提取"),
        (("社保怎么交", "那吴江区呢"), "多少钱", "吴江区社保怎么交 多少钱"),
        (("社保怎么交",), "新生儿怎么落户", "新生儿怎么落户"),
        (("苏州工业园区公积金怎样提取",), "那高新区呢", "虎丘区公积金怎样提取"),
        (("社保怎么交",), "产业园区有哪些优惠政策", "产业园区有哪些优惠政策"),
    ],
)
def test_resolve_question(previous: tuple[str, ...], question: str, understood: str) -> None:
    assert resolve_question(question, previous) == understood


def test_follow_up_uses_the_previous_question(entries) -> None:
    answer = assistant_ask(question="那吴江区呢", context=Conversation(previous=("社保怎么交",)))
    assert answer.question == "那吴江区呢" and answer.understood_as == "吴江区社保怎么交"
    assert answer.confident and answer.sources[0].key == f"knowledge:{entries['wujiang'].pk}"
    # The log keeps the question as understood (the place is not personal data).
    assert AssistantQuery.objects.get(pk=answer.query_id).question == "吴江区社保怎么交"
    # Without context the question is taken as it is.
    assert assistant_ask(question="那吴江区呢").understood_as == ""


def test_policy_qa_pairs_are_sources(staff, entries, django_capture_on_commit_callbacks) -> None:
    from gongkai.core.context import Actor
    from gongkai.interpretations.services import policyqa_create
    from tests.documents.factories import make_published

    doc = make_published(staff["handler"], staff["admin"], title="关于城乡居民医疗保险缴费的通知")
    qa = policyqa_create(
        actor=Actor(staff["handler"]),
        document=doc,
        question="城乡居民医疗保险每年什么时候缴费？",
        answer="每年9月至12月集中缴纳下一年度的城乡居民医疗保险费。",
    )
    answer = assistant_ask(question="居民医保啥时候交钱")
    assert answer.confident and answer.sources[0].key == f"qa:{qa.pk}"
    top = answer.sources[0]
    assert top.kind == "qa" and top.kind_label == "政策问答" and top.url == f"/documents/{doc.pk}/#qa-h"
    assert "9月至12月" in answer.text and "<p>" in answer.html


def test_expired_entry_leaves_the_answers(kb, entries, monkeypatch) -> None:
    monkeypatch.setattr(assistant, "GENERATION_CHECK_SECONDS", 0.0)
    entry = entries["gjj"]
    assert assistant_ask(question="公积金能取出来吗").sources[0].key == f"knowledge:{entry.pk}"
    entry_expire(actor=kb.actor("admin"), entry=entry, reason_text="政策调整")
    answer = assistant_ask(question="公积金能取出来吗")
    assert f"knowledge:{entry.pk}" not in {s.key for s in answer.sources}
    assert f"knowledge:{entry.pk}" not in assistant.current_retriever()  # the index was rebuilt


def test_expired_entry_is_dropped_even_before_the_index_is_checked(kb, entries, monkeypatch) -> None:
    monkeypatch.setattr(assistant, "GENERATION_CHECK_SECONDS", 3600.0)
    entry = entries["gjj"]
    assert assistant_ask(question="公积金能取出来吗").confident
    entry_expire(actor=kb.actor("admin"), entry=entry, reason_text="政策调整")
    answer = assistant_ask(question="公积金能取出来吗")
    assert f"knowledge:{entry.pk}" in assistant.current_retriever()  # not yet rebuilt …
    assert f"knowledge:{entry.pk}" not in {s.key for s in answer.sources}  # … but never shown


def test_newly_published_entry_appears(kb, entries, monkeypatch) -> None:
    monkeypatch.setattr(assistant, "GENERATION_CHECK_SECONDS", 0.0)
    assert not assistant_ask(question="新生儿怎么上户口").confident
    baby = kb.published(
        question="新生儿怎样办理户口登记？",
        phrasings=["孩子出生了怎么上户口"],
        answer_html="<p>携带出生医学证明和父母户口簿到派出所办理。</p>",
        tags=["户籍"],
    )
    answer = assistant_ask(question="新生儿怎么上户口")
    assert answer.confident and answer.sources[0].key == f"knowledge:{baby.pk}"


def test_related_documents_come_from_the_site_search(
    staff, entries, django_capture_on_commit_callbacks
) -> None:
    from tests.documents.factories import make_published

    with django_capture_on_commit_callbacks(execute=True):
        doc = make_published(staff["handler"], staff["admin"], title="关于灵活就业人员参加社保的通知")
    answer = assistant_ask(question="灵活就业人员社保")
    assert [d.url for d in answer.related_documents] == [f"/documents/{doc.pk}/"]
    assert answer.related_documents[0].kind_label == "相关文件"


def test_broken_search_index_does_not_break_the_answer(entries, monkeypatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("index gone")

    monkeypatch.setattr("gongkai.search.services.search", broken)
    answer = assistant_ask(question="社保怎么交")
    assert answer.confident and answer.related_documents == ()


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "请输入您的问题"),
        ("   \n ", "请输入您的问题"),
        ("社" * 10_000, "问题太长了"),
        ("社" * 501, "500字以内"),
        ("？？！！……。。,,,", "没有识别到问题中的文字"),
        ("😀😀🙏", "没有识别到问题中的文字"),
    ],
)
def test_invalid_input_is_refused_clearly_and_not_logged(entries, question: str, message: str) -> None:
    with pytest.raises(QuestionInvalid) as info:
        assistant_ask(question=question)
    assert message in info.value.message and info.value.status_code == 422
    assert info.value.errors == {"question": [info.value.message]}
    assert not AssistantQuery.objects.exists()


def test_markup_is_just_text(entries) -> None:
    answer = assistant_ask(question="<script>alert(1)</script>")
    assert not answer.confident and "<script>" not in answer.html
    assert AssistantQuery.objects.get(pk=answer.query_id).question == "<script>alert(1)</script>"


def test_question_with_emoji_and_words_is_answered(entries) -> None:
    assert assistant_ask(question="🙏社保怎么交？？").confident


def test_the_log_holds_no_phone_or_id_number(entries) -> None:
    first17 = "32050619900307123"
    id_number = first17 + id_check_char(first17)
    typo_id = "320506199003071230" if id_number[-1] != "0" else "320506199003071231"
    question = f"我叫王小明，电话13912345678，身份证{id_number}，社保怎么交？另一个号{typo_id}"
    answer = assistant_ask(question=question)
    logged = AssistantQuery.objects.get(pk=answer.query_id).question
    for secret in ("13912345678", id_number, typo_id, "王小明", "1391234", "32050619"):
        assert secret not in logged
    assert "社保怎么交" in logged
    # The person's own answer still uses the whole question.
    assert answer.question == question


def test_handover_is_marked_only_for_own_questions(entries) -> None:
    answer = assistant_ask(question="明天会下雨吗")
    other = assistant_ask(question="社保怎么交")
    assert answer.query_id is not None and other.query_id is not None
    assert not assistant.assistant_mark_handed_over(query_ids=[answer.query_id], query_id=other.query_id)
    assert assistant.assistant_mark_handed_over(query_ids=[answer.query_id], query_id=answer.query_id)
    assert AssistantQuery.objects.get(pk=answer.query_id).handed_over
    assert not AssistantQuery.objects.get(pk=other.query_id).handed_over


def test_index_is_checked_at_most_every_few_seconds(entries, monkeypatch) -> None:
    calls: list[int] = []
    real = assistant.sources_generation

    def counting() -> tuple[object, ...]:
        calls.append(1)
        return real()

    monkeypatch.setattr(assistant, "sources_generation", counting)
    monkeypatch.setattr(assistant, "GENERATION_CHECK_SECONDS", 3600.0)
    first = assistant.current_retriever()
    for _ in range(5):
        assert assistant.current_retriever() is first
    assert len(calls) == 1


def test_concurrent_first_use_builds_one_index(entries) -> None:
    """Threads asking for the retriever at once get the same object (no half-built index)."""
    retriever = assistant.current_retriever()  # built here: the test database is this thread's
    seen: list[object] = []

    def use() -> None:
        seen.append(assistant.current_retriever())

    threads = [threading.Thread(target=use) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [retriever] * 8


# --- optional answer writing against a fake OpenAI-compatible server ----------------------------


class FakeChat:
    def __init__(self) -> None:
        self.reply = ""
        self.status = 200
        self.requests: list[dict[str, Any]] = []


@pytest.fixture
def chat(settings: Any) -> Iterator[FakeChat]:
    """A local chat server (real HTTP) configured as the assistant's endpoint."""
    state = FakeChat()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            state.requests.append(
                {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
            )
            if state.status != 200:
                self.send_error(state.status)
                return
            data = json.dumps(
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": state.reply}}]}
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GONGKAI_QA_LLM_ENDPOINT = f"http://127.0.0.1:{server.server_address[1]}/v1"
    settings.GONGKAI_QA_LLM_MODEL = "fake-qwen"
    settings.GONGKAI_QA_LLM_TIMEOUT = 5
    settings.GONGKAI_QA_LLM_API_KEY = "local-key"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def test_generated_answer_with_citations(entries, chat: FakeChat) -> None:
    chat.reply = "灵活就业人员可以到社保经办窗口办理参保登记，按月缴费[1]。"
    answer = assistant_ask(question="社保怎么交")
    assert answer.generated and answer.text == chat.reply and "[1]" in answer.html
    cited = [s for s in answer.sources if s.cited]
    assert [s.key for s in cited] == [f"knowledge:{entries['shebao'].pk}"] and cited[0].number == 1
    assert answer.message == assistant.GENERATED_NOTE
    request = chat.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer local-key"
    assert request["body"]["model"] == "fake-qwen"
    user = request["body"]["messages"][1]["content"]
    assert "[1] 灵活就业人员怎样参加职工社会保险？" in user and "社保怎么交" in user
    assert AssistantQuery.objects.get(pk=answer.query_id).generated


def test_generation_gets_the_question_as_understood(entries, chat: FakeChat) -> None:
    chat.reply = "请到吴江区人力资源和社会保障局服务窗口办理[1]。"
    answer = assistant_ask(question="那吴江区呢", context=Conversation(previous=("社保怎么交",)))
    assert answer.generated
    assert "问题：吴江区社保怎么交" in chat.requests[0]["body"]["messages"][1]["content"]


@pytest.mark.parametrize(
    ("reply", "status"), [(REFUSAL_MARK, 200), ("可以办理。", 200), ("见[9]", 200), ("", 500)]
)
def test_refusal_or_failure_falls_back_to_the_retrieved_answer(
    entries, chat: FakeChat, reply: str, status: int, caplog: Any
) -> None:
    chat.reply, chat.status = reply, status
    answer = assistant_ask(question="社保怎么交")
    assert chat.requests  # the endpoint was asked
    assert not answer.generated and answer.confident
    assert answer.html == entries["shebao"].published_version.answer_html
    assert "改用检索到的答案" in caplog.text


def test_no_call_without_any_match(entries, chat: FakeChat) -> None:
    answer = assistant_ask(question="明天会下雨吗")
    assert not answer.generated and not chat.requests


def test_confidence_needs_evidence_beyond_the_calibrated_probability() -> None:
    from gongkai.knowledge.assistant import MIN_DENSE_SIMILARITY, MIN_LEXICAL_COVERAGE, is_confident
    from gongkai.knowledge.retrieval import Candidate

    def top(confidence: float, coverage: float, dense: float) -> Candidate:
        return Candidate(
            passage_id="knowledge:1",
            score=1.0,
            margin=0.5,
            coverage=coverage,
            dense=dense,
            confidence=confidence,
        )

    assert is_confident(top(0.9, 0.0, MIN_DENSE_SIMILARITY + 0.05), lexical_only=False)
    assert not is_confident(
        top(0.9, 1.0, MIN_DENSE_SIMILARITY - 0.01), lexical_only=False
    )  # far from any entry
    assert is_confident(top(0.9, MIN_LEXICAL_COVERAGE, 0.0), lexical_only=True)
    assert not is_confident(top(0.9, MIN_LEXICAL_COVERAGE - 0.01, 0.0), lexical_only=True)
    assert not is_confident(top(0.3, 1.0, 1.0), lexical_only=False)
