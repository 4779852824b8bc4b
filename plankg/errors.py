"""The one exception base: every error a user can cause is a ``PlankgError``.

A leaf module (it imports nothing), so every layer may import it without reaching the top
layer. The CLI prints a ``PlankgError`` as one line and exits with status 2.
"""
from __future__ import annotations


class PlankgError(Exception):
    """An error a user can cause and fix; the message names the input and the reason."""
