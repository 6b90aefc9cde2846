"""Ingest: files → read → recognise → parse → store. The library API behind `upr-lens ingest`.

Reading and parsing run in reader worker processes (:class:`_Pool`), each with a memory limit (RLIMIT_AS)
and a time limit per document, ending when the calling process ends: a hostile file costs its own error
line and at most that memory, never the batch. The store is written by one writer thread of the calling
process, each document whole or not at all, so a failing document never touches the store and an
interrupted batch keeps every document already committed. Failures in the writer reach the caller: the
document's result says why, and a writer that stops ends the batch with every unstored document named.

A report replaces the stored copy of its symbol only if it is as complete (see
:mod:`upr_lens.store.documents`); two copies of one symbol in a batch are reported, never settled silently
by their order.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from upr_lens.records import DocType, DocumentInfo, IngestResult, Page, ParsedReport
from upr_lens.store import documents

SUFFIXES = (".pdf", ".docx", ".doc")
TIMEOUT = 120.0  # seconds a reader worker may spend on one document (a report takes well under 5)
MEMORY_MB = 1024  # memory (address space) for all reader workers together, shared equally
MIN_WORKER_MB = 512  # ... but never less than this per worker (a reader maps ~300 MB, most of it unused)


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


def incompleteness(pages: Sequence[Page], parsed: ParsedReport) -> str | None:
    """Why a report's text shows that it stops before its own end, or None.

    A complete report's conclusions section ends: after the last recommendation come the closing paragraph
    ("All conclusions and/or recommendations ... reflect the position of ..."), the annex or the list of
    the delegation, and the last pages have text. A cut or damaged file shows neither."""
    texts = [page.text for page in pages]
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
        result.incomplete = incompleteness(raw.pages, parsed)
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
    return result


_MEMORY_LIMIT: list[int] = []  # in a reader worker: its memory limit (MB)


def _out_of_memory() -> str:
    limit = f"the {_MEMORY_LIMIT[0]} MB memory limit" if _MEMORY_LIMIT else "the memory available"
    return f"reading it needs more than {limit} (a decompression bomb?): not read"


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
    """The files read and parsed, in their order: by *workers* reader processes (see :class:`_Pool`), or
    in this process, without limits, when *workers* is 0."""
    if workers < 1:
        for f in files:
            if stop():
                return
            yield process_file(f)
        return
    share = max(MIN_WORKER_MB, memory_mb // max(1, min(workers, len(files))))
    pool = _Pool(min(workers, len(files)), memory_mb=share, timeout=timeout)
    try:
        yield from pool.run([str(f) for f in files], stop)
    finally:
        pool.close()


_WORKER_CODE = ("import sys; sys.path.insert(0, sys.argv[3]); "
                "from upr_lens.ingest import _worker_main; _worker_main(int(sys.argv[1]), int(sys.argv[2]))")


def _worker_main(memory_mb: int, parent_pid: int) -> None:
    """A reader worker: paths in on stdin, :class:`Processed` out on stdout (length-prefixed pickles).

    It ends with its parent (see :func:`upr_lens.read.limits.die_with_parent`), ignores Ctrl-C (the parent
    decides) and lives within *memory_mb* of address space."""
    import pickle
    import signal

    from upr_lens.read.limits import die_with_parent, limit_memory

    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = os.dup(1)
    os.dup2(2, 1)  # a library that prints must not corrupt the replies
    limit_memory(memory_mb)
    _MEMORY_LIMIT.append(memory_mb)
    while True:
        header = _read_exact(0, 8)
        if header is None:
            return  # the parent closed the pipe: done
        payload = _read_exact(0, int.from_bytes(header, "big"))
        if payload is None:
            return
        path = pickle.loads(payload)
        try:
            result = process_file(path)
        except MemoryError:
            result = Processed(path, error=_out_of_memory())
        except Exception as exc:
            result = Processed(path, error=f"could not be read ({type(exc).__name__}: {exc})")
        retire = result.error == _out_of_memory()  # memory the library lost on the way is not trusted again
        try:
            reply = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            reply, retire = pickle.dumps(Processed(path, error=_out_of_memory())), True
        _write_all(out, (len(reply) | (_RETIRE if retire else 0)).to_bytes(8, "big") + reply)
        if retire:
            return


_RETIRE = 1 << 63  # in a reply's length: the worker ends after this reply


def _read_exact(fd: int, n: int) -> bytes | None:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


@dataclass
class _Worker:
    """One reader process and the document it is reading."""

    process: object
    index: int = -1
    path: str = ""
    deadline: float = 0.0

    @property
    def fd(self) -> int:
        return self.process.stdout.fileno()  # type: ignore[attr-defined]


class _Pool:
    """Reader worker processes, supervised: each document has a deadline; a worker that overruns it is
    killed, one that dies (out of memory, a crash in the PDF library) is replaced, and either way only
    that document fails, with one line saying why. Results come back in the order of the files."""

    def __init__(self, size: int, *, memory_mb: int, timeout: float):
        self.size, self.memory_mb, self.timeout = max(1, size), memory_mb, timeout
        self.idle: list[_Worker] = []
        self.busy: dict[int, _Worker] = {}

    def _start(self) -> _Worker:
        import subprocess
        import sys

        root = str(Path(__file__).resolve().parents[1])
        process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_CODE, str(self.memory_mb), str(os.getpid()), root],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
        return _Worker(process)

    def _send(self, index: int, path: str) -> _Worker:
        import pickle
        import time

        payload = pickle.dumps(path)
        for attempt in range(2):
            worker = self.idle.pop() if self.idle else self._start()
            try:
                stdin = worker.process.stdin  # type: ignore[attr-defined]
                _write_all(stdin.fileno(), len(payload).to_bytes(8, "big") + payload)
            except OSError:  # the worker is gone: a fresh one
                self._kill(worker)
                if attempt:
                    raise
                continue
            worker.index, worker.path, worker.deadline = index, path, time.monotonic() + self.timeout
            return worker
        raise OSError("no reader process")  # pragma: no cover - the loop returns or raises

    def run(self, paths: Sequence[str], stop: Callable[[], bool]) -> Iterator[Processed]:
        import pickle
        import select
        import time

        todo = list(enumerate(paths))[::-1]
        done: dict[int, Processed] = {}
        next_out = 0
        while next_out < len(paths):
            while todo and len(self.busy) < self.size and len(done) < 4 * self.size:
                index, path = todo.pop()
                try:
                    worker = self._send(index, path)
                except OSError as exc:
                    done[index] = Processed(path, error=f"could not start a reader process ({exc})")
                    continue
                self.busy[worker.fd] = worker
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if stop():
                return
            if not self.busy:
                continue
            now = time.monotonic()
            wait = min(w.deadline for w in self.busy.values()) - now
            ready, _, _ = select.select(list(self.busy), [], [], min(max(wait, 0.0), 0.5))
            for fd in ready:
                worker = self.busy.pop(fd)
                header = int.from_bytes(_read_exact(fd, 8) or b"", "big")
                payload = _read_exact(fd, header & ~_RETIRE) if header else None
                if payload is None:
                    done[worker.index] = Processed(worker.path, error=self._death(worker))
                    continue
                try:
                    done[worker.index] = pickle.loads(payload)
                except Exception as exc:
                    done[worker.index] = Processed(worker.path, error=f"unreadable reply from the reader ({exc})")
                    self._kill(worker)
                    continue
                if header & _RETIRE:
                    self._kill(worker, wait_only=True)
                else:
                    self.idle.append(worker)
            now = time.monotonic()
            for fd, worker in list(self.busy.items()):
                if now >= worker.deadline:
                    del self.busy[fd]
                    self._kill(worker)
                    done[worker.index] = Processed(
                        worker.path, error=f"reading took longer than {self.timeout:g} s (the time limit for one "
                                           "document): stopped")

    def _death(self, worker: _Worker) -> str:
        import signal

        self._kill(worker, wait_only=True)
        code = worker.process.returncode  # type: ignore[attr-defined]
        how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit code {code}"
        return (f"the reader process died ({how}): the document needs more than the {self.memory_mb} MB memory "
                "limit, or crashes the PDF library: not read")

    @staticmethod
    def _kill(worker: _Worker, wait_only: bool = False) -> None:
        import subprocess

        process = worker.process
        try:
            if not wait_only:
                process.kill()  # type: ignore[attr-defined]
            process.wait(timeout=5)  # type: ignore[attr-defined]
        except (OSError, subprocess.TimeoutExpired):
            process.kill()  # type: ignore[attr-defined]
        for pipe in (process.stdin, process.stdout):  # type: ignore[attr-defined]
            try:
                pipe.close()
            except OSError:
                pass

    def close(self) -> None:
        """End every worker: idle ones by closing their input, busy ones by force."""
        for worker in self.idle:
            try:
                worker.process.stdin.close()  # type: ignore[attr-defined]
            except OSError:
                pass
        for worker in self.busy.values():
            self._kill(worker)
        for worker in self.idle:
            self._kill(worker, wait_only=True)
        self.idle, self.busy = [], {}


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
    n_recs = len(parsed.recommendations) if parsed else 0
    doc_id = store.document_id(processed.info, processed.sha1)
    refusal, replacing = _replacement(con, processed, doc_id, n_recs, batch)
    if refusal:
        result.ok, result.error = False, refusal
        return result, None
    batch.seen[processed.sha1] = source
    notes = list(parsed.notes) if parsed else []
    if processed.incomplete:
        notes.insert(0, documents.INCOMPLETE + processed.incomplete)
        result.notes.append(f"{documents.INCOMPLETE}{processed.incomplete}: stored, as no copy of {doc_id} was "
                            "stored")
    result.notes.extend(replacing)
    try:
        extra, checks = _positions(con, processed)
    except Exception as exc:
        result.ok = False
        result.error = f"could not be checked against its report ({type(exc).__name__}: {exc})"
        return result, None
    notes.extend(checks)
    result.notes.extend(checks)
    rows = store.document_rows(processed.info, parsed, source_file=source, sha1=processed.sha1,
                               n_pages=processed.n_pages, notes=notes, extra=extra)
    result.n_recommendations = n_recs
    return result, rows


def _replacement(con, processed: Processed, doc_id: str, n_recs: int, batch: _Batch) -> tuple[str | None, list[str]]:
    """(why *processed* must not replace what is stored under *doc_id*, or None; notes on a replacement)."""
    stored = documents.stored_copy(con, doc_id)
    if stored is None:
        return None, []
    earlier = batch.written.get(doc_id)
    new_keys = [f"{doc_id}#{r.rec_id}" for r in (processed.parsed.recommendations if processed.parsed else ())]
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
        parsed = parse_addendum(processed.pages, paragraphs[0] if len(paragraphs) == 1 else None)
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
