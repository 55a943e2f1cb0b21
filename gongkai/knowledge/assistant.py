"""智能问答: the Q&A assistant that answers the public from the knowledge base and 政策简明问答.

:func:`assistant_ask` is the one entry point of the portal page (``/zsk/ask/``), the kiosk and the API
(``POST /api/v1/assistant/ask``):

1. **Validate** the question (not empty, at most :data:`MAX_QUESTION_CHARS`, some words to search
   for). Invalid input raises :class:`QuestionInvalid` with a Chinese message; nothing is stored.
2. **Follow-up context** (:func:`resolve_question`): a short follow-up such as "那吴江区呢" is read
   together with the earlier questions of the conversation (see that function for the rules).
3. **Retrieve** the best passages from the process-wide retriever (:func:`current_retriever`) over the
   published knowledge entries and the Q&A pairs of published policies; a match whose record is no
   longer public is dropped at answer time.
4. **Answer**: when the top passage's calibrated confidence reaches :data:`CONFIDENT_THRESHOLD`
   (:func:`is_confident`; without the learned model it must also cover enough of the question), its
   answer is the answer; otherwise a polite "没有找到确切答案" with the top related sources and a
   hand-over link to the 一号答 intake form pre-filled with the question. Up to three related published
   documents from the site search are added as "相关文件".
5. **Optional generation**: with ``GONGKAI_QA_LLM_ENDPOINT`` set, the top passages go to an
   OpenAI-compatible chat endpoint (:mod:`gongkai.knowledge.generation`) that writes an answer from
   them only, with citations; on refusal or error the retrieved answer is shown instead (a warning is
   logged). ``confident`` stays the retrieval's judgement either way: a fluent text is not evidence.
6. **Log** the question for statistics (:class:`~gongkai.knowledge.models.AssistantQuery`), masked by
   the privacy engine, with no session or address.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Max, Sum
from django.urls import reverse
from django.utils.html import escape, linebreaks

from gongkai import privacy
from gongkai.core.clock import Clock, get_clock
from gongkai.core.errors import InvalidInput
from gongkai.interaction.choices import TicketType
from gongkai.interpretations.selectors import qa_pairs_public
from gongkai.knowledge import generation
from gongkai.knowledge.models import AssistantQuery
from gongkai.knowledge.retrieval import Candidate, EmbedderError, Passage, Retriever, load_embedder
from gongkai.knowledge.retrieval.dense import CachedEmbedder, Embedder
from gongkai.knowledge.selectors import entries_public, published_entries_for_retrieval

logger = logging.getLogger(__name__)

# --- the numbers, in one place -------------------------------------------------------------------

# The top passage answers when its calibrated probability of being right reaches this. The retrieval
# bench (bench/qa/README.md) suggests ~0.5: about three answers in four, nine in ten of them right.
CONFIDENT_THRESHOLD = 0.5
# Without the learned similarity, the calibrated confidence rests on the margin over the next passage,
# which in a small knowledge base is large even for a passage sharing one common word (怎么, 申请) with
# an unrelated question. Lexical-only answers therefore also need this share of the question's
# character bigrams to be found in the passage (colloquial paraphrases of an entry reach 0.4–1.0,
# unrelated questions 0.1–0.2). With the model on, the cosine carries that evidence instead.
MIN_LEXICAL_COVERAGE = 0.25
# With the model on, the calibration still cannot say "nothing here answers this": it was fitted on
# development sets where every question has its answer in the corpus. An absolute floor on the e5
# cosine does: on the first 300 development questions, 0.88 keeps 200 of 203 (government Q&A) and 175
# of 184 (Taipei FAQ) right confident answers, while questions from outside the demo knowledge base
# (天气, 量子计算机, 12345热线) score 0.84–0.87 against their nearest entry.
MIN_DENSE_SIMILARITY = 0.88
MAX_QUESTION_CHARS = 500
MAX_TURNS = 5  # earlier questions used as context (and kept by the portal page)
SEARCH_K = 5  # passages retrieved per question
RELATED_SOURCES = 3  # sources shown when not confident
LLM_SOURCES = 4  # passages given to the chat model
RELATED_DOCUMENTS = 3
# How often (at most) the sources' cheap fingerprint is compared with the one the index was built from.
GENERATION_CHECK_SECONDS = 5.0
# The intake form is reached by a GET link: keep its query string well under gunicorn's 4 KB line.
HANDOVER_SUBJECT_CHARS = 40
HANDOVER_CONTENT_CHARS = 200

KIND_KNOWLEDGE = "knowledge"
KIND_QA = "qa"
KIND_DOCUMENT = "document"
KIND_LABELS = {KIND_KNOWLEDGE: "知识库", KIND_QA: "政策问答", KIND_DOCUMENT: "相关文件"}

NOT_FOUND_MESSAGE = (
    "抱歉，没有找到确切答案。下面是可能相关的资料，供您参考；"
    "如需进一步了解，可以转人工咨询，由工作人员为您解答。"
)
GENERATED_NOTE = "以下回答由智能助手依据所列资料整理，请以资料原文为准。"
GENERATED_UNSURE_NOTE = (
    "以下回答由智能助手依据所列资料整理，可能不够确切，请以资料原文为准；如有疑问，可以转人工咨询。"
)


class QuestionInvalid(InvalidInput):
    """The question cannot be asked (empty, too long, nothing to search for); nothing is stored."""

    status_code = 422


# --- what goes in and out ------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversation:
    """The earlier questions of this conversation, oldest first, as the person asked them."""

    previous: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """Where an answer (or a related hint) comes from. ``number`` is how the answer cites it."""

    number: int
    key: str  # "knowledge:12", "qa:5", "document:7"
    kind: str
    kind_label: str
    title: str
    url: str
    unit: str
    confidence: float = 0.0
    cited: bool = False  # the answer text comes from this source


@dataclass(frozen=True)
class Answer:
    """The assistant's reply to one question.

    ``text`` is plain text; ``html`` is safe to print as is (the entry's sanitised HTML, or escaped
    text). ``understood_as`` is the question as read with the conversation's context ("" when the same
    as asked). ``handover_url`` opens the 一号答 consultation form pre-filled with the question.
    """

    question: str
    understood_as: str
    text: str
    html: str
    confidence: float
    confident: bool
    sources: tuple[Source, ...]
    related_documents: tuple[Source, ...]
    handover_url: str
    generated: bool = False
    message: str = ""
    query_id: int | None = None

    @property
    def effective_question(self) -> str:
        return self.understood_as or self.question


# --- the sources as passages ---------------------------------------------------------------------


def knowledge_passage_id(pk: int) -> str:
    return f"{KIND_KNOWLEDGE}:{pk}"


def qa_passage_id(pk: int) -> str:
    return f"{KIND_QA}:{pk}"


def _split_id(passage_id: str) -> tuple[str, int]:
    kind, _, pk = passage_id.partition(":")
    return kind, int(pk) if pk.isdigit() else 0


def collect_passages() -> list[Passage]:
    """Every published source as a :class:`Passage`: knowledge entries, then Q&A pairs of policies."""
    passages = [
        Passage(
            id=knowledge_passage_id(r.id),
            questions=(r.question, *r.phrasings),
            answer=r.answer_text,
            source=KIND_KNOWLEDGE,
            meta={"title": r.question, "url": r.url, "unit": r.unit_name},
        )
        for r in published_entries_for_retrieval()
    ]
    for qa in qa_pairs_public().select_related("document__unit").iterator(chunk_size=500):
        doc = qa.document
        passages.append(
            Passage(
                id=qa_passage_id(qa.pk),
                questions=(qa.question,),
                answer=qa.answer,
                source=KIND_QA,
                meta={
                    "title": qa.question,
                    "url": reverse("portal:document", args=[doc.pk]) + "#qa-h",
                    "unit": doc.unit.name,
                    "document": doc.title,
                },
            )
        )
    return passages


def sources_generation() -> tuple[object, ...]:
    """A cheap fingerprint of the published sources: it changes when anything public changes.

    Per source: the count, the sum of the published version ids (a revision approved or an entry
    expired changes it even when the count stays; new ids are always larger, so a removal and an
    addition cannot cancel out) and the latest change time.
    """
    kb = entries_public().aggregate(n=Count("pk"), v=Sum("published_version_id"), t=Max("updated_at"))
    qa = qa_pairs_public().aggregate(n=Count("pk"), v=Sum("pk"), t=Max("document__updated_at"))
    return (kb["n"], kb["v"], kb["t"], qa["n"], qa["v"], qa["t"])


@dataclass
class _Index:
    retriever: Retriever | None = None
    generation: tuple[object, ...] | None = None
    ids: set[str] = field(default_factory=set)
    checked_at: float = 0.0


_INDEX = _Index()
_REBUILD_LOCK = threading.Lock()


def _embedder() -> Embedder | None:
    """The configured learned similarity, or ``None`` (lexical only) when off or unavailable."""
    try:
        inner = load_embedder(getattr(settings, "GONGKAI_QA_EMBEDDER", "off"))
    except EmbedderError as exc:
        logger.warning("智能问答的语义模型不可用，只用关键词检索：%s", exc)
        return None
    # Rebuilds re-embed only changed texts; the cache keeps vectors of texts seen before.
    return CachedEmbedder(inner) if inner is not None else None


def current_retriever() -> Retriever:
    """The process-wide retriever, brought up to date when the published sources have changed.

    The fingerprint (:func:`sources_generation`) is compared at most every
    :data:`GENERATION_CHECK_SECONDS`. One thread checks and rebuilds at a time; the others keep
    answering from the index they have meanwhile (only the very first build makes them wait).
    A rebuild is incremental: unchanged passages keep their analysis and vectors.
    """
    index = _INDEX
    retriever = index.retriever
    if retriever is not None and time.monotonic() - index.checked_at < GENERATION_CHECK_SECONDS:
        return retriever
    if not _REBUILD_LOCK.acquire(blocking=retriever is None):
        assert retriever is not None
        return retriever
    try:
        if index.retriever is not None and time.monotonic() - index.checked_at < GENERATION_CHECK_SECONDS:
            return index.retriever  # another thread has just checked
        current = sources_generation()
        if index.retriever is None or current != index.generation:
            passages = collect_passages()
            ids = {p.id for p in passages}
            if index.retriever is None:
                index.retriever = Retriever.build(passages, embedder=_embedder())
            else:
                index.retriever.remove(index.ids - ids)
                index.retriever.add(passages)
                index.retriever.refresh()
            index.ids = ids
            index.generation = current
            logger.info("智能问答索引已更新：%d 条", len(ids))
        index.checked_at = time.monotonic()
        return index.retriever
    finally:
        _REBUILD_LOCK.release()


def assistant_reset() -> None:
    """Forget the process-wide index (tests; after a bulk import it would be rebuilt anyway)."""
    with _REBUILD_LOCK:
        _INDEX.retriever = None
        _INDEX.generation = None
        _INDEX.ids = set()
        _INDEX.checked_at = 0.0


# --- follow-up context ---------------------------------------------------------------------------

# Districts and county-level cities of Suzhou, each with the names the public uses for it.
PLACES: dict[str, tuple[str, ...]] = {
    "姑苏区": ("姑苏区", "姑苏"),
    "吴中区": ("吴中区", "吴中"),
    "相城区": ("相城区", "相城"),
    "吴江区": ("吴江区", "吴江"),
    "虎丘区": ("苏州高新区", "虎丘区", "高新区", "虎丘"),
    "苏州工业园区": ("苏州工业园区", "工业园区", "园区"),
    "张家港市": ("张家港市", "张家港"),
    "常熟市": ("常熟市", "常熟"),
    "太仓市": ("太仓市", "太仓"),
    "昆山市": ("昆山市", "昆山"),
}
_ALIAS = {alias: name for name, aliases in PLACES.items() for alias in aliases}
# Longest first, so that 苏州工业园区 is found before 园区; 园区 alone only when not part of
# another word such as 产业园区 (preceded by a Han character other than 的/在/那/到).
_PLACE_RE = re.compile(
    "|".join(
        f"(?<![\u4e00-\u9fff])(?:{re.escape(a)})|(?<=[的在那到去])(?:{re.escape(a)})"
        if a == "园区"
        else re.escape(a)
        for a in sorted(_ALIAS, key=len, reverse=True)
    )
)
# Words that carry no topic of their own in a follow-up ("那…呢", "如果是…的话").
_FILLER_RE = re.compile(
    r"那么|那|如果是|如果|要是|假如|换成|还有|另外|请问|的话|怎么样|怎样|如何|呢|吗|啊|呀|吧|的|是|在|我|也|"
    r"[\s\W_]",
)
_CONTINUATION_RE = re.compile(r"^(那么|那|还有|另外|如果|要是|假如|换成|这个|那个|这些|它|需要|要)")
SHORT_FOLLOW_UP_CHARS = 4  # at most this many topic characters left: the question has no topic of its own


def places_in(text: str) -> list[str]:
    """The Suzhou districts/cities named in ``text`` (canonical names, in order, no repeats)."""
    return list(dict.fromkeys(_ALIAS[m.group(0)] for m in _PLACE_RE.finditer(text)))


def _topic_chars(text: str) -> str:
    return _FILLER_RE.sub("", _PLACE_RE.sub("", text))


def resolve_question(question: str, previous: Sequence[str]) -> str:
    """The question as understood in the conversation: ``previous`` holds the earlier questions.

    Kept deliberately simple and predictable (it is shown to the person as "按…理解"):

    - The earlier questions are first resolved the same way, one after the other, so the *topic* is
      the last resolved question and the *place* the last Suzhou district or county-level city named.
    - A question with hardly a topic of its own (at most :data:`SHORT_FOLLOW_UP_CHARS` characters
      once places and words like 那/呢/如果是 are removed — "那吴江区呢", "多少钱") or one that starts
      like a continuation (那…, 还有…, 如果…) is read together with the topic: its place replaces the
      topic's place ("吴中区社保怎么交" + "那吴江区呢" → "吴江区社保怎么交"), otherwise the two are
      joined ("社保怎么交" + "要带什么" → "社保怎么交 要带什么").
    - A question with a topic of its own but no place inherits the earlier place
      ("吴江区…" then "公积金怎么取" → "吴江区 公积金怎么取"): people ask about where they live.
    - Anything else stands alone.
    """
    question = question.strip()
    topic = ""
    for earlier in previous[-MAX_TURNS:]:
        earlier = earlier.strip()[:MAX_QUESTION_CHARS]
        if earlier:
            topic = _resolve_one(topic, earlier)
    return _resolve_one(topic, question) if topic else question


def _resolve_one(topic: str, question: str) -> str:
    if not topic:
        return question
    new_places = places_in(question)
    old_places = places_in(topic)
    core = _topic_chars(question)
    if len(core) <= SHORT_FOLLOW_UP_CHARS or _CONTINUATION_RE.match(question):
        if new_places:
            base = _PLACE_RE.sub("", topic).strip() if old_places else topic
            addition = "" if len(core) <= SHORT_FOLLOW_UP_CHARS else f" {question}"
            return f"{new_places[0]}{base}{addition}".strip()
        return f"{topic} {question}"
    if not new_places and old_places:
        return f"{old_places[-1]} {question}"
    return question


# --- asking ---------------------------------------------------------------------------------------


def validate_question(question: str) -> str:
    """The question stripped, or :class:`QuestionInvalid` with a message for the person."""
    text = (question or "").strip()
    if not text:
        raise QuestionInvalid("请输入您的问题。", field="question")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionInvalid(
            f"问题太长了（{len(text)}字），请精简到{MAX_QUESTION_CHARS}字以内再问。", field="question"
        )
    if not Retriever.has_tokens(text):
        raise QuestionInvalid("没有识别到问题中的文字，请用文字描述您想了解的事情。", field="question")
    return text


def is_confident(candidate: Candidate, *, lexical_only: bool) -> bool:
    """Whether the top passage is the answer (the one place that decides; see the constants)."""
    if candidate.confidence < CONFIDENT_THRESHOLD:
        return False
    if lexical_only:
        return candidate.coverage >= MIN_LEXICAL_COVERAGE
    return candidate.dense >= MIN_DENSE_SIMILARITY


def handover_url(question: str) -> str:
    """The 一号答 form (consultation) pre-filled with the question, for a person to answer."""
    one_line = " ".join(question.split())
    subject = one_line[:HANDOVER_SUBJECT_CHARS]
    content = question.strip()
    if len(content) > HANDOVER_CONTENT_CHARS:
        content = content[: HANDOVER_CONTENT_CHARS - 1] + "…"
    query = urlencode({"type": TicketType.CONSULTATION.value, "subject": subject, "content": content})
    return f"{reverse('yhd:new')}?{query}"


def _source(number: int, passage: Passage, match: Candidate, *, cited: bool) -> Source:
    kind = KIND_QA if passage.source == KIND_QA else KIND_KNOWLEDGE
    meta = passage.meta
    return Source(
        number=number,
        key=passage.id,
        kind=kind,
        kind_label=KIND_LABELS[kind],
        title=meta.get("title", "") or (passage.questions[0] if passage.questions else passage.id),
        url=meta.get("url", ""),
        unit=meta.get("unit", ""),
        confidence=round(match.confidence, 4),
        cited=cited,
    )


def _still_public(matches: Iterable[Candidate]) -> tuple[list[Candidate], dict[int, str]]:
    """Drop matches whose record stopped being public since the index was built; the answer HTML of
    the knowledge entries among the rest (their sanitised published answer)."""
    matches = list(matches)
    kb_ids = [pk for kind, pk in map(_split_id, (m.passage_id for m in matches)) if kind == KIND_KNOWLEDGE]
    qa_ids = [pk for kind, pk in map(_split_id, (m.passage_id for m in matches)) if kind == KIND_QA]
    html: dict[int, str] = {}
    if kb_ids:
        for entry in entries_public().filter(pk__in=kb_ids):
            assert entry.published_version is not None
            html[entry.pk] = entry.published_version.answer_html
    live_qa = set(qa_pairs_public().filter(pk__in=qa_ids).values_list("pk", flat=True)) if qa_ids else set()
    kept = []
    for m in matches:
        kind, pk = _split_id(m.passage_id)
        if (kind == KIND_KNOWLEDGE and pk in html) or (kind == KIND_QA and pk in live_qa):
            kept.append(m)
    return kept, html


def related_documents(text: str) -> tuple[Source, ...]:
    """Up to :data:`RELATED_DOCUMENTS` published documents from the site search ("相关文件")."""
    from gongkai.search.services import search
    from gongkai.search.types import SearchQuery

    try:
        results = search(
            SearchQuery(
                text=text[:100],
                types=("document",),
                page_size=RELATED_DOCUMENTS,
                with_facets=False,
                with_highlights=False,
            )
        )
    except Exception:  # the index is a cache: a broken index must not break the answer
        logger.exception("智能问答查找相关文件失败")
        return ()
    return tuple(
        Source(
            number=i,
            key=hit.key,
            kind=KIND_DOCUMENT,
            kind_label=KIND_LABELS[KIND_DOCUMENT],
            title=hit.title,
            url=hit.url,
            unit=hit.unit_name,
        )
        for i, hit in enumerate(results.hits[:RELATED_DOCUMENTS], 1)
    )


def _generate(question: str, passages: list[Passage]) -> generation.GeneratedAnswer | None:
    """The chat model's answer from ``passages``, or ``None`` (off, refused, failed)."""
    endpoint = getattr(settings, "GONGKAI_QA_LLM_ENDPOINT", "")
    if not endpoint or not passages:
        return None
    result = generation.answer_from_sources(
        question,
        passages,
        endpoint=endpoint,
        model=getattr(settings, "GONGKAI_QA_LLM_MODEL", ""),
        timeout=float(getattr(settings, "GONGKAI_QA_LLM_TIMEOUT", 20.0)),
        api_key=getattr(settings, "GONGKAI_QA_LLM_API_KEY", ""),
    )
    if isinstance(result, generation.Refusal):
        logger.warning("大模型未生成回答（%s），改用检索到的答案", result.reason)
        return None
    return result


