"""Catalog pages: public catalogue tree and column pages, and the openness office's overview."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.catalog.selectors import (
    catalog_node_documents_public,
    catalog_node_get,
    catalog_tree,
    flatten,
)
from gongkai.core.errors import NotFound
from gongkai.units.models import Unit
from gongkai.units.selectors import unit_get_by_code

PAGE_SIZE = 20


def _unit(code: str) -> Unit:
    unit = unit_get_by_code(code)
    if unit is None:
        raise Http404("没有这个单位。")
    return unit


@require_GET
def unit_catalog(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(code)
    rows = flatten(catalog_tree(unit))
    return render(request, "catalog/unit_catalog.html", {"unit": unit, "rows": rows})


@require_GET
def node_detail(request: HttpRequest, code: str, node_id: int) -> HttpResponse:
    unit = _unit(code)
    try:
        node = catalog_node_get(node_id, unit=unit)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    page = Paginator(catalog_node_documents_public(node), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalog/node_detail.html", {"unit": unit, "node": node, "page": page})
