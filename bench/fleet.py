"""The benchmark's fleet composition: one row per simulated model.

A new firmware family joins the benchmark with one row per model: the simulator's model key
(tests/simulator, any family of tests/simulator/families.py), the make and model a client
must report for it (with the other right spellings the clients use), the firmware group of
the requests table, and which clients read it (a client is given, and judged on, only the
models it supports).
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
    also: tuple[str, ...] = ()  # other right spellings of the model ("qhome" for "q")
    makes: tuple[str, ...] = ()  # other right spellings of the make ("avalon")

    def read_by(self, client: str) -> bool:
        return client in self.readers

    def names(self) -> set[tuple[str, str]]:
        return {(k, m) for k in (self.make, *self.makes) for m in (self.model, *self.also)}


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
    # Avalons: pyasic and pyasic-rs say make "AvalonMiner", ours "Avalon" (as Canaan sells
    # them). pyasic 0.79.0 has no NerdQAxe class (pyasic/miners/factory.py: MINER_CLASSES).
    BenchModel("avalon-nano3s", "avalonminer", "nano3s", "Avalon", makes=("avalon",)),
    BenchModel("avalon-mini3", "avalonminer", "mini3", "Avalon", makes=("avalon",)),
    # pyasic names it "Avalon Q Home", pyasic-rs "AvalonHomeQ", ours "Avalon Q".
    BenchModel(
        "avalon-q", "avalonminer", "q", "Avalon", also=("qhome", "homeq"), makes=("avalon",)
    ),
    # pyasic "AvalonMiner Avalon1566" (pyasic/miners/device/models/avalonminer), ours
    # "Avalon A1566".
    BenchModel("avalon-a1566", "avalonminer", "1566", "Avalon", also=("a1566",), makes=("avalon",)),
    BenchModel("espminer-bitaxe-gamma", "bitaxe", "gamma", "ESP-Miner"),
    BenchModel("espminer-bitaxe-gamma-2.12", "bitaxe", "gamma", "ESP-Miner"),
    BenchModel("espminer-bitaxe-supra-2.4", "bitaxe", "supra", "ESP-Miner"),
    BenchModel("espminer-nerdqaxe-pp", "nerdaxe", "nerdqaxe++", "ESP-Miner", ("ours", "pyasic-rs")),
)
BY_KEY = {row.key: row for row in ROWS}
KEYS = tuple(BY_KEY)
GROUPS = tuple(sorted({row.group for row in ROWS}))


def check_simulated(known: set[str]) -> None:
    """Fail before anything starts when a row names a model the simulator does not have."""
    unknown = [row.key for row in ROWS if row.key not in known]
    if unknown:
        raise SystemExit(f"bench/fleet.py names models the simulator lacks: {', '.join(unknown)}")


def composition() -> str:
    """ "3 Antminer X19/S21, 1 Antminer S9, ..." — the models per group, for the report."""
    counts: dict[str, int] = {}
    for row in ROWS:
        counts[row.group] = counts.get(row.group, 0) + 1
    return ", ".join(f"{n} {group}" for group, n in counts.items())
