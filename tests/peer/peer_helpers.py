"""Shared by the peer tests of the home miners: the peers' own venvs, and the simulator's word.

A peer runs in its own venv as a subprocess (``bootstrap`` installs it, ``run_peer`` runs
one of its probes and returns the JSON it printed). What the simulator says is read the way
a client reads it, over its socket: ``cgminer`` sends one command to TCP 4028 and
``mm_tokens`` splits an Avalon's ``MM ID0`` string into its ``Key[value]`` tokens, so a test
compares a peer's figure with the field it reads, as the simulator wrote it.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE_TIMEOUT = 60.0
TOKEN = re.compile(r"(\w+)\[([^\]]*)\]")


def bootstrap(script: str, venv: str, peer: str) -> Path:
    """Run scripts/<script> (creates or reuses <venv>); skip, saying why, when it fails."""
    python = ROOT / venv / "bin" / "python"
    result = subprocess.run(
        [str(ROOT / "scripts" / script)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0 or not python.exists():
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        pytest.skip(f"{peer} could not be installed by scripts/{script}: {tail}")
    return python


async def run_peer(python: Path, probe: Path, *args: str) -> Any:
    """One run of ``probe`` under ``python``; its stdout parsed as JSON."""
    process = await asyncio.create_subprocess_exec(
        str(python),
        str(probe),
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), PROBE_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode == 0, err.decode()
    sys.stderr.write(err.decode())
    return json.loads(out)


async def cgminer(host: str, command: str, port: int = 4028) -> dict[str, Any]:
    """``{"command": command}`` to a miner's RPC port; its JSON reply (trailing NUL dropped)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(json.dumps({"command": command}).encode())
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), 5)
    finally:
        writer.close()
        await writer.wait_closed()
    reply: dict[str, Any] = json.loads(data.rstrip(b"\x00"))
    return reply


async def until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait for ``condition`` (a simulated miner back from a restart); fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the simulated miner did not get there in time"
        await asyncio.sleep(0.05)


def mm_tokens(estats: dict[str, Any]) -> dict[str, str]:
    """The ``Key[value]`` tokens of STATS[0]'s ``MM ID0`` (or the Q's ``MM ID0:Summary``)."""
    entry = estats["STATS"][0]
    text = entry.get("MM ID0") or entry["MM ID0:Summary"]
    return dict(TOKEN.findall(text))


def numbers(token: str) -> list[float]:
    """A token's space-separated figures: "78 77 78" -> [78.0, 77.0, 78.0]."""
    return [float(part) for part in token.split()]
