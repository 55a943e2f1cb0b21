"""Public pages of the knowledge base: the portal (/zsk/: list, entry, 服务导航 by life event and theme)
and the service-hall kiosk (/kiosk/: large type, big touch targets, no login). Both read the same
published entries through the same selectors: one source, no copies."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core.errors import NotFound
from gongkai.knowledge import selectors
from gongkai.knowledge.forms import AskForm
from gongkai.knowledge.models import KnowledgeEntry, LifeEvent

PAGE_SIZE = 20
KIOSK_IDLE_SECONDS = 120  # an idle kiosk page returns to the home screen


def _entry(pk: int) -> KnowledgeEntry:
    try:
        return selectors.entry_get_public(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _event(code: str) -> LifeEvent:
    try:
        return selectors.life_event_get(code)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _ask(request: HttpRequest) -> tuple[AskForm, str]:
    form = AskForm(request.GET)
    return form, (form.cleaned_data["q"].strip() if form.is_valid() else "")


def _entry_context(entry: KnowledgeEntry) -> dict[str, object]:
    return {
        "entry": entry,
        "version": entry.published_version,
        "documents": selectors.entry_public_documents(entry),
        "events": list(entry.life_events.filter(is_active=True).order_by("sort_order")),
    }


# --- portal -----------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form, q = _ask(request)
    tag = request.GET.get("tag", "").strip()[:20]
    if q:
        results = selectors.entries_find(q, limit=20)
        return render(request, "knowledge/public/index.html", {"form": form, "q": q, "results": results})
    page = Paginator(selectors.entries_public_list(tag=tag), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/public/index.html",
        {"form": form, "q": "", "page": page, "tag": tag, "extra": f"tag={tag}" if tag else ""},
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "knowledge/public/detail.html", _entry_context(_entry(pk)))


@require_GET
def navigation(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/public/nav.html", {"sections": selectors.navigation()})


@require_GET
def life_event(request: HttpRequest, code: str) -> HttpResponse:
    event = _event(code)
    page = Paginator(selectors.entries_public_list(life_event=event), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "knowledge/public/life_event.html", {"event": event, "page": page})


# --- kiosk ------------------------------------------------------------------------------------


def _kiosk(request: HttpRequest, template: str, context: dict[str, object]) -> HttpResponse:
    context.setdefault("idle_seconds", KIOSK_IDLE_SECONDS)
    response = render(request, f"knowledge/kiosk/{template}", context)
    response["Cache-Control"] = "no-store"  # a shared screen keeps nothing of the previous visitor
    return response


@require_GET
def kiosk_home(request: HttpRequest) -> HttpResponse:
    form, _ = _ask(request)
    return _kiosk(request, "home.html", {"form": form, "sections": selectors.navigation(), "is_home": True})


@require_GET
def kiosk_search(request: HttpRequest) -> HttpResponse:
    form, q = _ask(request)
    results = selectors.entries_find(q, limit=12) if q else []
    return _kiosk(request, "results.html", {"form": form, "q": q, "results": results})


@require_GET
def kiosk_event(request: HttpRequest, code: str) -> HttpResponse:
    event = _event(code)
    entries = list(selectors.entries_public_list(life_event=event)[:30])
    return _kiosk(request, "event.html", {"event": event, "entries": entries})


@require_GET
def kiosk_entry(request: HttpRequest, pk: int) -> HttpResponse:
    return _kiosk(request, "entry.html", _entry_context(_entry(pk)))
