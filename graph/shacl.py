"""SHACL validation of the graph against ``ontology/shapes.ttl`` (pyshacl, no inference)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plankg import ontology


@dataclass(frozen=True)
class ValidationResult:
    """Outcome of a SHACL run.

    Attributes:
        conforms: True when no shape is violated.
        violations: Number of validation results.
        messages: ``(focus node, path, message)`` per result (English messages), sorted.
        text: pyshacl's human-readable report.
    """

    conforms: bool
    violations: int
    messages: tuple[tuple[str, str, str], ...] = field(default=())
    text: str = ""


@functools.lru_cache(maxsize=1)
def shapes_graph() -> Any:
    """The parsed shapes graph (cached)."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(Path(ontology.__file__).resolve().parent / "shapes.ttl", format="turtle")
    return graph


def validate(graph: Any) -> ValidationResult:
    """Validate an rdflib graph (built with the vocabulary included) against the shapes."""
    import pyshacl
    from rdflib.namespace import SH

    conforms, report_graph, text = pyshacl.validate(
        graph, shacl_graph=shapes_graph(), inference="none", abort_on_first=False, allow_warnings=False,
        inplace=True,  # no inference, so nothing is added: skip copying the data graph
    )
    messages = []
    for result in report_graph.subjects(SH.resultSeverity, None):
        focus = report_graph.value(result, SH.focusNode)
        path = report_graph.value(result, SH.resultPath)
        said = list(report_graph.objects(result, SH.resultMessage))
        english = [str(m) for m in said if getattr(m, "language", None) == "en"]
        any_message = english or [str(m) for m in said]
        messages.append((str(focus), str(path) if path is not None else "", any_message[0] if any_message else ""))
    return ValidationResult(bool(conforms), len(messages), tuple(sorted(messages)), str(text))


def validate_file(path: str | Path) -> ValidationResult:
    """Validate an N-Triples or Turtle file of the graph."""
    from rdflib import Graph

    path = Path(path)
    graph = Graph()
    graph.parse(path, format="nt" if path.suffix == ".nt" else "turtle")
    return validate(graph)
