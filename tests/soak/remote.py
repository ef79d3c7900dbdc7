"""The soak fleet's process (``tests/soak/fleet.py``) as seen from the test."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
STOP_TIMEOUT = 15.0


class RemoteFleet:
    """Starts the fleet, sends it commands, stops it."""

    def __init__(self, count: int) -> None:
        # The simulators' complaints about connections dropped by the faults: kept aside.
        self.errors = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115  (closed in kill)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.soak.fleet", "--count", str(count)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
        )
        line = self._readline()  # once every miner listens, or empty when it failed
        if not line.strip():
            self.kill()
            self.errors.seek(0)
            raise RuntimeError(f"the soak fleet did not start: {self.errors.read()[-2000:]}")
        self.miners: list[dict[str, Any]] = json.loads(line)["miners"]

    def _readline(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline()

    def send(self, command: str) -> None:
        """One command line; a few bytes into a pipe the fleet keeps reading."""
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    async def heal(self) -> None:
        """Every fault off and every miner up; returns once the fleet says so."""
        self.send("heal")
        reply = await asyncio.to_thread(self._readline)
        assert reply.strip() == "healed", f"the soak fleet answered {reply!r}"

    def stop(self) -> None:
        """End of input stops the fleet (blocking: run it in an executor)."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """Stop the fleet at once, if it still runs (no polling wait: safe in any thread)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout, self.errors):
            if pipe is not None:
                pipe.close()
