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
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from bench import fleet

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CLIENT = str(ROOT / "bench" / "client.py")
PYTHON = {
    "ours": str(ROOT / ".venv" / "bin" / "python"),
    "pyasic": str(ROOT / ".venv-bench" / "bin" / "python"),
    "pyasic-rs": str(ROOT / ".venv-bench" / "bin" / "python"),
}
CLIENTS = fleet.CLIENTS

# The fleet is bench/fleet.py: one row per simulated model (fleet.keys(); --models keeps some).
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
            miners[address] = fleet.keys()[len(miners) % len(fleet.keys())]
        else:
            others[kinds[k % 3]].append(address)
            k += 1
    return miners, others


def sim_miners(layout: dict[str, str]) -> list[list[Any]]:
    """The simulator's spec of these miners: model, address, options (bench/sim_host.py)."""
    return [[m, a, fleet.BY_KEY[m].sim_options()] for a, m in layout.items()]


def logins(hosts: list[str], layout: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The logins the clients are told (bench/client.py BENCH_LOGINS)."""
    return {h: login for h in hosts if (login := fleet.BY_KEY[layout[h]].login) is not None}


def poll_layout(count: int) -> dict[str, str]:
    addresses = [f"{net}.{n}" for net in POLL_NETS for n in range(1, 255)][:count]
    return {a: fleet.keys()[i % len(fleet.keys())] for i, a in enumerate(addresses)}


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
    counters: dict[str, list[int]] = field(default_factory=dict)  # every poll
    first: dict[str, list[int]] = field(default_factory=dict)  # the first poll's part


@contextlib.contextmanager
def _client(
    args: list[str], python: str, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[str]]:
    """The client process, killed when it runs past CLIENT_TIMEOUT (reading its output too)."""
    proc = subprocess.Popen(
        [python, CLIENT, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    watchdog = threading.Timer(CLIENT_TIMEOUT, proc.kill)
    watchdog.start()
    try:
        yield proc
    finally:
        watchdog.cancel()
        if proc.returncode is None:
            proc.kill()
            with contextlib.suppress(ChildProcessError):
                os.waitpid(proc.pid, 0)


def _wait(proc: subprocess.Popen[str]) -> tuple[float, float]:
    """The finished client's CPU (user+system) and peak RSS in MB."""
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _json_line(stream: IO[str]) -> dict[str, Any]:
    for line in stream:
        if line.startswith("{"):
            return dict(json.loads(line))
    raise RuntimeError(f"client printed no result (timeout {CLIENT_TIMEOUT:.0f} s)")


def run_scan(client: str, subnet: str) -> Run:
    with _client([client, "scan", subnet], PYTHON[client]) as proc:
        assert proc.stdout is not None
        result = _json_line(proc.stdout)
        cpu, rss = _wait(proc)
    return Run(result, cpu, rss)


def run_poll(
    client: str,
    hosts: list[str],
    reps: int,
    sims: list[SimHost],
    told: dict[str, tuple[str, str]] | None = None,
) -> Run:
    env = {"BENCH_LOGINS": json.dumps(told or {})}
    with _client([client, "poll", str(reps), ",".join(hosts)], PYTHON[client], env) as proc:
        assert proc.stdout is not None
        assert proc.stdin is not None
        line = proc.stdout.readline()
        if not line.startswith("identified"):
            raise RuntimeError(f"{client}: identification failed: {line!r}")
        for sim in sims:
            sim.command("reset")
        proc.stdin.write("go\n")
        proc.stdin.flush()
        first: dict[str, list[int]] = {}
        if reps > 1:
            line = proc.stdout.readline()
            if not line.startswith("first done"):
                raise RuntimeError(f"{client}: the first poll did not end: {line!r}")
            first = _stats(sims, reset=True)
            proc.stdin.write("go\n")
            proc.stdin.flush()
        result = _json_line(proc.stdout)
        later = _stats(sims)
        cpu, rss = _wait(proc)
    counters = {
        k: [a + b for a, b in zip(first.get(k, (0, 0)), later.get(k, (0, 0)), strict=True)]
        for k in first.keys() | later.keys()
    }
    return Run(result, cpu, rss, counters, first or later)


def _stats(sims: list[SimHost], reset: bool = False) -> dict[str, list[int]]:
    """Every simulator's counters since its last reset (zeroed again when ``reset``)."""
    counters: dict[str, list[int]] = {}
    for sim in sims:
        counters.update(json.loads(sim.command("stats")))
        if reset:
            sim.command("reset")
    return counters


# --- judging ----------------------------------------------------------------------------

_VARIANT = re.compile(r"(v[a-z]?\d+[a-z0-9]*)$")


def normal(text: str) -> tuple[str, str]:
    """ "make model" as reported, made comparable with a fleet row's make and model: without
    case, spaces, the make's name and a trailing board variant ("M30S+ VG20" is an M30S+)."""
    words = text.lower().replace("(old firmware)", "").split()
    make = words[0] if words else ""
    model = "".join(w for w in words[1:] if w not in ("antminer", "whatsminer", "bitmain"))
    model = model.replace("plus", "+")  # pyasic-rs: "M30SPlusVE40"
    model = model.removeprefix("avalon")  # "AvalonMiner Avalon Nano 3s", "AvalonNano3s"
    if make == "whatsminer" or model.startswith("m"):
        model = _VARIANT.sub("", model)
    return make, model


def judge_scan(
    found: dict[str, str],
    miners: dict[str, str],
    client: str,
    firmware: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Right, wrong and missed among the miners of the models ``client`` supports; a miner
    on aftermarket firmware is right only with that firmware named too."""
    wrong = {}
    for address, text in found.items():
        row = fleet.BY_KEY.get(miners.get(address, ""))
        named = (firmware or {}).get(address, "")
        if (
            row is None
            or normal(text) not in row.names()
            or (row.firmware and fleet.FIRMWARES.get(named.lower()) != row.firmware)
        ):
            reported = f"{text} ({named})" if named and row and row.firmware else text
            wrong[address] = {"reported": reported, "is": miners.get(address, "not a miner")}
    supported = {a for a, m in miners.items() if fleet.BY_KEY[m].read_by(client)}
    missed = sorted(supported - set(found))
    return {
        "misidentified": wrong,
        "missed": missed,
        "correct": len(found) - len(wrong),
        "supported": len(supported),
    }


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
    spec = {"miners": sim_miners(miners), **others}
    runs: dict[str, list[dict[str, Any]]] = {c: [] for c in CLIENTS}
    with simulators([spec]):
        for rnd in range(rounds):
            for client in _order(rnd):
                try:
                    run = run_scan(client, f"{SCAN_NET}.0/24")
                except Exception as err:  # a report, not a test
                    print(f"scan {client} round {rnd + 1}: failed: {err}", file=log)
                    continue
                judged = judge_scan(run.result["found"], miners, client, run.result.get("firmware"))
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
                    f"{judged['correct']}/{judged['supported']} right, "
                    f"{len(judged['misidentified'])} wrong, {len(judged['missed'])} missed",
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


def _per_group(
    counters: dict[str, list[int]], layout: dict[str, str], identified: list[str], polls: int
) -> dict[str, dict[str, float]]:
    """Connections and requests per miner-poll by firmware group, over ``polls`` polls of
    the ``identified`` miners."""
    group_size: dict[str, int] = {}
    for host in identified:
        group = fleet.BY_KEY[layout[host]].group
        group_size[group] = group_size.get(group, 0) + 1
    per_group: dict[str, list[int]] = {}
    for key, (conns, reqs) in counters.items():
        model = layout.get(key.rsplit(":", 1)[0])
        if model is None:
            continue
        acc = per_group.setdefault(fleet.BY_KEY[model].group, [0, 0])
        acc[0] += conns
        acc[1] += reqs
    return {
        g: {"connections": c / (group_size[g] * polls), "requests": r / (group_size[g] * polls)}
        for g, (c, r) in sorted(per_group.items())
        if group_size.get(g) and polls
    }


def _poll_entry(
    rnd: int, run: Run, layout: dict[str, str], asked: int, reps: int
) -> dict[str, Any]:
    """One client run's figures, per miner it identified (the ones it polls)."""
    identified = [h for h in run.result["hosts"] if h in layout]
    polled = max(len(identified), 1) * reps
    later = {
        k: [a - b for a, b in zip(v, run.first.get(k, (0, 0)), strict=True)]
        for k, v in run.counters.items()
    }
    return {
        "round": rnd + 1,
        "asked": asked,
        "identified": run.result["miners"],
        "identify_wall": run.result.get("identify_wall"),
        "ok": run.result["ok"],
        "polls": run.result["miners"] * reps,
        "wall": _median(run.result["walls"]),
        "cpu_per_1000": 1000 * run.result["cpu"] / max(run.result["miners"] * reps, 1),
        "child_cpu": run.child_cpu,
        "max_rss_mb": run.max_rss_mb,
        "connections_per_poll": sum(c for c, _ in run.counters.values()) / polled,
        "requests_per_poll": sum(r for _, r in run.counters.values()) / polled,
        "per_make": _per_group(run.counters, layout, identified, reps),
        "per_make_first": _per_group(run.first, layout, identified, 1),
        "per_make_later": _per_group(later, layout, identified, reps - 1),
    }


def scenario_poll(count: int, rounds: int, reps: int, log: TextIO) -> dict[str, Any]:
    layout = poll_layout(count)
    items = list(layout.items())
    parts = 1 if count <= 200 else 2
    specs = [{"miners": sim_miners(dict(items[i::parts]))} for i in range(parts)]
    # Each client is given the miners of the models it supports (bench/fleet.py).
    hosts = {c: [a for a, m in items if fleet.BY_KEY[m].read_by(c)] for c in CLIENTS}
    runs: dict[str, list[dict[str, Any]]] = {c: [] for c in CLIENTS}
    with simulators(specs) as sims:
        for rnd in range(rounds):
            for client in _order(rnd):
                try:
                    run = run_poll(client, hosts[client], reps, sims, logins(hosts[client], layout))
                except Exception as err:
                    print(f"poll {count} {client} round {rnd + 1}: failed: {err}", file=log)
                    continue
                entry = _poll_entry(rnd, run, layout, len(hosts[client]), reps)
                runs[client].append(entry)
                print(
                    f"poll {count} {client:9} round {rnd + 1}: identified "
                    f"{entry['identified']}/{entry['asked']} in {entry['identify_wall']:.1f} s, "
                    f"{entry['wall']:.2f} s/poll, {entry['cpu_per_1000']:.2f} CPU s/1000, "
                    f"{entry['ok']}/{entry['asked'] * reps} read, "
                    f"{entry['requests_per_poll']:.1f} req/miner, "
                    f"{entry['max_rss_mb']:.0f} MB",
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


def _scan_table(scan: dict[str, Any]) -> list[str]:
    out = [
        f"**Scan** of a /24: {scan['miners']} simulated miners of {len(fleet.rows())} models "
        f"({fleet.composition()}) among 254 addresses; {scan['refused']} refuse connections, "
        f"{scan['silent']} are silent (SYNs dropped), {scan['printers']} are printer web pages. "
        f"{len(scan['runs']['ours'])} rounds. Right: miners found with make and model right "
        "(worst round), of those whose model the client supports.",
        "",
        "| client | right (worst round) | misidentified | missed | scan wall s (median) | "
        "spread | all miners found at s | wall ratio to ours | all-found ratio to ours |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for client in CLIENTS:
        runs = scan["runs"][client]
        walls = [r["wall"] for r in runs]
        t_all = [r["t_all"] for r in runs if r["t_all"] is not None]
        ratio = _ratios(scan["runs"], "wall", client) if client != "ours" else []
        ratio_all = _ratios(scan["runs"], "t_all", client) if client != "ours" else []
        right = (
            f"{min(r['correct'] for r in runs)}/{runs[0].get('supported', scan['miners'])}"
            if runs
            else "did not run"
        )
        out.append(
            f"| {client} | {right} | "
            f"{max((len(r['misidentified']) for r in runs), default='-')} | "
            f"{max((len(r['missed']) for r in runs), default='-')} | "
            f"{_fmt(_median(walls))} | {_spread(walls)} | "
            f"{_fmt(_median(t_all)) if t_all else 'never'} | "
            f"{'1' if client == 'ours' else _fmt(_median(ratio))} | "
            f"{'1' if client == 'ours' else _fmt(_median(ratio_all))} |"
        )
    return out


def _poll_table(poll: dict[str, Any]) -> list[str]:
    rounds = len(poll["runs"]["ours"])
    out = [
        "",
        f"**Poll** `get_data` on {poll['miners']} miners at once (all {len(fleet.rows())} models "
        f"in turn), {poll['reps']} polls per run, {rounds} rounds. Each client identifies the "
        "miners first (timed apart: identify s), then polls the ones it identified all at "
        "once. Identified: the worst round, of the miners it was given (the models it "
        "supports); read: polls answered, of every miner given times polls. The figures "
        "after those cover only the miners the client identified. CPU: user+system of the "
        "client process (all threads) over the polls, per 1000 polls done; RSS: the client "
        "process's peak; connections and requests: counted by the simulator, per miner "
        "polled and poll (digest challenges included).",
        "",
        "| client | identified (worst round) | read | identify s | wall s per poll | spread | "
        "CPU s per 1000 miner-polls | spread | peak RSS MB | TCP connections per miner-poll | "
        "requests per miner-poll | CPU ratio to ours |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    notes = []
    for client in CLIENTS:
        every = poll["runs"][client]
        if not every:
            out.append(f"| {client} | did not run |" + " - |" * 10)
            continue
        asked = every[0].get("asked", poll["miners"])
        runs = [r for r in every if r["ok"]]  # a run that polled nothing has no figures
        walls = [r["wall"] for r in runs]
        cpus = [r["cpu_per_1000"] for r in runs]
        ratio = _ratios(poll["runs"], "cpu_per_1000", client) if client != "ours" else []
        worst = min(r["identified"] for r in every)
        read = f"{sum(r['ok'] for r in every)}/{asked * poll['reps'] * len(every)}"
        identify = [r["identify_wall"] for r in every if r.get("identify_wall") is not None]
        out.append(
            f"| {client} | {worst}/{asked} | {read} | {_fmt(_median(identify), 1)} | "
            f"{_fmt(_median(walls))} | {_spread(walls)} | "
            f"{_fmt(_median(cpus))} | {_spread(cpus)} | "
            f"{_fmt(_median([r['max_rss_mb'] for r in runs]), 0)} | "
            f"{_fmt(_median([r['connections_per_poll'] for r in runs]), 1)} | "
            f"{_fmt(_median([r['requests_per_poll'] for r in runs]), 1)} | "
            f"{'1' if client == 'ours' else _fmt(_median(ratio))} |"
        )
        if not runs:
            notes.append(f"{client} identified none of the {asked} miners: no figures.")
        elif worst < asked:
            counts = ", ".join(str(r["identified"]) for r in every)
            notes.append(
                f"{client} identified fewer than the {asked} miners it was given "
                f"(per round: {counts}): its figures are for polls of that many, not {asked}."
            )
    given = {c: runs[0]["asked"] for c, runs in poll["runs"].items() if runs and "asked" in runs[0]}
    if len(set(given.values())) > 1:
        notes.append(
            "The clients were given different mixes (the models each supports, table Fleet: "
            + ", ".join(f"{c} {n}" for c, n in given.items())
            + " miners): wall, CPU and requests per miner-poll compare those mixes; the "
            "table by firmware below compares like with like."
        )
    if notes:
        out += ["", *notes]
    return out


def _group_cell(runs: list[dict[str, Any]], key: str, group: str) -> str:
    """ "requests (connections)" per miner-poll of one firmware group, median of the runs."""
    figures = [r[key][group] for r in runs if group in r.get(key, {})]
    reqs = _median([f["requests"] for f in figures])
    conns = _median([f["connections"] for f in figures])
    return f"{_fmt(reqs, 1)} ({_fmt(conns, 1)})"


def _requests_table(poll: dict[str, Any]) -> list[str]:
    """Per firmware group: what each client sends a miner on later polls and on the first
    (logins, one-off reads). Reports from before that split show the average of all polls."""
    done = {c: [r for r in poll["runs"][c] if r["ok"]] for c in CLIENTS}
    split = any(r.get("per_make_later") for runs in done.values() for r in runs)
    keys = ("per_make_later", "per_make_first") if split else ("per_make",)
    heads = [f"{c}: {k}" for c in CLIENTS for k in ("later polls", "first poll")]
    out = [
        "",
        f"Requests (TCP connections) per miner-poll by firmware, {poll['miners']} miners"
        + (
            ": on the polls after the first, and on the first (logins, one-off reads)."
            if split
            else ", averaged over all polls."
        ),
        "",
        "| firmware | models | " + " | ".join(heads if split else CLIENTS) + " |",
        "|---|---|" + "---|" * (len(CLIENTS) * len(keys)),
    ]
    for group in fleet.groups():
        models = sum(1 for row in fleet.rows() if row.group == group)
        cells = [_group_cell(done[c], key, group) for c in CLIENTS for key in keys]
        out.append(f"| {group} | {models} | " + " | ".join(cells) + " |")
    for client in CLIENTS:
        left = [row for row in fleet.rows() if not row.read_by(client)]
        if left:
            names = ", ".join(f"{row.key} ({row.group})" for row in left)
            out.append(
                f"\n{client} is not given {names}: its figures for that firmware are of the "
                "other models."
            )
    return out


def _fleet_table(rows: list[list[Any]]) -> list[str]:
    out = [
        "",
        "**Fleet**: the simulated models (bench/fleet.py) and the clients given them, by "
        "which support them.",
        "",
        "| model | firmware | given to |",
        "|---|---|---|",
    ]
    out += [f"| {key} | {group} | {', '.join(readers)} |" for key, group, readers in rows]
    return out


def markdown(report: dict[str, Any]) -> str:
    out = [f"Run {report['date']} on {report['machine']} ({report['mode']} mode).", ""]
    if report.get("scan"):
        out += _scan_table(report["scan"])
    for poll in report["poll"]:
        out += _poll_table(poll) + _requests_table(poll)
    if report.get("fleet"):
        out += _fleet_table(report["fleet"])
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


def _plan(args: argparse.Namespace) -> tuple[str, int, list[tuple[int, int, int]]]:
    """(mode, scan rounds, [(poll size, rounds, polls per run), ...]) from the options."""
    if args.quick:
        mode, scan_rounds, polls = "quick", 2, [(100, 2, 3)]
    else:
        mode, scan_rounds, polls = "full", 5, [(100, 5, 3), (1000, 3, 2)]
    if not (args.sizes or args.rounds or args.no_scan or args.models):
        return mode, scan_rounds, polls
    rounds = {n: r for n, r, _ in polls}
    reps = {n: p for n, _, p in polls}
    return (
        "partial",
        0 if args.no_scan else args.rounds or scan_rounds,
        [(n, args.rounds or rounds.get(n, 2), reps.get(n, 2)) for n in args.sizes or rounds],
    )


def _sizes(text: str) -> list[int]:
    sizes = [int(n) for n in text.split(",") if n.strip()]
    if not sizes or any(n < 1 or n > 254 * len(POLL_NETS) for n in sizes):
        raise argparse.ArgumentTypeError(f"poll sizes from 1 to {254 * len(POLL_NETS)}")
    return sizes


def _keys(text: str) -> list[str]:
    keys = [key.strip() for key in text.split(",") if key.strip()]
    if not keys:
        raise argparse.ArgumentTypeError("model keys of bench/fleet.py, comma-separated")
    return keys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("--quick", action="store_true", help="2 rounds, 100 miners only")
    parser.add_argument(
        "--render", action="store_true", help="only rewrite latest.md from latest.json"
    )
    parser.add_argument("--sizes", type=_sizes, help="poll only these fleet sizes: 100,1000")
    parser.add_argument("--rounds", type=int, help="rounds of every scenario run")
    parser.add_argument("--no-scan", action="store_true", help="skip the /24 scan")
    parser.add_argument(
        "--models", type=_keys, help="only these rows of bench/fleet.py: braiins-s21-bos,..."
    )
    args = parser.parse_args(argv)
    if args.render:
        text = markdown(json.loads((RESULTS / "latest.json").read_text(encoding="utf-8")))
        (RESULTS / "latest.md").write_text(text, encoding="utf-8")
        print(text)
        return 0
    from tests.simulator.families import all_models

    fleet.check_simulated(set(all_models()))
    if args.models:
        fleet.select(args.models)
    _raise_fd_limit()
    log = sys.stderr
    started = time.monotonic()
    mode, scan_rounds, polls = _plan(args)
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": _machine(),
        "mode": mode,
        "versions": _versions(),
        "fleet": [[row.key, row.group, list(row.readers)] for row in fleet.rows()],
    }
    report["scan"] = scenario_scan(scan_rounds, log) if scan_rounds else None
    report["poll"] = [scenario_poll(n, rounds, reps, log) for n, rounds, reps in polls]
    report["seconds"] = round(time.monotonic() - started, 1)
    text = markdown(report)
    # A partial run (--sizes, --rounds, --no-scan, --models) leaves latest.* to the whole suite.
    stem = "partial" if mode == "partial" else "latest"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{stem}.md").write_text(text, encoding="utf-8")
    (RESULTS / f"{stem}.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(text)
    print(f"({report['seconds']} s; bench/results/{stem}.md, {stem}.json)", file=log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
