"""Add and remove uploaded documents: a new build from the workspace's inputs, swapped in whole.

Only a file inside the upload folder Gradio writes to for this app is accepted (its real path,
links resolved, must be ``<upload folder>/<folder Gradio made for it>/<name>``). That folder is
private to the workspace (``<home>/.gradio``, set as ``GRADIO_TEMP_DIR`` before the app starts),
and every upload is deleted from it once read, refused ones too. The workspace stores an upload
under its content; the name the user gave is only its label, so two different ``plan.txt`` are
two documents (the second labelled ``plan (2).txt``).

The served workspace is never edited in place: ``Workspace.add`` stages everything and swaps it in
only when finished, and the app keeps answering from the previous facade until the new one is loaded.
"""
from __future__ import annotations

import os
import shutil
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import plankg
from plankg.inputs import SUPPORTED_SUFFIXES, display_name
from plankg.progress import SILENT
from plankg.ui.data import AppData

#: File types the corpus reader understands.
ALLOWED_SUFFIXES = SUPPORTED_SUFFIXES
#: Largest accepted upload.
MAX_UPLOAD_MB = 10
#: Most files per upload.
MAX_FILES = 20
#: The workspace's own upload folder (Gradio's temporary folder while the app runs).
UPLOAD_TMP = ".gradio"
#: Files Gradio took but never handed to us (a type it refused, an abandoned upload) go after this long.
STALE_UPLOAD_S = 3600

Progress = Callable[[float, str], None]


def upload_dir(home: str | Path) -> Path:
    """The private folder Gradio writes uploads to for the app serving ``home``."""
    return Path(home) / UPLOAD_TMP


def use_private_temp_dir(home: str | Path) -> Path:
    """Make ``GRADIO_TEMP_DIR`` the workspace's own upload folder (mode 700); call before the app is built."""
    folder = upload_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(folder.resolve())
    return folder


