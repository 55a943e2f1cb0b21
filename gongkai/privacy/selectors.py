"""Reads for the gate's pages: review rows per unit, decisions of a subject."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from gongkai.accounts.models import User
from gongkai.documents.selectors import staff_units
from gongkai.privacy.models import PrivacyDecision, PrivacyReview, ReviewState
from gongkai.units.models import Unit


@dataclass
class UnitFindings:
    unit: Unit | None
    reviews: list[PrivacyReview] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return sum(r.blocking_count for r in self.reviews)

    @property
    def manual(self) -> int:
        return sum(r.manual_count for r in self.reviews)


def privacy_reviews_pending(user: User) -> QuerySet[PrivacyReview]:
    """Subjects with open findings in the user's units."""
    qs = PrivacyReview.objects.filter(state=ReviewState.PENDING).select_related("unit")
    if not user.is_superuser:
        qs = qs.filter(unit__in=staff_units(user))
    return qs.order_by("unit__path", "-blocking_count", "id")


def privacy_findings_by_unit(user: User, *, limit: int = 2000) -> list[UnitFindings]:
    groups: dict[int | None, UnitFindings] = {}
    for review in privacy_reviews_pending(user)[:limit]:
        key = review.unit_id
        groups.setdefault(key, UnitFindings(review.unit)).reviews.append(review)
    return list(groups.values())


def privacy_decisions_for(subject_type: str, subject_id: str) -> list[PrivacyDecision]:
    return list(
        PrivacyDecision.objects.filter(review__subject_type=subject_type, review__subject_id=subject_id)
        .select_related("decided_by")
        .order_by("-decided_at", "-id")
    )
