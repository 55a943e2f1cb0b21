"""Workbench pages of the catalogues: the 主动公开目录 tree, filing a document under its columns, and the
政务公开事项目录. Each view parses a form, calls one selector or service, and renders or redirects.

Anyone whose scope covers a unit may look; unit admins and the openness office (``can_review``) maintain
the catalogues; writers of the unit (``can_write``) file its documents. The services check again.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts import permissions
from gongkai.accounts.models import User
from gongkai.catalog import services
from gongkai.catalog.forms import EntryForm, LinkForm, NodeCreateForm, NodeRenameForm
from gongkai.catalog.models import CatalogEntry, CatalogNode
from gongkai.catalog.selectors import (
    catalog_entries_with_status,
    catalog_entry_documents,
    catalog_entry_get_for_staff,
    catalog_node_get,
    catalog_node_get_for_staff,
    catalog_nodes_by_ids,
    catalog_tree,
    document_for_entry,
    domain_get,
    flatten,
    grassroots_domains,
)
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError, NotFound, NotPermitted
from gongkai.documents.models import Document
from gongkai.documents.selectors import document_get_for_staff, staff_units
from gongkai.units.models import Unit

READ_ONLY = "您只能查看目录，维护目录需要本单位（或上级）的单位管理员或公开办。"


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or (not permissions.is_staff_member(user) and not user.is_superuser):
        raise PermissionDenied("您的账号未关联单位，无法使用工作台。")
    return user


def _units(user: User) -> list[Unit]:
    return list(staff_units(user).order_by("path"))


def _pick_unit(user: User, code: str) -> tuple[list[Unit], Unit]:
    """The unit picker (units in the user's scope) and the chosen unit (own unit by default)."""
    units = _units(user)
    if not units:
        raise PermissionDenied("您的账号没有可查看的单位。")
    if code:
        unit = next((u for u in units if u.code == code), None)
        if unit is None:
            raise Http404("没有这个单位，或它不在您的工作范围内。")
        return units, unit
    own = next((u for u in units if u.pk == user.unit_id), None)
    return units, own or units[0]


def _managed_unit(user: User, code: str) -> Unit:
    """A unit whose catalogues ``user`` may maintain (for POSTs); 404 outside the scope, 403 read-only."""
    _, unit = _pick_unit(user, code)
    if not permissions.can_review(user, unit):
        raise PermissionDenied(READ_ONLY)
    return unit


def _apply(request: HttpRequest, action: Callable[[], object], done: str) -> bool:
    """Run a service: success → message; refused input → its Chinese message; not permitted → 403."""
    try:
        action()
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, done)
    return True


def _tree_url(unit: Unit) -> str:
    return f"{reverse('catalog:manage')}?{urlencode({'unit': unit.code})}"


def _form_error(form: NodeCreateForm | NodeRenameForm | LinkForm) -> str:
    return "；".join(str(m) for errs in form.errors.values() for m in errs) or "输入有误。"


# --- 主动公开目录 -------------------------------------------------------------------------------------


