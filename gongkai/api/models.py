"""Bearer tokens for programs that use the staff API (only a SHA-256 digest of the secret is kept)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A named secret that lets a program act as one staff member; revoke it instead of deleting it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="所属用户", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("名称", max_length=100, help_text="用途说明，如“市大数据局同步程序”")
    token_hash = models.CharField("令牌摘要（SHA-256）", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间")
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True)
    revoked = models.BooleanField("已吊销", default=False)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.user}）"
