"""Ingest: files → read → recognise → parse → store. The library API behind `upr-lens ingest`.

Reading and parsing run in reader worker processes (:class:`upr_lens.read.workers.ReaderPool`), each
with a memory limit (RLIMIT_AS) and a time limit per document, ending when the calling process ends: a
hostile file costs its own error line and at most that memory, never the batch. The store is written by
one writer thread of the calling process, each document whole or not at all, so a failing document never
touches the store and an interrupted batch keeps every document already committed. Failures in the
writer reach the caller: the document's result says why, and a writer that stops ends the batch with
every unstored document named.

A report replaces the stored copy of its symbol only if it is as complete (see
:mod:`upr_lens.store.documents`); two copies of one symbol in a batch are reported, never settled silently
by their order.

A thematic list (matrix) whose report is not stored gives the review its recommendations (see
:func:`upr_lens.store.documents.settle_reviews`); its State, cycle and Working Group session come from its
page header, else from the store (:func:`_review_from_store`), and a report stored later takes the review
over, with a note.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from upr_lens.records import DocType, DocumentInfo, IngestResult, Page, ParsedReport
from upr_lens.store import documents

SUFFIXES = (".pdf", ".docx", ".doc")
TIMEOUT = 120.0  # seconds a reader worker may spend on one document (a report takes well under 5)
MEMORY_MB = 768  # memory (address space) for all reader workers together, shared equally: with the calling
# process (~150 MB) the whole process tree stays under 1 GB
MIN_WORKER_MB = 384  # ... but never less than this per worker: one worker reading the 304 reports, Slovenia and
# the matrices in turn peaks at 176 MB of address space (libraries, pdfium, lxml included)


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
    incomplete: str | None = None  # why a report looks incomplete (it stops before its own end)

    @property
    def depends_on_reports(self) -> bool:
        """Addenda and thematic lists are stored after the reports of the same batch."""
        return self.info is not None and self.info.doc_type in (DocType.ADDENDUM, DocType.THEMATIC_LIST)


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the documents inside folders named (recursively), in a stable order; a file named
    twice is taken once."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(os.path.normpath(os.path.abspath(path)), path)
    return list(unique.values())


def stored_name(path: str | Path) -> str:
    """*path* as text that can be stored and printed: bytes of a name that is not valid UTF-8 become
    ``\\xff``-style escapes (Python holds them as surrogates, which the store cannot encode)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


_SECTION_DONE = re.compile(
    r"^\s*(?:\d{1,3}\.\s*)?All conclusions and/or recommendations|^\s*(?:Annex(?:es)?\b|ANNEX\b|"
    r"Composition of the delegation|\*\s*\*\s*\*|[IVX]{1,4}\.\s+Voluntary\b)", re.I)
_BLANK = 40  # characters: a page with fewer has no text


def incompleteness(pages: Sequence[Page], parsed: ParsedReport, kind: str = "pdf") -> str | None:
    """Why a report's text shows that it stops before its own end, or None.

    A complete report's conclusions section ends: after the last recommendation come the closing paragraph
    ("All conclusions and/or recommendations ... reflect the position of ..."), the annex or the list of
    the delegation, and the last pages of a PDF have text. A cut or damaged file shows neither."""
    texts = [page.text for page in pages] if kind == "pdf" else []
    blank = 0
    for text in reversed(texts):
        if len(text.strip()) >= _BLANK:
            break
        blank += 1
    if blank and blank < len(texts) and len(texts) > 1:
        return f"its last {blank} of {len(texts)} pages have no text"
    if not parsed.recommendations:
        return None
    last_page = max((r.page for r in parsed.recommendations), default=0) or 1
    after = (line for page in pages if page.number >= last_page for line in page.text.split("\n"))
    if any(_SECTION_DONE.match(line) for line in after):
        return None
    return (f"its recommendations stop at {parsed.recommendations[-1].rec_id} and the section never ends "
            "(no closing paragraph, annex or delegation list)")


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
    except MemoryError:
        return Processed(path, error=_out_of_memory())
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
        except DocumentError as exc:  # the second reading
            result.error = exc.reason
            return result
        except MemoryError:
            result.error = _out_of_memory()
            return result
        except Exception as exc:
            result.error = f"report could not be parsed ({type(exc).__name__}: {exc})"
            return result
        if not parsed.recommendations:
            reason = parsed.notes[0] if parsed.notes else "no recommendations found"
            result.error = f"Working Group report {info.symbol} without recommendations: {reason}"
            return result
        result.parsed = parsed
        result.incomplete = incompleteness(raw.pages, parsed, raw.kind)
    elif info.doc_type is DocType.ADDENDUM:
        if raw.skipped:
            try:
                raw = read_document(path)
            except DocumentError as exc:
                result.error = exc.reason
                return result
        result.pages = raw.pages
    elif info.doc_type is DocType.THEMATIC_LIST:
        from upr_lens.parse.thematic_list import parse_thematic_list

        try:
            result.thematic = tuple(parse_thematic_list(raw.tables))
        except Exception as exc:  # a malformed table fails this list only
            result.error = f"thematic list could not be parsed ({type(exc).__name__}: {exc})"
            return result
        if not result.thematic:
            result.error = "thematic list without recommendation rows"
        result.info = _thematic_review(info, raw.pages[0].text if raw.pages else "")
    return result