def _text_html(text: str) -> str:
    return linebreaks(escape(text))


def mask_for_log(question: str) -> str:
    """The question without personal data, for the statistics log.

    The privacy engine masks what it recognises (names → pseudonyms, phone and valid ID numbers →
    placeholders); any run of six or more digits left over (an ID number with a typo, a bank card)
    is replaced too, because statistics never need it.
    """
    try:
        findings = privacy.scan_text(question)
        masked = privacy.mask(question, findings, privacy.STRICT_POLICY).text
    except privacy.PrivacyError:
        masked = question
    return _LONG_NUMBER_RE.sub("【号码】", masked)[: AssistantQuery._meta.get_field("question").max_length]  # type: ignore[index]


_LONG_NUMBER_RE = re.compile(r"[0-9０-９]{5,}[0-9０-９XxＸｘ]")


def _log(answer: Answer, *, top: str, channel: str, clock: Clock) -> int:
    row = AssistantQuery.objects.create(
        question=mask_for_log(answer.effective_question),
        channel=channel,
        top_passage=top,
        confidence=answer.confidence,
        confident=answer.confident,
        generated=answer.generated,
        created_at=clock.now(),
    )
    return int(row.pk)


def assistant_ask(
    *,
    question: str,
    context: Conversation | None = None,
    channel: str = "web",
    clock: Clock | None = None,
) -> Answer:
    """Answer a question from the published sources (see the module docstring for the steps).

    Raises :class:`QuestionInvalid` for input that cannot be asked; nothing is stored then.
    ``channel`` (``web``, ``kiosk``, ``api``) is recorded for statistics.
    """
    clock = clock or get_clock()
    text = validate_question(question)
    previous = tuple(context.previous) if context is not None else ()
    effective = resolve_question(text, previous)
    retriever = current_retriever()
    matches, html = _still_public(retriever.candidates(effective, k=SEARCH_K))
    top = matches[0] if matches else None
    confidence = round(top.confidence, 4) if top is not None else 0.0
    confident = top is not None and is_confident(top, lexical_only=retriever.embedder is None)
    documents = related_documents(effective)
    handover = handover_url(effective)
    understood_as = effective if effective != text else ""

    generated = _generate(effective, [retriever.passage(m.passage_id) for m in matches[:LLM_SOURCES]])
    if generated is not None:
        given = matches[:LLM_SOURCES]
        sources = tuple(
            _source(i, retriever.passage(m.passage_id), m, cited=m.passage_id in generated.citations)
            for i, m in enumerate(given, 1)
        )
        answer = Answer(
            question=text,
            understood_as=understood_as,
            text=generated.text,
            html=_text_html(generated.text),
            confidence=confidence,
            confident=confident,
            sources=sources,
            related_documents=documents,
            handover_url=handover,
            generated=True,
            message=GENERATED_NOTE if confident else GENERATED_UNSURE_NOTE,
        )
    elif confident and top is not None:
        passage = retriever.passage(top.passage_id)
        kind, pk = _split_id(top.passage_id)
        sources = tuple(
            _source(i, retriever.passage(m.passage_id), m, cited=i == 1)
            for i, m in enumerate(matches[:RELATED_SOURCES], 1)
        )
        answer = Answer(
            question=text,
            understood_as=understood_as,
            text=passage.answer,
            html=html.get(pk, "") if kind == KIND_KNOWLEDGE else _text_html(passage.answer),
            confidence=confidence,
            confident=True,
            sources=sources,
            related_documents=documents,
            handover_url=handover,
        )
    else:
        sources = tuple(
            _source(i, retriever.passage(m.passage_id), m, cited=False)
            for i, m in enumerate(matches[:RELATED_SOURCES], 1)
        )
        answer = Answer(
            question=text,
            understood_as=understood_as,
            text=NOT_FOUND_MESSAGE,
            html=_text_html(NOT_FOUND_MESSAGE),
            confidence=confidence,
            confident=False,
            sources=sources,
            related_documents=documents,
            handover_url=handover,
            message=NOT_FOUND_MESSAGE,
        )
    query_id = _log(answer, top=top.passage_id if top is not None else "", channel=channel, clock=clock)
    return replace(answer, query_id=query_id)


def confidence_words(answer: Answer) -> str:
    """The confidence as the page says it: 较确定 (answered), 可能相关 (only related sources), 未找到."""
    if answer.confident:
        return "较确定"
    return "可能相关" if answer.sources else "未找到"


def assistant_mark_handed_over(*, query_ids: Iterable[int], query_id: int) -> bool:
    """Record that the person chose 转人工 after this answer; only for a question of their own
    conversation (``query_ids``: the ids the caller holds, e.g. from the session)."""
    if query_id not in set(query_ids):
        return False
    return AssistantQuery.objects.filter(pk=query_id).update(handed_over=True) == 1
