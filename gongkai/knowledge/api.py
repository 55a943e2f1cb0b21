"""智能问答 in the open API (mounted under /api/v1/): ``POST /assistant/ask``.

The same :func:`gongkai.knowledge.assistant.assistant_ask` as the portal page. The API keeps no
conversation: the client sends the earlier questions in ``context.previous``."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema

from gongkai.api.schemas import answers
from gongkai.knowledge import assistant

router = Router(tags=["智能问答"])


class ContextIn(Schema):
    previous: list[str] = Field(
        default_factory=list,
        max_length=50,
        description=f"本次对话中此前提出的问题，按时间先后；只使用最近 {assistant.MAX_TURNS} 条",
    )


class AskIn(Schema):
    question: str = Field(description=f"问题，日常说法即可，不超过 {assistant.MAX_QUESTION_CHARS} 字")
    context: ContextIn | None = Field(
        None, description="追问时的上文（如先问“社保怎么交”，再问“那吴江区呢”）"
    )


class SourceOut(Schema):
    number: int = Field(description="序号；生成的回答以 [序号] 引用")
    key: str = Field(description="“类型:编号”，如 knowledge:12、qa:5、document:7")
    kind: str = Field(description="knowledge 知识库；qa 政策问答；document 相关文件")
    kind_label: str
    title: str
    url: str
    unit: str = Field(description="答复或发布单位")
    confidence: float = Field(description="该条资料回答此问题的概率（0–1）；相关文件为 0")
    cited: bool = Field(description="回答出自此条资料")

    @classmethod
    def of(cls, source: assistant.Source, request: HttpRequest) -> SourceOut:
        return cls(
            number=source.number,
            key=source.key,
            kind=source.kind,
            kind_label=source.kind_label,
            title=source.title,
            url=request.build_absolute_uri(source.url) if source.url else "",
            unit=source.unit,
            confidence=source.confidence,
            cited=source.cited,
        )


class AskOut(Schema):
    question: str
    understood_as: str = Field(description="结合上文理解后的问题；与原问题相同时为空")
    answer: str = Field(description="回答（纯文本）；没有把握时为“没有找到确切答案”的说明")
    answer_html: str = Field(description="回答的 HTML（已净化，可直接显示）")
    confidence: float = Field(description="最佳答案正确的概率（0–1，经校准）")
    confident: bool = Field(description=f"置信度是否达到 {assistant.CONFIDENT_THRESHOLD}（否则建议转人工）")
    confidence_words: str = Field(description="较确定 / 可能相关 / 未找到")
    generated: bool = Field(description="回答由大模型依据所列资料生成（仅在启用时）")
    message: str = Field(description="给提问人的提示，否则为空")
    sources: list[SourceOut] = Field(description="答案来源；没有把握时为可能相关的问答")
    related_documents: list[SourceOut] = Field(description="相关的已发布文件（站内检索）")
    handover_url: str = Field(description="转人工：打开已填好问题的“我要咨询”表单")


@router.post("/assistant/ask", response=answers(AskOut), summary="智能问答")
def ask_endpoint(request: HttpRequest, payload: AskIn) -> AskOut:
    """Answers from the knowledge base and policy Q&A with their sources; when not confident it says
    so and offers a person (`handover_url`). An empty, too long or wordless question is a 422."""
    previous = tuple(payload.context.previous) if payload.context is not None else ()
    answer = assistant.assistant_ask(
        question=payload.question,
        context=assistant.Conversation(previous=previous),
        channel="api",
    )
    return AskOut(
        question=answer.question,
        understood_as=answer.understood_as,
        answer=answer.text,
        answer_html=answer.html,
        confidence=answer.confidence,
        confident=answer.confident,
        confidence_words=assistant.confidence_words(answer),
        generated=answer.generated,
        message=answer.message,
        sources=[SourceOut.of(s, request) for s in answer.sources],
        related_documents=[SourceOut.of(s, request) for s in answer.related_documents],
        handover_url=request.build_absolute_uri(answer.handover_url),
    )
