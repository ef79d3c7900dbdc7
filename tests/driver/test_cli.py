"""The command line, run as a user would, against a simulator in its own process.

Braiins OS (BOSminer, BOS+ GraphQL, BOS REST) and VNish: reads, the mining and light
controls, and their settings (power and hashrate targets, performance mode, preset,
throttle) set and refused, on 127.0.88.20-24."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from custom_components.asic_miner.driver.__main__ import main
from tests.simulator import SimulatedMiner
from tests.simulator.families import make_miner

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
    # Measured against a run that stops before connecting, so that a busy machine's slow
    # interpreter start-up is not taken for a late timeout.
    started = time.monotonic()
    cli("control", NOTHING, "power-limit")
    start_up = time.monotonic() - started
    started = time.monotonic()
    result = cli("data", SILENT, "--timeout", "1")
    assert time.monotonic() - started - start_up < 1 + 2.5
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


# -- Braiins OS and VNish (127.0.88.20-24), with the logins they ship with ------------------
#
# The command line's main() in this process (an interpreter's start costs over a second,
# and these run it some eighty times); the text summary and --help in their own.

AFTERMARKET = {
    "bosminer": ("braiins-s9-bosminer", "127.0.88.20", "Antminer S9 (Braiins OS)"),
    "bosplus": ("braiins-s19-bosplus", "127.0.88.21", "Antminer S19 (Braiins OS)"),
    "bos_rest": ("braiins-s21-bos", "127.0.88.22", "Antminer S21 Pro (Braiins OS)"),
    "vnish": ("vnish-s19pro", "127.0.88.23", "Antminer S19 Pro (VNish)"),
    "vnish_hydro": ("vnish-s21plus-hydro", "127.0.88.24", "Antminer S21+ Hydro (VNish)"),
}
EVERY_AFTERMARKET = pytest.mark.parametrize("firmware", list(AFTERMARKET))
BRAIINS_WEB = pytest.mark.parametrize("firmware", ["bosplus", "bos_rest"])
SETTLE_SECONDS = 10.0  # BOSminer restarts to apply a power target (a fraction of this)


@pytest.fixture(scope="module")
def aftermarket() -> Iterator[None]:
    spec = ",".join(f"{model}@{host}" for model, host, _ in AFTERMARKET.values())
    simulator = _start(["-m", "tests.simulator", "--miners", spec, "--reboot-seconds", "0.3"])
    try:
        yield
    finally:
        _stop(simulator)


def here(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line's main() in this process, its output captured."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(list(args))
    return subprocess.CompletedProcess(args, code, stdout.getvalue(), stderr.getvalue())


def _host(firmware: str) -> str:
    return AFTERMARKET[firmware][1]


def _data(firmware: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_ok(here("data", _host(firmware), "--json")))
    return data


def _settled_data(firmware: str, changed: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The miner's data once ``changed`` holds (BOSminer applies a power target when it has
    restarted, its RPC closed meanwhile)."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        result = here("data", _host(firmware), "--json")
        if result.returncode == 0:
            data: dict[str, Any] = json.loads(result.stdout)
            if changed(data) or time.monotonic() > deadline:
                return data
        elif time.monotonic() > deadline:
            pytest.fail(result.stderr)
        time.sleep(0.2)


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.usefixtures("aftermarket")
def test_aftermarket_data_as_a_user_runs_it() -> None:
    """The summary in an interpreter of its own: the firmware, its figures, its settings."""
    for model, host, title in AFTERMARKET.values():
        text = _ok(cli("data", host))
        assert text.startswith(f"{title} at {host}"), text
        assert make_miner(model, host).mac.upper() in text.upper()
        assert "  setting power_target: " in text


@pytest.mark.usefixtures("aftermarket")
@EVERY_AFTERMARKET
def test_aftermarket_data_as_json_carries_the_settings(firmware: str) -> None:
    model, host, _title = AFTERMARKET[firmware]
    data = _data(firmware)
    assert data["mac"].upper() == make_miner(model, host).mac.upper()
    assert data["hashrate"] > 0
    target = data["settings"]["numbers"]["power_target"]
    assert target["minimum"] <= target["maximum"]
    assert target["unit"] == "W"


@pytest.mark.usefixtures("aftermarket")
@EVERY_AFTERMARKET
def test_aftermarket_mining_and_light_controls(firmware: str) -> None:
    host = _host(firmware)
    assert _ok(here("control", host, "check-login")) == "login accepted; the miner takes controls"
    assert _ok(here("control", host, "stop")) == "mining stopped"
    assert _data(firmware)["is_mining"] is False
    assert _ok(here("control", host, "resume")) == "mining resumed"
    assert _data(firmware)["is_mining"] is True
    assert _ok(here("control", host, "light-on")) == "fault light on"
    assert _ok(here("control", host, "light-status")) == "fault light is on"
    assert _ok(here("control", host, "light-off")) == "fault light off"
    assert _ok(here("control", host, "light-status")) == "fault light is off"


@pytest.mark.usefixtures("aftermarket")
@EVERY_AFTERMARKET
def test_aftermarket_power_target_within_and_outside_the_bounds(firmware: str) -> None:
    """Within the miner's bounds it is set (VNish: the highest tuned preset at or below
    it); outside them it is refused before anything is sent, the bounds in the message."""
    host = _host(firmware)
    before = _data(firmware)["settings"]["numbers"]["power_target"]
    low, high = before["minimum"], before["maximum"]
    wanted = round(low + (high - low) / 3)
    assert _ok(here("control", host, "set", "power_target", str(wanted))) == (
        f"power_target set to {wanted} W"
    )

    def target(data: dict[str, Any]) -> Any:
        return data["settings"]["numbers"]["power_target"]

    # The hydro's one tuned preset is its whole range: nothing to wait for there.
    unchanged = wanted == before["value"]
    after = target(
        _settled_data(firmware, lambda data: unchanged or target(data)["value"] != before["value"])
    )
    if firmware.startswith("vnish"):
        assert low <= after["value"] <= wanted
        assert dict(after["attributes"])["preset"]
    else:
        assert after["value"] == wanted

    refused = here("control", host, "set", "power_target", str(round(high) + 100))
    assert refused.returncode == 2
    line = _one_line_error(refused)
    assert line.startswith("invalid value: power_target must be between")
    assert f"{high:g}" in line


@pytest.mark.usefixtures("aftermarket")
@pytest.mark.parametrize("firmware", ["bos_rest", "vnish"])
def test_aftermarket_power_limit_sets_the_power_target(firmware: str) -> None:
    """power-limit on firmware whose tuner holds a power target sets that, as Home
    Assistant's set_power_limit action does."""
    host = _host(firmware)
    high = _data(firmware)["settings"]["numbers"]["power_target"]["maximum"]
    result = here("control", host, "power-limit", str(round(high)))
    assert _ok(result) == f"power target set to {round(high)} W"
    assert _data(firmware)["settings"]["numbers"]["power_target"]["value"] <= high


