"""Pinyin input, "您是不是要找" corrections and autocomplete (gongkai.search.suggest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from gongkai.core.context import Actor
from gongkai.search import log, suggest
from gongkai.search.suggest import Vocabulary
from gongkai.search.synonyms import synonym_create


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    suggest.reset_vocabulary()
    log.clear_hot_cache()
    yield
    suggest.reset_vocabulary()
    log.clear_hot_cache()


@pytest.fixture
def voc() -> Vocabulary:
    words = [
        "住房公积金",
        "公积金",
        "社会保险",
        "社保",
        "社区",
        "养老服务",
        "服务",
        "养老",
        "最低生活保障",
        "低保",
    ]
    return Vocabulary.build([(w, 3.0) for w in words], titles=["关于调整住房公积金缴存基数的通知"])


def test_pinyin_spells_words(voc: Vocabulary) -> None:
    assert voc.pinyin_to_words("gongjijin") == "公积金"
    assert voc.pinyin_to_words("zhufanggongjijin") == "住房公积金"
    assert voc.pinyin_to_words("shebao") == "社保"
    assert voc.pinyin_to_words("xyz") == ""


def test_pinyin_prefixes_and_initials(voc: Vocabulary) -> None:
    assert voc.words_for_pinyin_prefix("sheb")[0] == "社保"
    assert "社会保险" in voc.words_for_pinyin_prefix("shehui")
    assert "公积金" in voc.words_for_pinyin_prefix("gjj")
    assert voc.words_for_pinyin_prefix("gongjijin")[0] == "公积金"  # the exact spelling first


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("住房公积精", "住房公积金"),  # jing for jin: a near homophone
        ("养老服物", "养老服务"),  # 物 for 务: same sound
        ("社会保验", "社会保险"),  # one character wrong
        ("最低生活保", "最低生活保障"),  # one character missing
        ("gongjijin", "公积金"),  # pinyin → 汉字
        ("2026 shebao", "2026 社保"),
        ('"养老服物" -社区', '"养老服务" -社区'),  # the query syntax is kept
    ],
)
def test_corrections(voc: Vocabulary, typed: str, meant: str) -> None:
    assert suggest.correct(typed, voc) == meant


@pytest.mark.parametrize("fine", ["住房公积金", "社保 养老", "苏财〔2026〕3号", "", "！！", "x" * 500])
def test_no_correction_for_good_or_odd_queries(voc: Vocabulary, fine: str) -> None:
    assert suggest.correct(fine, voc) == ""


def test_vocabulary_comes_from_dictionary_synonyms_and_titles(publish, staff) -> None:  # type: ignore[no-untyped-def]
    publish(title="关于推进城市更新行动的实施意见")
    synonym_create(actor=Actor(staff["office"]), term="一老一小", expansions=["养老托育"])
    suggest.reset_vocabulary()
    voc = suggest.get_vocabulary()
    assert "住房公积金" in voc  # domain dictionary
    assert "一老一小" in voc and "养老托育" in voc  # synonym table
    assert "城市更新" in voc or "更新" in voc  # words of public titles
    assert "关于推进城市更新行动的实施意见" in voc.titles


def test_vocabulary_is_cached_until_reset(publish) -> None:  # type: ignore[no-untyped-def]
    first = suggest.get_vocabulary()
    assert suggest.get_vocabulary() is first
    suggest.reset_vocabulary()
    assert suggest.get_vocabulary() is not first


def test_autocomplete_endpoint(publish) -> None:  # type: ignore[no-untyped-def]
    publish(title="住房公积金提取管理办法")
    data = Client().get("/search/suggest", {"q": "gongjijin"}).json()
    texts = [s["text"] for s in data["suggestions"]]
    assert "公积金" in texts
    data = Client().get("/search/suggest", {"q": "sheb"}).json()
    assert data["suggestions"][0]["text"] in {"社保", "社会保险"}
    data = Client().get("/search/suggest", {"q": "住房公积"}).json()
    kinds = {s["kind"] for s in data["suggestions"]}
    assert "住房公积金" in [s["text"] for s in data["suggestions"]]
    assert "title" in kinds
    for hostile in ["\x00", "x" * 10_000, "<script>", '"', "😀"]:
        resp = Client().get("/search/suggest", {"q": hostile})
        assert resp.status_code == 200
        assert isinstance(resp.json()["suggestions"], list)


def test_autocomplete_offers_hot_queries(publish) -> None:  # type: ignore[no-untyped-def]
    publish(title="住房公积金提取管理办法")
    for _ in range(2):
        Client().get("/search/", {"q": "住房公积金提取"})
    log.clear_hot_cache()
    empty = Client().get("/search/suggest", {"q": ""}).json()["suggestions"]
    assert {"text": "住房公积金提取", "kind": "hot"} in empty
    typed = Client().get("/search/suggest", {"q": "住房"}).json()["suggestions"]
    assert typed[0] == {"text": "住房公积金提取", "kind": "hot"}
