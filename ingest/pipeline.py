"""Files in, records out: read -> split -> detect metadata -> repair -> segment -> extract."""
from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from plankg.ingest.clauses import build_clauses
from plankg.ingest.extract import extract_document, link_corpus
from plankg.ingest.formats import reader_for
from plankg.ingest.metadata import detect_metadata
from plankg.ingest.read_base import ReadLimits
from plankg.ingest.read_notes import spans_within
from plankg.ingest.readers import file_error, iter_input_files, read_text
from plankg.ingest.records import Clause, Corpus, Document, IngestError, Target, stable_id
from plankg.ingest.repair import find_placeholders, find_repairs
from plankg.ingest.sandbox import OverBudget, run_within
from plankg.ingest.split import split_points
from plankg.ingest.traditional import reading_text, traditional_repairs
from plankg.ontology.regions import load_gazetteer

MANIFEST_NAME = "manifest.toml"
_OVERRIDABLE = ("title", "issuer", "region", "doc_type", "years", "reported_years", "published")


def bundled_corpus_dir() -> Path:
    """Folder of the bundled default corpus (the five seed plans and their manifest)."""
    return Path(str(resources.files("plankg.corpus")))


def bundled_paths() -> list[Path]:
    """The bundled corpus files, sorted."""
    return sorted(p for p in bundled_corpus_dir().iterdir() if p.suffix == ".txt")


def load_manifest(folder: Path) -> dict[str, dict]:
    """Per-document corrections from ``manifest.toml`` in ``folder`` (empty if none).

    Keys are file names, with ``#N`` for the N-th document (from 1) of a file holding several.
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(f"{path}: invalid manifest ({exc})") from None
    return {str(k): dict(v) for k, v in data.get("documents", {}).items()}


def read_documents(path: Path, text: str, manifest: dict[str, dict] | None = None) -> list[Document]:
    """Split one file's text into Documents with detected (and manifest-corrected) metadata."""
    manifest = manifest or {}
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    bounds = [0, *split_points(text), len(text)]
    file_titles = [ln.strip() for ln in text.split("\n")[:2] if ln.strip().lower().endswith((".docx", ".doc", ".pdf"))]
    documents = []
    gaz = load_gazetteer()
    several = len(bounds) > 2
    for part, (start, end) in enumerate(zip(bounds, bounds[1:])):
        part_text = text[start:end]
        reading = reading_text(part_text)  # simplified, same offsets, when written in traditional characters
        meta = detect_metadata(reading, file_titles if part == 0 else [])
        region = meta.region
        fields = {
            "title": meta.title,
            "issuer": meta.issuer,
            "region": region.name if region else None,
            "doc_type": meta.doc_type,
            "years": meta.years,
            "reported_years": meta.reported_years,
            "published": meta.published,
        }
        key = f"{path.name}#{part + 1}" if several else path.name
        for name, value in manifest.get(key, {}).items():
            if name in _OVERRIDABLE:
                fields[name] = tuple(value) if name in ("years", "reported_years") else value
        resolved = gaz.regions.get(fields["region"]) if fields["region"] else None
        level, parent = (resolved.level, resolved.parent) if resolved else (None, None)
        if meta.zone and fields["region"] == (region.name if region else None):
            # A functional area (宣城高新区) is the document's place, inside its city.
            fields["region"], level, parent = meta.zone, "zone", region.name
        documents.append(
            Document(
                id=stable_id("doc", digest, part),
                path=str(path),
                source_name=path.name,
                part=part,
                title=fields["title"],
                issuer=fields["issuer"],
                region=fields["region"],
                region_level=level,
                parent_region=parent,
                doc_type=fields["doc_type"],
                years=tuple(fields["years"]),
                reported_years=tuple(fields["reported_years"]),
                published=fields["published"],
                text=part_text,
                repairs=tuple(sorted(find_repairs(part_text) + traditional_repairs(part_text, reading),
                                     key=lambda repair: repair.start)),
                placeholders=tuple(find_placeholders(part_text)),
                file_start=start,
                reader=getattr(text, "reader", ""),
                ocr=spans_within(getattr(text, "ocr", ()), start, end),
                read_seconds=getattr(text, "seconds", None),
            )
        )
    return documents


