"""The fault matrix's outcomes, collected by test_fault_matrix.py and printed as a table.

Each cell is what one test saw: the driver's error (and how long it took to come), what
Home Assistant showed while the fault lasted, and whether the entry recovered on its own.
``ASIC_MINER_FAULT_MATRIX=PATH`` also writes the table to a Markdown file; the README's
"Fault matrix" table is compared with it (``readme_table``, ``same_but_timings``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

FAMILIES: dict[str, str] = {
    "s19pro": "Antminer X19/S21 (stock)",
    "s9": "Antminer S9 (stock, old)",
    "hiveon": "Hiveon (S9)",
    "m50s": "Whatsminer API V2",
    "m60s": "Whatsminer API V3",
    "gamma": "ESP-Miner (BitAxe Gamma, AxeOS 2.15)",
    "mini3": "Avalon Mini 3 (stock)",
    "bosminer": "Braiins OS BOSminer (S9)",
    "bosplus": "Braiins OS+ GraphQL (S19, 24.09)",
    "bos_rest": "Braiins OS REST 25.07+ (S21 Pro, 26.04)",
    "vnish": "VNish (S19 Pro, 1.3.4)",
    "mara": "MARA firmware (KS5 Pro, 3.14)",
    "luxos": "LuxOS (S19k Pro, 2025.4.8)",
    "epic": "ePIC PowerPlay (S19 XP, 1.5.13)",
    "goldshell": "Goldshell (SC Lite, 2.2.0)",
    "iceriver": "IceRiver (KS3M, 5977449_ks3m_miner)",
    "innosilicon": "Innosilicon (A9, innominer a9-1.1.0)",
    "elphapex": "Elphapex (DG1+, V1.0.2)",
    "hammer": "Hammer (D10, 2023-05-28)",
    "volcminer": "VolcMiner (D1, the D10's firmware)",
    "auradine": "Auradine (AT1500, FluxOS 2023-12.27)",
    "sealminer": "SealMiner (A2, 2025091001)",
    "mskminer": "MSKMiner (S19-88, 2.6.0.39)",
}
README = Path(__file__).resolve().parents[2] / "README.md"
README_SECTION = "### Fault matrix"
_TIMING = re.compile(r"\(\d+\.\d s\)")


@dataclass(frozen=True, slots=True)
class Outcome:
    driver: str  # the driver's error and how long it took, or what it did instead
    home_assistant: str  # what the entities showed while the fault lasted
    recovered: str  # how the entry came back


NOT_APPLICABLE = Outcome("n/a", "n/a", "n/a")
# fault -> family -> outcome, in the order the tests ran
MATRIX: dict[str, dict[str, Outcome]] = {}


def record(fault: str, family: str, outcome: Outcome) -> None:
    MATRIX.setdefault(fault, {})[family] = outcome


def markdown() -> str:
    """One row per fault, one column per family: driver error · entities · recovery."""
    families = [key for key in FAMILIES if any(key in row for row in MATRIX.values())]
    lines = [
        "| fault | " + " | ".join(FAMILIES[key] for key in families) + " |",
        "|---" * (len(families) + 1) + "|",
    ]
    for fault, row in MATRIX.items():
        cells = []
        for key in families:
            outcome = row.get(key)
            if outcome is None:
                cells.append("not run")
            elif outcome == NOT_APPLICABLE:
                cells.append("n/a")
            else:
                cells.append(f"{outcome.driver} · {outcome.home_assistant} · {outcome.recovered}")
        lines.append(f"| {fault} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def readme_table(readme: Path = README) -> str:
    """The table of the README's "Fault matrix" section, as written there."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    start = lines.index(README_SECTION)
    table: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            table.append(line.rstrip())
        elif table or line.startswith("#"):
            break
    return "\n".join(table)


def _rows(table: str) -> list[str]:
    return [line.split(" | ", 1)[0].removeprefix("| ") for line in table.splitlines()[2:]]


def missing_cells(readme: Path = README) -> list[tuple[str, str]]:
    """(fault, family) cells that no test recorded in this run, of the rows measured and
    the rows the README has."""
    faults = dict.fromkeys([*MATRIX, *_rows(readme_table(readme))])
    return [(f, key) for f in faults for key in FAMILIES if key not in MATRIX.get(f, {})]


def same_but_timings(first: str, second: str) -> bool:
    """Two tables alike once every "(0.4 s)" reads "(… s)": how long an error took to come
    differs from run to run by a tenth of a second."""
    return _TIMING.sub("(… s)", first) == _TIMING.sub("(… s)", second)


def write_if_asked() -> None:
    target = os.environ.get("ASIC_MINER_FAULT_MATRIX")
    if target and MATRIX:
        Path(target).write_text(markdown() + "\n", encoding="utf-8")
