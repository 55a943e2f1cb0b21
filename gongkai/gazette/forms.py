"""Workbench forms of the 政府公报: they only parse; the rules live in the services."""

from __future__ import annotations

from django import forms


class IssueForm(forms.Form):
    year = forms.IntegerField(label="年份")
    number = forms.IntegerField(label="期号")
    issued_on = forms.DateField(label="出版日期", widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(
        label="标题", max_length=200, required=False, help_text="留空则为“苏州市人民政府公报 某年第某期”"
    )
    pdf = forms.FileField(label="PDF 版", required=False, help_text="只接受 PDF 文件；编辑时留空则保留原文件")


class ItemAddForm(forms.Form):
    document = forms.CharField(
        label="文件编号或发文字号", max_length=60, help_text="如 1024 或 苏府办〔2018〕193号"
    )
    section = forms.CharField(label="栏目", max_length=100, required=False, help_text="如“市政府文件”")
    sort_order = forms.IntegerField(
        label="排序", required=False, min_value=0, max_value=9999, help_text="留空则排在最后"
    )


class ItemUpdateForm(forms.Form):
    section = forms.CharField(label="栏目", max_length=100, required=False)
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=9999)
