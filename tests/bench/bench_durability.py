"""Durability benchmark: SIGKILL a notebook writer N times at random moments (default 500) and
report acknowledged changes lost (must be 0) and the time of execute() (target < 20 ms).

    PYTHONPATH=desktop python tests/bench/bench_durability.py [COUNT] [--seed S] [--sync FULL]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import durability_harness


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("count", nargs="?", type=int, default=500, help="kills (default 500)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sync", default="FULL", choices=["FULL", "NORMAL", "EXTRA"])
    parser.add_argument("--db", type=Path, help="database file (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "notebooks.sqlite3"
        t0 = time.perf_counter()
        report = durability_harness.run_kills(db, args.count, seed=args.seed,
                                              synchronous=args.sync, progress=True)
        print(report.summary())
        print(f"synchronous={args.sync}, {time.perf_counter() - t0:.1f} s")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
