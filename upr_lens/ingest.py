"""Ingest: files → read → recognise → parse → store. The library API behind `upr-lens ingest`.

Reading and parsing run in worker processes (joblib); the store is written by one writer thread of the
calling process, each document whole or not at all, so a failing document never touches the store and an
interrupted batch keeps every document already committed. Failures in the writer reach the caller: the
document's result says why, and a writer that stops ends the batch with every unstored document named.
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
    pages: tuple = ()  # an addendum's pages: its bare ids are resolved against the stored report
    thematic: tuple = ()  # a thematic list's rows

    @property
    def depends_on_reports(self) -> bool:
        """Addenda and thematic lists are stored after the reports of the same batch."""
        return self.info is not None and self.info.doc_type in (DocType.ADDENDUM, DocType.THEMATIC_LIST)


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
    elif info.doc_type is DocType.ADDENDUM:
        if raw.skipped:
            raw = read_document(path)
        result.pages = raw.pages
    elif info.doc_type is DocType.THEMATIC_LIST:
        from upr_lens.parse.thematic_list import parse_thematic_list

        result.thematic = tuple(parse_thematic_list(raw.tables))
        if not result.thematic:
            result.error = "thematic list without recommendation rows"
    return result


def ingest(
    paths: Sequence[str | Path],
    db: str | Path,
    *,
    workers: int = 1,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest files and folders into the store at *db*; returns one result per file.

    A document that cannot be stored fails on its own (its result says why; the store is left as it was).
    If the writer thread itself stops, reading stops too: every document not stored gets a failed result
    naming the cause, so the batch never hangs and never reports success for what it did not store. An
    exception raised by *on_result* is re-raised once the batch has been wound up.
    """
    import queue
    import threading

    from upr_lens import store

    files = collect_files(paths)
    con = store.connect(db)
    results: list[IngestResult] = []
    # the store is written by its own thread while the next documents are read and parsed: pdfium
    # and DuckDB both release the GIL, so the two overlap even with one worker
    pending: queue.Queue[Processed | None] = queue.Queue(maxsize=16)
    stopped = threading.Event()  # set when the writer is gone for good
    failure: list[BaseException] = []  # what stopped it
    callback_failed = threading.Event()
    in_hand: list[Processed] = []  # the group the writer holds: documents without a result if it stops

    def deliver(result: IngestResult) -> None:
        results.append(result)
        if on_result and not callback_failed.is_set():
            try:
                on_result(result)
            except BaseException:
                callback_failed.set()
                raise

    def write() -> None:
        import time

        try:
            finished = False
            while not finished:
                # documents that arrive within a short window are written together (see _save_group): one
                # transaction costs about as much as a few documents' rows
                group = [pending.get()]
                deadline = time.monotonic() + WRITE_WAIT
                while group[-1] is not None and len(group) < WRITE_GROUP:
                    try:
                        group.append(pending.get(timeout=max(0.0, deadline - time.monotonic())))
                    except queue.Empty:
                        break
                if group[-1] is None:
                    group.pop()
                    finished = True
                in_hand[:] = [p for p in group if p is not None]
                for result in _save_group(con, in_hand):
                    deliver(result)
                    _drop_first(in_hand, result.path)
                in_hand.clear()
        except BaseException as exc:  # reaches the caller: see the wind-up below
            failure.append(exc)
        finally:
            stopped.set()

    def put(item: Processed | None) -> bool:
        """Queue *item* for the writer; False (at once, or as soon as it stops) if the writer is gone."""
        while not stopped.is_set():
            try:
                pending.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    writer = threading.Thread(target=write, name="upr-lens-store-writer", daemon=True)
    writer.start()
    unwritten: list[Processed] = []
    n_read = 0
    try:
        later = []
        for processed in _process_all(files, workers):
            n_read += 1
            if stopped.is_set():
                unwritten.append(processed)
                break
            if processed.depends_on_reports:
                later.append(processed)
            elif not put(processed):
                unwritten.append(processed)
        for processed in later:
            if not put(processed):
                unwritten.append(processed)
    finally:
        put(None)
        writer.join()
        con.close()
    if failure:
        cause = failure[0]
        reason = f"not ingested: the store writer stopped ({type(cause).__name__}: {cause})"
        leftover = []
        while True:
            try:
                item = pending.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                leftover.append(item)
        done = {r.path for r in results}
        not_read = [Processed(str(f)) for f in files[n_read:]]
        for processed in [*in_hand, *leftover, *unwritten, *not_read]:
            if processed.path in done:
                continue
            done.add(processed.path)
            result = IngestResult(path=processed.path, ok=False, info=processed.info,
                                  n_pages=processed.n_pages, error=reason)
            try:
                deliver(result)
            except BaseException:
                pass  # on_result failed: it is re-raised below
        if callback_failed.is_set():
            raise cause
    return results


def _drop_first(group: list[Processed], path: str) -> None:
    for k, processed in enumerate(group):
        if processed.path == path:
            del group[k]
            return


SMALL_BATCH = 8  # below this, starting worker processes costs more than it saves
WRITE_GROUP = 16  # documents written in one transaction when they are waiting (each still whole or not at all)
WRITE_WAIT = 0.3  # seconds the writer waits for more documents to join a group


def _process_all(files: Sequence[Path], workers: int):
    """Read and parse in *workers* worker processes (in this process for a small batch), so that the
    calling process is free to write the store while they parse."""
    if workers < 1 or len(files) < SMALL_BATCH:
        yield from (process_file(f) for f in files)
        return
    from joblib import Parallel, delayed

    parallel = Parallel(n_jobs=workers, return_as="generator", batch_size=1)
    yield from parallel(delayed(process_file)(str(f)) for f in files)


