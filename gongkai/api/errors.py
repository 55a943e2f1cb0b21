"""Every API error is ``{"detail": "<中文说明>", "errors": {field: [messages]}}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gongkai.core.errors import ApplicationError

VALIDATION_DETAIL = "请求数据格式不正确。"

# pydantic error type → message; ``{name}`` is filled from the error's context.
_PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": "此项为必填项。",
    "extra_forbidden": "不支持此字段。",
    "json_invalid": "请求体不是有效的 JSON。",
    "json_type": "请求体不是有效的 JSON。",
    "model_type": "应为 JSON 对象。",
    "model_attributes_type": "应为 JSON 对象。",
    "dict_type": "应为 JSON 对象。",
    "list_type": "应为列表。",
    "string_type": "应为文本。",
    "string_too_short": "至少需要{min_length}个字符。",
    "string_too_long": "不能超过{max_length}个字符。",
    "string_pattern_mismatch": "格式不正确。",
    "int_type": "应为整数。",
    "int_parsing": "应为整数。",
    "int_from_float": "应为整数。",
    "float_type": "应为数字。",
    "float_parsing": "应为数字。",
    "bool_type": "应为 true 或 false。",
    "bool_parsing": "应为 true 或 false。",
    "greater_than": "必须大于{gt}。",
    "greater_than_equal": "不能小于{ge}。",
    "less_than": "必须小于{lt}。",
    "less_than_equal": "不能大于{le}。",
    "date_type": "日期无效或格式不正确，应为 YYYY-MM-DD，如 2026-06-15。",
    "date_parsing": "日期无效或格式不正确，应为 YYYY-MM-DD，如 2026-06-15。",
    "date_from_datetime_parsing": "日期无效或格式不正确，应为 YYYY-MM-DD，如 2026-06-15。",
    "date_from_datetime_inexact": "日期不应包含时间，应为 YYYY-MM-DD。",
    "datetime_type": "时间格式不正确，应为 ISO 8601，如 2026-06-15T10:00:00+08:00。",
    "datetime_parsing": "时间格式不正确，应为 ISO 8601，如 2026-06-15T10:00:00+08:00。",
    "datetime_from_date_parsing": "时间格式不正确，应为 ISO 8601，如 2026-06-15T10:00:00+08:00。",
    "timezone_aware": "时间须带时区，如 2026-06-15T10:00:00+08:00。",
    "literal_error": "应为以下之一：{expected}。",
    "enum": "应为以下之一：{expected}。",
}
_DEFAULT_MESSAGE = "取值不正确。"
# Where a value came from (body / query / path) and the parameter name are not part of the field name.
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}

_HTTP_MESSAGES: dict[int, str] = {
    400: "请求体不是有效的 JSON。",
    401: "请先登录，或在请求头 Authorization: Bearer <令牌> 中提供有效的 API 令牌。",
    403: "您无权执行此操作。",
    404: "未找到请求的资源。",
    405: "不支持此请求方法。",
    429: "请求过于频繁，请稍后再试。",
}


def error_body(detail: str, errors: Mapping[str, list[str]] | None = None) -> dict[str, Any]:
    """The one shape of every error answer."""
    return {"detail": detail, "errors": dict(errors or {})}


def _field_name(loc: tuple[Any, ...] | list[Any], param_names: set[str]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    if parts and parts[0] in param_names:
        parts = parts[1:]  # an error about the whole body (not a JSON object) has no field
    return ".".join(parts) or "__all__"


def translate_validation_errors(errors: list[dict[str, Any]], param_names: set[str]) -> dict[str, list[str]]:
    """ninja/pydantic error items → ``{field: [中文说明]}``."""
    out: dict[str, list[str]] = {}
    for item in errors:
        template = _PYDANTIC_MESSAGES.get(str(item.get("type", "")), _DEFAULT_MESSAGE)
        try:
            message = template.format(**(item.get("ctx") or {}))
        except (KeyError, IndexError, ValueError):
            message = _DEFAULT_MESSAGE
        field = _field_name(item.get("loc", ()), param_names)
        if message not in out.setdefault(field, []):
            out[field].append(message)
    return out


def install_error_handlers(api: NinjaAPI, *, param_names: set[str]) -> None:
    """Replace ninja's English error answers with the platform's Chinese ones."""

    def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return api.create_response(request, error_body(exc.message, exc.errors), status=exc.status_code)

    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = translate_validation_errors(list(exc.errors), param_names)
        return api.create_response(request, error_body(VALIDATION_DETAIL, errors), status=422)

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = exc.message
        if not message or message.isascii():  # ninja's own English messages
            message = _HTTP_MESSAGES.get(exc.status_code, "请求无法处理。")
        response = api.create_response(request, error_body(message), status=exc.status_code)
        if isinstance(exc, AuthenticationError):
            response["WWW-Authenticate"] = 'Bearer realm="gongkai"'
        return response

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body(_HTTP_MESSAGES[404]), status=404)

    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        message = f"请求体过大（上限 {limit_mb} MB），较长的内容请作为附件上传。"
        return api.create_response(request, error_body(message), status=413)

    api.add_exception_handler(RequestDataTooBig, cast(Any, on_too_big))
    api.add_exception_handler(ApplicationError, cast(Any, on_application_error))
    api.add_exception_handler(ValidationError, cast(Any, on_validation_error))
    api.add_exception_handler(HttpError, cast(Any, on_http_error))
    api.add_exception_handler(Http404, cast(Any, on_not_found))


def unknown_endpoint(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under the API: a JSON 404 rather than the portal's HTML page."""
    body = error_body("未找到该接口，可用的接口见 /api/v1/docs。")
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
