"""Normalisation, tokens and the synonym table."""

from __future__ import annotations

from gongkai.knowledge.retrieval import SynonymTable
from gongkai.knowledge.retrieval.synonyms import read_groups
from gongkai.knowledge.retrieval.text import analyse, grams, normalise


def test_normalise_full_width_traditional_controls_and_tags() -> None:
    assert normalise("ＡＢＣ１２３") == "abc123"
    assert normalise("社會保險") == "社会保险"
    assert normalise("軟體") == "软件"
    assert normalise("社\x00保\u200b") == "社保"
    assert "<" not in normalise("<script>alert(1)</script>社保")


def test_grams_give_bigrams_and_characters() -> None:
    bigrams, chars = grams("住房公积金abc")
    assert bigrams == ["住房", "房公", "公积", "积金", "abc"]
    assert chars == ["住", "房", "公", "积", "金", "abc"]
    assert grams("！？") == ([], [])


def test_analyse_drops_stop_words() -> None:
    analysed = analyse("请问社保怎么交呢？")
    assert "社保" in analysed.words
    assert "怎么" not in analysed.words and "请问" not in analysed.words


def test_builtin_table_has_the_issue_examples() -> None:
    groups = read_groups()
    pairs = [("社保", "社会保险"), ("娃", "孩子"), ("落户", "户口迁入"), ("公积金", "住房公积金")]
    for a, b in pairs:
        assert any(a in g and b in g for g in groups), (a, b)


def test_expansions_find_terms_and_prefer_the_longer() -> None:
    table = SynonymTable()
    found = {e.term: e.alternatives for e in table.expansions("住房公积金怎么提取", ["住房公积金", "提取"])}
    assert "住房公积金" in found and "公积金" not in found
    assert "公积金" in found["住房公积金"]


def test_one_character_terms_need_to_be_a_word() -> None:
    table = SynonymTable()
    assert any(e.term == "娃" for e in table.expansions("我家娃上学", ["我家", "娃", "上学"]))
    assert not any(e.term == "娃" for e in table.expansions("娃娃机", ["娃娃机"]))


def test_extra_groups_only() -> None:
    table = SynonymTable([("甲乙", "丙丁")], builtin=False)
    assert table.terms == ["甲乙", "丙丁"] or sorted(table.terms) == ["丙丁", "甲乙"]
    assert table.expansions("社保", ["社保"]) == []
