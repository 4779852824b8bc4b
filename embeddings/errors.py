"""The one exception type of the embeddings layer."""
from __future__ import annotations

from plankg.errors import PlankgError


class SearchError(PlankgError):
    """A search or index operation failed for a reason the user can fix; the message says which."""
