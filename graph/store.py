"""Two SPARQL stores behind one interface: in-memory rdflib and persistent Oxigraph.

Both take the same query text and the same parameter bindings and return the same rows
(plain Python values), so callers never care which one answers.
"""
from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

from plankg.graph.dump import OXIGRAPH_DIR, has_graph, store_lines
from plankg.graph.errors import QueryError
from plankg.graph.query_limits import QueryLimits, run_bounded
from plankg.ontology.namespaces import PREFIXES

META_FILE = "meta.json"

Row = dict[str, Any]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
)}
_FLOAT_TYPES = {_XSD + t for t in ("decimal", "double", "float")}
_WHERE_BRACE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BAD_IRI_CHARS = re.compile(r'[\s<>"{}|^`\\]')


def pyoxigraph_module() -> ModuleType:
    """The ``pyoxigraph`` module (Oxigraph's Rust store), imported on first use.

    The memory store and the CLI's help do without it.
    """
    import pyoxigraph

    return pyoxigraph


class IRI(str):
    """A string to bind as an IRI (``<...>``) rather than as a literal."""


class LangString(str):
    """A string to bind as a language-tagged literal (``"..."@zh``)."""

    lang: str = "zh"

    def __new__(cls, text: str, lang: str = "zh") -> LangString:
        obj = super().__new__(cls, text)
        if not re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", lang):
            raise QueryError(f"bad language tag {lang!r}")
        obj.lang = lang
        return obj


# ---- parameters ----------------------------------------------------------------------------
def sparql_term(value: Any) -> str:
    """Serialise a Python value as a SPARQL term with proper escaping (never raw pasting).

    Strings become escaped string literals, ints/floats/bools typed literals, :class:`IRI`
    (and rdflib ``URIRef``) values IRIs after checking they contain no forbidden characters.
    """
    if isinstance(value, IRI) or type(value).__name__ == "URIRef":
        text = str(value)
        if not text or _BAD_IRI_CHARS.search(text):
            raise QueryError(f"bad IRI parameter {text!r}: it contains characters not allowed in an IRI")
        return f"<{text}>"
    if isinstance(value, bool):
        return f'"{"true" if value else "false"}"^^<{_XSD}boolean>'
    if isinstance(value, int):
        return f'"{value}"^^<{_XSD}integer>'
    if isinstance(value, (float, Decimal)):
        return f'"{Decimal(repr(value)) if isinstance(value, float) else value}"^^<{_XSD}decimal>'
    if isinstance(value, LangString):
        return f"{sparql_term(str(value))}@{value.lang}"
    if isinstance(value, str):
        escaped = (
            value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        return f'"{escaped}"'
    raise QueryError(f"unsupported parameter value {value!r} ({type(value).__name__})")


def bind_values(sparql: str, bindings: Mapping[str, Any] | None) -> str:
    """Insert one ``VALUES ?var { ... }`` block per binding right after the first ``WHERE {``.

    A list or tuple value binds several alternatives. The values are escaped by
    :func:`sparql_term`; the query text itself never contains user text.
    """
    if not bindings:
        return sparql
    blocks = []
    for name, value in bindings.items():
        if not _VARIABLE.match(name):
            raise QueryError(f"bad parameter name {name!r}: use letters, digits and underscores")
        values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        terms = " ".join(sparql_term(v) for v in values)
        blocks.append(f"VALUES ?{name} {{ {terms} }}")
    match = _WHERE_BRACE.search(sparql)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no 'WHERE {' clause")
    insert = "\n  " + "\n  ".join(blocks)
    return sparql[: match.end()] + insert + sparql[match.end():]


#: What a SPARQL Update request does, by the name rdflib's parser gives it (for the refusal message).
_UPDATE_NAMES = {"InsertData": "INSERT", "DeleteData": "DELETE", "DeleteWhere": "DELETE", "Modify": "INSERT/DELETE",
                 "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
                 "Copy": "COPY"}
#: Parts of a parsed query that reach beyond the local graph: SERVICE calls another endpoint, and
#: FROM / FROM NAMED make rdflib fetch the named graph over the network.
_REACHING_OUT = {"ServiceGraphPattern": "SERVICE would query another endpoint over the network",
                 "DatasetClause": "FROM would load a graph from the network"}


#: Longest user query read: rdflib parses about 25,000 characters a second, one query at a time.
MAX_QUERY_CHARS = 100_000
#: rdflib's parser (pyparsing) keeps state while it parses: one thread at a time.
_PARSER_LOCK = threading.Lock()


@functools.lru_cache(maxsize=256)
def _parsed(sparql: str) -> Any:
    """rdflib's parse tree of a query (cached: the app's tabs send the same text again).

    Raises:
        QueryError: The text is an update (refused) or no SPARQL query at all.
    """
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(sparql):,} characters long; plankg reads at most {MAX_QUERY_CHARS:,} "
                         "(bind long value lists as parameters of a named query instead)")
    with _PARSER_LOCK:
        return _parse(sparql)


