"""A query with a deadline: run in a forked child process, killed when time is up.

Neither Oxigraph nor rdflib can be interrupted from inside a query (Oxigraph's Rust code never
checks Python signals; a thread cannot be killed), so the only way to free the core when the
caller gives up is a process. ``fork`` shares the opened graph with the child at no cost.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plankg.graph.store import GraphStore, Row


def run_with_timeout(store: GraphStore, sparql: str, timeout: float, max_rows: int | None) -> list[Row]:
    """``store``'s rows for ``sparql``, or a :class:`QueryError` after ``timeout`` seconds.

    Raises:
        QueryError: The timeout passed (the child is killed), or the query itself failed.
    """
    from plankg.graph.store import QueryError

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(store, sparql, max_rows, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(f"the query was stopped after {timeout:g} s (query_timeout_s); "
                             "narrow it or add LIMIT")
        try:
            status, payload = pickle.loads(receiver.recv_bytes())
        except EOFError:
            raise QueryError("the query process ended without an answer (out of memory?)") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if status == "error":
        raise QueryError(payload)
    return payload


def _child(store: Any, sparql: str, max_rows: int | None, sender: Any) -> None:
    """Runs in the forked process: query, send rows or the error message, exit at once."""
    from plankg.graph.store import QueryError

    try:
        store.reopen_in_child()
        message: tuple[str, Any] = ("rows", store._collect(sparql, max_rows))
    except QueryError as error:
        message = ("error", str(error))
    except BaseException as error:  # noqa: BLE001 - anything else is reported, never raised here
        message = ("error", f"SPARQL error: {type(error).__name__}: {error}")
    try:
        sender.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        os._exit(0)  # skip atexit handlers and finalisers inherited from the parent
