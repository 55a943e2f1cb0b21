"""API endpoints of interpretations (mounted under /api/v1/)."""

from ninja import Router

router = Router(tags=["政策解读"])
