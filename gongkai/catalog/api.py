"""API endpoints of catalog (mounted under /api/v1/)."""

from ninja import Router

router = Router(tags=["公开目录"])