class Uploader:
    """Adds documents to the served workspace (and removes them), one rebuild at a time.

    Args:
        data: The served workspace.
        folder: The upload folder whose files are accepted (default: :func:`upload_dir`).
    """

    def __init__(self, data: AppData, folder: str | Path | None = None) -> None:
        self.data = data
        self.folder = Path(os.path.realpath(folder or upload_dir(data.home)))
        self._build_lock = threading.Lock()

    def add(self, files: list[str], progress: Progress | None = None) -> list[dict]:
        """Check, store and ingest ``files``; one report row per file (errors included).

        Args:
            files: Paths of the uploaded temporary files (their names are shown, never used as paths).
            progress: Called with (fraction, message) as the work goes on.
        """
        say = progress or (lambda fraction, message: None)
        files = list(files or [])
        if not files:
            return [{"file": "", "status": "error", "detail": "no file given"}]
        reports: list[dict] = []
        accepted: list[tuple[Path, str]] = []
        taken: list[Path] = []
        for given in files:
            name = display_name(Path(str(given)).name)
            path = self.confined(given)
            if path is None:
                reports.append({"file": name, "status": "error", "detail": "refused: not a file uploaded to this app"})
                continue
            taken.append(path)
            problem = self._check(path, len(files))
            if problem:
                reports.append({"file": name, "status": "error", "detail": problem})
            else:
                accepted.append((path, name))
        try:
            if not accepted:
                return reports
            with self._build_lock:
                return reports + self._add_locked(accepted, say)
        finally:
            for path in taken:  # read (or refused): nothing of it stays in the upload folder
                self._discard(path)
            self.sweep()

    def _add_locked(self, accepted: list[tuple[Path, str]], say: Progress) -> list[dict]:
        say(0.15, "building graph and index 构建图谱与索引 (this takes a while)")
        errors: list[str] = []
        try:

            kg = plankg.open(self.data.home, build=False)
            report = kg.add_uploads(accepted, on_error=errors.append, progress=SILENT)
            say(0.85, "loading the new build 加载新版本")
            self.data.warm(kg)
        except Exception as exc:  # noqa: BLE001 - the workspace is left as it was; report and go on
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return [{"file": name, "status": "error", "detail": f"build failed, nothing changed: {message}"}
                    for _, name in accepted]
        self.data.replace(kg)
        say(1.0, "done 完成")
        return _report_rows(kg, report, errors)

    def remove(self, label: str) -> list[dict]:
        """Rebuild the served workspace without the upload labelled ``label``; one report row."""
        label = (label or "").strip()
        if not label:
            return [{"file": "", "status": "error", "detail": "choose an upload to remove"}]
        if label not in self.uploads():
            return [{"file": label, "status": "error", "detail": "not an upload of this workspace"}]
        with self._build_lock:
            try:

                kg = plankg.open(self.data.home, build=False)
                report = kg.remove(label, progress=SILENT)
                self.data.warm(kg)
            except Exception as exc:  # noqa: BLE001
                message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                return [{"file": label, "status": "error", "detail": f"not removed, nothing changed: {message}"}]
            self.data.replace(kg)
        return [{"file": label, "status": "removed",
                 "detail": f"rebuilt without it: {report.documents} documents, {report.targets} targets/achievements"}]

    def uploads(self) -> list[str]:
        """Labels of the uploads in the served build."""
        return [s.given for s in self.data.kg.workspace.sources() if s.kind == "upload"]

    # ---- the upload folder -------------------------------------------------------------------
    def confined(self, given: Any) -> Path | None:
        """The upload's real path when it is a regular file Gradio put in our folder, else None."""
        raw = Path(str(given))
        if not raw.is_absolute():
            return None
        real = Path(os.path.realpath(raw))
        try:
            info = os.lstat(raw)
        except OSError:
            return None
        # Gradio writes each upload to <folder>/<a folder of its own>/<name>, never through a link.
        if not stat.S_ISREG(info.st_mode) or real.parent.parent != self.folder:
            return None
        return real

    def _check(self, path: Path, count: int) -> str:
        if count > MAX_FILES:
            return f"at most {MAX_FILES} files per upload"
        suffix = path.suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            return f"unsupported type {suffix or '(none)'}; use {', '.join(ALLOWED_SUFFIXES)}"
        try:
            size = path.stat().st_size
        except OSError as exc:
            return f"could not be read ({exc.strerror or exc})"
        if size > MAX_UPLOAD_MB * 2**20:
            return f"larger than {MAX_UPLOAD_MB} MB"
        if size == 0:
            return "empty file"
        return ""

    def _discard(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        try:
            path.parent.rmdir()  # Gradio's folder for this upload, when nothing else is in it
        except OSError:
            pass

    def sweep(self, older_than: float = STALE_UPLOAD_S) -> None:
        """Delete what Gradio left in the folder and never handed over (types it refused, abandoned uploads)."""
        if not self.folder.is_dir():
            return
        cutoff = time.time() - older_than
        for entry in self.folder.iterdir():
            try:
                if entry.is_dir() and not entry.is_symlink() and entry.stat().st_mtime < cutoff:
                    shutil.rmtree(entry, ignore_errors=True)
            except OSError:
                continue


def _report_rows(kg: Any, report: Any, errors: list[str]) -> list[dict]:
    """One row per upload (named as the user named it) and one per input read from its copy."""
    corpus = kg.corpus
    messages = [*report.errors, *errors]
    rows = []
    for added in report.added:
        name, label = added["name"], added["label"]
        renamed = f"stored as {label} (another input has this name); " if label != name else ""
        if added["status"] == "error":
            rows.append({"file": name, "status": "error", "detail": added["detail"]})
            continue
        if added["status"] == "already":
            rows.append({"file": name, "status": "already in the corpus", "detail": added["detail"]})
            continue
        docs = [d for d in corpus.documents if d.path == label]
        said = [m for m in messages if m.startswith(f"{label}: ")]
        if not docs:
            detail = said[0].split(": ", 1)[1] if said else "no document found in it"
            status = "already in the corpus" if "duplicate of" in detail else "error"
            rows.append({"file": name, "status": status, "detail": renamed + detail})
            continue
        ids = {d.id for d in docs}
        targets = sum(1 for t in corpus.targets if t.doc_id in ids)
        rows.append({"file": name, "status": "added",
                     "detail": f"{renamed}{len(docs)} document(s): {'; '.join(d.title or label for d in docs)}; "
                               f"{targets} targets/achievements"})
    for message in report.errors:
        if "the workspace's copy" in message:
            where, _, detail = message.partition(": ")
            rows.append({"file": where, "status": "kept from the workspace's copy", "detail": detail})
    return rows
