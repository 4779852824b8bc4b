"""Add uploaded documents: a new build from the previous inputs plus the uploads, swapped in whole.

The served workspace is never edited in place: ``Workspace.build`` stages everything and swaps it in
only when finished, and the app keeps answering from the previous facade (already in memory) until
the new one is loaded. Uploaded files are stored under names made from their content hash, so no
user-given name reaches a file path.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plankg.ui.data import AppData

#: File types the corpus reader understands.
ALLOWED_SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf")
#: Largest accepted upload.
MAX_UPLOAD_MB = 10
#: Most files per upload.
MAX_FILES = 20
UPLOAD_DIR = "uploads"

Progress = Callable[[float, str], None]


class Uploader:
    """Adds documents to the served workspace, one rebuild at a time."""

    def __init__(self, data: AppData) -> None:
        self.data = data
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
        if len(files) > MAX_FILES:
            return [{"file": f"{len(files)} files", "status": "error", "detail": f"at most {MAX_FILES} files per upload"}]
        with self._build_lock:
            say(0.05, "checking files 检查文件")
            reports, stored = self._store(files)
            if not stored:
                return reports
            say(0.15, "building graph and index 构建图谱与索引 (this takes a while)")
            previous = [p for p in self.data.inputs() if p.exists()]
            inputs = previous + [path for path in stored.values() if path not in previous]
            errors: list[str] = []
            try:
                import plankg

                kg = plankg.open(self.data.home, build=False)
                kg.build(inputs, on_error=errors.append)
                say(0.85, "loading the new build 加载新版本")
                self.data.warm(kg)
            except Exception as exc:  # noqa: BLE001 - the workspace is left as it was; report and go on
                for path in stored.values():
                    if path not in previous:
                        path.unlink(missing_ok=True)
                message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                return reports + [{"file": name, "status": "error", "detail": f"build failed, nothing changed: {message}"}
                                  for name in stored]
            rows = self._report(kg, stored, errors, previous)
            self._remember_names(stored)
            self.data.replace(kg)
            say(1.0, "done 完成")
            return reports + rows

    def _store(self, files: list[str]) -> tuple[list[dict], dict[str, Path]]:
        """Copy acceptable uploads into ``<home>/uploads/<hash><suffix>``; reports for the refused ones."""
        folder = self.data.home / UPLOAD_DIR
        folder.mkdir(parents=True, exist_ok=True)
        reports: list[dict] = []
        stored: dict[str, Path] = {}
        for given in files:
            source = Path(given)
            name = source.name
            suffix = source.suffix.lower()
            if suffix not in ALLOWED_SUFFIXES:
                reports.append({"file": name, "status": "error",
                                "detail": f"unsupported type {suffix or '(none)'}; use {', '.join(ALLOWED_SUFFIXES)}"})
                continue
            try:
                size = source.stat().st_size
                if size > MAX_UPLOAD_MB * 2**20:
                    reports.append({"file": name, "status": "error", "detail": f"larger than {MAX_UPLOAD_MB} MB"})
                    continue
                if size == 0:
                    reports.append({"file": name, "status": "error", "detail": "empty file"})
                    continue
                digest = hashlib.sha1(source.read_bytes()).hexdigest()[:16]
                target = folder / f"upload-{digest}{'.html' if suffix == '.htm' else suffix}"
                if not target.exists():
                    shutil.copyfile(source, target)
            except OSError as exc:
                reports.append({"file": name, "status": "error", "detail": f"could not be read ({exc.strerror or exc})"})
                continue
            stored[name] = target
        return reports, stored

    def _remember_names(self, stored: dict[str, Path]) -> None:
        """Keep the names files were uploaded under, for display beside their stored names."""
        path = self.data.home / UPLOAD_DIR / "names.json"
        names = self.data.uploaded_names()
        names.update({target.name: name for name, target in stored.items() if target.exists()})
        path.write_text(json.dumps(names, ensure_ascii=False, indent=1), "utf-8")

    def _report(self, kg: Any, stored: dict[str, Path], errors: list[str], previous: list[Path]) -> list[dict]:
        corpus = kg.corpus
        rows = []
        for name, path in stored.items():
            failed = [e for e in errors if path.name in e]
            docs = [d for d in corpus.documents if Path(d.path).name == path.name]
            if failed or not docs:
                # A file that cannot be read is not kept: the next rebuild should not meet it again.
                path.unlink(missing_ok=True)
                detail = failed[0].replace(str(path), name).replace(path.name, name) if failed else "no document found in it"
                rows.append({"file": name, "status": "error", "detail": detail})
                continue
            ids = {d.id for d in docs}
            targets = sum(1 for t in corpus.targets if t.doc_id in ids)
            again = " (already in the corpus)" if path in previous else ""
            rows.append({"file": name, "status": "added" + again,
                         "detail": f"{len(docs)} document(s): {'; '.join(d.title for d in docs)}; {targets} targets/achievements"})
        return rows
