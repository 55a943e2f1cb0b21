"""Letters: generated per type from the case, edited as versions, checked by the privacy gate (the
applicant's own data allowed, third parties' flagged), sent (the reply letter IS the reply), exported
to Word and PDF with the legal-remedies sentence."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from gongkai.core.errors import IllegalTransition, InvalidInput
from gongkai.disclosure.choices import PROCESS_REASONS, REASONS_BY_TYPE, FeeMethod, PauseCause, State
from gongkai.disclosure.letters import services
from gongkai.disclosure.letters.content import has_remedies, reconsideration_authority
from gongkai.disclosure.letters.export import to_docx, to_pdf
from gongkai.disclosure.models import Letter, LetterState
from gongkai.disclosure.services import (
    request_consultation_start,
    request_extend,
    request_fee_notice,
    request_reply,
)
from gongkai.privacy.models import Decision
from gongkai.privacy.services.review import Choice
from tests.disclosure.factories import person_input

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
THIRD = "经核实，第三人王小明（电话13800138000）的材料已删除。"


def docx_text(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


def _reply(cases, reply_type="disclose", reason="", text="", **kw):  # type: ignore[no-untyped-def]
    case = cases.in_state(State.IN_HANDLING, **kw)
    return case, services.letter_draft(
        actor=cases.actor("handler"),
        case=case,
        kind="reply",
        reply_type=reply_type,
        reply_reason=reason,
        reply_text=text,
    )


@pytest.mark.parametrize(
    ("reply_type", "reason"),
    [
        (t, r)
        for t, reasons in REASONS_BY_TYPE.items()
        for r in (reasons or ("",))
        if r not in PROCESS_REASONS and r != "still_unclear"
    ],
)
def test_reply_letter_per_type_and_reason(cases, reply_type, reason) -> None:  # type: ignore[no-untyped-def]
    case, letter = _reply(cases, reply_type, reason)
    v = letter.current
    assert v.title == "政府信息公开申请答复告知书" and v.salutation == "张三："
    assert case.tracking_code in v.body
    if reason != "other":  # （六）其他: the handler writes the ground
        assert "《中华人民共和国政府信息公开条例》第" in v.body
    assert has_remedies(v.remedies)
    assert "收到本告知书之日起60日内向" in v.remedies and "6个月内向人民法院提起行政诉讼" in v.remedies
    assert v.signature == "苏州市人民政府"


def test_reasons_carry_their_grounds(cases) -> None:  # type: ignore[no-untyped-def]
    _, letter = _reply(cases, "withhold", "third_party_rights")
    assert "第十五条" in letter.current.body and "不予公开" in letter.current.body
    _, letter = _reply(cases, "not_processed", "repeated")
    assert "第三十六条第六项" in letter.current.body


def test_a_reply_letter_needs_a_valid_outcome(cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.IN_HANDLING)
    with pytest.raises(InvalidInput, match="不予公开的理由"):
        services.letter_draft(actor=cases.actor("handler"), case=case, kind="reply", reply_type="withhold")
    registered = cases.in_state(State.REGISTERED)
    with pytest.raises(IllegalTransition, match="办理中"):
        services.letter_draft(
            actor=cases.actor("office"), case=registered, kind="reply", reply_type="disclose"
        )


def test_reconsideration_authority(units) -> None:  # type: ignore[no-untyped-def]
    assert reconsideration_authority(units["finance"]) == "苏州市人民政府"  # a department: its government
    assert reconsideration_authority(units["district"]) == "苏州市人民政府"  # a government: the one above
    assert reconsideration_authority(units["district_dept"]) == "苏州市姑苏区人民政府"


def test_notices_of_each_step(cases, staff) -> None:  # type: ignore[no-untyped-def]
    office, handler = cases.actor("office"), cases.actor("handler")
    case = cases.in_state(State.CORRECTION_REQUESTED)
    receipt = services.letter_draft(actor=office, case=case, kind="receipt")
    assert "受理回执" in receipt.current.title and not receipt.current.remedies
    corr = services.letter_draft(actor=office, case=case, kind="correction")
    assert "请写明所需信息的年份" in corr.current.body and has_remedies(corr.current.remedies)

    case = cases.in_state(State.IN_HANDLING)
    with pytest.raises(IllegalTransition, match="尚未延长"):
        services.letter_draft(actor=handler, case=case, kind="extension")
    case = request_extend(
        actor=handler, case=case, working_days=10, reason="需要检索多年档案", approved_by=staff["admin"]
    )
    ext = services.letter_draft(actor=handler, case=case, kind="extension")
    assert "延长10个工作日" in ext.current.body and "需要检索多年档案" in ext.current.body

    case = request_fee_notice(actor=handler, case=case, method=FeeMethod.PER_PAGE, pages=150, reason="页数多")
    fee = services.letter_draft(actor=handler, case=case, kind="fee")
    assert "元" in fee.current.body and "20个工作日" in fee.current.body

    other = cases.in_state(State.IN_HANDLING, data=person_input(applicant_name="赵六"))
    other = request_consultation_start(
        actor=handler,
        case=other,
        cause=PauseCause.THIRD_PARTY,
        party="苏州某某建设有限公司",
        reason="所涉信息含商业秘密",
    )
    cons = services.letter_draft(actor=handler, case=other, kind="consultation")
    assert cons.current.salutation == "苏州某某建设有限公司：" and "15个工作日" in cons.current.body
    assert "赵六" not in cons.current.body  # the applicant's identity does not go to the third party
    assert not cons.addressed_to_applicant


def test_edit_makes_versions_and_keeps_remedies(cases) -> None:  # type: ignore[no-untyped-def]
    _, letter = _reply(cases)
    v1 = letter.current
    fields = {k: getattr(v1, k) for k in ("title", "salutation", "body", "remedies", "signature")}
    v2 = services.letter_edit(
        actor=cases.actor("handler"),
        letter=letter,
        fields={**fields, "body": v1.body + "\n补充说明。"},
        expected_version=1,
    )
    assert v2.number == 2 and letter.versions.count() == 2 and "补充说明" in letter.current.body
    with pytest.raises(InvalidInput, match="救济途径"):
        services.letter_edit(
            actor=cases.actor("handler"), letter=letter, fields={**fields, "remedies": ""}, expected_version=2
        )
    with pytest.raises(IllegalTransition):  # a stale page
        services.letter_edit(
            actor=cases.actor("handler"), letter=letter, fields={**fields, "body": "x"}, expected_version=1
        )


def test_applicant_own_data_is_not_flagged(cases) -> None:  # type: ignore[no-untyped-def]
    _, letter = _reply(cases, text="张三，联系电话13912345678，地址苏州市姑苏区人民路1号。")
    assert services.letter_privacy_report(letter).passed


def test_third_party_data_blocks_sending_until_resolved(cases) -> None:  # type: ignore[no-untyped-def]
    case, letter = _reply(cases, text=THIRD)
    report = services.letter_privacy_report(letter)
    assert not report.passed and {f.label for f in report.open_findings} >= {"MOBILE"}
    with pytest.raises(InvalidInput, match="未处理的个人信息"):
        services.letter_send(actor=cases.actor("handler"), letter=letter)
    case.refresh_from_db()
    assert case.state == State.IN_HANDLING
    # the plain reply service is gated too
    with pytest.raises(InvalidInput, match="个人信息"):
        request_reply(actor=cases.actor("handler"), case=case, reply_type="disclose", reply_text=THIRD)

    choices = {f.index: Choice(Decision.MASK) for f in report.open_findings}
    after = services.letter_privacy_resolve(
        actor=cases.actor("handler"), letter=letter, token=report.token, choices=choices
    )
    assert after.passed and letter.current.number == 2 and "13800138000" not in letter.current.body
    services.letter_send(actor=cases.actor("handler"), letter=letter, expected_version=2)
    case.refresh_from_db()
    letter.refresh_from_db()
    assert case.state == State.REPLIED and case.reply_type == "disclose" and letter.state == LetterState.SENT
    assert case.reply_text == letter.current.body
    with pytest.raises(IllegalTransition, match="已发送"):
        services.letter_send(actor=cases.actor("handler"), letter=letter)


def test_keep_needs_a_reason(cases) -> None:  # type: ignore[no-untyped-def]
    _, letter = _reply(cases, text=THIRD)
    report = services.letter_privacy_report(letter)
    keep = {f.index: Choice(Decision.KEEP) for f in report.open_findings}
    with pytest.raises(InvalidInput, match="须填写理由"):
        services.letter_privacy_resolve(
            actor=cases.actor("handler"), letter=letter, token=report.token, choices=keep
        )
    keep = {f.index: Choice(Decision.KEEP, "", "第三人同意公开") for f in report.open_findings}
    after = services.letter_privacy_resolve(
        actor=cases.actor("handler"), letter=letter, token=report.token, choices=keep
    )
    assert after.passed and letter.current.number == 1  # kept: no new version


def test_exports_are_inert_and_carry_remedies(cases) -> None:  # type: ignore[no-untyped-def]
    _, letter = _reply(cases, data=person_input(description=f"请公开{SCRIPT}&相关文件"))
    v = letter.current
    assert SCRIPT in v.body  # stored as typed …
    xml = docx_text(to_docx(v))
    assert "&lt;script&gt;" in xml and "<script>" not in xml  # … written as text in Word
    assert "申请行政复议" in xml and "提起行政诉讼" in xml and "答复告知书" in xml
    pdf = to_pdf(v)
    assert pdf.startswith(b"%PDF") and b"STSong-Light" in pdf


def test_staff_pages(client, cases, staff) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.IN_HANDLING, data=person_input(description=f"请公开{SCRIPT}"))
    client.force_login(staff["handler"], backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("disclosure:detail", args=[case.pk])).content.decode()
    assert "起草文书" in page
    resp = client.post(
        reverse("disclosure:letter_new", args=[case.pk]), {"kind": "reply", "reply_type": "disclose"}
    )
    letter = Letter.objects.get()
    assert resp["Location"] == reverse("disclosure:letter", args=[case.pk, letter.pk])
    page = client.get(resp["Location"]).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page and "个人信息核对" in page
    v = letter.current
    resp = client.post(
        reverse("disclosure:letter_action", args=[case.pk, letter.pk, "edit"]),
        {
            "version": 1,
            "title": v.title,
            "salutation": v.salutation,
            "body": v.body + "\n另附目录一份。",
            "remedies": v.remedies,
            "signature": v.signature,
            "note": "补充附件说明",
        },
    )
    assert resp.status_code == 302 and letter.versions.count() == 2
    docx = client.get(reverse("disclosure:letter_file", args=[case.pk, letter.pk, "docx"]) + "?v=1")
    assert docx.status_code == 200 and "另附目录" not in docx_text(docx.content)
    resp = client.post(reverse("disclosure:letter_action", args=[case.pk, letter.pk, "send"]), {"version": 2})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == State.REPLIED
    # an evaluator may read the case but drafts nothing
    client.force_login(staff["evaluator"], backend="django.contrib.auth.backends.ModelBackend")
    assert "起草文书" not in client.get(reverse("disclosure:detail", args=[case.pk])).content.decode()


def test_applicant_reads_and_downloads_sent_letters_only(client, cases) -> None:  # type: ignore[no-untyped-def]
    from gongkai.disclosure.public_views import SESSION_CASES

    case, letter = _reply(cases)
    session = client.session
    session[SESSION_CASES] = {case.tracking_code: case.secret_hash}
    session.save()
    url = reverse("yisqgk:letter", args=[case.tracking_code, letter.pk])
    assert client.get(url).status_code == 404  # a draft is not shown
    services.letter_send(actor=cases.actor("handler"), letter=letter)
    page = client.get(reverse("yisqgk:case", args=[case.tracking_code])).content.decode()
    assert "政府信息公开申请答复告知书" in page and "予以公开" in page
    assert "行政诉讼" in client.get(url).content.decode()
    pdf = client.get(reverse("yisqgk:letter_file", args=[case.tracking_code, letter.pk, "pdf"]))
    assert (
        pdf.status_code == 200
        and pdf["Content-Type"] == "application/pdf"
        and pdf.content.startswith(b"%PDF")
    )
    assert "attachment" in pdf["Content-Disposition"]
    from django.test import Client

    assert Client().get(url).status_code == 404  # nobody else
