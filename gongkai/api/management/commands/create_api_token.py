"""``gongkai create_api_token USERNAME NAME``: create an API token and print its secret, once.

    gongkai create_api_token zhangsan "财政局数据同步"

The secret is printed on standard output only; it is stored as a SHA-256 digest and cannot be shown
again. Revoke a token with ``gongkai revoke_api_token ID``.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.accounts.models import User
from gongkai.api.services import api_token_create
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError


class Command(BaseCommand):
    help = "为工作人员创建 API 令牌；令牌明文只显示这一次。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username", help="工作人员的用户名")
        parser.add_argument("name", help="令牌名称（用途说明）")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"用户“{options['username']}”不存在。")
        try:
            token, secret = api_token_create(actor=Actor.system(), user=user, name=options["name"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(f"已为 {user.username} 创建令牌 #{token.pk}“{token.name}”。")
        self.stderr.write("令牌明文如下，请立即妥善保存，此后无法再次查看：")
        self.stdout.write(secret)
