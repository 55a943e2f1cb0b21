"""Public pages of the knowledge base: the portal (/zsk/: list, entry, 服务导航 by life event and theme)
and the service-hall kiosk (/kiosk/: large type, big touch targets, no login). Both read the same
published entries through the same selectors: one source, no copies."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.core.errors import NotFound
from gongkai.knowledge import assistant, selectors
from gongkai.knowledge.forms import AskForm, AssistantForm
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


# --- 智能问答 (Q&A assistant) -----------------------------------------------------------------

SESSION_TURNS = "zsk_assistant_turns"


def _turns(request: HttpRequest) -> list[dict[str, Any]]:
    turns = request.session.get(SESSION_TURNS, [])
    return turns if isinstance(turns, list) else []


def _turn(answer: assistant.Answer) -> dict[str, Any]:
    """An answer as the session keeps it (JSON), with the confidence in words."""
    data = asdict(answer)
    data["confidence_words"] = assistant.confidence_words(answer)
    return data


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """The conversation of this browser session (last few turns, no login) and the question box.

    A question is POSTed, answered by the service, kept in the session and shown after a redirect, so
    reloading the page does not ask again. ``?q=`` pre-fills the box (links from the search boxes)."""
    turns = _turns(request)
    status = 200
    if request.method == "POST":
        form = AssistantForm(request.POST)
        if form.is_valid():
            try:
                answer = assistant.assistant_ask(
                    question=form.cleaned_data["question"],
                    context=assistant.Conversation(previous=tuple(t["question"] for t in turns)),
                    channel="web",
                )
            except assistant.QuestionInvalid as exc:
                form.add_error("question", exc.message)
                status = 400
            else:
                request.session[SESSION_TURNS] = [*turns, _turn(answer)][-assistant.MAX_TURNS :]
                return redirect(reverse("zsk:ask") + "#latest")
        else:
            status = 400
    else:
        form = AssistantForm(initial={"question": request.GET.get("q", "")[: assistant.MAX_QUESTION_CHARS]})
    return render(request, "knowledge/public/ask.html", {"form": form, "turns": turns}, status=status)


@require_POST
def ask_clear(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_TURNS, None)
    return redirect("zsk:ask")


@require_POST
def ask_handover(request: HttpRequest) -> HttpResponse:
    """转人工咨询: note it for the statistics, then open the 一号答 form pre-filled with the question."""
    turns = _turns(request)
    raw = request.POST.get("query", "")
    query_id = int(raw) if raw.isdigit() else 0
    turn = next((t for t in turns if t.get("query_id") == query_id), None)
    if turn is None:
        return redirect("yhd:new")
    held = [t["query_id"] for t in turns if isinstance(t.get("query_id"), int)]
    assistant.assistant_mark_handed_over(query_ids=held, query_id=query_id)
    return redirect(turn["handover_url"])


def _kiosk_link(source: assistant.Source) -> str:
    """Knowledge entries open on the kiosk itself; other sources are named without a link."""
    kind, _, pk = source.key.partition(":")
    return (
        reverse("zsk:kiosk_entry", args=[int(pk)])
        if kind == assistant.KIND_KNOWLEDGE and pk.isdigit()
        else ""
    )


@require_GET
def kiosk_ask(request: HttpRequest) -> HttpResponse:
    """One question at the kiosk: no conversation is kept (the next visitor uses the same screen)."""
    form, q = _ask(request)
    answer: assistant.Answer | None = None
    error = ""
    if q:
        try:
            answer = assistant.assistant_ask(question=q, channel="kiosk")
        except assistant.QuestionInvalid as exc:
            error = exc.message
    context: dict[str, object] = {"form": form, "q": q, "answer": answer, "error": error}
    if answer is not None:
        context["confidence_words"] = assistant.confidence_words(answer)
        context["sources"] = [(s, _kiosk_link(s)) for s in answer.sources]
    return _kiosk(request, "ask.html", context)
