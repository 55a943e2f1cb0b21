"""API endpoints of gazette (mounted under /api/v1/)."""

from ninja import Router

router = Router(tags=["政府公报"])
