"""``mask_docx_with``: the caller decides finding by finding (the gate's review of a Word file)."""

from __future__ import annotations

import io

import docx
import pytest

from gongkai import privacy
from gongkai.privacy import DocumentChanged, LocatedFinding, mask_docx_with, scan_docx
from gongkai.privacy.types import PERSON


def _word() -> bytes:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "经办人：吴振国"
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "申请人"
    table.cell(0, 1).text = "申请人周明华"
    p = d.add_paragraph()
    p.add_run("投诉人").bold = True
    p.add_run("孙").italic = True
    p.add_run("丽娟反映情况。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _names(found: list[LocatedFinding]) -> dict[str, LocatedFinding]:
    return {lf.finding.text: lf for lf in found if lf.finding.label == PERSON}


def test_keep_one_mask_two_keeps_formatting() -> None:
    data = _word()
    names = _names(scan_docx(data))
    assert {"吴振国", "周明华", "孙丽娟"} <= set(names)
    choices = {"吴振国": None, "周明华": "周某", "孙丽娟": "孙**"}
    seen: list[str] = []

    def decide(lf: LocatedFinding) -> str | None:
        seen.append(lf.finding.text)
        assert lf.paragraph_text[lf.finding.start : lf.finding.end] == lf.finding.text
        return choices.get(lf.finding.text)

    result = mask_docx_with(data, decide)

    assert {"吴振国", "周明华", "孙丽娟"} <= set(seen)
    assert sorted(r.original for _, r in result.replacements) == ["周明华", "孙丽娟"]
    assert {r.replacement for _, r in result.replacements} == {"周某", "孙**"}
    out = docx.Document(io.BytesIO(result.data))
    assert out.sections[0].header.paragraphs[0].text == "经办人：吴振国"  # kept
    assert out.tables[0].cell(0, 1).text == "申请人周某"
    body = out.paragraphs[-1]
    assert body.text == "投诉人孙**反映情况。"
    # the split name's replacement goes to its first run; the runs and their formatting stay
    assert [r.text for r in body.runs] == ["投诉人", "孙**", "反映情况。"]
    assert body.runs[0].bold is True and body.runs[1].italic is True and not body.runs[2].italic


def test_given_findings_are_not_scanned_again_and_mapping_decides() -> None:
    data = _word()
    found = scan_docx(data)
    wanted = _names(found)["周明华"]
    chosen = {(wanted.location, wanted.finding): ""}  # "" deletes the value
    result = mask_docx_with(data, lambda lf: chosen.get((lf.location, lf.finding)), findings=[wanted])
    assert [(loc, r.original, r.replacement) for loc, r in result.replacements] == [
        (wanted.location, "周明华", "")
    ]
    text = privacy.docx_text(result.data)
    assert "周明华" not in text and "吴振国" in text and "孙丽娟" in text


def test_stale_findings_are_refused() -> None:
    data = _word()
    lf = _names(scan_docx(data))["周明华"]
    f = lf.finding
    moved = privacy.Finding(f.start + 1, f.end + 1, f.label, f.text, f.confidence, f.detector)
    with pytest.raises(DocumentChanged):
        mask_docx_with(data, lambda _: "X", findings=[LocatedFinding(lf.location, "", moved)])
    with pytest.raises(DocumentChanged):
        mask_docx_with(data, lambda _: "X", findings=[LocatedFinding("nowhere.xml#0", "", f)])


def test_mask_docx_is_mask_docx_with_by_policy() -> None:
    data = _word()
    by_policy = privacy.mask_docx(data, privacy.STRICT_POLICY)
    assert privacy.docx_text(by_policy.data).count("当事人") == 3
    # pseudonyms follow document order and stay consistent
    assert [r.replacement for _, r in by_policy.replacements] == ["当事人甲", "当事人乙", "当事人丙"]
