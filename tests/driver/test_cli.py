"""The command line, run as a user would, against a simulator in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.simulator import SimulatedMiner

ROOT = Path(__file__).resolve().parents[2]
MINER = "127.0.3.20"
NOTHING = "127.0.3.21"
SILENT = "127.0.3.22"
NOT_A_MINER = "127.0.3.23"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

SILENT_SERVER = """
import socket, sys, time
socks = []
for port in (4028, 80):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((sys.argv[1], port)); s.listen(); socks.append(s)
print("ready", flush=True)
while True:
    time.sleep(60)
"""


def _start(args: list[str]) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        pytest.fail(f"{args} did not start: {line!r}")
    return process


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # An empty directory: a listing of /tmp names whatever lies there ("avalon-…" would
    # make it look like a miner).
    empty = tmp_path_factory.mktemp("not-a-miner")
    simulator = _start(
        ["-m", "tests.simulator", "--miners", f"antminer-s19pro@{MINER}", "--reboot-seconds", "0.5"]
    )
    silent = _start(["-c", SILENT_SERVER, SILENT])
    web_only = subprocess.Popen(
        [sys.executable, "-m", "http.server", "80", "--bind", NOT_A_MINER],
        cwd=empty,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.3)
    try:
        yield
    finally:
        for process in (simulator, silent):
            _stop(process)
        web_only.terminate()
        web_only.wait(5)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "custom_components.asic_miner.driver", *args],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.usefixtures("servers")
def test_data_prints_a_readable_summary() -> None:
    result = cli("data", MINER)
    assert result.returncode == 0, result.stderr
    mac = SimulatedMiner("antminer-s19pro", MINER).mac
    assert "Antminer S19 Pro (Stock)" in result.stdout
    assert mac in result.stdout
    assert "TH/s" in result.stdout
    assert result.stdout.count("board ") >= 3


@pytest.mark.usefixtures("servers")
def test_data_as_json() -> None:
    result = cli("data", MINER, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["mac"] == SimulatedMiner("antminer-s19pro", MINER).mac
    assert data["model"] == "S19 Pro"
    assert data["hashrate"] > 100
    assert len(data["hashboards"]) == 3


@pytest.mark.usefixtures("servers")
def test_controls_change_what_the_next_read_shows() -> None:
    light = cli("control", MINER, "light-on")
    assert (light.returncode, light.stdout.strip()) == (0, "fault light on")
    stopped = cli("control", MINER, "stop")
    assert (stopped.returncode, stopped.stdout.strip()) == (0, "mining stopped")
    data = json.loads(cli("data", MINER, "--json").stdout)
    assert (data["fault_light"], data["is_mining"], data["hashrate"]) == (True, False, 0)

    assert cli("control", MINER, "resume").returncode == 0
    assert cli("control", MINER, "light-off").returncode == 0
    data = json.loads(cli("data", MINER, "--json").stdout)
    assert (data["fault_light"], data["is_mining"]) == (False, True)


@pytest.mark.usefixtures("servers")
def test_pools_are_set_and_read_back() -> None:
    url = "stratum+tcp://cli.pool.invalid:3333"
    result = cli("control", MINER, "pools", url, "cli.worker", "pw")
    assert result.returncode == 0, result.stderr
    config = json.loads(cli("config", MINER, "--json").stdout)
    assert config["pools"] == [{"url": url, "user": "cli.worker"}]  # no password shown


@pytest.mark.usefixtures("servers")
def test_wrong_password() -> None:
    result = cli("data", MINER, "--password", "wrong-pw")
    assert result.returncode == 5
    line = _one_line_error(result)
    assert "rejected the username or password" in line
    assert "wrong-pw" not in line


@pytest.mark.usefixtures("servers")
def test_unsupported_operation() -> None:
    result = cli("control", MINER, "power-limit", "3000")
    assert result.returncode == 6
    assert "does not support power_limit" in _one_line_error(result)


@pytest.mark.usefixtures("servers")
def test_refused_connection() -> None:
    result = cli("data", NOTHING, "--timeout", "2")
    assert result.returncode == 4
    assert "refused" in _one_line_error(result)


@pytest.mark.usefixtures("servers")
def test_timeout_is_reported_within_the_limit() -> None:
    started = time.monotonic()
    result = cli("data", SILENT, "--timeout", "1")
    assert time.monotonic() - started < 5  # interpreter start-up included
    assert result.returncode == 4
    assert "timed out" in _one_line_error(result)


@pytest.mark.usefixtures("servers")
def test_something_that_is_not_a_miner() -> None:
    result = cli("data", NOT_A_MINER, "--timeout", "2")
    assert result.returncode == 3
    assert "not as a known miner" in _one_line_error(result)


def test_usage_error_is_caught_before_connecting() -> None:
    result = cli("control", NOTHING, "power-limit")
    assert result.returncode == 2
    assert "power-limit needs one value in watts" in _one_line_error(result)


# -- Whatsminer ------------------------------------------------------------------------------

WM_OPEN = "127.0.7.20"  # V2, write API on, password changed to s3cret
WM_V3 = "127.0.7.22"  # V3, write API on, account super still on its factory password
WM_LOCKED = "127.0.7.21"  # V2, write API off
WM_PASSWORD = "s3cret"


@pytest.fixture(scope="module")
def whatsminers() -> Iterator[None]:
    common = ["-m", "tests.simulator", "--reboot-seconds", "0.3"]
    open_ = _start(
        [
            *common,
            "--miners",
            f"whatsminer-m50s@{WM_OPEN},whatsminer-m60s@{WM_V3}",
            "--write-api",
            "--wm-password",
            WM_PASSWORD,
        ]
    )
    locked = _start(
        [*common, "--miners", f"whatsminer-m50s@{WM_LOCKED}", "--wm-password", WM_PASSWORD]
    )
    try:
        yield
    finally:
        _stop(open_)
        _stop(locked)


@pytest.mark.usefixtures("whatsminers")
def test_whatsminer_data_and_controls() -> None:
    result = cli("data", WM_OPEN)
    assert result.returncode == 0, result.stderr
    assert "Whatsminer M50S (Stock)" in result.stdout
    assert "power mode normal" in result.stdout
    login = ["--password", WM_PASSWORD]
    checked = cli("control", WM_OPEN, "check-login", *login)
    assert checked.returncode == 0, checked.stderr
    mode = cli("control", WM_OPEN, "power-mode", "low", *login)
    assert (mode.returncode, mode.stdout.strip()) == (0, "power mode set to low")
    limit = cli("control", WM_OPEN, "power-limit", "3000", *login)
    assert (limit.returncode, limit.stdout.strip()) == (0, "power limit set to 3000 W")
    time.sleep(0.5)  # the miner restarts to apply the limit
    data = json.loads(cli("data", WM_OPEN, "--json").stdout)
    assert (data["power_mode"], data["wattage_limit"]) == ("low", 3000)


@pytest.mark.usefixtures("whatsminers")
def test_whatsminer_power_limit_outside_the_model_range() -> None:
    result = cli("control", WM_OPEN, "power-limit", "9000", "--password", WM_PASSWORD)
    assert result.returncode == 2
    line = _one_line_error(result)
    assert line.startswith("invalid value: power limit 9000 W is outside 2000..3600 W")


@pytest.mark.usefixtures("whatsminers")
def test_whatsminer_wrong_password_is_one_line() -> None:
    result = cli("control", WM_OPEN, "light-on", "--password", "wrong-pw")
    assert result.returncode == 5
    line = _one_line_error(result)
    assert "rejected the password" in line
    assert "wrong-pw" not in line


@pytest.mark.usefixtures("whatsminers")
def test_whatsminer_write_api_off_says_what_to_do() -> None:
    result = cli("control", WM_LOCKED, "light-on", "--password", WM_PASSWORD)
    assert result.returncode == 7
    line = _one_line_error(result)
    assert line.startswith("error: writes refused:")
    assert "WhatsMinerTool" in line
    assert "API Setting" in line


@pytest.mark.usefixtures("whatsminers")
def test_whatsminer_v3_factory_password_is_one_line() -> None:
    result = cli("control", WM_V3, "power-mode", "high")
    assert result.returncode == 7
    assert "factory password" in _one_line_error(result)


def test_power_mode_usage_is_checked_before_connecting() -> None:
    result = cli("control", NOTHING, "power-mode", "turbo")
    assert result.returncode == 2
    assert "power-mode needs low, normal or high" in _one_line_error(result)