def _thematic_review(info: DocumentInfo, heading: str) -> DocumentInfo:
    """A thematic list's review as far as the list tells it: the Working Group session its heading prints
    (and so the cycle, through the calendar), else the cycle it prints; the HRC session of the report symbol."""
    from dataclasses import replace

    from upr_lens.parse.thematic_list import review_heading
    from upr_lens.upr_calendar import cycle_of_wg_session

    session, printed_cycle = review_heading(heading)
    wg = info.wg_session or session
    cycle = info.cycle or cycle_of_wg_session(wg) or printed_cycle
    hrc = re.match(r"A/HRC/(\d+)/", info.symbol or "")
    return replace(info, wg_session=wg, cycle=cycle,
                   hrc_session=info.hrc_session or (int(hrc.group(1)) if hrc else None))


def _review_from_store(con, info: DocumentInfo) -> tuple[DocumentInfo, list[str]]:
    """A thematic list's review completed from the store: what its stored report says (State, sessions,
    cycle), else the Working Group session of the stored reports of the same HRC session (a Working Group
    session's reports all go to one HRC session). Notes say where a figure came from or that it is unknown."""
    from dataclasses import replace

    from upr_lens.upr_calendar import cycle_of_wg_session

    notes: list[str] = []
    report = con.execute(
        "SELECT state_iso3, state_name, wg_session, cycle FROM documents WHERE doc_id = ? AND doc_type = 'report'",
        [info.symbol]).fetchone()
    if report:
        return replace(info, state_iso3=info.state_iso3 or report[0], state_name=info.state_name or report[1],
                       wg_session=info.wg_session or report[2], cycle=info.cycle or report[3]), notes
    if info.wg_session is None and info.hrc_session is not None:
        found = con.execute(
            "SELECT DISTINCT wg_session FROM documents WHERE doc_type = 'report' AND hrc_session = ? "
            "AND wg_session IS NOT NULL", [info.hrc_session]).fetchall()
        if len(found) == 1:
            wg = int(found[0][0])
            info = replace(info, wg_session=wg, cycle=info.cycle or cycle_of_wg_session(wg))
            notes.append(f"Working Group session {wg}: that of the stored reports of HRC session {info.hrc_session}")
    if info.wg_session is None:
        notes.append(f"Working Group session of {info.symbol} unknown: neither the list nor the store gives it")
    if info.state_iso3 is None:
        notes.append(f"State under review of {info.symbol} not recognised in the list's heading")
    return info, notes


def _out_of_memory() -> str:
    from upr_lens.read.limits import out_of_memory

    return out_of_memory()