def _warner(doc: Document, sink: list[str]) -> Callable[[str], None]:
    """A warning callback that names the document (and its part in a file holding several)."""
    where = f"{doc.path}{f'#{doc.part + 1}' if doc.part else ''}"
    return lambda message: sink.append(f"{where}: {message}")


_MB = 2**20


@dataclass(frozen=True)
class FileLimits:
    """Every bound on the work one file may cause (plain data: it travels to cluster workers).

    Attributes:
        read: Sizes and structure counted before or while the file is parsed.
        max_clauses: A document with more clauses is refused (None: no cap).
        max_seconds: Wall-clock budget of reading, segmenting and extracting one file, in a
            child process that is stopped when it runs out (None or 0: no child, no limit).
        max_memory_mb: Memory that child may add to what it inherited (None or 0: no cap).
    """

    read: ReadLimits = ReadLimits()
    max_clauses: int | None = 50_000
    max_seconds: float | None = 60.0
    max_memory_mb: float | None = 1024.0

    @classmethod
    def from_settings(cls, settings: Any) -> FileLimits:
        """The limits a :class:`plankg.settings.Settings` (or anything with its attribute names) sets."""
        return cls(
            ReadLimits(max_bytes=int(settings.max_file_mb * _MB), max_unpacked_bytes=int(settings.max_unpacked_mb * _MB),
                       max_pdf_pages=settings.max_pdf_pages, max_pdf_page_operators=settings.max_pdf_page_operators,
                       max_html_tags=settings.max_html_tags, max_docx_elements=settings.max_docx_elements),
            max_clauses=settings.max_clauses_per_document,
            max_seconds=settings.max_file_seconds,
            max_memory_mb=settings.max_file_memory_mb,
        )


@dataclass(frozen=True)
class FileTask:
    """Everything :func:`read_file` needs to read one file (plain data, so it can travel to a worker)."""

    path: Path
    manifest: dict[str, dict]
    limits: FileLimits = FileLimits()
    extract: bool = True


@dataclass(frozen=True)
class FileResult:
    """One file's documents, clauses and targets, or the one-line reason it could not be read.

    Reading and extraction warnings are kept apart: the corpus lists every reading warning first.
    """

    path: Path
    digest: str | None = None
    parts: tuple[tuple[Document, tuple[Clause, ...]], ...] = ()
    targets: tuple[Target, ...] = ()
    error: str | None = None
    read_warnings: tuple[str, ...] = ()
    extract_warnings: tuple[str, ...] = ()


class FileRunner(Protocol):
    """Runs :func:`read_file` over many tasks elsewhere (a Dask cluster: ``plankg.cluster``)."""

    def map_files(self, read: Callable[[FileTask], FileResult], tasks: list[FileTask],
                  on_done: Callable[[], None]) -> list[FileResult]:
        """Results in the order of ``tasks``; ``on_done`` is called as each one completes."""
        ...


def read_file(task: FileTask, known_digests: Container[str] = ()) -> FileResult:
    """Read, segment and (if asked) extract one file: a pure function of the file and the task.

    The unit of work of every build, serial or on a cluster; it never raises for a bad file. The
    work runs in a child process within the task's time and memory budget (:mod:`.sandbox`): a
    file past it gets one line naming the setting to raise, and the caller goes on.

    Args:
        task: The file and the limits to read it with.
        known_digests: Texts already read (by SHA-1): such a file comes back empty with its
            digest, so a serial build skips the work for a duplicate.
    """
    limits = task.limits
    _load_before_fork(task)
    try:
        return run_within(_read_file_here, task, known_digests, seconds=limits.max_seconds,
                          memory_mb=limits.max_memory_mb)
    except OverBudget as exc:
        return FileResult(task.path, error=str(file_error(task.path, str(exc))))
    except MemoryError:  # no child (no budget set, or no fork here): this process ran out
        return FileResult(task.path, error=str(file_error(task.path, "ran out of memory while reading")))