def _parse(sparql: str) -> Any:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return parseQuery(sparql)
    except ParseException as error:
        try:
            update = parseUpdate(sparql)
        except ParseException:
            where = f"line {error.lineno}, column {error.col}"
            raise QueryError(f"SPARQL error: the query does not parse at {where}: "
                             f"{_one_line(Exception(error.line))[:80]!r}") from None
        names = [getattr(part, "name", "") for part in update.get("request", [])]
        verb = next((_UPDATE_NAMES[n] for n in names if n in _UPDATE_NAMES), "UPDATE")
        raise QueryError(f"refused: '{verb}' is a SPARQL update and the graph is read-only") from None
    except RecursionError:
        raise QueryError("SPARQL error: the query is nested too deeply to read") from None


def _parts(node: Any) -> Iterable[str]:
    """Names of every rule in a parse tree (rdflib's ``CompValue`` nodes), depth first."""
    stack = [node]
    while stack:
        item = stack.pop()
        name = getattr(item, "name", None)
        if isinstance(name, str):
            yield name
        # pyparsing registers ParseResults as a Mapping of its *named* results only: walk it as a list.
        if isinstance(item, (list, tuple)) or type(item).__name__ == "ParseResults":
            stack.extend(item)
        elif isinstance(item, Mapping):
            stack.extend(item.values())


def check_query(sparql: str, allow_service: bool = False) -> None:
    """Refuse what a user's query must not do, found on the parsed query (never by pattern matching).

    Updates (INSERT, DELETE, LOAD...) are refused, and unless ``allow_service``, so are SERVICE
    (a call to another endpoint) and FROM / FROM NAMED (rdflib loads those graphs from the web):
    plankg runs offline. A comment or string holding ``SERVICE`` or quotes changes nothing,
    since the parser reads them as the engines will.

    Raises:
        QueryError: One line naming what was refused, or where the query fails to parse.
    """
    tree = _parsed(sparql)
    if allow_service:
        return
    for name in _parts(tree):
        if name in _REACHING_OUT:
            raise QueryError(f"refused: {_REACHING_OUT[name]} and plankg works offline "
                             "(set allow_service = true in plankg.toml to allow it)")


def check_no_service(sparql: str) -> None:
    """Refuse SERVICE and FROM (network reads) and updates; see :func:`check_query`."""
    check_query(sparql, allow_service=False)


def check_read_only(sparql: str) -> None:
    """Refuse SPARQL Update requests (INSERT, DELETE, LOAD, CLEAR...) with a one-line error."""
    check_query(sparql, allow_service=True)


def _python_value(value: str, datatype: str | None) -> Any:
    if datatype in _INTEGER_TYPES:
        return int(value)
    if datatype in _FLOAT_TYPES:
        return float(value)
    if datatype == _XSD + "boolean":
        return value in ("true", "1")
    return value


