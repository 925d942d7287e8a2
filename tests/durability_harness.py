"""Kill-at-random durability harness, shared by tests/core/test_durability.py (a few dozen kills)
and tests/bench/bench_durability.py (hundreds).

A child process (this file, run as ``python durability_harness.py child DB SYNC``) executes a
deterministic stream of notebook commands and prints ``ack <i> <ms>`` after each
``NotebookSession.execute`` returns, i.e. after the change was reported as saved. The parent
SIGKILLs it at random moments (during start-up, mid-stream, between commit and print), then opens
the database itself and checks that the stored notebook is *exactly* the notebook after the first
``revision`` commands of the stream, with ``revision`` covering every acknowledged command.
The next child resumes the stream where the stored revision says it stopped.
"""

from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
SOURCE_ROOT = HERE.parent / "desktop"
if str(SOURCE_ROOT) not in sys.path:  # the child runs as a plain script
    sys.path.insert(0, str(SOURCE_ROOT))

from qarin.core.document import Span  # noqa: E402
from qarin.core.errors import NotebookError  # noqa: E402
from qarin.core.notes.commands import (  # noqa: E402
    AddClaim,
    AddNote,
    AddTag,
    Command,
    DeleteClaim,
    DeleteNote,
    DismissSuggestion,
    UpdateClaim,
)
from qarin.core.notes.model import Claim, Evidence, Note, Notebook  # noqa: E402
from qarin.core.notes.session import NotebookSession  # noqa: E402
from qarin.core.notes.store import NotebookStore  # noqa: E402

DOC_HASH = "durability-" + "0" * 53
LIVE = 150  # groups kept alive before the stream deletes old claims/notes: a realistic size
PERIOD = 5
MAX_PER_CHILD = 5000


def _at(i: int) -> str:
    # Fixed times make the stream deterministic, so the parent can rebuild the expected notebook.
    return f"2026-01-01T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}.000Z"


def command_for(i: int) -> Command:
    """The i-th command of the stream (claims and notes come and go; ~LIVE of each live)."""
    step, group = i % PERIOD, i // PERIOD
    old = group - LIVE
    if step == 0:
        claim = Claim(f"c{group}", (Span("ar", i, i + 12), Span("en", i, i + 20)),
                      sentences=(f"ar:{group}", f"en:{group}"), claimant=f"المتحدث {group}",
                      cue="قال", tags=(f"t{group % 9}",),
                      evidence=(Evidence("url", f"https://example.org/{group}"),))
        return AddClaim(claim, at=_at(i))
    if step == 1:
        return UpdateClaim.of(f"c{group}", status="disputed", notes=f"checked {i} ✓",
                              at=_at(i))
    if step == 2:
        return AddNote(Note(f"n{group}", "pair", f"ملاحظة {i}", sentences=(f"ar:{group}",)),
                       at=_at(i))
    if step == 3:
        return DeleteClaim(f"c{old}") if old >= 0 else DismissSuggestion(f"s{group}")
    return DeleteNote(f"n{old}") if old >= 0 else AddTag(f"topic {group}")


class ExpectedStream:
    """The notebook after the first n commands, computed forward (n only grows)."""

    def __init__(self) -> None:
        self.n = 0
        self.notebook = Notebook(DOC_HASH)

    def at(self, n: int) -> Notebook:
        if n < self.n:
            raise ValueError("the stored revision went backwards")
        while self.n < n:
            self.notebook = command_for(self.n).apply(self.notebook)
            self.n += 1
        return self.notebook


# ---------------------------------------------------------------------------------------------
# child


def child_main(db: str, synchronous: str) -> None:
    with NotebookStore(db, synchronous=synchronous) as store:
        session = NotebookSession(store, DOC_HASH)
        start = session.revision  # one revision per command: resume where the last stopped
        # Bounded, and a vanished parent ends it too (writing to a closed pipe raises).
        for i in range(start, start + MAX_PER_CHILD):
            cmd = command_for(i)
            t0 = time.perf_counter()
            session.execute(cmd)
            ms = (time.perf_counter() - t0) * 1000
            sys.stdout.write(f"ack {i} {ms:.3f}\n")
            sys.stdout.flush()


# ---------------------------------------------------------------------------------------------
# parent


