"""The benchmark suite: our driver against pyasic and pyasic-rs on one simulated fleet.

    .venv/bin/python -m bench.run [--quick]      (scripts/bench does this, venvs included)

Starts the simulator (bench/sim_host.py) and runs each client in its own subprocess,
in turn, order reversed every other round (A B C, C B A, ...). Writes
bench/results/latest.md and latest.json and prints the Markdown. A report, never a test:
it exits 0 whatever the numbers are (non-zero only when it could not run).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import math
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CLIENT = str(ROOT / "bench" / "client.py")
PYTHON = {
    "ours": str(ROOT / ".venv" / "bin" / "python"),
    "pyasic": str(ROOT / ".venv-bench" / "bin" / "python"),
    "pyasic-rs": str(ROOT / ".venv-bench" / "bin" / "python"),
}
CLIENTS = ("ours", "pyasic", "pyasic-rs")
PEERS = ("pyasic", "pyasic-rs")

MODELS = (
    "antminer-s19pro",
    "antminer-s19jpro",
    "antminer-s21",
    "antminer-s9",
    "whatsminer-m30s+",
    "whatsminer-m50s",
    "whatsminer-m56s",
    "whatsminer-m60s",
    "whatsminer-m66s",
)
# What a client must report for each simulated model: make and model, compared without
# case, spaces, the make's name and a trailing board variant ("M30S+ VG20" is an M30S+).
EXPECTED = {
    "antminer-s19pro": ("antminer", "s19pro"),
    "antminer-s19jpro": ("antminer", "s19jpro"),
    "antminer-s21": ("antminer", "s21"),
    "antminer-s9": ("antminer", "s9"),
    "whatsminer-m30s+": ("whatsminer", "m30s+"),
    "whatsminer-m50s": ("whatsminer", "m50s"),
    "whatsminer-m56s": ("whatsminer", "m56s"),
    "whatsminer-m60s": ("whatsminer", "m60s"),
    "whatsminer-m66s": ("whatsminer", "m66s"),
}
GROUPS = {
    "antminer-s19pro": "Antminer X19/S21",
    "antminer-s19jpro": "Antminer X19/S21",
    "antminer-s21": "Antminer X19/S21",
    "antminer-s9": "Antminer S9",
    "whatsminer-m30s+": "Whatsminer API V2",
    "whatsminer-m50s": "Whatsminer API V2",
    "whatsminer-m56s": "Whatsminer API V2",
    "whatsminer-m60s": "Whatsminer API V3",
    "whatsminer-m66s": "Whatsminer API V3",
}
SCAN_NET = "127.0.200"  # tests use 127.0.1-14.x, bench/ha_* 127.0.201+
POLL_NETS = ("127.0.220", "127.0.221", "127.0.222", "127.0.223", "127.0.224")
SCAN_MINERS = 25
CLIENT_TIMEOUT = 240.0


def _raise_fd_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# --- the fleet --------------------------------------------------------------------------


def scan_layout() -> tuple[dict[str, str], dict[str, list[str]]]:
    """25 miners of mixed makes among 254 addresses; the rest refused, silent or printers."""
    miners: dict[str, str] = {}
    others: dict[str, list[str]] = {"refused": [], "silent": [], "printers": []}
    miner_slots = {1 + round(i * 253 / SCAN_MINERS) + 3 for i in range(SCAN_MINERS)}
    kinds = ("refused", "silent", "printers")
    k = 0
    for n in range(1, 255):
        address = f"{SCAN_NET}.{n}"
        if n in miner_slots:
            miners[address] = MODELS[len(miners) % len(MODELS)]
        else:
            others[kinds[k % 3]].append(address)
            k += 1
    return miners, others


def poll_layout(count: int) -> dict[str, str]:
    addresses = [f"{net}.{n}" for net in POLL_NETS for n in range(1, 255)][:count]
    return {a: MODELS[i % len(MODELS)] for i, a in enumerate(addresses)}


class SimHost:
    """One bench/sim_host.py process."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._file = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)  # noqa: SIM115
        json.dump(spec, self._file)
        self._file.close()
        self.proc = subprocess.Popen(
            [PYTHON["ours"], "-m", "bench.sim_host", "--spec", self._file.name],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def wait_ready(self) -> None:
        line = self._readline()
        if line != "ready":
            raise RuntimeError(f"simulator did not start: {line!r}")

    def _readline(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def command(self, text: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        return self._readline()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            assert self.proc.stdin is not None
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.unlink(self._file.name)


@contextlib.contextmanager
def simulators(specs: list[dict[str, Any]]) -> Iterator[list[SimHost]]:
    hosts = [SimHost(spec) for spec in specs]
    try:
        for host in hosts:
            host.wait_ready()
        yield hosts
    finally:
        for host in hosts:
            host.close()


# --- one client run ---------------------------------------------------------------------


@dataclass
class Run:
    result: dict[str, Any]
    child_cpu: float  # user+system of the whole child process (import, identify, polls)
    max_rss_mb: float
    counters: dict[str, list[int]] = field(default_factory=dict)


def _wait(proc: subprocess.Popen[str]) -> tuple[float, float]:
    deadline = time.monotonic() + CLIENT_TIMEOUT
    while True:
        pid, _status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = 0
            return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
        if time.monotonic() > deadline:
            proc.kill()
        time.sleep(0.02)


def _json_line(stream: TextIO) -> dict[str, Any]:
    for line in stream:
        if line.startswith("{"):
            return dict(json.loads(line))
    raise RuntimeError("client printed no result")


def run_scan(client: str, subnet: str) -> Run:
    proc = subprocess.Popen(
        [PYTHON[client], CLIENT, client, "scan", subnet],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    result = _json_line(proc.stdout)
    cpu, rss = _wait(proc)
    return Run(result, cpu, rss)


def run_poll(client: str, hosts: list[str], reps: int, sims: list[SimHost]) -> Run:
    proc = subprocess.Popen(
        [PYTHON[client], CLIENT, client, "poll", str(reps), ",".join(hosts)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdin is not None
    line = proc.stdout.readline()
    if not line.startswith("identified"):
        proc.kill()
        proc.wait()
        raise RuntimeError(f"{client}: identification failed: {line!r}")
    for sim in sims:
        sim.command("reset")
    proc.stdin.write("go\n")
    proc.stdin.flush()
    result = _json_line(proc.stdout)
    counters: dict[str, list[int]] = {}
    for sim in sims:
        counters.update(json.loads(sim.command("stats")))
    cpu, rss = _wait(proc)
    return Run(result, cpu, rss, counters)


# --- judging ----------------------------------------------------------------------------

_VARIANT = re.compile(r"(v[a-z]?\d+[a-z0-9]*)$")


def _normal(text: str) -> tuple[str, str]:
    words = text.lower().replace("(old firmware)", "").split()
    make = words[0] if words else ""
    model = "".join(w for w in words[1:] if w not in ("antminer", "whatsminer", "bitmain"))
    model = model.replace("plus", "+")  # pyasic-rs: "M30SPlusVE40"
    if make == "whatsminer" or model.startswith("m"):
        model = _VARIANT.sub("", model)
    return make, model


def judge_scan(found: dict[str, str], miners: dict[str, str]) -> dict[str, Any]:
    wrong = {}
    for address, text in found.items():
        expected = EXPECTED.get(miners.get(address, ""))
        if expected is None or _normal(text) != expected:
            wrong[address] = {"reported": text, "is": miners.get(address, "not a miner")}
    missed = sorted(set(miners) - set(found))
    return {"misidentified": wrong, "missed": missed, "correct": len(found) - len(wrong)}


# --- statistics and output --------------------------------------------------------------


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}" if values else "-"


def _fmt(value: float, digits: int = 2) -> str:
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def _order(rnd: int) -> tuple[str, ...]:
    return CLIENTS if rnd % 2 == 0 else tuple(reversed(CLIENTS))


def scenario_scan(rounds: int, log: TextIO) -> dict[str, Any]:
    miners, others = scan_layout()
    spec = {"miners": [[m, a] for a, m in miners.items()], **others}
    runs: dict[str, list[dict[str, Any]]] = {c: [] for c in CLIENTS}
    with simulators([spec]):
        for rnd in range(rounds):
            for client in _order(rnd):
                try:
                    run = run_scan(client, f"{SCAN_NET}.0/24")
                except Exception as err:  # a report, not a test
                    print(f"scan {client} round {rnd + 1}: failed: {err}", file=log)
                    continue
                judged = judge_scan(run.result["found"], miners)
                runs[client].append(
                    {
                        "round": rnd + 1,
                        "wall": run.result["wall"],
                        "t_all": run.result["t_all"] if not judged["missed"] else None,
                        "found": len(run.result["found"]),
                        **judged,
                        "cpu": run.child_cpu,
                        "max_rss_mb": run.max_rss_mb,
                    }
                )
                print(
                    f"scan {client:9} round {rnd + 1}: {run.result['wall']:.2f} s, "
                    f"{judged['correct']} right, {len(judged['misidentified'])} wrong, "
                    f"{len(judged['missed'])} missed",
                    file=log,
                    flush=True,
                )
    return {
        "addresses": 254,
        "miners": len(miners),
        "refused": len(others["refused"]),
        "silent": len(others["silent"]),
        "printers": len(others["printers"]),
        "runs": runs,
    }


def scenario_poll(count: int, rounds: int, reps: int, log: TextIO) -> dict[str, Any]:
    layout = poll_layout(count)
    items = list(layout.items())
    parts = 1 if count <= 200 else 2
    specs = [{"miners": [[m, a] for a, m in items[i::parts]]} for i in range(parts)]
    hosts = list(layout)
    runs: dict[str, list[dict[str, Any]]] = {c: [] for c in CLIENTS}
    with simulators(specs) as sims:
        for rnd in range(rounds):
            for client in _order(rnd):
                try:
                    run = run_poll(client, hosts, reps, sims)
                except Exception as err:
                    print(f"poll {count} {client} round {rnd + 1}: failed: {err}", file=log)
                    continue
                polls = run.result["miners"] * reps
                per_group: dict[str, list[float]] = {}
                for key, (conns, reqs) in run.counters.items():
                    group = GROUPS[layout[key.rsplit(":", 1)[0]]]
                    acc = per_group.setdefault(group, [0, 0])
                    acc[0] += conns
                    acc[1] += reqs
                group_size = {
                    g: sum(1 for m in layout.values() if GROUPS[m] == g) for g in GROUPS.values()
                }
                per_miner = {
                    g: {
                        "connections": c / (group_size[g] * reps),
                        "requests": r / (group_size[g] * reps),
                    }
                    for g, (c, r) in sorted(per_group.items())
                }
                conns = sum(c for c, _ in run.counters.values())
                reqs = sum(r for _, r in run.counters.values())
                entry = {
                    "round": rnd + 1,
                    "identified": run.result["miners"],
                    "ok": run.result["ok"],
                    "polls": polls,
                    "wall": _median(run.result["walls"]),
                    "cpu_per_1000": 1000 * run.result["cpu"] / max(polls, 1),
                    "child_cpu": run.child_cpu,
                    "max_rss_mb": run.max_rss_mb,
                    "connections_per_poll": conns / (count * reps),
                    "requests_per_poll": reqs / (count * reps),
                    "per_make": per_miner,
                }
                runs[client].append(entry)
                print(
                    f"poll {count} {client:9} round {rnd + 1}: {entry['wall']:.2f} s/poll, "
                    f"{entry['cpu_per_1000']:.2f} CPU s/1000, {entry['ok']}/{polls} ok, "
                    f"{entry['requests_per_poll']:.1f} req/miner",
                    file=log,
                    flush=True,
                )
    return {"miners": count, "reps": reps, "runs": runs}


def _ratios(runs: dict[str, list[dict[str, Any]]], key: str, peer: str) -> list[float]:
    """peer / ours, per round (rounds where both ran and, when polling, polled something)."""
    ours = {r["round"]: r[key] for r in runs["ours"] if r.get(key) and r.get("ok", 1)}
    return [
        r[key] / ours[r["round"]]
        for r in runs[peer]
        if r.get(key) and r.get("ok", 1) and r["round"] in ours
    ]


def markdown(report: dict[str, Any]) -> str:
    out = [
        f"Run {report['date']} on {report['machine']} ({report['mode']} mode).",
        "",
    ]
    scan = report["scan"]
    out += [
        f"**Scan** of a /24: {scan['miners']} simulated miners (4 Antminer, 5 Whatsminer "
        f"models) among 254 addresses; {scan['refused']} refuse connections, "
        f"{scan['silent']} are silent (SYNs dropped), {scan['printers']} are printer web pages. "
        f"{len(scan['runs']['ours'])} rounds.",
        "",
        "| client | scan wall s (median) | spread | all miners found at s | right | "
        "misidentified | missed | wall ratio to ours | all-found ratio to ours |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for client in CLIENTS:
        runs = scan["runs"][client]
        walls = [r["wall"] for r in runs]
        t_all = [r["t_all"] for r in runs if r["t_all"] is not None]
        ratio = _ratios(scan["runs"], "wall", client) if client != "ours" else []
        ratio_all = _ratios(scan["runs"], "t_all", client) if client != "ours" else []
        out.append(
            f"| {client} | {_fmt(_median(walls))} | {_spread(walls)} | "
            f"{_fmt(_median(t_all)) if t_all else 'never'} | "
            f"{min((r['correct'] for r in runs), default='-')}/{scan['miners']} | "
            f"{max((len(r['misidentified']) for r in runs), default='-')} | "
            f"{max((len(r['missed']) for r in runs), default='-')} | "
            f"{'1' if client == 'ours' else _fmt(_median(ratio))} | "
            f"{'1' if client == 'ours' else _fmt(_median(ratio_all))} |"
        )
    for poll in report["poll"]:
        rounds = len(poll["runs"]["ours"])
        out += [
            "",
            f"**Poll** `get_data` on {poll['miners']} miners at once (all 9 models in turn), "
            f"{poll['reps']} polls per run, {rounds} rounds. Each client identifies the miners "
            "first (not timed), then polls them all at once. CPU: user+system of the client "
            "process (all threads) over the polls, per 1000 polls done; RSS: the client "
            "process's peak; connections and requests: counted by the simulator, per miner "
            "asked and poll (digest challenges included).",
            "",
            "| client | wall s per poll | spread | CPU s per 1000 miner-polls | spread | "
            "peak RSS MB | TCP connections per miner-poll | requests per miner-poll | "
            "identified (worst round) | polls answered | CPU ratio to ours |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for client in CLIENTS:
            every = poll["runs"][client]
            runs = [r for r in every if r["ok"]]  # a run that polled nothing has no figures
            walls = [r["wall"] for r in runs]
            cpus = [r["cpu_per_1000"] for r in runs]
            ratio = _ratios(poll["runs"], "cpu_per_1000", client) if client != "ours" else []
            asked = poll["miners"] * poll["reps"] * len(every)
            ok = f"{sum(r['ok'] for r in every)}/{asked}" if every else "-"
            found = f"{min((r['identified'] for r in every), default=0)}/{poll['miners']}"
            out.append(
                f"| {client} | {_fmt(_median(walls))} | {_spread(walls)} | "
                f"{_fmt(_median(cpus))} | {_spread(cpus)} | "
                f"{_fmt(_median([r['max_rss_mb'] for r in runs]), 0)} | "
                f"{_fmt(_median([r['connections_per_poll'] for r in runs]), 1)} | "
                f"{_fmt(_median([r['requests_per_poll'] for r in runs]), 1)} | {found} | {ok} | "
                f"{'1' if client == 'ours' else _fmt(_median(ratio))} |"
            )
    if report["poll"]:
        poll = report["poll"][0]
        groups = sorted(set(GROUPS.values()))
        out += [
            "",
            f"Requests (connections) per miner-poll by firmware, {poll['miners']} miners:",
            "",
            "| client | " + " | ".join(groups) + " |",
            "|---|" + "---|" * len(groups),
        ]
        for client in CLIENTS:
            runs = poll["runs"][client]
            cells = []
            for g in groups:
                reqs = [r["per_make"].get(g, {}).get("requests", 0.0) for r in runs]
                conns = [r["per_make"].get(g, {}).get("connections", 0.0) for r in runs]
                cells.append(f"{_fmt(_median(reqs), 1)} ({_fmt(_median(conns), 1)})")
            out.append(f"| {client} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def _versions() -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json; "
        "print(json.dumps({p: m.version(p) for p in ('pyasic', 'pyasic-rs')}))"
    )
    out = subprocess.run(
        [PYTHON["pyasic"], "-c", code], capture_output=True, text=True, check=False
    ).stdout
    return dict(json.loads(out)) if out else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("--quick", action="store_true", help="2 rounds, 100 miners only")
    parser.add_argument(
        "--render", action="store_true", help="only rewrite latest.md from latest.json"
    )
    args = parser.parse_args(argv)
    if args.render:
        text = markdown(json.loads((RESULTS / "latest.json").read_text(encoding="utf-8")))
        (RESULTS / "latest.md").write_text(text, encoding="utf-8")
        print(text)
        return 0
    _raise_fd_limit()
    log = sys.stderr
    started = time.monotonic()
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": _machine(),
        "mode": "quick" if args.quick else "full",
        "versions": _versions(),
    }
    scan_rounds = 2 if args.quick else 5
    polls = [(100, 2, 3)] if args.quick else [(100, 5, 3), (1000, 3, 2)]
    report["scan"] = scenario_scan(scan_rounds, log)
    report["poll"] = [scenario_poll(n, rounds, reps, log) for n, rounds, reps in polls]
    report["seconds"] = round(time.monotonic() - started, 1)
    text = markdown(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(text)
    print(f"({report['seconds']} s; bench/results/latest.md, latest.json)", file=log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