# ---- stores --------------------------------------------------------------------------------
class GraphStore:
    """Common interface: ``query(sparql, bindings) -> list[dict]`` and a triple count.

    Attributes:
        allow_service: Let queries use ``SERVICE`` (network calls); off by default.
        row_cap: Rows a query may return when the caller names no limit (None: any).
    """

    kind = "abstract"
    allow_service = False
    #: Rows any one query may return when the caller names no ``max_rows`` (set inside a bounded
    #: child running a whole named query, see :func:`plankg.graph.query_limits.run_bounded`).
    row_cap: int | None = None

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None, *,
              timeout: float | None = None, max_rows: int | None = None, max_memory_mb: float | None = None,
              trusted: bool = False) -> list[Row]:
        """Run a read-only SPARQL query; return rows of plain values.

        SELECT gives one dict per solution (variable -> str/int/float/bool/None), ASK gives
        ``[{"ask": bool}]``, CONSTRUCT/DESCRIBE give ``subject/predicate/object`` rows.

        Args:
            sparql: The query.
            bindings: Values for variables (see :func:`bind_values`).
            timeout: Seconds after which the query is stopped. The engines cannot be
                interrupted from inside, so a query with a timeout or a memory cap runs in a
                forked child process that is killed at the deadline (no core stays busy after that).
            max_rows: More rows than this is an error (instead of filling the memory).
            max_memory_mb: Memory the query may take beyond what the process already holds.
            trusted: The text is one of plankg's own query templates (values bound as escaped
                ``VALUES``), so parsing it again to look for updates and SERVICE is skipped;
                question answering runs many of them. User text is never trusted.

        Raises:
            QueryError: On a syntax error, an update, SERVICE, a bad parameter, the timeout,
                the memory cap, too many rows, or an error while reading the results.
        """
        text = bind_values(sparql, bindings)
        if not trusted:
            check_query(text, allow_service=self.allow_service)
        if timeout is None and max_memory_mb is None:
            return self._collect(text, max_rows)

        limits = QueryLimits(timeout_s=timeout, max_rows=max_rows, max_memory_mb=max_memory_mb)
        return run_bounded(self, lambda store: store._collect(text, max_rows), limits)

    def _collect(self, sparql: str, max_rows: int | None) -> list[Row]:
        """All rows of ``_rows``, stopping with an error past ``max_rows`` (or the store's ``row_cap``)."""
        cap = max_rows if max_rows is not None else self.row_cap
        rows: list[Row] = []
        try:
            for row in self._rows(sparql):
                rows.append(row)
                if cap is not None and len(rows) > cap:
                    raise QueryError(f"the query returns more than {cap:,} rows (query_max_rows); "
                                     "add LIMIT or narrow it")
        except QueryError:
            raise
        except MemoryError:
            raise  # the bounded child names the cap that was reached
        except Exception as error:  # noqa: BLE001 - an engine failing mid-results is a query error
            raise QueryError(f"SPARQL error while reading results: {_one_line(error)}") from None
        return rows

    def _run(self, sparql: str) -> list[Row]:
        """All rows, no limits."""
        return self._collect(sparql, None)

    def _rows(self, sparql: str) -> Iterable[Row]:  # pragma: no cover - abstract
        raise NotImplementedError

    def reopen_in_child(self) -> None:
        """Called in a forked child before it queries (engines with threads reopen their files)."""

    def __len__(self) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        """Release the store (files stay on disk)."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class MemoryStore(GraphStore):
    """An rdflib in-memory graph."""

    kind = "memory"

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    @classmethod
    def from_file(cls, path: str | Path) -> MemoryStore:
        """Load an N-Triples or Turtle file."""
        from rdflib import Graph

        path = Path(path)
        graph = Graph()
        graph.parse(path, format="nt" if path.suffix == ".nt" else "turtle")
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri, override=True)
        return cls(graph)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> MemoryStore:
        """Load N-Triples lines (e.g. :func:`plankg.graph.dump.store_lines`, the workspace store's triples)."""
        from rdflib import Graph

        graph = Graph()
        graph.parse(data="".join(lines), format="nt")
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri, override=True)
        return cls(graph)

    def _rows(self, sparql: str) -> Iterable[Row]:
        from rdflib import BNode, Literal

        try:
            result = self.graph.query(sparql, initNs=PREFIXES)
        except MemoryError:
            raise
        except Exception as error:  # rdflib raises pyparsing and assorted errors
            raise QueryError(f"SPARQL error: {_one_line(error)}") from None
        if result.type == "ASK":
            yield {"ask": bool(result.askAnswer)}
            return
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            for s, p, o in result.graph:
                yield {"subject": self._value(s, Literal, BNode), "predicate": str(p),
                       "object": self._value(o, Literal, BNode)}
            return
        names = [str(v) for v in result.vars or []]
        for row in result:
            yield {name: self._value(row[i], Literal, BNode) for i, name in enumerate(names)}

    @staticmethod
    def _value(term: Any, literal_type: type, bnode_type: type) -> Any:
        if term is None:
            return None
        if isinstance(term, literal_type):
            datatype = str(term.datatype) if term.datatype is not None else None
            return _python_value(str(term), datatype)
        if isinstance(term, bnode_type):
            return f"_:{term}"
        return str(term)

    def __len__(self) -> int:
        return len(self.graph)


