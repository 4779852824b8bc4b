"""Ingest: read plan documents into records (documents, clause tree, targets, entities)."""
from __future__ import annotations

from plankg.ingest.pipeline import bundled_paths, read_corpus, read_documents
from plankg.ingest.records import (
    Cell,
    Clause,
    Corpus,
    Document,
    Entity,
    IngestError,
    Mention,
    Owner,
    Placeholder,
    Repair,
    Target,
)

__all__ = [
    "Cell", "Clause", "Corpus", "Document", "Entity", "IngestError", "Mention", "Owner",
    "Placeholder", "Repair", "Target", "bundled_paths", "read_corpus", "read_documents",
]
