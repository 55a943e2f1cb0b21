"""``gongkai gazette``: manage 政府公报 issues from the command line (for scripts and
bulk imports; the workbench pages are under /gazette/manage/). Runs as the system actor, through the same
services and audit trail.

    gongkai gazette issue 2018 7 2018-07-15 [--title 标题] [--pdf 文件.pdf]
    gongkai gazette item 2018 7 <文件编号> [--section 栏目] [--order 序号]
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError
from gongkai.documents.models import Document
from gongkai.gazette.selectors import gazette_issue_get
from gongkai.gazette.services import gazette_issue_create, gazette_item_add


class Command(BaseCommand):
    help = "管理政府公报：新建一期（issue）或向目录添加文件（item）。"

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="新建一期公报")
        issue.add_argument("year", type=int)
        issue.add_argument("number", type=int)
        issue.add_argument("issued_on", type=dt.date.fromisoformat, help="出版日期 YYYY-MM-DD")
        issue.add_argument("--title", default="")
        issue.add_argument("--pdf", type=Path)
        item = sub.add_parser("item", help="向一期公报的目录添加文件")
        item.add_argument("year", type=int)
        item.add_argument("number", type=int)
        item.add_argument("document_id", type=int)
        item.add_argument("--section", default="")
        item.add_argument("--order", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.system()
        try:
            if options["action"] == "issue":
                pdf = None
                if options["pdf"] is not None:
                    pdf = SimpleUploadedFile(options["pdf"].name, options["pdf"].read_bytes())
                created = gazette_issue_create(
                    actor=actor,
                    year=options["year"],
                    number=options["number"],
                    issued_on=options["issued_on"],
                    title=options["title"],
                    pdf=pdf,
                )
                self.stdout.write(f"已新建：{created.title}")
            else:
                issue = gazette_issue_get(options["year"], options["number"])
                document = Document.objects.filter(pk=options["document_id"]).first()
                if document is None:
                    raise CommandError(f"文件 {options['document_id']} 不存在。")
                gazette_item_add(
                    actor=actor,
                    issue=issue,
                    document=document,
                    section=options["section"],
                    sort_order=options["order"],
                )
                self.stdout.write(f"已将《{document.title}》收入{issue.title}。")
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
