"""Run one file's work in a forked child with a wall-clock limit and a memory cap.

A parser can be made to spin for hours or eat gigabytes by a file well within the size limits (a
PDF whose pages share one huge content stream, markup of millions of nested tags). Limits before
the parse catch the patterns we know; this is the backstop for the ones we do not. The child is
a ``fork`` of the caller (cheap on Linux: it shares the parent's loaded modules and caches until
it writes to them), so it needs no start-up; its result travels back pickled through a pipe.

The budget is what reading this one file may add to the memory the child inherited: a watcher thread
ends the child once its resident memory has grown by the budget, and ``RLIMIT_AS`` caps its address
space at what it had mapped plus twice the budget (a reader going past it gets ``MemoryError`` or
dies), never the machine's memory.
"""
from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["OverBudget", "run_within", "forking_available"]

T = TypeVar("T")
_MB = 2**20
#: The child's exit status when it ran out of its memory budget.
EXIT_MEMORY = 86
#: The child's exit status when it failed before it could send anything back.
EXIT_BROKEN = 87
#: Seconds between two looks at a child's memory.
WATCH_EVERY_S = 0.02
#: A child whose address space comes this close to its cap is out of memory (its allocations crawl).
CAP_MARGIN = 16 * _MB


class OverBudget(Exception):
    """The work went past its time or memory budget, or its child died; ``str(exc)`` says which."""


def forking_available() -> bool:
    """True where :func:`run_within` can use a child process (POSIX with ``fork``)."""
    return hasattr(os, "fork") and hasattr(os, "waitpid")


def run_within(func: Callable[..., T], *args: Any, seconds: float | None, memory_mb: float | None) -> T:
    """``func(*args)`` computed in a forked child that may take ``seconds`` and ``memory_mb`` more.

    Args:
        func: The work; it and its result must be picklable only on the way back (the child
            is a fork, so the arguments are never pickled).
        *args: Its arguments.
        seconds: Wall-clock limit (None or 0: none).
        memory_mb: Memory the child may map beyond what it inherited (None or 0: none).

    Returns:
        What ``func`` returned.

    Raises:
        OverBudget: Past the time or memory limit, or the child died (the reason, one line,
            names the setting to raise).
        Exception: What ``func`` raised, re-raised in the caller when it could be pickled.
    """
    if not (seconds or memory_mb) or not forking_available():
        return func(*args)
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(write_end, func, args, memory_mb, parent)
    os.close(write_end)
    reaped = False
    try:
        payload = _receive(read_end, seconds)
        if payload is None:
            _kill(pid)
            reaped = True
            raise OverBudget(f"took longer than {seconds:g} s; raise max_file_seconds to allow it")
        status = _wait(pid)
        reaped = True
    finally:
        os.close(read_end)
        if not reaped:  # interrupted (Ctrl-C) while waiting: the child goes too
            _kill(pid)
    return _outcome(payload, status, memory_mb)


def _child(write_end: int, func: Callable[..., Any], args: tuple, memory_mb: float | None, parent: int) -> None:
    """Run ``func`` under the memory cap and send back its pickled result; exit without cleanup."""
    code = 0
    try:
        # The parent's handlers (an app stopping its children, say) are not the child's to run.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _die_with(parent)
        if memory_mb:
            _cap_memory(memory_mb)
        try:
            payload = pickle.dumps(("ok", func(*args)), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001 - re-raised in the parent
            payload = _pickled_error(exc)
        view = memoryview(payload)
        while view:
            written = os.write(write_end, view[: 1 << 20])
            view = view[written:]
    except MemoryError:
        code = EXIT_MEMORY
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child into the caller's code
        code = EXIT_BROKEN
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def _die_with(parent: int) -> None:
    """Have the kernel kill this child when its parent dies (Linux), so no reader outlives the app."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the closed pipe stops the child when it answers
        return
    if os.getppid() != parent:  # the parent died before the request
        os._exit(EXIT_BROKEN)


def _pickled_error(exc: Exception) -> bytes:
    try:
        return pickle.dumps(("raise", exc), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an exception that does not pickle travels as its text
        return pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))


def _cap_memory(memory_mb: float) -> None:
    """Hold the child to ``memory_mb`` more than it has now: its address space is capped at what it
    has mapped plus twice the budget, and a watcher ends it at the budget.

    The cap alone can leave a reader crawling for minutes at the limit instead of failing: the
    allocator keeps finding a little room in the heap the child inherited, one failed ``mmap`` after
    another (seen with BeautifulSoup on deep markup in the CLI's process). So a watcher thread ends
    the child with :data:`EXIT_MEMORY` as soon as its resident memory has grown by the budget, or
    its address space comes within reach of the cap.
    """
    page = os.sysconf("SC_PAGE_SIZE")
    mapped, resident = _statm(page)
    budget = int(memory_mb * _MB)
    limit = mapped + 2 * budget
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    threading.Thread(target=_watch, args=(resident + budget, limit - CAP_MARGIN, page), daemon=True).start()
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _statm(page: int) -> tuple[int, int]:
    """(mapped, resident) bytes of this process."""
    with open("/proc/self/statm", "rb") as statm:
        fields = statm.read().split()
    return int(fields[0]) * page, int(fields[1]) * page


def _watch(resident_limit: int, mapped_limit: int, page: int) -> None:
    """End this process with :data:`EXIT_MEMORY` once it passes either limit, or cannot even look."""
    try:
        while True:
            mapped, resident = _statm(page)
            if resident > resident_limit or mapped > mapped_limit:
                os._exit(EXIT_MEMORY)
            time.sleep(WATCH_EVERY_S)
    except MemoryError:
        os._exit(EXIT_MEMORY)  # no memory left even to read two numbers: the budget is spent
    except BaseException:  # noqa: BLE001 - a watcher that fails leaves the cap as the only guard
        return


def _receive(read_end: int, seconds: float | None) -> bytes | None:
    """Everything the child writes until it closes the pipe; None when time ran out first."""
    deadline = time.monotonic() + seconds if seconds else None
    chunks: list[bytes] = []
    while True:
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            return None
        ready, _, _ = select.select([read_end], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(read_end, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _wait(pid)


def _wait(pid: int) -> int:
    """The child's wait status (0 when it was reaped elsewhere: a caller ignoring SIGCHLD)."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def _outcome(payload: bytes, status: int, memory_mb: float | None) -> Any:
    """The child's result, or the reason it has none."""
    memory = f"needed more than {memory_mb:g} MB; raise max_file_memory_mb to allow it"
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == EXIT_MEMORY:
        raise OverBudget(memory)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number == signal.SIGKILL:  # the kernel's OOM killer, or someone else
            raise OverBudget(f"the reader was killed (signal {number}; out of memory?); {memory}")
        raise OverBudget(f"the reader crashed ({signal.Signals(number).name})")
    if not payload:
        raise OverBudget(f"the reader ended without a result (exit status {os.waitstatus_to_exitcode(status)})")
    kind, value = pickle.loads(payload)
    if kind == "raise":
        raise value
    if kind == "error":
        raise RuntimeError(value)
    return value
