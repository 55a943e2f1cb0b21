"""Full-text search in the open API (mounted under /api/v1/): ``/search`` and ``/search/suggest``.

The same :func:`gongkai.search.frontend.run_search` as the portal page, so the same query gives the
same total; searches are logged the same way (no personal data)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gongkai.api.schemas import answers
from gongkai.core.errors import InvalidInput
from gongkai.documents.choices import TOPIC_LABELS, Validity
from gongkai.search import registry, suggest
from gongkai.search.direct import DirectAnswer
from gongkai.search.frontend import SearchParams, run_search
from gongkai.search.services import MAX_PAGE, MAX_PAGE_SIZE
from gongkai.search.types import FacetValue, Hit

router = Router(tags=["全文检索"])

MAX_API_QUERY_CHARS = 1000


class SearchInvalid(InvalidInput):
    status_code = 422


class SearchIn(Schema):
    q: str = Field("", max_length=MAX_API_QUERY_CHARS, description="检索词；超过100字的部分不参与检索")
    type: str = Field("", max_length=40, description="内容类型：document、interpretation、qa、gazette …")
    unit: str = Field("", max_length=18, description="发布机构的机构代码")
    year: int | None = Field(None, ge=1900, le=2100, description="发布年份")
    topic: str = Field("", max_length=4, description="主题分类代码（两位为一级分类）")
    validity: str = Field("", max_length=20, description="有效性代码，如 valid、repealed")
    sort: Literal["relevance", "date"] = Field("relevance", description="relevance 相关度；date 发布时间")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="页码")
    page_size: int = Field(10, ge=1, le=MAX_PAGE_SIZE, description="每页条数")

    def to_params(self) -> SearchParams:
        labels = registry.type_labels()
        if self.type and self.type not in labels:
            raise SearchInvalid(f"未知的内容类型“{self.type}”，可选：{'、'.join(labels)}。", field="type")
        if self.topic and self.topic not in TOPIC_LABELS:
            raise SearchInvalid(f"未知的主题分类代码“{self.topic}”。", field="topic")
        if self.validity and self.validity not in Validity.values:
            raise SearchInvalid(
                f"未知的有效性代码“{self.validity}”，可选：{'、'.join(Validity.values)}。", field="validity"
            )
        return SearchParams(
            q=self.q,
            type=self.type,
            unit=self.unit.strip(),
            year=self.year,
            topic=self.topic,
            validity=self.validity,
            sort=self.sort,
            page=self.page,
            page_size=self.page_size,
        )


class HitOut(Schema):
    key: str = Field(description="“类型:编号”，如 document:12")
    type: str
    type_label: str
    object_id: int
    url: str
    title: str
    title_html: str = Field(description="已转义的标题，命中处以 <mark> 标出")
    snippet_html: str = Field(description="已转义的摘要，命中处以 <mark> 标出")
    score: float
    published_at: dt.datetime | None
    unit_name: str
    doc_number: str
    validity: str

    @classmethod
    def of(cls, hit: Hit, request: HttpRequest, labels: dict[str, str]) -> HitOut:
        return cls(
            key=hit.key,
            type=hit.type,
            type_label=labels.get(hit.type, hit.type),
            object_id=hit.object_id,
            url=request.build_absolute_uri(hit.url),
            title=hit.title,
            title_html=hit.title_html,
            snippet_html=hit.snippet_html,
            score=round(hit.score, 6),
            published_at=hit.published_at,
            unit_name=hit.unit_name,
            doc_number=hit.doc_number,
            validity=hit.validity,
        )


class FacetValueOut(Schema):
    value: str
    label: str
    count: int

    @classmethod
    def of(cls, f: FacetValue) -> FacetValueOut:
        return cls(value=f.value, label=f.label, count=f.count)


class DirectAnswerOut(Schema):
    kind: str
    kind_label: str
    title: str
    summary: str
    url: str

    @classmethod
    def of(cls, a: DirectAnswer, request: HttpRequest) -> DirectAnswerOut:
        return cls(
            kind=a.kind,
            kind_label=a.kind_label,
            title=a.title,
            summary=a.summary,
            url=request.build_absolute_uri(a.url),
        )


class SearchOut(Schema):
    q: str
    total: int
    page: int
    page_size: int
    num_pages: int
    took_ms: float
    corrected_text: str = Field(description="“您是不是要找”：结果很少且有更好的检索词时给出，否则为空")
    notice: str = Field(description="关于检索词的提示（如过长被截取），否则为空")
    hits: list[HitOut]
    facets: dict[str, list[FacetValueOut]] = Field(
        description="type、unit、year、topic、validity 各取值及条数"
    )
    type_counts: list[FacetValueOut] = Field(description="不限内容类型时各类型的条数（页面上的分类标签）")
    all_count: int = Field(description="不限内容类型时的总条数")
    direct_answers: list[DirectAnswerOut] = Field(description="搜索即服务：可直接回答的办事指南等（暂无）")


class SuggestionOut(Schema):
    text: str
    kind: str = Field(description="hot 热搜；word 词语；title 标题")


class SuggestOut(Schema):
    q: str
    suggestions: list[SuggestionOut]


@router.get("/search", response=answers(SearchOut), summary="全文检索")
def search_endpoint(request: HttpRequest, filters: Query[SearchIn]) -> SearchOut:
    """Published, public records of every content type: highlighted titles and snippets, facets,
    the "您是不是要找" correction. Odd input never fails: it finds nothing and says why in `notice`."""
    outcome = run_search(filters.to_params(), source="api")
    results, labels = outcome.results, registry.type_labels()
    return SearchOut(
        q=outcome.params.q,
        total=results.total,
        page=outcome.page,
        page_size=outcome.params.page_size,
        num_pages=outcome.num_pages,
        took_ms=round(results.took_ms, 2),
        corrected_text=results.corrected_text,
        notice=results.notice,
        hits=[HitOut.of(h, request, labels) for h in results.hits],
        facets={name: [FacetValueOut.of(f) for f in values] for name, values in results.facets.items()},
        type_counts=[FacetValueOut.of(f) for f in outcome.type_counts],
        all_count=outcome.all_count,
        direct_answers=[DirectAnswerOut.of(a, request) for a in outcome.direct_answers],
    )


class SuggestIn(Schema):
    q: str = Field("", max_length=100, description="已输入的文字或拼音（如 sheb、gongjijin）")


@router.get("/search/suggest", response=answers(SuggestOut), summary="检索提示")
def suggest_endpoint(request: HttpRequest, filters: Query[SuggestIn]) -> SuggestOut:
    """Autocomplete: hot queries, dictionary words (also from pinyin) and titles."""
    items = suggest.autocomplete(filters.q)
    return SuggestOut(q=filters.q, suggestions=[SuggestionOut(text=s.text, kind=s.kind) for s in items])
