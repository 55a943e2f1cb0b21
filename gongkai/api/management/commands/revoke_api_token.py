"""``gongkai revoke_api_token ID``: revoke an API token (it stays on record, marked revoked)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.api.models import ApiToken
from gongkai.api.services import api_token_revoke
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError


class Command(BaseCommand):
    help = "吊销 API 令牌。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("token_id", type=int, help="令牌编号（创建时显示的 #编号）")

    def handle(self, *args: Any, **options: Any) -> None:
        token = ApiToken.objects.filter(pk=options["token_id"]).first()
        if token is None:
            raise CommandError(f"令牌 #{options['token_id']} 不存在。")
        try:
            api_token_revoke(actor=Actor.system(), token=token)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"令牌 #{token.pk}“{token.name}”已吊销。")
