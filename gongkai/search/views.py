"""The portal's search page (no JavaScript needed), the click redirect, autocomplete, and the openness
office's pages: search analytics and the synonym list."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongkai.accounts import permissions
from gongkai.accounts.models import Role, User
from gongkai.core.clock import get_clock
from gongkai.core.errors import ApplicationError, NotFound
from gongkai.documents.choices import TOPIC_LABELS, Validity
from gongkai.search import log, registry, suggest
from gongkai.search.forms import PeriodForm, SynonymForm
from gongkai.search.frontend import SearchOutcome, SearchParams, run_search
from gongkai.search.selectors import synonym_get
from gongkai.search.synonyms import synonym_create, synonym_delete, synonym_list, synonym_update

FACET_LABELS = {"unit": "发布机构", "year": "发布年份", "topic": "主题分类", "validity": "有效性"}
ANALYTICS_DEFAULT_DAYS = 30


def _filter_label(name: str, value: Any, outcome: SearchOutcome) -> str:
    for facet in outcome.results.facets.get(name, []):
        if facet.value == str(value):
            return facet.label
    if name == "type":
        return registry.type_labels().get(str(value), str(value))
    if name == "year":
        return f"{value}年"
    if name == "topic":
        return TOPIC_LABELS.get(str(value), str(value))
    if name == "validity":
        return str(dict(Validity.choices).get(value, value))
    return str(value)


def _page_context(outcome: SearchOutcome) -> dict[str, Any]:
    params, results = outcome.params, outcome.results
    labels = registry.type_labels()
    tabs = [
        {
            "label": "全部",
            "count": outcome.all_count,
            "url": params.querystring(type=""),
            "active": not params.type,
        }
    ]
    tabs += [
        {
            "label": t.label,
            "count": t.count,
            "url": params.querystring(type=t.value),
            "active": params.type == t.value,
        }
        for t in outcome.type_counts
    ]
    facets = []
    for name, title in FACET_LABELS.items():
        current = str(getattr(params, name) or "")
        values = []
        for f in results.facets.get(name, []):
            active = f.value == current
            value: Any = f.value
            if name == "year":
                value = int(f.value) if f.value.isdigit() else None
            url = params.querystring(**{name: None if name == "year" else ""} if active else {name: value})
            values.append({"label": f.label, "count": f.count, "url": url, "active": active})
        if values:
            facets.append({"name": name, "title": title, "values": values})
    chosen = [
        {
            "title": FACET_LABELS.get(name, "内容类型"),
            "label": _filter_label(name, getattr(params, name), outcome),
            "url": params.querystring(**{name: None if name == "year" else ""}),
        }
        for name in ("type", *FACET_LABELS)
        if getattr(params, name)
    ]
    start = (outcome.page - 1) * params.page_size
    validity_labels = {str(v): str(lbl) for v, lbl in Validity.choices}
    hits = []
    for i, hit in enumerate(results.hits):
        position = start + i + 1
        if outcome.log_id:
            link = (
                reverse("search:click")
                + "?"
                + urlencode({"sid": outcome.log_id, "k": hit.key, "pos": position})
            )
        else:
            link = hit.url
        hits.append(
            {
                "hit": hit,
                "link": link,
                "position": position,
                "type_label": labels.get(hit.type, hit.type),
                "validity_label": validity_labels.get(hit.validity, "")
                if hit.validity not in ("valid", "na")
                else "",
            }
        )
    pages = []
    if outcome.num_pages > 1:
        low, high = max(1, outcome.page - 4), min(outcome.num_pages, outcome.page + 4)
        pages = [
            {"number": n, "url": params.querystring(page=n), "current": n == outcome.page}
            for n in range(low, high + 1)
        ]
    corrected = results.corrected_text
    return {
        "q": params.q,
        "params": params,
        "results": results,
        "outcome": outcome,
        "tabs": tabs,
        "facets": facets,
        "chosen": chosen,
        "hits": hits,
        "pages": pages,
        "prev_url": params.querystring(page=outcome.page - 1) if outcome.page > 1 else "",
        "next_url": params.querystring(page=outcome.page + 1) if outcome.page < outcome.num_pages else "",
        "sort_relevance_url": params.querystring(sort="relevance"),
        "sort_date_url": params.querystring(sort="date"),
        "corrected_url": params.querystring(q=corrected) if corrected else "",
        "hot": log.hot_queries(),
        "searched": bool(params.q.strip()),
    }


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """``/search/?q=…``: results with tabs, facets, sorting and pages; works without JavaScript."""
    params = SearchParams.lenient(request.GET)
    try:
        outcome = run_search(params, source="portal")
    except ApplicationError as exc:  # the index is unavailable or busy: say so, do not fail
        context = {"q": params.q, "params": params, "error": exc.message, "hot": [], "searched": False}
        return render(request, "search/results.html", context, status=exc.status_code)
    return render(request, "search/results.html", _page_context(outcome))


@require_GET
def click(request: HttpRequest) -> HttpResponse:
    """``/search/click?sid=&k=&pos=``: record the click, then go to the result. The target is looked up
    from the key (``document:12``) among public records, never taken from the request."""
    key = request.GET.get("k", "")
    if not log.valid_key(key):
        raise Http404("链接无效。")
    type_name, object_id = registry.split_key(key)
    try:
        searchable = registry.get_type(type_name)
    except ApplicationError as exc:
        raise Http404("链接无效。") from exc
    obj = searchable.get_public(object_id)
    if obj is None:
        raise Http404("该信息不存在或已不再公开。")
    url = searchable.to_entry(obj).url
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        raise Http404("链接无效。")
    try:
        position = int(request.GET.get("pos", "0") or 0)
    except ValueError:
        position = 0
    log.searchclick_record(search=log.searchlog_get(request.GET.get("sid")), key=key, position=position)
    return HttpResponseRedirect(url)


@require_GET
def suggest_json(request: HttpRequest) -> JsonResponse:
    """``/search/suggest?q=``: autocomplete for the header search box (JSON)."""
    text = request.GET.get("q", "")[:100]
    items = [s.as_dict() for s in suggest.autocomplete(text)]
    response = JsonResponse({"q": text, "suggestions": items}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=60"
    return response


# --- staff pages ---------------------------------------------------------------------------------


def _staff(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or (not permissions.is_staff_member(user) and not user.is_superuser):
        raise PermissionDenied("您的账号未关联单位，无法使用工作台。")
    return user


def _office(request: HttpRequest) -> User:
    user = _staff(request)
    if not (user.is_superuser or user.role == Role.OPENNESS_OFFICE):
        raise PermissionDenied("只有政务公开办公室可以维护检索同义词。")
    return user


@login_required
def analytics(request: HttpRequest) -> HttpResponse:
    """Top queries, queries without results and queries without clicks, over a chosen period."""
    user = _staff(request)
    if not permissions.can_search_audit(user):
        raise PermissionDenied("只有公开办和评估人可以查看检索分析。")
    today = get_clock().today()
    form = PeriodForm(request.GET or None)
    report = None
    if not request.GET or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        date_to = data.get("date_to") or today
        date_from = data.get("date_from") or date_to - dt.timedelta(days=ANALYTICS_DEFAULT_DAYS - 1)
        report = log.search_analytics(date_from=date_from, date_to=date_to)
    return render(request, "search/analytics.html", {"form": form, "report": report})


@login_required
def synonyms(request: HttpRequest) -> HttpResponse:
    _office(request)
    return render(request, "search/synonyms.html", {"synonyms": synonym_list()})


def _form_errors(form: SynonymForm, exc: ApplicationError) -> None:
    if exc.errors:
        for name, msgs in exc.errors.items():
            for msg in msgs:
                form.add_error(name if name in form.fields else None, msg)
    else:
        form.add_error(None, exc.message)


@login_required
def synonym_new(request: HttpRequest) -> HttpResponse:
    _office(request)
    form = SynonymForm(request.POST or None)
    del form.fields["is_active"]  # a new synonym is always active
    if request.method == "POST" and form.is_valid():
        try:
            syn = synonym_create(
                actor=request.actor,  # type: ignore[attr-defined]
                term=form.cleaned_data["term"],
                expansions=form.expansion_list(),
            )
        except ApplicationError as exc:
            _form_errors(form, exc)
        else:
            suggest.reset_vocabulary()
            messages.success(request, f"已添加同义词“{syn.term}”。")
            return redirect("search:synonyms")
    return render(request, "search/synonym_form.html", {"form": form, "title": "添加同义词"})


def _synonym(pk: int) -> Any:
    try:
        return synonym_get(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
def synonym_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    syn = _synonym(pk)
    initial = {"term": syn.term, "expansions": "\n".join(syn.expansions), "is_active": syn.is_active}
    form = SynonymForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            synonym_update(
                actor=request.actor,  # type: ignore[attr-defined]
                synonym=syn,
                term=form.cleaned_data["term"],
                expansions=form.expansion_list(),
                is_active=form.cleaned_data["is_active"],
            )
        except ApplicationError as exc:
            _form_errors(form, exc)
        else:
            suggest.reset_vocabulary()
            messages.success(request, "同义词已保存。")
            return redirect("search:synonyms")
    return render(
        request,
        "search/synonym_form.html",
        {"form": form, "title": f"修改同义词“{syn.term}”", "synonym": syn},
    )


@login_required
def synonym_remove(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    syn = _synonym(pk)
    if request.method == "POST":
        try:
            synonym_delete(actor=request.actor, synonym=syn)  # type: ignore[attr-defined]
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            suggest.reset_vocabulary()
            messages.success(request, f"已删除同义词“{syn.term}”。")
        return redirect("search:synonyms")
    return render(request, "search/synonym_delete.html", {"synonym": syn})
