"""Scenario "home assistant": N config entries in one Home Assistant polling simulated miners.

    .venv/bin/python -m bench.ha_scenario [--entries 10,100] [--json bench/results/ha.json]

A mixed fleet (Antminer S19 Pro and S9, Whatsminer M50S on API V2 and M60S on API V3,
Antminers on Braiins OS's three generations and on VNish, in turn) runs in its own process
on 127.0.201.1 … (``bench/ha_fleet.py``). For each N, a fresh
Python process builds Home Assistant the way the tests do (the
pytest-homeassistant-custom-component ``hass`` fixture; ``bench/ha_measure.py``), sets up N
entries and measures:

- loop time per refresh cycle: the time the event loop spent running callbacks during one
  ``asyncio.gather`` of every coordinator's ``async_refresh`` (polls, parsing, entity state
  writes), the cycle's wall time and the process CPU time; median of 5 cycles after one
  warm-up cycle; callbacks of 0.1 s or more (asyncio's slow-callback threshold), all cycles;
- memory per entry: Python allocations (tracemalloc) and resident memory (RSS) after
  setting up the N entries minus before, over N (integration and platforms loaded before).

Prints a Markdown table and writes the JSON (``run(...)`` returns the same dictionary).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import ha_fleet

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "bench" / "results" / "ha.json"
DEFAULT_ENTRIES = (10, 100)
FLEET_START_TIMEOUT = 60.0
RUN_TIMEOUT = 100.0


def _start_fleet(count: int, workdir: Path) -> tuple[subprocess.Popen[str], Path]:
    """Start ``bench.ha_fleet`` and wait for its description line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.ha_fleet", "--count", str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # blocks until the fleet listens (or exits)
    if not line.strip():
        process.wait(timeout=FLEET_START_TIMEOUT)
        raise RuntimeError(f"the simulated fleet did not start (exit {process.returncode})")
    fleet = workdir / "fleet.json"
    fleet.write_text(line, encoding="utf-8")
    return process, fleet


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _measure(count: int, fleet: Path, workdir: Path, *, tracemalloc: bool) -> dict[str, Any]:
    out = workdir / f"ha-{count}.json"
    env = {
        **os.environ,
        "BENCH_HA_ENTRIES": str(count),
        "BENCH_HA_FLEET": str(fleet),
        "BENCH_HA_OUT": str(out),
        "BENCH_HA_TRACEMALLOC": "1" if tracemalloc else "0",
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:randomly",
        "-p",
        "no:cacheprovider",
        "--no-cov",
        "bench/ha_measure.py",
    ]
    done = subprocess.run(
        command,
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    if done.returncode != 0 or not out.exists():
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-2000:])
        raise RuntimeError(f"the Home Assistant run with {count} entries failed")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def run(entries: tuple[int, ...] = DEFAULT_ENTRIES, *, tracemalloc: bool = True) -> dict[str, Any]:
    """Measure every N of ``entries``; the JSON document as a dictionary."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-ha-") as tmp:
        workdir = Path(tmp)
        fleet_process, fleet = _start_fleet(max(entries), workdir)
        try:
            results = [_measure(n, fleet, workdir, tracemalloc=tracemalloc) for n in entries]
        finally:
            _stop(fleet_process)
    return {
        "scenario": "home assistant",
        "fleet": f"mixed: {', '.join(ha_fleet.MODELS)}, in turn, on 127.0.201.x (own process)",
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "seconds": round(time.perf_counter() - started, 1),
        "results": results,
    }


def markdown(document: dict[str, Any]) -> str:
    lines = [
        "| entries | entities | loop time / refresh cycle | per entry | wall / cycle "
        "| CPU / cycle | slow callbacks (≥ 0.1 s) | memory / entry |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in document["results"]:
        memory = f"{r['rss_per_entry_kib'] / 1024:.2f} MiB RSS"
        if r.get("traced_per_entry_kib") is not None:
            memory = f"{r['traced_per_entry_kib'] / 1024:.2f} MiB traced, " + memory
        lines.append(
            f"| {r['entries']} | {r['entities']} | {r['cycle_loop_busy_ms']:.0f} ms "
            f"| {r['cycle_loop_busy_ms_per_entry']:.1f} ms | {r['cycle_wall_ms']:.0f} ms "
            f"| {r['cycle_cpu_ms']:.0f} ms | {r['slow_callbacks']} in {r['cycles']} cycles "
            f"| {memory} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Home Assistant scenario: N entries polling")
    parser.add_argument(
        "--entries", default=",".join(map(str, DEFAULT_ENTRIES)), help="e.g. 10,100"
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument(
        "--no-tracemalloc",
        dest="tracemalloc",
        action="store_false",
        help="RSS only (tracemalloc slows the entries' setup down, not the cycles)",
    )
    args = parser.parse_args(argv)
    entries = tuple(int(n) for n in args.entries.split(",") if n.strip())
    if not entries or min(entries) < 1 or max(entries) > 250:
        parser.error("--entries: numbers from 1 to 250")
    document = run(entries, tracemalloc=args.tracemalloc)
    print(markdown(document))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
