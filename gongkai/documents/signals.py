"""``document_changed`` fires after commit whenever a document's public face may have changed.

Kept for cache-like side effects (the search index, feeds); business flow never hangs on it.
"""

from django.dispatch import Signal

document_changed = Signal()  # kwargs: document_id
