"""plankg: knowledge graph and semantic search over Chinese S&T plans, offline, with evidence.

The front door the CLI, the app and notebooks share::

    >>> import plankg
    >>> kg = plankg.open()                                   # doctest: +SKIP
    >>> kg.targets(region="路桥", indicator="rd_intensity")   # doctest: +SKIP
    >>> kg.ask("路桥区2025年技术交易额目标是多少？")            # doctest: +SKIP

Heavy third-party parts (the encoder's torch or ONNX Runtime, faiss, pandas, Gradio) load on first use.
"""
from __future__ import annotations

from pathlib import Path

from plankg.errors import PlankgError
from plankg.facade import KnowledgeGraph

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "Plankg", "PlankgError", "open", "__version__"]


def open(path: str | Path | None = None, build: bool = True, **settings: object) -> KnowledgeGraph:  # noqa: A001
    """Open the workspace at ``path`` (default: ``$PLANKG_HOME`` or the per-user folder).

    Args:
        path: Workspace folder.
        build: Build the bundled corpus first when the workspace is empty (the CLI passes False
            and reports "run `plankg build`" instead).
        **settings: Overrides of :class:`plankg.settings.Settings` fields, e.g. ``store="memory"``.
    """
    kg = KnowledgeGraph(path, **settings)
    if build and not kg.workspace.built:
        kg.build()
    return kg


#: The facade's former name, kept for existing code.
Plankg = KnowledgeGraph