def ingest(
    paths: Sequence[str | Path],
    db: str | Path,
    *,
    workers: int = 1,
    on_result: Callable[[IngestResult], None] | None = None,
    replace: bool = False,
    timeout: float = TIMEOUT,
    memory_mb: int = MEMORY_MB,
) -> list[IngestResult]:
    """Ingest files and folders into the store at *db*; returns one result per file.

    Files are read by *workers* reader processes (0: in this process, without the limits), each limited to
    an equal share of *memory_mb* (at least :data:`MIN_WORKER_MB`) and to *timeout* seconds per document.
    A document that cannot be stored fails on its own (its result says why; the store is left as it was).
    A report that is incomplete or has fewer recommendations than the stored copy of its symbol does not
    replace it unless *replace* is given. If the writer thread itself stops, reading stops too: every
    document not stored gets a failed result naming the cause, so the batch never hangs and never reports
    success for what it did not store. An exception raised by *on_result* is re-raised once the batch has
    been wound up.
    """
    import queue
    from contextlib import closing

    from upr_lens import store

    files = collect_files(paths)
    con = store.connect(db)
    results: list[IngestResult] = []
    # the store is written by its own thread while the next documents are read and parsed
    pending: queue.Queue[Processed | None] = queue.Queue(maxsize=16)
    stopped = threading.Event()  # set when the writer is gone for good
    failure: list[BaseException] = []  # what stopped it
    callback_failed = threading.Event()
    in_hand: list[Processed] = []  # the group the writer holds: documents without a result if it stops
    batch = _Batch(replace=replace)

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

        _WRITER.batch = batch  # what _save_group remembers across the groups of this batch
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
        reading = _process_all(files, workers, timeout=timeout, memory_mb=memory_mb, stop=stopped.is_set)
        with closing(reading):
            for processed in reading:
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


def stored_summary(db: str | Path, results: Sequence[IngestResult]) -> tuple[int, int]:
    """(documents, recommendations) that the files of *results* have in the store at *db* now: a file
    stored and then replaced by another of the same batch is not counted."""
    from upr_lens import store

    names = sorted({stored_name(r.path) for r in results if r.ok and not r.duplicate_of})
    if not names:
        return 0, 0
    con = store.connect(db, read_only=True)
    try:
        row = con.execute("SELECT count(*), coalesce(sum(n_recommendations), 0) FROM documents "
                          "WHERE list_contains(?::VARCHAR[], source_file)", [names]).fetchone()
    finally:
        con.close()
    return int(row[0]), int(row[1])


def _drop_first(group: list[Processed], path: str) -> None:
    for k, processed in enumerate(group):
        if processed.path == path:
            del group[k]
            return


WRITE_GROUP = 16  # documents written in one transaction when they are waiting (each still whole or not at all)
WRITE_WAIT = 0.3  # seconds the writer waits for more documents to join a group


# ----------------------------------------------------------------------------------------- reader workers


