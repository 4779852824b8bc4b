"""Small file-system helpers for writers: atomic writes and the workspace's one-writer lock."""
from __future__ import annotations

import fcntl
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    A reader (or a build killed half-way) sees the old content or the new one, never a
    truncated file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes it private; these files are ordinary workspace files
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def point_symlink(link: Path, target: str) -> None:
    """Make ``link`` a symbolic link to ``target`` in one atomic rename (replacing what was there)."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def pid_alive(pid: int) -> bool:
    """Is a process with this id running (on this machine)?"""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LockBusy(Exception):
    """Another process holds the lock; ``holder`` says who (``pid``, ``started``)."""

    def __init__(self, path: Path, holder: dict) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"{path} is held by {describe_holder(holder)}")


def describe_holder(holder: dict) -> str:
    """``pid 123 (since 2026-11-29T20:01:02Z)`` from a lock file's content."""
    pid = holder.get("pid", "?")
    since = holder.get("started")
    return f"pid {pid}" + (f" (since {since})" if since else "")


class FileLock:
    """An exclusive ``flock`` on a file that also records the holder's pid.

    The kernel drops the lock when the holder dies, so a lock left by a killed process is
    never in the way: the next writer takes it and :attr:`stale_holder` names the dead one.

    Args:
        path: The lock file (created if missing, never deleted: deleting would let two
            processes lock two different files).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self.stale_holder: dict | None = None

    def read_holder(self) -> dict:
        """What the lock file says about its (last) holder; empty when unknown."""
        try:
            return json.loads(self.path.read_text("utf-8") or "{}")
        except (OSError, ValueError):
            return {}

    def acquire(self, wait: float = 0.0, on_wait: Callable[[dict], None] | None = None,
                poll: float = 0.2) -> None:
        """Take the lock, waiting up to ``wait`` seconds.

        Args:
            wait: Seconds to wait for another holder to finish (0: fail at once).
            on_wait: Called once with the holder's details when we have to wait.
            poll: Seconds between tries.

        Raises:
            LockBusy: The lock is still held after ``wait`` seconds.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(wait, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = self.read_holder()
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockBusy(self.path, holder) from None
                if on_wait and not told:
                    on_wait(holder)
                    told = True
                time.sleep(poll)
        previous = self.read_holder()
        if previous.get("pid") and previous.get("pid") != os.getpid() and not previous.get("released"):
            # The previous holder never released it: it died (or was killed) mid-build.
            self.stale_holder = previous
        record = {"pid": os.getpid(), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Drop the lock (marking the file released, so the next holder sees a clean hand-over)."""
        if self._fd is None:
            return
        holder = self.read_holder()
        holder["released"] = True
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, json.dumps(holder).encode(), 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
