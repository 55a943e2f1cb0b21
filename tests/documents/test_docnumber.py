import pytest

from gongkai.documents.docnumber import normalise_doc_number, parse_doc_number


@pytest.mark.parametrize(
    "typed",
    [
        "苏府办〔2018〕193号",
        "苏府办[2018]193号",
        "苏府办［2018］193号",
        "苏府办(2018)193号",
        "苏府办（2018）193号",
        "苏府办 2018 193",
        "苏府办2018 193号",
        "苏府办【2018】第193号",
        " 苏府办〔2018〕193号 ",
    ],
)
def test_typed_variants_normalise_to_hexagonal_brackets(typed: str) -> None:
    assert normalise_doc_number(typed) == "苏府办〔2018〕193号"


def test_parsed_parts() -> None:
    parsed = parse_doc_number("国办公开办函〔2021〕30号")
    assert parsed is not None
    assert (parsed.org, parsed.year, parsed.seq) == ("国办公开办函", 2021, 30)


@pytest.mark.parametrize(
    "bad", ["", "193号", "苏府办〔18〕193号", "苏府办〔2018〕号", "苏府办〔2018〕0号", "<script>"]
)
def test_non_numbers_are_rejected(bad: str) -> None:
    assert normalise_doc_number(bad) is None