def _process_all(files: Sequence[Path], workers: int, *, timeout: float = TIMEOUT, memory_mb: int = MEMORY_MB,
                 stop: Callable[[], bool] = lambda: False) -> Generator[Processed, None, None]:
    """The files read and parsed, in their order: by *workers* reader processes (see
    :class:`upr_lens.read.workers.ReaderPool`), or
    in this process, without limits, when *workers* is 0."""
    if workers < 1:
        for f in files:
            if stop():
                return
            yield process_file(f)
        return
    from upr_lens.read.workers import ReaderPool

    share = max(MIN_WORKER_MB, memory_mb // max(1, min(workers, len(files))))
    pool = ReaderPool("upr_lens.ingest:process_file", min(workers, len(files)), memory_mb=share, timeout=timeout)
    try:
        yield from pool.run([str(f) for f in files], stop, lambda path, reason: Processed(path, error=reason))
    finally:
        pool.close()


# ----------------------------------------------------------------------------------------- the writer


@dataclass
class _Batch:
    """What the writer remembers across the groups of one batch."""

    replace: bool = False
    seen: dict[str, str] = field(default_factory=dict)  # content hash → path stored in this batch
    written: dict[str, Processed] = field(default_factory=dict)  # doc_id → the file stored in this batch


_WRITER = threading.local()  # the _Batch of the writer thread running in this thread


def _save_group(con, group: Sequence[Processed]) -> list[IngestResult]:
    """Store the documents that are waiting, in one transaction when possible.

    Reports go together; addenda and thematic lists are checked against stored reports, so they are
    written one by one. If a group's transaction fails, nothing of it is kept and each document is
    written again on its own, so only the faulty one fails. A document whose checks against the store
    fail (a query raising) fails on its own, with the reason in its result.
    """
    from upr_lens import store

    batch: _Batch = getattr(_WRITER, "batch", None) or _Batch()
    results: list[IngestResult] = []
    ready: list[tuple[IngestResult, tuple[str, dict], Processed]] = []

    def flush() -> None:
        nonlocal ready
        if ready:
            _write(con, [(result, rows) for result, rows, _ in ready])
            for result, rows, processed in ready:
                if result.ok:
                    batch.written[rows[0]] = processed
            ready = []

    for processed in group:
        if processed.depends_on_reports:  # its report may be among those waiting: write them first
            flush()
        elif processed.info is not None and processed.sha1 is not None and any(
                rows[0] == store.document_id(processed.info, processed.sha1) for _, rows, _ in ready):
            flush()  # the same symbol twice: the first is stored before the second is judged
        try:
            result, rows = _prepare(con, processed, batch)
        except Exception as exc:  # a store query failed: this document fails, the batch goes on
            result, rows = IngestResult(path=processed.path, ok=False, info=processed.info,
                                        n_pages=processed.n_pages,
                                        error=f"could not be stored ({type(exc).__name__}: {exc})"), None
        results.append(result)
        if rows is None:
            continue
        ready.append((result, rows, processed))
        if processed.depends_on_reports:
            flush()
    flush()
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


def _prepare(con, processed: Processed, batch: _Batch) -> tuple[IngestResult, tuple | None]:
    """The result record and the rows to write for one processed file (None: nothing to write)."""
    from upr_lens import store

    result = IngestResult(path=processed.path, ok=processed.error is None, info=processed.info,
                          n_pages=processed.n_pages, error=processed.error)
    if processed.error:
        return result, None
    if processed.info is None or processed.sha1 is None:  # process_file gives both when there is no error
        raise ValueError(f"{stored_name(processed.path)}: processed without an error, a content hash or a "
                         "recognition")
    if processed.warning:
        result.notes.append(processed.warning)
    source = stored_name(processed.path)
    duplicate = batch.seen.get(processed.sha1) or store.find_duplicate(con, processed.sha1, source)
    if duplicate:
        result.duplicate_of = duplicate
        result.notes.append(f"same content as {stored_name(duplicate)}: not stored twice")
        return result, None
    parsed = processed.parsed
    n_recs = len(parsed.recommendations) if parsed else _review_from_list(con, processed)
    doc_id = store.document_id(processed.info, processed.sha1)
    refusal, replacing = _replacement(con, processed, doc_id, n_recs, batch)
    if refusal:
        result.ok, result.error = False, refusal
        return result, None
    batch.seen[processed.sha1] = source
    if parsed and processed.info.doc_type is DocType.REPORT:
        replacing = replacing + _takes_over_from_list(con, processed.info.symbol or "", doc_id, parsed)
    notes = list(parsed.notes) if parsed else []
    if processed.incomplete:
        notes.insert(0, documents.INCOMPLETE + processed.incomplete)
        why = "" if replacing or batch.replace else f"; stored, as no copy of {doc_id} was stored"
        result.notes.append(f"{documents.INCOMPLETE}{processed.incomplete}{why}")
    result.notes.extend(replacing)
    if processed.info.doc_type is DocType.THEMATIC_LIST and processed.info.symbol:
        try:
            processed.info, review_notes = _review_from_store(con, processed.info)
        except Exception as exc:
            result.ok = False
            result.error = f"could not be checked against the store ({type(exc).__name__}: {exc})"
            return result, None
        result.info = processed.info
        notes.extend(review_notes)
        result.notes.extend(review_notes)
    try:
        extra, checks = _positions(con, processed)
    except Exception as exc:
        result.ok = False
        result.error = f"could not be checked against its report ({type(exc).__name__}: {exc})"
        return result, None
    if not parsed and n_recs:
        checks.append(f"the review's recommendations: its {n_recs} ids (decision '{documents.THEMATIC_DECISION}', "
                      f"positions as printed) until report {processed.info.symbol} is stored")
    notes.extend(checks)
    result.notes.extend(checks)
    rows = store.document_rows(processed.info, parsed, source_file=source, sha1=processed.sha1,
                               n_pages=processed.n_pages, notes=notes, extra=extra)
    result.n_recommendations = n_recs
    return result, rows


def _takes_over_from_list(con, symbol: str, doc_id: str, parsed: ParsedReport) -> list[str]:
    """A note when a report takes its review over from the stored thematic list (whose rows were its
    recommendations), with what that leaves without a recommendation (ids the report does not have)."""
    listed = documents.THEMATIC_PREFIX + symbol
    held = con.execute("SELECT count(*) FROM recommendations WHERE doc_id = ?", [listed]).fetchone()[0]
    if not held:
        return []
    orphans = documents.orphaned_by(con, listed, [f"{doc_id}#{r.rec_id}" for r in parsed.recommendations])
    lost = (f"; {orphans[0]} classification(s) and {orphans[1]} follow-up annotation(s) on ids the report does not "
            "have are left without their recommendation") if any(orphans) else ""
    return [f"its {len(parsed.recommendations)} recommendations replace the {held} that the thematic list "
            f"{listed} gave the review (the list keeps its rows and positions){lost}"]


def _review_from_list(con, processed: Processed) -> int:
    """How many recommendations a thematic list gives its review: its distinct ids when the report is not
    stored (the list's rows become the review's recommendations), else 0 (the report's are kept)."""
    info = processed.info
    if info is None or info.doc_type is not DocType.THEMATIC_LIST or not info.symbol:
        return 0
    if con.execute("SELECT 1 FROM documents WHERE doc_id = ? AND doc_type = 'report'", [info.symbol]).fetchone():
        return 0
    return len({row.rec_id for row in processed.thematic})


def _replacement(con, processed: Processed, doc_id: str, n_recs: int, batch: _Batch) -> tuple[str | None, list[str]]:
    """(why *processed* must not replace what is stored under *doc_id*, or None; notes on a replacement)."""
    stored = documents.stored_copy(con, doc_id)
    if stored is None:
        return None, []
    earlier = batch.written.get(doc_id)
    new_keys = [f"{doc_id}#{r.rec_id}" for r in (processed.parsed.recommendations if processed.parsed else ())]
    if processed.thematic and processed.info is not None:  # a list's recommendations carry its report's symbol
        new_keys = [f"{processed.info.symbol}#{row.rec_id}" for row in processed.thematic]
    orphans = documents.orphaned_by(con, doc_id, new_keys)
    lost = (f"; {orphans[0]} classification(s) and {orphans[1]} follow-up annotation(s) are left without their "
            "recommendation") if any(orphans) else ""
    if batch.replace:
        if stored.sha1 == processed.sha1:
            return None, []
        return None, [f"replaces the stored copy of {doc_id} ({stored.source_file}, {stored.n_recommendations} "
                      f"recommendations), as --replace asks{lost}"]
    refusal = documents.replacement_refusal(stored, n_recs, processed.incomplete)
    if earlier is not None and earlier.sha1 != processed.sha1:  # two copies of one symbol in this batch
        better = n_recs > stored.n_recommendations or (not stored.complete and not processed.incomplete)
        if refusal is None and better:
            return None, [f"{stored.source_file} of this batch has the same symbol {doc_id}: this copy is more "
                          f"complete ({n_recs} recommendations against {stored.n_recommendations}) and replaces it"]
        return (f"not stored: {stored.source_file} of this batch has the same symbol {doc_id} "
                f"({stored.n_recommendations} recommendations; this copy {n_recs}); --replace stores this one "
                "instead"), []
    if refusal:
        return f"not stored over the stored copy: {refusal}; --replace stores it anyway", []
    if stored.sha1 != processed.sha1 and stored.sha1:
        return None, [f"replaces the stored copy of {doc_id} ({stored.source_file}, {stored.n_recommendations} "
                      f"recommendations; different content){lost}"]
    return None, []


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
