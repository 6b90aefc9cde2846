"""Ingest: files → read → recognise → parse → store. The library API behind `upr-lens ingest`.

Reading and parsing run in worker processes (joblib); the store is written by the calling process, one
transaction per document, so a failing document never touches the store and an interrupted batch keeps
every document already committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from upr_lens.records import DocType, DocumentInfo, IngestResult, ParsedReport

SUFFIXES = (".pdf", ".docx", ".doc")


@dataclass
class Processed:
    """What a worker returns for one file."""

    path: str
    sha1: str | None = None
    info: DocumentInfo | None = None
    parsed: ParsedReport | None = None
    n_pages: int = 0
    error: str | None = None
    warning: str | None = None


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the documents inside folders named (recursively), in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)
    return found


def process_file(path: str | Path) -> Processed:
    """Read, recognise and parse one file; never raises for a bad document (the error is returned)."""
    from upr_lens.parse.detect import detect
    from upr_lens.parse.report import parse_report, starts_conclusions
    from upr_lens.read import DocumentError, read_document

    path = str(path)
    try:
        raw = read_document(path, section_start=starts_conclusions)
    except DocumentError as exc:
        return Processed(path, error=exc.reason)
    except Exception as exc:  # a reader bug must not stop the batch
        return Processed(path, error=f"could not be read ({type(exc).__name__}: {exc})")
    result = Processed(path, sha1=raw.sha1, n_pages=len(raw.pages))
    try:
        info = detect(raw.pages, raw.tables)
    except Exception as exc:
        result.error = f"could not be recognised ({type(exc).__name__}: {exc})"
        return result
    result.info = info
    if info.doc_type is DocType.NOT_UPR:
        result.error = f"not a UPR document: it looks like {info.looks_like}"
        return result
    if info.doc_type is DocType.OTHER_UPR:
        result.warning = f"a UPR {info.looks_like or 'document'}, not an outcome document: no recommendations"
        return result
    if not info.state_iso3 and info.doc_type in (DocType.REPORT, DocType.ADDENDUM):
        printed = info.state_printed or "none found"
        result.error = f"State under review not recognised ({printed!r})"
        return result
    if info.doc_type is DocType.REPORT:
        try:
            parsed = parse_report(raw.pages)
            if parsed.needs_dialogue and raw.skipped:  # early report: read the dialogue pages too
                raw = read_document(path)
                result.n_pages = len(raw.pages)
                parsed = parse_report(raw.pages)
        except Exception as exc:
            result.error = f"report could not be parsed ({type(exc).__name__}: {exc})"
            return result
        if not parsed.recommendations:
            reason = parsed.notes[0] if parsed.notes else "no recommendations found"
            result.error = f"Working Group report {info.symbol} without recommendations: {reason}"
            return result
        result.parsed = parsed
    else:
        result.warning = f"{info.doc_type.value} stored; its positions are read by a later version"
    return result


def ingest(
    paths: Sequence[str | Path],
    db: str | Path,
    *,
    workers: int = 1,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest files and folders into the store at *db*; returns one result per file."""
    import queue
    import threading

    from upr_lens import store

    files = collect_files(paths)
    con = store.connect(db)
    results: list[IngestResult] = []
    # the store is written by its own thread while the next documents are read and parsed: pdfium
    # and DuckDB both release the GIL, so the two overlap even with one worker
    pending: queue.Queue[Processed | None] = queue.Queue(maxsize=16)

    def write() -> None:
        while (processed := pending.get()) is not None:
            result = _save(con, processed)
            results.append(result)
            if on_result:
                on_result(result)

    writer = threading.Thread(target=write, name="upr-lens-store-writer", daemon=True)
    writer.start()
    try:
        for processed in _process_all(files, workers):
            pending.put(processed)
    finally:
        pending.put(None)
        writer.join()
        con.close()
    return results


def _process_all(files: Sequence[Path], workers: int):
    if workers <= 1 or len(files) <= 1:
        yield from (process_file(f) for f in files)
        return
    from joblib import Parallel, delayed

    parallel = Parallel(n_jobs=workers, return_as="generator", batch_size=1)
    yield from parallel(delayed(process_file)(str(f)) for f in files)


def _save(con, processed: Processed) -> IngestResult:
    from upr_lens import store

    result = IngestResult(path=processed.path, ok=processed.error is None, info=processed.info,
                          n_pages=processed.n_pages, error=processed.error)
    if processed.error:
        return result
    if processed.warning:
        result.notes.append(processed.warning)
    duplicate = store.find_duplicate(con, processed.sha1, processed.path)
    if duplicate:
        result.duplicate_of = duplicate
        result.notes.append(f"same content as {duplicate}: not stored twice")
        return result
    parsed = processed.parsed
    notes = list(parsed.notes) if parsed else []
    try:
        store.save_document(con, processed.info, parsed, source_file=processed.path, sha1=processed.sha1,
                            n_pages=processed.n_pages, notes=notes)
    except Exception as exc:
        result.ok = False
        result.error = f"could not be stored ({type(exc).__name__}: {exc})"
        return result
    result.n_recommendations = len(parsed.recommendations) if parsed else 0
    return result
