"""The legacy Word and WPS reader (.doc, .wps): LibreOffice converts them to .docx, read as .docx.

No maintained Python library reads Chinese binary .doc/.wps, and Debian's direct readers lose
tables (catdoc writes a row as one tab-separated line, antiword cuts cells; docs/formats.md), so
LibreOffice headless (Debian's ``libreoffice-writer-nogui``) converts the file. The conversion runs:

- in a private folder (mode 0700) holding the input copy and the output, removed afterwards;
- with a private LibreOffice profile (``-env:UserInstallation``), never the user's own;
- one at a time (a file lock shared by every plankg process of the user);
- within :data:`CONVERT_SECONDS`; a converter that hangs is killed with its whole process group.

A file that is really a .docx, an RTF or an HTML page under a .doc name is read as what it is.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from plankg.ingest import format_docx, format_html
from plankg.ingest.decoding import OLE_MAGIC
from plankg.ingest.read_base import ReadLimits, UnreadableInput

#: Longest a conversion may take, and longest a file waits for another one to finish.
CONVERT_SECONDS = 90.0
LOCK_WAIT_SECONDS = 300.0
PACKAGE = "libreoffice-writer-nogui"


def read(data: bytes, limits: ReadLimits = ReadLimits()) -> str:
    """Body text of a .doc or .wps file, converted to .docx by LibreOffice (see the module docstring)."""
    head = data[:512].lstrip().lower()
    if data.startswith(b"PK"):
        return format_docx.read(data, limits)  # a .docx saved under an old name
    if head.startswith((b"<html", b"<!doctype html", b"<?xml")) and b"<html" in data[:4096].lower():
        return format_html.read(data, limits)  # Word's "web page" saved as .doc
    if not data.startswith(OLE_MAGIC) and not head.startswith(b"{\\rtf"):
        raise UnreadableInput("not a Word or WPS document (no .doc/.wps signature)")
    return format_docx.read(convert_to_docx(data, CONVERT_SECONDS), limits)


def soffice_path() -> str:
    """The LibreOffice program, or a one-line error naming the package to install."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise UnreadableInput(f"cannot convert .doc/.wps: LibreOffice is not installed (apt-get install {PACKAGE})")
    return found


def convert_to_docx(data: bytes, timeout: float = CONVERT_SECONDS) -> bytes:
    """The .docx LibreOffice makes of ``data`` (a .doc, .wps or .rtf), within ``timeout`` seconds."""
    program = soffice_path()
    with _one_at_a_time(), tempfile.TemporaryDirectory(prefix="plankg-convert-") as work:
        folder = Path(work)
        source = folder / "input.doc"
        source.write_bytes(data)
        command = [program, f"-env:UserInstallation={_profile_dir().as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"),
                   str(source)]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True, cwd=work)
        try:
            _, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise UnreadableInput(f"the .doc/.wps conversion took longer than {timeout:g} s (stopped)") from None
        result = folder / "out" / "input.docx"
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            reason = " ".join(errors.decode("utf-8", "replace").split())[-160:] or f"exit {process.returncode}"
            raise UnreadableInput(f"LibreOffice could not convert it ({reason})")
        return result.read_bytes()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=5)


def _profile_dir() -> Path:
    """A LibreOffice profile of plankg's own (made once, 0700), so the user's profile is never touched."""
    folder = Path(tempfile.gettempdir()) / f"plankg-libreoffice-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077 or folder.is_symlink():
        raise UnreadableInput(f"cannot convert .doc/.wps: {folder} is not a private folder of this user")
    return folder


@contextlib.contextmanager
def _one_at_a_time() -> Iterator[None]:
    """Hold the user's conversion lock (LibreOffice runs one conversion per profile)."""
    lock_path = _profile_dir().with_suffix(".lock")
    with open(lock_path, "a+b") as lock:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UnreadableInput("another .doc/.wps conversion did not finish in time") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
