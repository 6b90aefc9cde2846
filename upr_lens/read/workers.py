"""Reader worker processes, supervised: a hostile file costs its own error line, bounded memory and time.

:class:`ReaderPool` runs a function ("module:function", e.g. ``upr_lens.ingest:process_file``) on each
file in its own worker processes (``python -c``, no multiprocessing machinery: no resource tracker, no
semaphores). Each worker:

* lives within an address-space limit (:func:`upr_lens.read.limits.limit_memory`): an allocation past it
  is a MemoryError (the worker answers "needs more than the N MB memory limit" and retires) or, in the
  PDF library, an abort (the pool sees the worker die and says so);
* has a deadline per document: past it, it is killed and that document fails with "took longer than";
* ends with its parent (:func:`upr_lens.read.limits.die_with_parent`): killing ingest, even with
  SIGKILL, leaves no worker behind; it ignores Ctrl-C, which the parent handles.

A dead or killed worker is replaced by a fresh one for the next document. Results come back in the order
of the files. Requests and replies are length-prefixed pickles over the worker's stdin/stdout (stdout is
moved aside first, so a library that prints cannot corrupt a reply).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_CODE = ("import sys; sys.path.insert(0, sys.argv[4]); from upr_lens.read.workers import worker_main; "
         "worker_main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))")
_RETIRE = 1 << 63  # in a reply's length: the worker ends after this reply
_BUFFERED = 4  # results held per worker while an earlier file is still being read


def worker_main(target: str, memory_mb: int, parent_pid: int) -> None:
    """The worker's loop: a path in, ``("ok", result)`` or ``("error", reason)`` out, until stdin closes."""
    import importlib
    import signal

    from upr_lens.read.limits import die_with_parent, limit_memory, out_of_memory

    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = os.dup(1)
    os.dup2(2, 1)  # a library that prints must not corrupt the replies
    module, name = target.split(":")
    function = getattr(importlib.import_module(module), name)
    limit_memory(memory_mb)
    while True:
        header = _read_exact(0, 8)
        payload = _read_exact(0, int.from_bytes(header, "big")) if header else None
        if payload is None:
            return  # the parent closed the pipe: done
        path = pickle.loads(payload)
        reply: tuple[str, Any]
        try:
            reply = ("ok", function(path))
        except MemoryError:
            reply = ("error", out_of_memory())
        except Exception as exc:
            reply = ("error", f"could not be read ({type(exc).__name__}: {exc})")
        # memory a library lost on the way out of a failed allocation is not trusted again
        retire = out_of_memory() in (reply[1], getattr(reply[1], "error", None))
        try:
            data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data, retire = pickle.dumps(("error", out_of_memory())), True
        _write_all(out, (len(data) | (_RETIRE if retire else 0)).to_bytes(8, "big") + data)
        if retire:
            return


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
    """One worker process and the file it is reading."""

    process: Any  # subprocess.Popen
    index: int = -1
    path: str = ""
    deadline: float = 0.0

    @property
    def fd(self) -> int:
        return self.process.stdout.fileno()


class ReaderPool:
    """Up to *size* workers running *target* on files, each within *memory_mb* and *timeout* seconds."""

    def __init__(self, target: str, size: int, *, memory_mb: int, timeout: float):
        self.target, self.size, self.memory_mb, self.timeout = target, max(1, size), memory_mb, timeout
        self.idle: list[_Worker] = []
        self.busy: dict[int, _Worker] = {}

    def run(self, paths: Sequence[str], stop: Callable[[], bool],
            failed: Callable[[str, str], Any]) -> Iterator[Any]:
        """*target*'s result for each path, in order; ``failed(path, reason)`` for a file whose worker died,
        overran its time or raised. Returns early (workers still to be closed) once *stop()* is true."""
        import select
        import time

        todo = list(enumerate(paths))[::-1]
        done: dict[int, Any] = {}
        next_out = 0
        while next_out < len(paths):
            while todo and len(self.busy) < self.size and len(done) < _BUFFERED * self.size:
                index, path = todo.pop()
                try:
                    worker = self._send(index, path)
                except OSError as exc:
                    done[index] = failed(path, f"could not start a reader process ({exc})")
                    continue
                self.busy[worker.fd] = worker
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if stop():
                return
            if not self.busy:
                continue
            wait = min(w.deadline for w in self.busy.values()) - time.monotonic()
            ready, _, _ = select.select(list(self.busy), [], [], min(max(wait, 0.0), 0.5))
            for fd in ready:
                worker = self.busy.pop(fd)
                done[worker.index] = self._receive(worker, failed)
            now = time.monotonic()
            for fd, worker in list(self.busy.items()):
                if now >= worker.deadline:
                    del self.busy[fd]
                    self._kill(worker)
                    done[worker.index] = failed(worker.path, f"reading took longer than {self.timeout:g} s (the "
                                                             "time limit for one document): stopped")

    def _start(self) -> _Worker:
        import subprocess
        import sys

        root = str(Path(__file__).resolve().parents[2])  # where this upr_lens is imported from
        process = subprocess.Popen(
            [sys.executable, "-c", _CODE, self.target, str(self.memory_mb), str(os.getpid()), root],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
        return _Worker(process)

    def _send(self, index: int, path: str) -> _Worker:
        import time

        payload = pickle.dumps(path)
        for attempt in range(2):
            worker = self.idle.pop() if self.idle else self._start()
            try:
                _write_all(worker.process.stdin.fileno(), len(payload).to_bytes(8, "big") + payload)
            except OSError:  # the worker is gone: a fresh one, once
                self._kill(worker)
                if attempt:
                    raise
                continue
            worker.index, worker.path, worker.deadline = index, path, time.monotonic() + self.timeout
            return worker
        raise OSError("no reader process")  # pragma: no cover - the loop returns or raises

    def _receive(self, worker: _Worker, failed: Callable[[str, str], Any]) -> Any:
        header = int.from_bytes(_read_exact(worker.fd, 8) or b"", "big")
        payload = _read_exact(worker.fd, header & ~_RETIRE) if header else None
        if payload is None:
            return failed(worker.path, self._death(worker))
        try:
            kind, value = pickle.loads(payload)
        except Exception as exc:
            self._kill(worker)
            return failed(worker.path, f"unreadable reply from the reader process ({type(exc).__name__})")
        if header & _RETIRE:
            self._kill(worker, wait_only=True)
        else:
            self.idle.append(worker)
        return value if kind == "ok" else failed(worker.path, value)

    def _death(self, worker: _Worker) -> str:
        import signal

        self._kill(worker, wait_only=True)
        code = worker.process.returncode
        how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit code {code}"
        return (f"the reader process died ({how}): the document needs more than the {self.memory_mb} MB memory "
                "limit, or crashes the PDF library: not read")

    @staticmethod
    def _kill(worker: _Worker, wait_only: bool = False) -> None:
        import subprocess

        process = worker.process
        try:
            if not wait_only:
                process.kill()
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        for pipe in (process.stdin, process.stdout):
            try:
                pipe.close()
            except OSError:
                pass

    def close(self) -> None:
        """End every worker: idle ones by closing their input (they exit), busy ones by force."""
        for worker in self.idle:
            try:
                worker.process.stdin.close()
            except OSError:
                pass
        for worker in self.busy.values():
            self._kill(worker)
        for worker in self.idle:
            self._kill(worker, wait_only=True)
        self.idle, self.busy = [], {}
