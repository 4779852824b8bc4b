"""Named things in plans: institutes, parks, programmes, organisations, people, regions."""
from __future__ import annotations

from plankg.ingest.records import Corpus, Entity, Mention


def extract_entities(corpus: Corpus) -> tuple[list[Mention], list[Entity]]:
    """Mentions of every entity and the merged entities they belong to."""
    return [], []
