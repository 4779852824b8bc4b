"""Queries with a deadline, a row limit and a memory cap: run in a forked child process.

Neither Oxigraph nor rdflib can be interrupted from inside a query (Oxigraph's Rust code never
checks Python signals; a thread cannot be killed), so the only way to free the core when the
caller gives up is a process. ``fork`` shares the opened graph with the child at no cost, and the
child's memory is capped with ``RLIMIT_DATA`` so a query that sorts a cross product stops at the
cap instead of taking the machine. A whole named query (several SPARQL steps) runs in one child,
so its cost is one fork however many steps it has.
"""
from __future__ import annotations

import ctypes
import faulthandler
import math
import multiprocessing
import os
import pickle
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from plankg.graph.errors import QueryError

if TYPE_CHECKING:
    from plankg.graph.store import GraphStore

T = TypeVar("T")
_MB = 2**20


@dataclass(frozen=True)
class QueryLimits:
    """What one user query may cost.

    Attributes:
        timeout_s: Wall-clock seconds (None: no deadline).
        max_rows: Rows any one SPARQL step may return (None: any).
        max_memory_mb: Memory the query may take beyond what the process held when it started
            (None: no cap).
    """

    timeout_s: float | None = None
    max_rows: int | None = None
    max_memory_mb: float | None = None


def memory_message(max_memory_mb: float) -> str:
    """The one line a query gets when it reached the memory cap."""
    return (f"the query was stopped: it needed more than {max_memory_mb:g} MB of memory (query_max_memory_mb); "
            "narrow it or add LIMIT")


def data_limit_bytes(extra_mb: float) -> int:
    """This process's data segment now plus ``extra_mb``: a cap on what it may still allocate.

    ``RLIMIT_DATA`` counts private writable memory (heap and anonymous maps, not the mapped store
    files), which is what a query's solutions fill. A forked child starts with its parent's size,
    so the cap is relative: the app's loaded model does not count against a query.
    """
    used_kb = 0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    used_kb = int(line.split()[1])
                    break
    except (OSError, ValueError):
        pass
    return used_kb * 1024 + int(extra_mb * _MB)


def cap_memory(extra_mb: float) -> None:
    """Limit this process's further allocations to ``extra_mb`` (an allocation past it fails)."""
    limit = data_limit_bytes(extra_mb)
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def run_bounded(store: GraphStore, job: Callable[[GraphStore], T], limits: QueryLimits) -> T:
    """``job(store)`` run in a forked child under ``limits``; its (picklable) result.

    Inside the child, ``store.row_cap`` is ``limits.max_rows`` so every SPARQL step of ``job``
    keeps to the row limit.

    Raises:
        QueryError: The timeout passed (the child is killed), the memory cap or the row limit
            was reached, or the query itself failed.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(store, job, limits, sender, os.getpid()), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.timeout_s):
            raise QueryError(f"the query was stopped after {limits.timeout_s:g} s (query_timeout_s); "
                             "narrow it or add LIMIT")
        try:
            status, payload = pickle.loads(receiver.recv_bytes())
        except EOFError:
            child.join(5)
            if limits.max_memory_mb is not None:
                raise QueryError(memory_message(limits.max_memory_mb)) from None
            raise QueryError(f"the query process ended without an answer (exit code {child.exitcode})") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if status == "error":
        raise QueryError(payload)
    return payload


def _outlive_nobody(parent: int, timeout_s: float | None) -> None:
    """The child dies with the thread that forked it (SIGKILL), and after ``timeout_s`` of CPU.

    A child that outlived a killed app would burn a core and hold every file the app had open,
    the workspace lock included.
    """
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)
    if timeout_s is not None:
        seconds = math.ceil(timeout_s) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    # The engine's own last words (Rust prints "memory allocation ... failed" and a backtrace when it
    # reaches the cap) must not reach the user's terminal: the child answers through its pipe only.
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), 2)
    faulthandler.disable()  # it would dump the abort to a copy of stderr it holds


def _child(store: Any, job: Callable[[Any], Any], limits: QueryLimits, sender: Any, parent: int) -> None:
    """Runs in the forked process: cap memory, run the job, send its result or error, exit at once."""
    try:
        _outlive_nobody(parent, limits.timeout_s)
        store.reopen_in_child()
        store.row_cap = limits.max_rows
        if limits.max_memory_mb is not None:
            cap_memory(limits.max_memory_mb)
        message: tuple[str, Any] = ("result", job(store))
    except QueryError as error:
        message = ("error", str(error))
    except MemoryError:
        message = ("error", memory_message(limits.max_memory_mb or 0))
    except BaseException as error:  # noqa: BLE001 - anything else is reported, never raised here
        message = ("error", " ".join(f"SPARQL error: {type(error).__name__}: {error}".split())[:300])
    try:
        sender.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        os._exit(0)  # skip atexit handlers and finalisers inherited from the parent
