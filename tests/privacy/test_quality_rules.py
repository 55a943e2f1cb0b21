"""Rules added for recall: rule-based name candidates, 、-lists, document-level repeats, the place
gazetteer and extra phone shapes. All sentences are invented for the tests."""

from __future__ import annotations

import pytest

from gongkai.privacy import scan_text
from gongkai.privacy.ner import gazetteer_places
from gongkai.privacy.rules import detect_landline, normalise_width


def _found(text: str, label: str) -> list[str]:
    return [f.text for f in scan_text(text) if f.label == label]


def _phones(text: str) -> list[str]:
    return [f.text for f in scan_text(text) if f.label in ("LANDLINE", "MOBILE")]


def test_phone_rules_fire() -> None:
    text = "电话:2335-2305/9263-3317"
    rules = {f.detector for f in detect_landline(text, normalise_width(text))}
    assert "regex.phone_hk_pair" in rules


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("常务副总封屹表示，项目下月开工。", "封屹"),
        ("出席会议的有张大山、林小路、冯远征等人。", "林小路"),
        ("欢迎仪式由市政府为江主席举行。", "江"),
    ],
)
def test_names_from_context(text: str, name: str) -> None:
    assert name in _found(text, "PERSON")


def test_nickname_before_name_in_brackets() -> None:
    assert "Hermes" in _found("战队由Hermes(黄远康)领军出战。", "PERSON")


def test_departments_and_common_words_are_not_names() -> None:
    for text in ("他任党委宣传部部长、纪委书记。", "组长单位是市局。", "员工宿舍在二楼。"):
        assert _found(text, "PERSON") == [], text


def test_a_name_found_once_is_found_everywhere_in_the_document() -> None:
    text = "记者王晓岚报道。王晓岚认为，该项目进展顺利。"
    starts = [f.start for f in scan_text(text) if f.label == "PERSON" and f.text == "王晓岚"]
    assert len(starts) == 2


def test_repeat_respects_word_boundaries() -> None:
    from gongkai.privacy.scanner import _on_boundaries

    # inside a sentence LAC has seen, both ends must be word boundaries
    assert _on_boundaries(10, 12, {8, 10, 12}, [(8, 20)])
    assert not _on_boundaries(10, 12, {8, 10, 13}, [(8, 20)])
    assert _on_boundaries(30, 32, set(), [(8, 20)])  # sentence not tagged


def test_gazetteer_places() -> None:
    assert [f.text for f in gazetteer_places("然后就去北京了，又到了马来西亚。")] == ["北京", "马来西亚"]
    places = [f.text for f in scan_text("中国政府一贯支持这一立场。") if f.label in ("PLACE", "ADDRESS")]
    assert "中国" in places


def test_extra_phone_shapes() -> None:
    assert _phones("电话:2335-2305/9263-3317，香港") == ["2335-2305/9263-3317"]
    assert "010-5762608757626088" in _phones("联系电话:010-5762608757626088，")
    assert _phones("星马区：60122919901") == ["60122919901"]
    assert _phones("规划期2008-2010/2011-2015年") == []