_WARM_UP_TEXT = ("某市科学技术局\n2025年科技工作要点\n一、主要目标\n到2025年，全市高新技术企业达到100家，"
                 "研发经费投入增长10%以上。\n二、重点任务\n（一）加快创新平台建设。（责任单位：市科技局）\n")
_warm = False


def _load_before_fork(task: FileTask) -> None:
    """Import the file's reader and the extractor here, so each child starts with them loaded.

    A child's imports and caches die with it; done once in the parent, they are shared by every
    child (a fork copies them for free).
    """
    global _warm
    reader_for(task.path.suffix.lower())
    if task.extract and not _warm:

        _warm = True
        # A few composed lines through every step fill the loaders' caches (regions, units,
        # indicators, lexicons) in this process once, instead of in every child.
        try:
            for doc in read_documents(Path("warm-up.txt"), _WARM_UP_TEXT):
                extract_document(doc, build_clauses(doc.id, doc.text, doc.repairs))
        except Exception:  # noqa: BLE001 - only a head start: each child loads what it lacks
            pass


def _read_file_here(task: FileTask, known_digests: Container[str]) -> FileResult:
    """:func:`read_file`'s work, in this process (``MemoryError`` goes up to the budget's child)."""
    path = task.path
    max_clauses = task.limits.max_clauses
    read_warnings: list[str] = []
    try:
        text = read_text(path, limits=task.limits.read)
        read_warnings.extend(f"{path}: {note}" for note in getattr(text, "notes", ()))  # e.g. numbers OCR doubts
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
        if digest in known_digests:
            return FileResult(path, digest)
        if max_clauses is not None:
            _check_lines(path, text, max_clauses)
        docs = read_documents(path, text, task.manifest)
        parts = [(doc, tuple(build_clauses(doc.id, reading_text(doc.text), doc.repairs, _warner(doc, read_warnings))))
                 for doc in docs]
        for _, doc_clauses in parts:
            if max_clauses is not None and len(doc_clauses) > max_clauses:
                raise file_error(path, f"too many clauses in one document ({len(doc_clauses):,} > "
                                       f"{max_clauses:,}; set max_clauses_per_document in plankg.toml)")
    except IngestError as exc:
        return FileResult(path, error=str(exc))
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop the batch
        return FileResult(path, error=str(file_error(path, f"could not be read ({type(exc).__name__}: {exc})")))
    targets: list[Target] = []
    extract_warnings: list[str] = []
    if task.extract:

        try:
            for doc, doc_clauses in parts:
                targets.extend(extract_document(doc, list(doc_clauses), _warner(doc, extract_warnings)))
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001 - extraction failing on one file must not stop the batch
            return FileResult(path, error=str(file_error(path, f"could not be extracted ({type(exc).__name__}: {exc})")))
    return FileResult(path, digest, tuple(parts), tuple(targets), None, tuple(read_warnings),
                      tuple(extract_warnings))


#: Lines of text a file may hold per clause the cap allows. Segmenting costs about 100 µs a line, so a
#: file of a million one-line paragraphs would take minutes before the clause cap refused it; wrapped
#: lines merge into clauses, so real files hold more lines than clauses, but not twice the cap.
LINES_PER_CLAUSE_CAP = 2


def _check_lines(path: Path, text: str, max_clauses: int) -> None:
    """Refuse a text of more non-empty lines than the clause cap could leave, before segmenting it."""
    limit = LINES_PER_CLAUSE_CAP * max_clauses
    lines = sum(1 for line in text.split("\n") if line.strip())
    if lines > limit:
        raise file_error(path, f"too many lines to segment ({lines:,} > {limit:,}, {LINES_PER_CLAUSE_CAP} per clause "
                               "of max_clauses_per_document; raise that setting in plankg.toml to read it)")


