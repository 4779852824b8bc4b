"""The graph layer's error, in a module of its own so the store and its query limits can both raise it."""
from __future__ import annotations

from plankg.errors import PlankgError


class QueryError(PlankgError):
    """A query could not run (syntax error, update refused, missing graph); one-line message."""