@dataclass
class DurabilityReport:
    kills: int = 0
    acknowledged: int = 0  # acks seen, over all children
    lost: int = 0  # acknowledged commands missing after a kill
    problems: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    final_revision: int = 0

    @property
    def ok(self) -> bool:
        return self.lost == 0 and not self.problems

    def percentile(self, q: float) -> float:
        data = sorted(self.latencies_ms)
        if not data:
            return float("nan")
        return data[min(len(data) - 1, int(q * len(data)))]

    def summary(self) -> str:
        lines = [
            f"{self.kills} kills survived, {self.lost} acknowledged changes lost"
            if self.ok else
            f"{self.kills} kills: {self.lost} acknowledged changes lost, "
            f"{len(self.problems)} problems",
            f"{self.acknowledged} acknowledged commands, final revision {self.final_revision}",
        ]
        if self.latencies_ms:
            lines.append(
                f"execute() applied+saved: median {statistics.median(self.latencies_ms):.2f} ms, "
                f"p95 {self.percentile(0.95):.2f} ms, max {max(self.latencies_ms):.2f} ms "
                f"over {len(self.latencies_ms)} commands")
        lines += self.problems[:10]
        return "\n".join(lines)


def _spawn(db: Path, synchronous: str) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SOURCE_ROOT),
                                                    env.get("PYTHONPATH")) if p)
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "child", str(db), synchronous],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, bufsize=1)


class _Output:
    """The child's stdout lines, collected by a thread so the parent can wait for n of them."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self._cond = threading.Condition()
        self._done = False
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            with self._cond:
                self.lines.append(line)
                self._cond.notify_all()
        with self._cond:
            self._done = True
            self._cond.notify_all()

    def wait_for(self, n: int, timeout: float) -> None:
        with self._cond:
            self._cond.wait_for(lambda: len(self.lines) >= n or self._done, timeout)

    def join(self) -> None:
        self._thread.join()


def _one_life(db: Path, rng: random.Random, synchronous: str,
              report: DurabilityReport) -> int | None:
    """Run one child, kill it at a random moment; the last acknowledged index (or None)."""
    proc = _spawn(db, synchronous)
    assert proc.stdout is not None and proc.stderr is not None
    out = _Output(proc.stdout)
    if rng.random() < 0.2:
        # Kill during start-up: interpreter, imports, opening the store, first commit.
        time.sleep(rng.uniform(0.0, 0.15))
    else:
        out.wait_for(rng.randint(1, 25), timeout=20)
        time.sleep(rng.uniform(0.0, 0.004))  # land anywhere inside the next command
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    out.join()
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.stderr.close()
    if proc.returncode != -signal.SIGKILL:
        report.problems.append(f"child exited by itself ({proc.returncode}): {stderr[-500:]}")
    last: int | None = None
    for line in out.lines:
        parts = line.split()
        # Only whole lines count: a half-written "ack" is not an acknowledgement.
        if line.endswith("\n") and len(parts) == 3 and parts[0] == "ack":
            last = int(parts[1])
            report.acknowledged += 1
            report.latencies_ms.append(float(parts[2]))
    return last


def run_kills(db: Path, kills: int, *, seed: int = 0, synchronous: str = "FULL",
              progress: bool = False) -> DurabilityReport:
    """Kill ``kills`` children; after each, check the stored notebook (see module docstring)."""
    rng = random.Random(seed)
    report = DurabilityReport()
    expected = ExpectedStream()
    acked_upto = -1
    for k in range(kills):
        last = _one_life(db, rng, synchronous, report)
        if last is not None:
            acked_upto = max(acked_upto, last)
        report.kills += 1
        try:
            with NotebookStore(db, synchronous=synchronous) as store:
                state = store.load(DOC_HASH)
        except NotebookError as e:
            report.problems.append(f"kill {k}: the store did not open: {e}")
            break
        revision = state.revision if state else 0
        report.final_revision = revision
        if revision < acked_upto + 1:
            report.lost += acked_upto + 1 - revision
            report.problems.append(f"kill {k}: revision {revision}, acknowledged {acked_upto + 1}")
        stored = state.notebook if state else Notebook(DOC_HASH)
        try:
            want = expected.at(revision)
        except ValueError as e:
            report.problems.append(f"kill {k}: {e}")
            break
        if stored != want:
            report.problems.append(f"kill {k}: stored notebook differs from the stream at "
                                   f"revision {revision}")
        if progress and (k + 1) % 50 == 0:
            print(f"  {k + 1} kills, revision {revision}", file=sys.stderr, flush=True)
    return report


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child":
        child_main(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: durability_harness.py child DB SYNCHRONOUS")
