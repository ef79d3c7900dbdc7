"""The benchmark's fleet composition: one row per simulated model.

A new firmware family joins the benchmark with one row per model: the simulator's model key
(tests/simulator, any family of tests/simulator/families.py), the make and model every client
must report for it, the firmware group of the requests table, and which clients read it (a
client is given, and judged on, only the models it supports).
"""

from __future__ import annotations

from dataclasses import dataclass

CLIENTS = ("ours", "pyasic", "pyasic-rs")


@dataclass(frozen=True, slots=True)
class BenchModel:
    key: str  # tests/simulator model key
    make: str  # what a client must report, compared as bench.run.normal does
    model: str
    group: str  # the firmware column of the requests table
    readers: tuple[str, ...] = CLIENTS  # the clients that support this model

    def read_by(self, client: str) -> bool:
        return client in self.readers


ROWS: tuple[BenchModel, ...] = (
    BenchModel("antminer-s19pro", "antminer", "s19pro", "Antminer X19/S21"),
    BenchModel("antminer-s19jpro", "antminer", "s19jpro", "Antminer X19/S21"),
    BenchModel("antminer-s21", "antminer", "s21", "Antminer X19/S21"),
    BenchModel("antminer-s9", "antminer", "s9", "Antminer S9"),
    BenchModel("whatsminer-m30s+", "whatsminer", "m30s+", "Whatsminer API V2"),
    BenchModel("whatsminer-m50s", "whatsminer", "m50s", "Whatsminer API V2"),
    BenchModel("whatsminer-m56s", "whatsminer", "m56s", "Whatsminer API V2"),
    BenchModel("whatsminer-m60s", "whatsminer", "m60s", "Whatsminer API V3"),
    BenchModel("whatsminer-m66s", "whatsminer", "m66s", "Whatsminer API V3"),
)
BY_KEY = {row.key: row for row in ROWS}
KEYS = tuple(BY_KEY)
GROUPS = tuple(sorted({row.group for row in ROWS}))


def check_simulated(known: set[str]) -> None:
    """Fail before anything starts when a row names a model the simulator does not have."""
    unknown = [row.key for row in ROWS if row.key not in known]
    if unknown:
        raise SystemExit(f"bench/fleet.py names models the simulator lacks: {', '.join(unknown)}")


def makes() -> str:
    """ "4 Antminer, 5 Whatsminer" — the composition, for the report's prose."""
    counts: dict[str, int] = {}
    for row in ROWS:
        counts[row.make] = counts.get(row.make, 0) + 1
    return ", ".join(f"{n} {make.title()}" for make, n in counts.items())