def read_corpus(
    paths: Iterable[str | os.PathLike[str]] | None = None,
    *,
    limits: FileLimits = FileLimits(),
    on_error: Callable[[str], None] | None = None,
    extract: bool = True,
    progress: Any = None,
    runner: FileRunner | None = None,
) -> Corpus:
    """Read files (or the bundled corpus) into a Corpus of documents, clauses and facts.

    A file that cannot be read is reported through ``on_error`` (and kept in ``Corpus.errors``)
    and the batch goes on. A file whose text is identical to one read before is one document:
    it is reported through ``on_error`` as a duplicate of the first path (not kept as an error).
    Each file is one :func:`read_file` call, here or through ``runner``; the results are joined
    in the order of the files, so a build on a cluster gives the same records as a serial one.

    Args:
        paths: Files or folders; None reads the bundled corpus.
        limits: Sizes, counts, clauses, time and memory one file may take
            (:meth:`FileLimits.from_settings` gives a workspace's).
        on_error: Called with a one-line message for each bad file.
        extract: Also extract targets, achievements and entities.
        progress: A :class:`plankg.progress.Progress`-like reporter (``start``/``advance``/
            ``finish``), or None.
        runner: Runs the per-file work elsewhere (e.g. on Dask); None reads here, one file at a time.
    """
    errors: list[str] = []

    def report(message: str) -> None:
        errors.append(message)
        if on_error:
            on_error(message)

    files: list[Path] = []
    if paths is None:
        files = bundled_paths()
    else:
        for given in paths:
            try:
                # A folder's manifest.toml describes its documents; it is not one of them.
                found = iter_input_files([given])
                files.extend(f for f in found if f.name != MANIFEST_NAME or Path(given) == f)
            except IngestError as exc:
                report(str(exc))
    manifests: dict[Path, dict[str, dict] | str] = {}
    tasks: list[FileTask | str] = []  # a task per file, or the message of its folder's bad manifest
    for path in files:
        if path.parent not in manifests:
            try:
                manifests[path.parent] = load_manifest(path.parent)
            except IngestError as exc:
                manifests[path.parent] = str(exc)
        manifest = manifests[path.parent]
        tasks.append(manifest if isinstance(manifest, str) else FileTask(path, manifest, limits, extract))
    if progress is not None:
        progress.start("reading and extraction" if extract else "reading", len(files))
    runnable = [t for t in tasks if isinstance(t, FileTask)]
    first_path: dict[str, Path] = {}
    if runner is not None and runnable:
        done = iter(runner.map_files(read_file, runnable, progress.advance if progress is not None else _nothing))
        results: Iterable[FileResult | str] = (next(done) if isinstance(t, FileTask) else t for t in tasks)
    else:
        # Lazily, one file at a time: the digests seen so far spare the work on a duplicate.
        results = (read_file(t, first_path) if isinstance(t, FileTask) else t for t in tasks)
    documents: list[Document] = []
    clauses: list[Clause] = []
    targets: list[Target] = []
    read_warnings: list[str] = []
    extract_warnings: list[str] = []
    for result in results:
        if progress is not None and runner is None:
            progress.advance()
        if isinstance(result, str):
            report(result)
            continue
        if result.error is not None:
            report(result.error)
            continue
        assert result.digest is not None
        if result.digest in first_path:
            # Said through on_error, but not an error: the text is in the corpus once.
            if on_error:
                on_error(f"{result.path}: duplicate of {first_path[result.digest]} (same text); read once")
            continue
        first_path[result.digest] = result.path
        for doc, doc_clauses in result.parts:
            documents.append(doc)
            clauses.extend(doc_clauses)
        targets.extend(result.targets)
        read_warnings.extend(result.read_warnings)
        extract_warnings.extend(result.extract_warnings)
    if progress is not None:
        progress.finish()
    corpus = Corpus(documents=tuple(documents), clauses=tuple(clauses), errors=tuple(errors),
                    warnings=tuple(read_warnings + extract_warnings))
    if not extract:
        return corpus
    if progress is not None:
        progress.start("entities and conflicts")

    corpus = link_corpus(corpus, targets)
    if progress is not None:
        progress.finish()
    return corpus


def _nothing() -> None:
    """A progress callback that does nothing."""
