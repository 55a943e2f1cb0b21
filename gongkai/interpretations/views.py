"""Public interpretation pages and the minimal workbench pages to write, publish and watch them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from gongkai.accounts import permissions
from gongkai.accounts.models import User
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError, NotFound, NotPermitted
from gongkai.documents.selectors import staff_units
from gongkai.interpretations import services
from gongkai.interpretations.forms import InterpretationForm, PolicyQAForm, WithdrawForm
from gongkai.interpretations.models import Interpretation, PolicyQA
from gongkai.interpretations.selectors import (
    can_see_missing_list,
    document_for_staff_or_public,
    interpretation_get_for_staff,
    interpretation_get_public,
    interpretation_list_for_staff,
    interpretation_list_public,
    policies_without_interpretation,
    qa_pairs_public,
)

PAGE_SIZE = 20


def _public(pk: int) -> Interpretation:
    try:
        return interpretation_get_public(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@require_GET
def interpretation_index(request: HttpRequest) -> HttpResponse:
    page = Paginator(interpretation_list_public(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "interpretations/list.html", {"page": page})


@require_GET
def interpretation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _public(pk)
    paragraphs = [p for p in item.body.split("\n") if p.strip()]
    return render(request, "interpretations/detail.html", {"item": item, "paragraphs": paragraphs})


@require_GET
def interpretation_image(request: HttpRequest, pk: int) -> FileResponse:
    item = _public(pk)
    if not item.image:
        raise Http404("该解读没有图片。")
    content_type = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif"}[item.image_extension]
    response = FileResponse(item.image.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- workbench --------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or (not permissions.is_staff_member(user) and not user.is_superuser):
        raise PermissionDenied("您的账号未关联单位，无法使用工作台。")
    return user


def _staff_item(user: User, pk: int) -> Interpretation:
    try:
        return interpretation_get_for_staff(user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc


def _show_errors(form: InterpretationForm | PolicyQAForm | WithdrawForm, exc: ApplicationError) -> None:
    for field, msgs in (exc.errors or {None: [exc.message]}).items():  # type: ignore[dict-item]
        for msg in msgs:
            form.add_error(field if field in form.fields else None, msg)


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    page = Paginator(interpretation_list_for_staff(user), 25).get_page(request.GET.get("page"))
    return render(request, "interpretations/manage_list.html", {"page": page})


@login_required
def manage_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units = [u for u in staff_units(user).order_by("path") if permissions.can_write(user, u)]
    if not units:
        raise PermissionDenied("您无权撰写政策解读。")
    choices = [(u.code, u.name) for u in units]
    form = InterpretationForm(request.POST or None, request.FILES or None, unit_choices=choices)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        unit = next(u for u in units if u.code == cd["unit"])
        docs = [document_for_staff_or_public(user, pk) for pk in cd["documents"]]
        missing = [pk for pk, d in zip(cd["documents"], docs, strict=True) if d is None]
        if missing:
            form.add_error("documents", f"未找到编号为 {missing[0]} 的政策文件。")
        else:
            data = services.InterpretationInput(
                title=cd["title"],
                kind=cd["kind"],
                body=cd["body"],
                video_url=cd["video_url"],
                interpreter_name=cd["interpreter_name"],
                interpreter_role=cd["interpreter_role"],
            )
            try:
                item = services.interpretation_create(
                    actor=Actor.from_request(request),
                    unit=unit,
                    data=data,
                    documents=[d for d in docs if d is not None],
                    image=cd["image"],
                )
            except ApplicationError as exc:
                _show_errors(form, exc)
            else:
                messages.success(request, "政策解读已保存为草稿。")
                return redirect("interpretations:manage_detail", item.pk)
    return render(request, "interpretations/manage_form.html", {"form": form})


@login_required
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    item = _staff_item(user, pk)
    context = {
        "item": item,
        "documents": list(item.documents.select_related("unit")),
        "can_review": permissions.can_review(user, item.unit),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "interpretations/manage_detail.html", context)


@login_required
@require_POST
def manage_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = _staff_item(_user(request), pk)
    try:
        services.interpretation_publish(actor=Actor.from_request(request), interpretation=item)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "政策解读已发布。")
    return redirect("interpretations:manage_detail", item.pk)


@login_required
@require_POST
def manage_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = _staff_item(_user(request), pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写撤回理由。")
        return redirect("interpretations:manage_detail", item.pk)
    try:
        services.interpretation_withdraw(
            actor=Actor.from_request(request), interpretation=item, reason=form.cleaned_data["reason"]
        )
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "政策解读已撤回。")
    return redirect("interpretations:manage_detail", item.pk)


@login_required
def manage_qa(request: HttpRequest, document_id: int) -> HttpResponse:
    """The Q&A pairs of one policy, with a form to add one (staff of the policy's unit)."""
    user = _user(request)
    doc = document_for_staff_or_public(user, document_id)
    if doc is None:
        raise Http404("政策文件不存在。")
    form = PolicyQAForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.policyqa_create(actor=Actor.from_request(request), document=doc, **form.cleaned_data)
        except NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc
        except ApplicationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, "问答已添加。")
            return redirect("interpretations:manage_qa", doc.pk)
    context = {
        "doc": doc,
        "qa_pairs": list(PolicyQA.objects.filter(document=doc).order_by("sort_order", "id")),
        "public_count": qa_pairs_public(document=doc).count(),
        "form": form,
        "can_write": permissions.can_write(user, doc.unit),
    }
    return render(request, "interpretations/manage_qa.html", context)


@login_required
def missing(request: HttpRequest) -> HttpResponse:
    """Major public policies of the user's subtree with no published interpretation."""
    user = _user(request)
    if not can_see_missing_list(user):
        raise PermissionDenied("只有公开办和评估人可以查看未解读政策清单。")
    units = None if user.is_superuser else staff_units(user)
    page = Paginator(policies_without_interpretation(units), 50).get_page(request.GET.get("page"))
    return render(request, "interpretations/missing.html", {"page": page})
