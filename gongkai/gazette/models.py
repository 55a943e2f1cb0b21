"""政府公报: numbered issues per year, each with an ordered table of contents of public documents."""

from __future__ import annotations

from django.db import models


def gazette_pdf_path(instance: GazetteIssue, filename: str) -> str:
    # Stored under the content hash; the uploaded name is never used as a path.
    return f"gazette/{instance.pdf_sha256[:2]}/{instance.pdf_sha256}.pdf"


class GazetteIssue(models.Model):
    year = models.PositiveSmallIntegerField("年份")
    number = models.PositiveSmallIntegerField("期号")
    issued_on = models.DateField("出版日期")
    title = models.CharField("标题", max_length=200)
    pdf = models.FileField("PDF 版", upload_to=gazette_pdf_path, max_length=200, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField("创建时间")

    class Meta:
        verbose_name = "政府公报"
        verbose_name_plural = "政府公报"
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="gazette_issue_unique_number")]

    def __str__(self) -> str:
        return self.title


class GazetteItem(models.Model):
    """One entry of an issue's table of contents."""

    issue = models.ForeignKey(GazetteIssue, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(
        "documents.Document", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    section = models.CharField("栏目", max_length=100, blank=True, help_text="如“市政府文件”")

    class Meta:
        verbose_name = "公报目录条目"
        verbose_name_plural = "公报目录条目"
        ordering = ["issue", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "document"], name="gazette_item_unique_document")
        ]

    def __str__(self) -> str:
        return f"{self.issue} · {self.document_id}"
