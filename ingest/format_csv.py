"""The .csv reader: one table, read like a sheet (:func:`plankg.ingest.format_sheet.read_csv`)."""
from __future__ import annotations

from plankg.ingest.format_sheet import read_csv as read

__all__ = ["read"]