def _save_group(con, group: Sequence[Processed]) -> list[IngestResult]:
    """Store the documents that are waiting, in one transaction when possible.

    Reports go together; addenda and thematic lists are checked against stored reports, so they are
    written one by one. If a group's transaction fails, nothing of it is kept and each document is
    written again on its own, so only the faulty one fails. A document whose checks against the store
    fail (a query raising) fails on its own, with the reason in its result.
    """
    results: list[IngestResult] = []
    ready: list[tuple[IngestResult, tuple[str, dict]]] = []
    seen: dict[str, str] = {}
    for processed in group:
        if processed.depends_on_reports and ready:  # its report may be among those waiting: write them first
            _write(con, ready)
            ready = []
        try:
            result, rows = _prepare(con, processed, seen)
        except Exception as exc:  # a store query failed: this document fails, the batch goes on
            result, rows = IngestResult(path=processed.path, ok=False, info=processed.info,
                                        n_pages=processed.n_pages,
                                        error=f"could not be stored ({type(exc).__name__}: {exc})"), None
        results.append(result)
        if rows is None:
            continue
        if processed.depends_on_reports:
            _write(con, [(result, rows)])
            continue
        if any(rows[0] == waiting[0] for _, waiting in ready):  # the same document twice: keep the order
            _write(con, ready)
            ready = []
        ready.append((result, rows))
    if ready:
        _write(con, ready)
    return results


def _write(con, items: list[tuple[IngestResult, tuple[str, dict]]]) -> None:
    from upr_lens import store

    try:
        store.save_documents(con, [rows for _, rows in items])
        return
    except Exception as exc:
        if len(items) == 1:
            result = items[0][0]
            result.ok, result.n_recommendations = False, 0
            result.error = f"could not be stored ({type(exc).__name__}: {exc})"
            return
    for item in items:  # the group failed as a whole: one transaction per document
        _write(con, [item])


def _prepare(con, processed: Processed, seen: dict[str, str]) -> tuple[IngestResult, tuple | None]:
    """The result record and the rows to write for one processed file (None: nothing to write)."""
    from upr_lens import store

    result = IngestResult(path=processed.path, ok=processed.error is None, info=processed.info,
                          n_pages=processed.n_pages, error=processed.error)
    if processed.error:
        return result, None
    if processed.info is None or processed.sha1 is None:  # process_file gives both when there is no error
        raise ValueError(f"{processed.path}: processed without an error, a content hash or a recognition")
    if processed.warning:
        result.notes.append(processed.warning)
    duplicate = seen.get(processed.sha1) or store.find_duplicate(con, processed.sha1, processed.path)
    if duplicate:
        result.duplicate_of = duplicate
        result.notes.append(f"same content as {duplicate}: not stored twice")
        return result, None
    seen[processed.sha1] = processed.path
    parsed = processed.parsed
    notes = list(parsed.notes) if parsed else []
    try:
        extra, checks = _positions(con, processed)
    except Exception as exc:
        result.ok = False
        result.error = f"could not be checked against its report ({type(exc).__name__}: {exc})"
        return result, None
    notes.extend(checks)
    result.notes.extend(checks)
    rows = store.document_rows(processed.info, parsed, source_file=processed.path, sha1=processed.sha1,
                               n_pages=processed.n_pages, notes=notes, extra=extra)
    result.n_recommendations = len(parsed.recommendations) if parsed else 0
    return result, rows


def _positions(con, processed: Processed) -> tuple[dict[str, list[dict]], list[str]]:
    """Position rows (and thematic rows) for a document, checked against its report in the store."""
    from upr_lens.parse.addendum import parse_addendum
    from upr_lens.track import positions as track

    info = processed.info
    if info is None:
        return {}, []
    if info.doc_type is DocType.REPORT:
        return {"positions": track.report_rows(info, processed.parsed)} if processed.parsed else {}, []
    report = track.report_symbol_of(info.symbol or "")
    stored = con.execute(
        "SELECT rec_id, paragraph, decision FROM recommendations WHERE symbol = ?", [report]
    ).fetchall()
    report_ids = {r[0] for r in stored}
    examined = {r[0] for r in stored if r[2] == "to_be_examined"}
    notes = [] if stored else [f"report {report} is not in the store: positions kept, not checked"]
    if info.doc_type is DocType.ADDENDUM:
        paragraphs = sorted({r[1] for r in stored if r[2] == "to_be_examined"})
        parsed = parse_addendum(processed.pages, paragraphs[0] if len(paragraphs) == 1 else None,
                                report_ids=(examined or report_ids) or None)
        notes += [f"{info.symbol}: {n}" for n in parsed.notes if not n.startswith("explanation for")]
        notes += track.check_addendum(parsed.positions, report_ids, examined, info.symbol or "")
        return {"positions": track.addendum_rows(info, parsed.positions)}, notes
    if info.doc_type is DocType.THEMATIC_LIST:
        states: dict[str, list[str | None]] = {}
        for rec_id, iso3 in con.execute(
            "SELECT r.rec_id, s.state_iso3 FROM recommendations r JOIN recommendation_states s USING (rec_key) "
            "WHERE r.symbol = ?", [report]
        ).fetchall():
            states.setdefault(rec_id, []).append(iso3)
        for rec_id in report_ids:
            states.setdefault(rec_id, [])
        table, rows = track.thematic_rows(info, processed.thematic)
        if stored:
            notes += track.check_thematic_list(processed.thematic, {k: sorted(filter(None, v)) for k, v in
                                                                    states.items()}, report)
        return {"thematic_rows": table, "positions": rows}, notes
    return {}, []
