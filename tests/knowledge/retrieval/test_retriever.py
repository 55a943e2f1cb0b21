"""The retriever on a small knowledge base: how people ask, hostile input, confidence, updates."""

from __future__ import annotations

import math

import pytest

from gongkai.knowledge.retrieval import Match, Passage, Retriever, SynonymTable
from gongkai.knowledge.retrieval.calibration import DENSE, LEXICAL, Logistic
from tests.knowledge.retrieval.conftest import KB


def top(retriever: Retriever, question: str) -> str:
    matches = retriever.search(question, k=5)
    assert matches, question
    return matches[0].passage_id


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("社保怎么交", "shebao"),  # abbreviation
        ("我家娃上小学要准备啥", "ruxue"),  # colloquial 娃
        ("落户需要什么条件", "hukou"),  # 落户 = 户口迁入
        ("公积金提取", "gjj"),  # short form of 住房公积金
        ("驾照过期了换证", "jiazhao"),  # 驾照 = 驾驶证
        ("低保怎么申请", "dibao"),  # 低保 = 最低生活保障
    ],
)
def test_synonyms_and_colloquial_terms(retriever: Retriever, question: str, expected: str) -> None:
    assert top(retriever, question) == expected


def test_synonym_expansion_is_what_finds_the_colloquial_question() -> None:
    plain = Retriever.build(KB, synonyms=SynonymTable(builtin=False))
    expanded = Retriever.build(KB)
    score_plain = {m.passage_id: m.score for m in plain.search("办个低保", k=10)}
    assert top(expanded, "办个低保") == "dibao"
    assert "dibao" not in score_plain or top(plain, "办个低保") != "dibao" or score_plain["dibao"] <= 1.0


def test_extra_synonym_groups_from_the_caller() -> None:
    table = SynonymTable([("防汛", "抗洪")])
    retriever = Retriever.build(KB, synonyms=table)
    assert top(retriever, "抗洪工作通知") == "wendang"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("社會保險費怎麼繳納", "shebao"),
        ("駕駛證到期了怎麼換證", "jiazhao"),
        ("孩子上小學需要準備哪些資料", "ruxue"),
    ],
)
def test_traditional_script(retriever: Retriever, question: str, expected: str) -> None:
    assert top(retriever, question) == expected


def test_full_width_characters(retriever: Retriever) -> None:
    assert top(retriever, "１２３４５是什么电话") == "rexian"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("社会保线费怎么缴纳", "shebao"),  # 线 for 险
        ("驾使证到期了怎么换", "jiazhao"),  # 使 for 驶
        ("住房公积今怎么提取", "gjj"),  # 今 for 金
    ],
)
def test_typos(retriever: Retriever, question: str, expected: str) -> None:
    assert top(retriever, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("怎么提取住房公积金", "gjj"),
        ("需要准备哪些材料，孩子上小学", "ruxue"),
        ("怎么申请最低生活保障", "dibao"),
    ],
)
def test_word_order(retriever: Retriever, question: str, expected: str) -> None:
    assert top(retriever, question) == expected


def test_title_of_a_document_is_searchable(retriever: Retriever) -> None:
    assert top(retriever, "防汛工作通知") == "wendang"


def test_answer_text_is_searchable(retriever: Retriever) -> None:
    assert top(retriever, "车辆管理所换证") == "jiazhao"


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "？？？！！！……。。。",
        "😀🎉👍",
        "<script>alert('x')</script>",
        "社保" * 5000,
        "a" * 10_000,
        "\x00\x01社保\u200b\ufeff",
        "' OR 1=1; DROP TABLE passages; --",
        "𠀀𠀁𪚥",
    ],
)
def test_hostile_input_is_answered_without_error(retriever: Retriever, question: str) -> None:
    matches = retriever.search(question, k=5)
    assert isinstance(matches, list)
    assert len(matches) <= 5
    for match in matches:
        assert isinstance(match, Match)
        assert 0.0 <= match.confidence <= 1.0
        assert math.isfinite(match.score)


def test_no_searchable_text_gives_no_matches(retriever: Retriever) -> None:
    assert retriever.search("？？？！！！") == []
    assert retriever.search("😀🎉") == []
    assert retriever.search("") == []


def test_k_bounds(retriever: Retriever) -> None:
    assert retriever.search("社保", k=0) == []
    assert len(retriever.search("社保", k=3)) == 3
    assert len(retriever.search("社保", k=1000)) == len(KB)


def test_results_are_ordered_and_confidence_in_range(retriever: Retriever) -> None:
    matches = retriever.search("社会保险费怎么缴纳", k=len(KB))
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= m.confidence <= 1.0 for m in matches)
    assert matches[0].confidence > matches[-1].confidence


def test_confidence_is_higher_for_an_exact_question_than_for_an_unrelated_one(retriever: Retriever) -> None:
    exact = retriever.search("住房公积金怎么提取", k=1)[0]
    unrelated = retriever.search("火星上能点外卖吗", k=1)
    assert exact.passage_id == "gjj"
    assert not unrelated or unrelated[0].confidence < exact.confidence


@pytest.mark.parametrize("model", [DENSE, LEXICAL])
def test_calibration_is_monotonic_and_bounded(model: Logistic) -> None:
    previous = -1.0
    for i in range(-20, 60):
        value = model.confidence(score=i / 10, margin=0.1)
        assert 0.0 <= value <= 1.0
        assert value >= previous
        previous = value
    previous = -1.0
    for i in range(0, 40):
        value = model.confidence(score=1.0, margin=i / 20)
        assert value >= previous
        previous = value
    assert 0.0 <= model.confidence(score=float("nan"), margin=float("inf")) <= 1.0
    assert 0.0 <= model.confidence(score=1e300, margin=-1e300) <= 1.0


def test_add_replace_and_remove() -> None:
    retriever = Retriever(KB)
    assert "huzhao" not in retriever
    retriever.add([Passage(id="huzhao", questions=("普通护照怎么办理",), answer="向出入境管理部门申请。")])
    assert top(retriever, "护照怎么办") == "huzhao"
    retriever.add([Passage(id="huzhao", questions=("港澳通行证怎么办理",), answer="向出入境管理部门申请。")])
    assert top(retriever, "港澳通行证办理") == "huzhao"
    retriever.remove(["huzhao", "no-such-id"])
    assert "huzhao" not in retriever
    assert all(m.passage_id != "huzhao" for m in retriever.search("港澳通行证办理", k=len(KB)))
    assert len(retriever) == len(KB)


def test_empty_knowledge_base() -> None:
    retriever = Retriever()
    assert retriever.search("社保怎么交") == []
    retriever.add([Passage(id="x", questions=(), answer="")])
    assert isinstance(retriever.search("社保怎么交"), list)


def test_passage_lookup(retriever: Retriever) -> None:
    assert retriever.passage("gjj").questions == ("住房公积金怎么提取",)
    with pytest.raises(KeyError):
        retriever.passage("missing")
