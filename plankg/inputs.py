"""The workspace's own copy of every input, so a rebuild never depends on the user's files.

A build is made from *sources*: what the user gave (a file or a folder, as typed), an upload (its
name is only a label), or the bundled corpus. Each file a source held is copied once per content
to ``<home>/inputs/<sha256><suffix>``, and ``build.json`` lists the sources with their files.
A build reads the copies, laid out under their original names (beside a copy of their folder's
``manifest.toml``) in a temporary read folder, then gives the records back the user's paths, so
the records are the same as if the user's files had been read.

When a user's file or folder is gone, its copy is read and the build says so in one line; a
source leaves the workspace only through :func:`remove_sources` (``kg.remove``) or a build that
names other inputs.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plankg.ingest.formats import SUPPORTED_SUFFIXES
from plankg.ingest.pipeline import MANIFEST_NAME, bundled_paths
from plankg.ingest.readers import iter_input_files
from plankg.ingest.records import Corpus, IngestError
from plankg.resources import WorkspaceError

INPUTS_DIR = "inputs"
BUNDLED = "bundled corpus"
_READ_PREFIX = ".read-"
_TMP_PREFIX = ".tmp-"
_MAX_NAME_CHARS = 120


@dataclass
class Source:
    """One thing a build was made from.

    Attributes:
        given: The label: the path as the user typed it, an upload's name, or ``bundled corpus``.
        kind: ``path``, ``upload`` or ``bundled``.
        at: Where a ``path`` source was (absolute), to find it again from any folder.
        files: What it held at its last build: ``{"path": label, "sha256", "suffix", "manifest"}``
            (``manifest``: the sha256 of its folder's ``manifest.toml`` copy, or None).
        exclude: Labels of files removed from a folder source.
        uploaded_as: The name an upload came with (``given`` differs when that name was taken).
    """

    given: str
    kind: str = "path"
    at: str = ""
    files: list[dict] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    uploaded_as: str = ""

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Source:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    @classmethod
    def of_path(cls, path: str | os.PathLike[str]) -> Source:
        return cls(given=str(Path(path)), at=os.path.abspath(path))


@dataclass
class ReadItem:
    """One file a build reads: from the store (``sha256``) or, when it cannot be copied, from the user's
    path (``original``) so the reader reports it in its own words."""

    label: str
    group: str
    sha256: str = ""
    suffix: str = ""
    manifest: str | None = None
    original: str = ""


@dataclass
class ReadPlan:
    """What a build reads, in order, and what it has to tell the user."""

    sources: list[Source]
    items: list[ReadItem]
    bundled: bool
    missing: list[str]

    def fingerprint(self, max_bytes: int) -> list:
        """Labels and contents in reading order: equal plans give equal records."""
        rows: list = []
        if self.bundled:
            rows += [[str(p), file_digest(p, max_bytes)] for p in bundled_paths()]
        for item in self.items:
            content = item.sha256 or file_digest(Path(item.original), max_bytes)
            rows.append([item.label, content, item.manifest])
        return rows + [["missing", message] for message in self.missing]


class InputStore:
    """Content-addressed copies under ``<home>/inputs`` (written only by the lock's holder)."""

    def __init__(self, home: Path) -> None:
        self.folder = home / INPUTS_DIR

    def path_of(self, sha256: str, suffix: str) -> Path:
        return self.folder / f"{sha256}{suffix}"

    def put(self, source: Path, max_bytes: int) -> tuple[str, str] | None:
        """Copy a regular file of at most ``max_bytes``; ``(sha256, suffix)``, or None when it cannot be."""
        try:
            info = source.stat()
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        suffix = _safe_suffix(source.suffix)
        # Hash first: an unchanged input (the usual case) is read once and never written again.
        known = _sha256(source, max_bytes)
        if known is None:
            return None
        if self.has(known, suffix):
            return known, suffix
        self.folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, dir=self.folder)
        try:
            copied = 0
            with os.fdopen(fd, "wb") as out, source.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    copied += len(chunk)
                    if copied > max_bytes:  # it grew while being read: the reader will refuse it
                        return None
                    digest.update(chunk)
                    out.write(chunk)
            os.chmod(tmp, 0o644)
            target = self.path_of(digest.hexdigest(), suffix)
            if target.exists():
                return digest.hexdigest(), suffix
            os.replace(tmp, target)
            return digest.hexdigest(), suffix
        except OSError:
            return None
        finally:
            Path(tmp).unlink(missing_ok=True)

    def has(self, sha256: str, suffix: str) -> bool:
        return self.path_of(sha256, suffix).is_file()

    def prune(self, keep: set[str]) -> None:
        """Delete copies no kept build refers to, and what interrupted writers left behind."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name.startswith((_READ_PREFIX, _TMP_PREFIX)):
                shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
            elif path.is_file() and path.name.split(".", 1)[0] not in keep:
                path.unlink(missing_ok=True)


def _sha256(path: Path, max_bytes: int) -> str | None:
    digest = hashlib.sha256()
    read = 0
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                read += len(chunk)
                if read > max_bytes:
                    return None
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _safe_suffix(suffix: str) -> str:
    suffix = suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""


def file_digest(path: Path, max_bytes: int) -> str:
    """A content hash, or what the file is when it is not a readable regular file within the limit."""
    try:
        info = path.stat()
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > max_bytes:
        return f"too large: {info.st_size}"
    digest = hashlib.sha1()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    return digest.hexdigest()


def referenced(sources: Iterable[Source]) -> set[str]:
    """The sha256 of every copy (documents and manifests) these sources use."""
    keep: set[str] = set()
    for source in sources:
        for entry in source.files:
            keep.add(entry["sha256"])
            if entry.get("manifest"):
                keep.add(entry["manifest"])
    return keep


def sources_from_info(info: dict) -> list[Source]:
    """The sources of a build, from its ``build.json`` (older builds listed paths only)."""
    if isinstance(info.get("sources"), list):
        return [Source.from_dict(s) for s in info["sources"]]
    given = info.get("inputs")
    if not isinstance(given, list):
        return [Source(given=BUNDLED, kind="bundled")]
    return [Source.of_path(p) for p in given]


# ---- planning a build ---------------------------------------------------------------------------
def plan_read(sources: list[Source], store: InputStore, max_bytes: int) -> ReadPlan:
    """Copy what the sources hold now into ``store`` and list what the build reads.

    A source whose file or folder is gone keeps its files from the copies, with one line in
    ``missing``; a file of a folder that vanished from it likewise.
    """
    items: list[ReadItem] = []
    missing: list[str] = []
    refreshed: list[Source] = []
    manifests: dict[Path, str | None] = {}
    for number, source in enumerate(sources):
        if source.kind == "bundled":
            refreshed.append(source)
            continue
        if source.kind == "upload" and not source.at:  # (an upload from before the copies has its old place)
            kept = [e for e in source.files if store.has(e["sha256"], e["suffix"])]
            if len(kept) < len(source.files):
                missing.append(f"{source.given}: the workspace's copy of this upload is gone; upload it again")
            items += [ReadItem(e["path"], f"upload-{number}", e["sha256"], e["suffix"]) for e in kept]
            refreshed.append(dataclasses.replace(source, files=kept))
            continue
        at = Path(source.at or os.path.abspath(source.given))
        previous = {e["path"]: e for e in source.files if e["path"] not in source.exclude}
        if not os.path.lexists(at):
            kept = [e for e in previous.values() if store.has(e["sha256"], e["suffix"])]
            if not kept:
                missing.append(f"{source.given}: no such file or folder")
            else:
                count = f"its {len(kept)} files are" if len(kept) > 1 else "it is"
                missing.append(f"{source.given}: no longer there; {count} read from the workspace's copy "
                               f"(kg.remove({source.given!r}) drops it)")
            items += [_item_of(e) for e in kept]
            refreshed.append(dataclasses.replace(source, files=kept))
            continue
        files: list[dict] = []
        seen: set[str] = set()
        for path, label in _expand(at, source.given):
            if label in source.exclude or label in seen:
                continue
            seen.add(label)
            copied = store.put(path, max_bytes) if path.suffix.lower() in SUPPORTED_SUFFIXES else None
            if copied is None:  # unsupported, too large, not a file...: the reader says which
                items.append(ReadItem(label, _group(label), original=str(path)))
                continue
            if path.parent not in manifests:
                manifest = path.parent / MANIFEST_NAME
                stored = store.put(manifest, max_bytes) if manifest.is_file() else None
                manifests[path.parent] = stored[0] if stored else None
            entry = {"path": label, "sha256": copied[0], "suffix": copied[1], "manifest": manifests[path.parent]}
            files.append(entry)
            items.append(_item_of(entry))
        for label, before in previous.items():
            if label not in seen and store.has(before["sha256"], before["suffix"]):
                missing.append(f"{label}: no longer there; read from the workspace's copy "
                               f"(kg.remove({label!r}) drops it)")
                files.append(before)
                items.append(_item_of(before))
        refreshed.append(dataclasses.replace(source, files=files))
    unique: dict[str, ReadItem] = {}
    for item in items:
        unique.setdefault(item.label, item)
    return ReadPlan(refreshed, list(unique.values()), any(s.kind == "bundled" for s in sources), missing)


def _expand(at: Path, given: str) -> list[tuple[Path, str]]:
    """The files a source holds now, each with its label (the path as typed from ``given``)."""
    try:
        found = iter_input_files([at])
    except IngestError:
        return []
    if not at.is_dir():
        return [(at, given)]
    return [(f, str(Path(given) / f.relative_to(at))) for f in found if f.name != MANIFEST_NAME]


def _group(label: str) -> str:
    return str(Path(label).parent)


def _item_of(entry: dict) -> ReadItem:
    return ReadItem(entry["path"], _group(entry["path"]), entry["sha256"], entry["suffix"], entry.get("manifest"))


# ---- reading ------------------------------------------------------------------------------------
class ReadFolder:
    """The copies under their original names, one folder per original folder, and the way back.

    Args:
        store: Where the copies are.
        items: What to lay out (in reading order).
    """

    def __init__(self, store: InputStore, items: list[ReadItem]) -> None:
        store.folder.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f"{_READ_PREFIX}{os.getpid()}-", dir=store.folder))
        self.paths: list[Path] = []
        self._label_of_folder: dict[str, str] = {}
        self._originals: dict[str, str] = {}
        folders: dict[str, Path] = {}
        for item in items:
            if item.original:
                self.paths.append(Path(item.original))
                self._originals[item.original] = item.label
                continue
            folder = folders.get(item.group)
            if folder is None:
                folder = folders[item.group] = self.root / str(len(folders))
                folder.mkdir()
                parent = str(Path(item.label).parent)
                self._label_of_folder[folder.name] = "" if parent == "." else parent.rstrip("/") + "/"
                if item.manifest and store.has(item.manifest, ".toml"):
                    _link(store.path_of(item.manifest, ".toml"), folder / MANIFEST_NAME)
            target = folder / Path(item.label).name
            _link(store.path_of(item.sha256, item.suffix), target)
            self.paths.append(target)
        self._pattern = re.compile(re.escape(str(self.root) + os.sep) + r"(\d+)" + re.escape(os.sep))

    def label(self, text: str) -> str:
        """``text`` with every read-folder path (and original path) given back as the user's label."""
        text = self._pattern.sub(lambda m: self._label_of_folder.get(m.group(1), m.group(0)), text)
        for original, label in self._originals.items():
            text = text.replace(original, label)
        return text

    def relabel(self, corpus: Corpus) -> Corpus:
        """The corpus with the user's paths in its documents, errors and warnings."""
        documents = tuple(dataclasses.replace(d, path=self.label(d.path)) for d in corpus.documents)
        return dataclasses.replace(corpus, documents=documents, errors=tuple(self.label(e) for e in corpus.errors),
                                   warnings=tuple(self.label(w) for w in corpus.warnings))

    def on_error(self, sink: Callable[[str], None] | None) -> Callable[[str], None] | None:
        return (lambda message: sink(self.label(message))) if sink else None

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


# ---- editing the source list (always under the workspace lock) -----------------------------------
def add_paths(sources: list[Source], paths: Iterable[str | os.PathLike[str]]) -> list[Source]:
    """``sources`` plus ``paths`` (a path already there is kept once, where it was)."""
    result = list(sources)
    known = {s.at for s in result if s.kind == "path"}
    for path in paths:
        source = Source.of_path(path)
        if source.at not in known:
            known.add(source.at)
            result.append(source)
    return result


def with_previous(paths: Iterable[str | os.PathLike[str]], previous: list[Source]) -> list[Source]:
    """Sources for an explicit list of paths, remembering what the previous build held at each."""
    by_place = {s.at: s for s in previous if s.kind == "path"}
    result = []
    for source in add_paths([], paths):
        before = by_place.get(source.at)
        result.append(dataclasses.replace(source, files=before.files, exclude=before.exclude) if before else source)
    return result


def add_upload(sources: list[Source], store: InputStore, path: Path, name: str, max_bytes: int
               ) -> tuple[list[Source], dict]:
    """Store an upload under its content and add it as a source labelled with the user's name.

    Returns:
        The new sources and a report ``{"name", "label", "status", "detail"}`` where status is
        ``new``, ``already`` (same content as an input already there) or ``error``.
    """
    name = display_name(name, path.suffix)
    copied = store.put(path, max_bytes)
    if copied is None:
        return sources, {"name": name, "label": name, "status": "error",
                         "detail": f"could not be stored (not a regular file, or larger than {max_bytes // 2**20} MB)"}
    sha, suffix = copied
    for source in sources:
        for entry in source.files:
            if entry["sha256"] == sha:
                return sources, {"name": name, "label": entry["path"], "status": "already",
                                 "detail": f"same content as {entry['path']}"}
    taken = {s.given for s in sources} | {e["path"] for s in sources for e in s.files}
    label = name
    stem, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    number = 2
    while label in taken:
        label = f"{stem} ({number}){dot}{ext}"
        number += 1
    source = Source(given=label, kind="upload", uploaded_as=name,
                    files=[{"path": label, "sha256": sha, "suffix": suffix, "manifest": None}])
    return [*sources, source], {"name": name, "label": label, "status": "new", "detail": ""}


def remove_sources(sources: list[Source], labels: Iterable[str]) -> list[Source]:
    """``sources`` without the sources (or the files of a folder) labelled ``labels``.

    Raises:
        WorkspaceError: A label that names no input of the workspace.
    """
    result = [dataclasses.replace(s, exclude=list(s.exclude)) for s in sources]
    for label in labels:
        whole = [s for s in result if s.given == label]
        if whole:
            result = [s for s in result if s.given != label]
            continue
        holders = [s for s in result if s.kind == "path" and any(e["path"] == label for e in s.files)]
        if not holders:
            raise WorkspaceError(f"{label}: not an input of this workspace")
        for source in holders:
            source.exclude.append(label)
    return result


def display_name(name: str, suffix: str = "") -> str:
    """A user's file name as a one-line label (no folders, no control characters, bounded length)."""
    base = re.sub(r"[\x00-\x1f\x7f-\x9f]", "\ufffd", Path(str(name).replace("\\", "/")).name).strip()
    if base in ("", ".", ".."):
        base = f"upload{_safe_suffix(suffix)}"
    if len(base) > _MAX_NAME_CHARS:
        ext = _safe_suffix(Path(base).suffix)
        base = base[: _MAX_NAME_CHARS - len(ext)] + ext
    return base