@pytest.mark.usefixtures("aftermarket")
@BRAIINS_WEB
def test_braiins_performance_mode_and_hashrate_target(firmware: str) -> None:
    host = _host(firmware)
    assert _ok(here("control", host, "set", "performance_mode", "hashrate_target")) == (
        "performance_mode set to hashrate_target"
    )
    settings = _data(firmware)["settings"]
    assert settings["choices"]["performance_mode"]["current"] == "hashrate_target"
    rate = settings["numbers"]["hashrate_target"]
    wanted = round((rate["minimum"] + rate["maximum"]) / 2, 1)
    assert _ok(here("control", host, "set", "hashrate_target", str(wanted))) == (
        f"hashrate_target set to {wanted} TH/s"
    )
    settings = _data(firmware)["settings"]
    assert settings["numbers"]["hashrate_target"]["value"] == pytest.approx(wanted)
    refused = here("control", host, "set", "performance_mode", "turbo")
    assert refused.returncode == 2
    assert "performance_mode must be one of" in _one_line_error(refused)
    assert _ok(here("control", host, "set", "performance_mode", "power_target"))


@pytest.mark.usefixtures("aftermarket")
def test_vnish_preset_and_throttle() -> None:
    host = _host("vnish")
    preset = _data("vnish")["settings"]["choices"]["preset"]
    other = next(
        option
        for option in preset["options"]
        if option != preset["current"] and "(tuned)" in option
    )
    assert _ok(here("control", host, "set", "preset", other)) == f"preset set to {other}"
    assert _data("vnish")["settings"]["choices"]["preset"]["current"] == other
    assert _ok(here("control", host, "set", "throttle", "60")) == "throttle set to 60 %"
    assert _data("vnish")["settings"]["numbers"]["throttle"]["value"] == 60
    for value, message in (("5", "between 20 and 100"), ("lots", "needs a number")):
        refused = here("control", host, "set", "throttle", value)
        assert refused.returncode == 2
        assert message in _one_line_error(refused)
    assert _ok(here("control", host, "set", "throttle", "100"))


@pytest.mark.usefixtures("aftermarket")
def test_vnish_hydro_shows_its_water_temperatures() -> None:
    text = _ok(here("data", _host("vnish_hydro")))
    assert re.search(r"water in \d+(\.\d)? °C  water out \d+(\.\d)? °C", text), text


@pytest.mark.usefixtures("aftermarket")
@EVERY_AFTERMARKET
def test_aftermarket_settings_they_lack_and_wrong_passwords(firmware: str) -> None:
    host = _host(firmware)
    lacking = here("control", host, "set", "frequency", "500")
    assert lacking.returncode == 6
    assert "does not support frequency" in _one_line_error(lacking)
    wrong = here("control", host, "check-login", "--password", "wrong-pw")
    assert wrong.returncode == 5
    line = _one_line_error(wrong)
    assert "check --username/--password" in line
    assert "wrong-pw" not in line


def test_set_usage_is_checked_before_connecting() -> None:
    result = here("control", NOTHING, "set", "power_target")
    assert result.returncode == 2
    assert "set needs KEY VALUE" in _one_line_error(result)


def test_help_says_how_an_ssh_host_key_is_trusted() -> None:
    for args in (("--help",), ("control", "--help")):
        result = cli(*args)
        assert result.returncode == 0
        assert "trusted on first use for this run only" in " ".join(result.stdout.split())