@login_required
def manage_tree(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units, unit = _pick_unit(user, request.GET.get("unit", ""))
    context = {
        "units": units,
        "unit": unit,
        "rows": flatten(catalog_tree(unit)),
        "can_manage": permissions.can_review(user, unit),
        "create_form": NodeCreateForm(),
    }
    return render(request, "catalog/manage_tree.html", context)


@login_required
@require_POST
def manage_seed(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    unit = _managed_unit(user, request.POST.get("unit", ""))
    actor = Actor.from_request(request)
    _apply(request, lambda: services.catalog_seed_standard(actor=actor, unit=unit), "已补齐标准栏目。")
    return redirect(_tree_url(unit))


@login_required
@require_POST
def manage_node_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    unit = _managed_unit(user, request.POST.get("unit", ""))
    form = NodeCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect(_tree_url(unit))
    actor = Actor.from_request(request)

    def create() -> object:
        parent_id = form.cleaned_data["parent"]
        parent = catalog_node_get(parent_id, unit=unit) if parent_id else None
        return services.catalog_node_create(
            actor=actor, unit=unit, name=form.cleaned_data["name"], parent=parent
        )

    _apply(request, create, f"已新增栏目“{' '.join(form.cleaned_data['name'].split())}”。")
    return redirect(_tree_url(unit))


@login_required
@require_POST
def manage_node_rename(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    node = _staff_node(user, pk)
    form = NodeRenameForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_error(form))
    else:
        actor = Actor.from_request(request)
        _apply(
            request,
            lambda: services.catalog_node_rename(actor=actor, node=node, name=form.cleaned_data["name"]),
            "栏目已改名。",
        )
    return redirect(_tree_url(node.unit))


@login_required
@require_POST
def manage_node_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    node = _staff_node(user, pk)
    actor = Actor.from_request(request)
    _apply(
        request, lambda: services.catalog_node_delete(actor=actor, node=node), f"栏目“{node.name}”已删除。"
    )
    return redirect(_tree_url(node.unit))


def _staff_node(user: User, pk: int) -> CatalogNode:
    try:
        node = catalog_node_get_for_staff(user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    if not permissions.can_review(user, node.unit):
        raise PermissionDenied(READ_ONLY)
    return node


# --- filing a document ----------------------------------------------------------------------------


def _staff_document(user: User, pk: int) -> Document:
    try:
        return document_get_for_staff(user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc


@login_required
@require_POST
def document_filings(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the columns a document is filed under (the checkboxes on its workbench page)."""
    user = _user(request)
    doc = _staff_document(user, pk)
    if not permissions.can_write(user, doc.unit):
        raise PermissionDenied(f"您无权处理“{doc.unit.name}”的文件。")
    ids = [int(i) for i in request.POST.getlist("nodes") if i.isdigit()][:200]
    actor = Actor.from_request(request)

    def set_filings() -> object:
        nodes = catalog_nodes_by_ids(ids)
        return services.document_set_filings(actor=actor, document=doc, nodes=nodes)

    _apply(request, set_filings, "所属目录已更新。" if ids else "已从全部目录栏目中移出。")
    return redirect("workbench:document", pk=doc.pk)


# --- 政务公开事项目录 -----------------------------------------------------------------------------


def _staff_entry(user: User, pk: int) -> CatalogEntry:
    try:
        return catalog_entry_get_for_staff(user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc


def _show_errors(form: EntryForm, exc: ApplicationError) -> None:
    if exc.errors:
        for field, msgs in exc.errors.items():
            for msg in msgs:
                form.add_error(field if field in form.fields else None, msg)
    else:
        form.add_error(None, exc.message)


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units, unit = _pick_unit(user, request.GET.get("unit", ""))
    number = request.GET.get("domain", "")
    domain = None
    if number.isdigit():
        try:
            domain = domain_get(int(number))
        except NotFound as exc:
            raise Http404(exc.message) from exc
    rows = [
        s for s in catalog_entries_with_status([unit]) if domain is None or s.entry.domain_id == domain.pk
    ]
    context = {
        "units": units,
        "unit": unit,
        "domains": list(grassroots_domains()),
        "domain": domain,
        "rows": rows,
        "can_manage": permissions.can_review(user, unit),
    }
    return render(request, "catalog/manage_entries.html", context)


@login_required
def entry_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units = [u for u in _units(user) if permissions.can_review(user, u)]
    if not units:
        raise PermissionDenied(READ_ONLY)
    initial_unit = request.GET.get("unit", "") or (user.unit.code if user.unit else "")
    form = EntryForm(
        request.POST or None,
        unit_choices=[(u.code, u.name) for u in units],
        initial={"unit": initial_unit, "domain": request.GET.get("domain", "")},
    )
    if request.method == "POST" and form.is_valid():
        unit = next(u for u in units if u.code == form.cleaned_data["unit"])
        try:
            entry = services.catalog_entry_create(
                actor=Actor.from_request(request),
                unit=unit,
                domain=domain_get(form.cleaned_data["domain"]),
                data=form.to_input(),
            )
        except NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc
        except ApplicationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, "公开事项已新增。")
            return redirect("catalog:entry", pk=entry.pk)
    return render(request, "catalog/manage_entry_form.html", {"form": form, "title": "新增公开事项"})


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    entry = _staff_entry(user, pk)
    context = {
        "entry": entry,
        "documents": list(catalog_entry_documents(entry)),
        "can_manage": permissions.can_review(user, entry.unit),
        "link_form": LinkForm(),
    }
    return render(request, "catalog/manage_entry.html", context)


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    entry = _staff_entry(user, pk)
    if not permissions.can_review(user, entry.unit):
        raise PermissionDenied(READ_ONLY)
    initial = {name: getattr(entry, name) for name in EntryForm.base_fields if hasattr(entry, name)}
    initial["domain"] = entry.domain.number
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.catalog_entry_update(
                actor=Actor.from_request(request),
                entry=entry,
                domain=domain_get(form.cleaned_data["domain"]),
                data=form.to_input(),
            )
        except NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc
        except ApplicationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, "公开事项已保存。")
            return redirect("catalog:entry", pk=entry.pk)
    context = {"form": form, "title": f"编辑公开事项：{entry}", "entry": entry}
    return render(request, "catalog/manage_entry_form.html", context)


@login_required
@require_POST
def entry_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    entry = _staff_entry(user, pk)
    if not permissions.can_review(user, entry.unit):
        raise PermissionDenied(READ_ONLY)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect("catalog:entry", pk=entry.pk)
    actor = Actor.from_request(request)

    def link() -> object:
        docs = [document_for_entry(entry, ref) for ref in form.refs()]
        return services.catalog_entry_link_documents(actor=actor, entry=entry, documents=docs)

    _apply(request, link, "已关联政府信息。")
    return redirect("catalog:entry", pk=entry.pk)


@login_required
@require_POST
def entry_unlink(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    user = _user(request)
    entry = _staff_entry(user, pk)
    if not permissions.can_review(user, entry.unit):
        raise PermissionDenied(READ_ONLY)
    doc = catalog_entry_documents(entry).filter(pk=document_id).first()
    if doc is None:
        raise Http404("该文件未关联到本公开事项。")
    actor = Actor.from_request(request)
    _apply(
        request,
        lambda: services.catalog_entry_unlink_documents(actor=actor, entry=entry, documents=[doc]),
        f"已取消关联《{doc.title}》。",
    )
    return redirect("catalog:entry", pk=entry.pk)
