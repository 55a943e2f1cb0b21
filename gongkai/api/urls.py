"""The versioned open API, mounted at ``/api/v1/`` (namespace ``api``).

- ``/api/v1/openapi.json``: the OpenAPI schema; ``/api/v1/docs``: its reference page, served
  entirely from this site's own static files (no CDN), so it works on an offline network.
- Public reads need no login; ``/api/v1/staff/…`` needs a bearer token or a workbench session.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, re_path
from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

from gongkai.api import public, staff
from gongkai.api.errors import install_error_handlers, unknown_endpoint
from gongkai.catalog import api as catalog_api
from gongkai.disclosure import api as disclosure_api
from gongkai.disclosure import public_api as disclosure_public_api
from gongkai.disclosure.reports import api as disclosure_reports_api
from gongkai.gazette import api as gazette_api
from gongkai.interpretations import api as interpretations_api
from gongkai.knowledge import api as knowledge_api
from gongkai.privacy import api as privacy_api
from gongkai.search import api as search_api


class UnicodeJSONRenderer(JSONRenderer):
    """JSON in UTF-8 with Chinese kept readable (no ``\\uXXXX`` escapes)."""

    json_dumps_params = {"ensure_ascii": False}


class LocalSwagger(Swagger):
    """Swagger UI from ninja's bundled static files, with no call-outs (no validator badge), and the
    CSRF token added to "try it out" requests so a logged-in clerk can use the staff endpoints."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs), "validatorUrl": None}
        context = {"swagger_settings": _json(settings), "api": api, "add_csrf": True}
        return render(request, self.template, context)


def _json(value: Any) -> str:
    # ``</`` cannot end the inline JSON <script> block early.
    return json.dumps(value, ensure_ascii=False, indent=1).replace("</", "<\\/")


DESCRIPTION = """政务公开平台的开放接口（第 1 版）。

- 公开接口无需登录，只返回已发布的主动公开信息。
- `/staff/…` 接口需要认证：在请求头中提供 `Authorization: Bearer <令牌>`（令牌由管理员用
  `gongkai create_api_token 用户名 名称` 创建），或使用工作台登录会话（写操作须带 `X-CSRFToken`）。
- 出错时返回 `{"detail": "中文说明", "errors": {"字段": ["说明"]}}`。
"""

api = NinjaAPI(
    title="gongkai 开放接口",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=LocalSwagger(),
    renderer=UnicodeJSONRenderer(),
)
api.add_router("/", public.router)
api.add_router("/", catalog_api.router)
api.add_router("/", interpretations_api.router)
api.add_router("/", gazette_api.router)
api.add_router("/", search_api.router)
api.add_router("/", knowledge_api.router)
api.add_router("/staff", staff.router)
api.add_router("/staff/disclosure", disclosure_api.router)
api.add_router("/staff/disclosure/reports", disclosure_reports_api.router)
api.add_router("/disclosure", disclosure_public_api.router)
api.add_router("/privacy", privacy_api.router)
install_error_handlers(api, param_names={"payload", "filters"})

urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", unknown_endpoint, name="api-unknown"),
]