class OxigraphStore(GraphStore):
    """A pyoxigraph store (persistent when given a folder)."""

    kind = "oxigraph"

    def __init__(self, store: Any, path: Path | None = None) -> None:
        self.store = store
        self.path = path

    @classmethod
    def open(cls, path: str | Path, read_only: bool = True) -> OxigraphStore:
        """Open a persistent store folder (read-only by default, so an endpoint can share it)."""
        pyoxigraph = pyoxigraph_module()

        path = Path(path)
        if not path.is_dir():
            raise QueryError(f"no Oxigraph store at {path}: build the graph first")
        try:
            store = pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
        except OSError as error:
            raise QueryError(f"cannot open Oxigraph store {path}: {_one_line(error)}") from None
        return cls(store, path)

    @classmethod
    def from_file(cls, path: str | Path) -> OxigraphStore:
        """An in-memory Oxigraph store loaded from an N-Triples or Turtle file."""
        pyoxigraph = pyoxigraph_module()

        path = Path(path)
        store = pyoxigraph.Store()
        fmt = pyoxigraph.RdfFormat.N_TRIPLES if path.suffix == ".nt" else pyoxigraph.RdfFormat.TURTLE
        store.bulk_load(path=str(path), format=fmt)
        return cls(store)

    def _rows(self, sparql: str) -> Iterable[Row]:
        pyoxigraph = pyoxigraph_module()

        try:
            result = self.store.query(sparql, prefixes=PREFIXES)
        except (SyntaxError, ValueError, OSError, RuntimeError) as error:
            raise QueryError(f"SPARQL error: {_one_line(error)}") from None
        if isinstance(result, pyoxigraph.QueryBoolean):
            yield {"ask": bool(result)}
            return
        if isinstance(result, pyoxigraph.QueryTriples):
            for t in result:
                yield {"subject": self._value(t.subject), "predicate": t.predicate.value,
                       "object": self._value(t.object)}
            return
        names = [v.value for v in result.variables]
        literal, blank = pyoxigraph.Literal, pyoxigraph.BlankNode
        for solution in result:
            row: Row = {}
            # _value inlined: a unit's or a family's answer converts tens of thousands of terms.
            for name in names:
                term = solution[name]
                if term is None:
                    row[name] = None
                elif isinstance(term, literal):
                    datatype = term.datatype
                    row[name] = _python_value(term.value, datatype.value if datatype else None)
                elif isinstance(term, blank):
                    row[name] = f"_:{term.value}"
                else:
                    row[name] = term.value
            yield row

    def reopen_in_child(self) -> None:
        """RocksDB's threads do not survive a fork: a persistent store is opened again."""
        if self.path is not None:
            pyoxigraph = pyoxigraph_module()

            self.store = pyoxigraph.Store.read_only(str(self.path))

    @staticmethod
    def _value(term: Any) -> Any:
        pyoxigraph = pyoxigraph_module()

        if term is None:
            return None
        if isinstance(term, pyoxigraph.Literal):
            return _python_value(term.value, term.datatype.value if term.datatype else None)
        if isinstance(term, pyoxigraph.BlankNode):
            return f"_:{term.value}"
        return term.value

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        self.store = None


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300] or type(error).__name__


def read_meta(graph_dir: str | Path) -> dict[str, Any]:
    """The build report saved beside the graph (empty when missing)."""
    path = Path(graph_dir) / META_FILE
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def open_store(graph_dir: str | Path, kind: str = "auto", threshold: int = 0) -> GraphStore:
    """Open the graph saved in ``graph_dir`` (``<workspace>/graph``).

    Args:
        graph_dir: Folder holding the ``oxigraph/`` store (or an old build's ``graph.nt.gz`` dump).
        kind: ``memory`` (rdflib, a copy of the store's triples), ``oxigraph`` (the persistent
            store) or ``auto`` (Oxigraph when the graph has more triples than ``threshold``).
        threshold: Triple count above which ``auto`` picks Oxigraph; the workspace passes its one
            setting (``Settings.oxigraph_threshold``), so this layer keeps no default of its own.

    Raises:
        QueryError: When the folder holds no graph or ``kind`` is unknown.
    """
    graph_dir = Path(graph_dir)
    ox_path = graph_dir / OXIGRAPH_DIR
    if kind not in ("auto", "memory", "oxigraph"):
        raise QueryError(f"unknown store kind {kind!r}: use auto, memory or oxigraph")
    if kind == "auto":
        triples = int(read_meta(graph_dir).get("triples", 0))
        kind = "oxigraph" if ox_path.is_dir() and triples > threshold else "memory"
    if kind == "oxigraph":
        return OxigraphStore.open(ox_path)
    if not has_graph(graph_dir):
        raise QueryError(f"no graph at {graph_dir}: run the build first")
    # What the Oxigraph store holds: the data and the lookup links, not the text spans.
    try:
        return MemoryStore.from_lines(store_lines(graph_dir, links=True))
    except OSError as error:
        raise QueryError(f"cannot read the graph at {graph_dir}: {_one_line(error)}") from None


def rows_equal(left: Iterable[Row], right: Iterable[Row]) -> bool:
    """Order-insensitive comparison of two row lists (floats compared to 9 digits)."""

    def norm(rows: Iterable[Row]) -> Sequence[str]:
        return sorted(
            json.dumps({k: round(v, 9) if isinstance(v, float) else v for k, v in r.items()}, sort_keys=True,
                       ensure_ascii=False)
            for r in rows
        )

    return norm(left) == norm(right)
