"""More of the command line as a user meets it: the configuration as text, the fault light's
state, values refused before connecting, a miner out of API sessions, and Ctrl-C.

The simulators run in their own process, on 127.0.14.20-29; Braiins OS (BOSminer, BOS+,
BOS REST) and VNish on 127.0.88.50-54.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from custom_components.asic_miner.driver import Choice, HashBoard, MinerData, Number, Settings
from custom_components.asic_miner.driver.__main__ import data_json, summary_text

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ANTMINER = "127.0.14.20"
WHATSMINER = "127.0.14.21"  # V2, write API on, password changed
SILENT = "127.0.14.22"  # takes connections, never answers
NOTHING = "127.0.14.23"  # nobody listens
WM_BUSY = "127.0.14.24"  # V2, write API on; its token table is filled by the test
PASSWORD = "s3cret"
# Braiins OS and VNish with the logins they ship with.
AFTERMARKET = {
    "braiins-s9-bosminer": "127.0.88.50",
    "braiins-s19-bosplus": "127.0.88.51",
    "braiins-s21-bos": "127.0.88.52",
    "vnish-s19pro": "127.0.88.53",
    "vnish-s21plus-hydro": "127.0.88.54",
}


def cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "custom_components.asic_miner.driver", *args],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def simulators() -> Iterator[None]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.simulator",
            "--miners",
            f"antminer-s19pro@{ANTMINER},whatsminer-m50s@{WHATSMINER},whatsminer-m50s@{WM_BUSY},"
            + ",".join(f"{model}@{host}" for model, host in AFTERMARKET.items()),
            "--write-api",
            "--wm-password",
            PASSWORD,
            "--reboot-seconds",
            "0.3",
        ],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        process.kill()
        pytest.fail("the simulator did not start")
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


@pytest.mark.usefixtures("simulators")
@pytest.mark.parametrize("host", [ANTMINER, *AFTERMARKET.values()])
def test_config_as_text_names_the_pools_and_mode(host: str) -> None:
    result = cli("config", host)
    assert result.returncode == 0, result.stderr
    assert "stratum+tcp://" in result.stdout
    assert "mining_mode" in result.stdout


@pytest.mark.usefixtures("simulators")
def test_config_as_json_of_a_whatsminer() -> None:
    result = cli("config", WHATSMINER, "--json")
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["pools"][0]["url"].startswith("stratum+tcp://")
    assert all("password" not in pool for pool in config["pools"])
    assert config["mining_mode"]["mode"] == "normal"


@pytest.mark.usefixtures("simulators")
def test_light_status_follows_the_light() -> None:
    assert cli("control", ANTMINER, "light-status").stdout.strip() == "fault light is off"
    assert cli("control", ANTMINER, "light-on").returncode == 0
    assert cli("control", ANTMINER, "light-status").stdout.strip() == "fault light is on"
    assert cli("control", ANTMINER, "light-off").returncode == 0
    assert cli("control", ANTMINER, "light-status").stdout.strip() == "fault light is off"


@pytest.mark.usefixtures("simulators")
def test_whatsminer_power_mode_and_restart() -> None:
    login = ("--password", PASSWORD)
    mode = cli("control", WHATSMINER, "power-mode", "HIGH", *login)
    assert (mode.returncode, mode.stdout.strip()) == (0, "power mode set to high")
    restart = cli("control", WHATSMINER, "restart-backend", *login)
    assert (restart.returncode, restart.stdout.strip()) == (0, "mining backend restart requested")
    time.sleep(0.5)
    data = json.loads(cli("data", WHATSMINER, "--json").stdout)
    assert data["power_mode"] == "high"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("power-limit", "3kW"), "power-limit needs watts as a whole number"),
        (("power-limit", "-5"), "power-limit needs watts as a whole number"),
        (("reboot", "now"), "takes no value"),
        (("pools", "stratum+tcp://only.url:3333"), "pools needs URL USER [PASSWORD]"),
    ],
)
def test_values_refused_before_connecting(args: tuple[str, ...], message: str) -> None:
    started = time.monotonic()
    result = cli("control", NOTHING, *args)
    assert result.returncode == 2
    line = one_line_error(result)
    assert line.startswith("usage error:")
    assert message in line
    assert time.monotonic() - started < 10


@pytest.mark.usefixtures("simulators")
def test_miner_out_of_api_sessions_is_one_line() -> None:
    # A Whatsminer hands one client at most 32 tokens; fill the table from this host.
    for _ in range(32):
        with socket.create_connection((WM_BUSY, 4028), timeout=5) as sock:
            sock.sendall(b'{"cmd": "get_token"}')
            assert b"Msg" in sock.recv(4096)
    result = cli("control", WM_BUSY, "light-on", "--password", PASSWORD)
    assert result.returncode == 1
    line = one_line_error(result)
    assert line.startswith("error: too many API sessions:")
    assert PASSWORD not in line


@pytest.fixture
def silent_miner() -> Iterator[threading.Event]:
    """Ports 4028 and 80 on SILENT take connections and never answer; the event is set at
    the first connection."""
    connected = threading.Event()
    stop = threading.Event()
    listeners = []
    for port in (4028, 80):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((SILENT, port))
        sock.listen()
        sock.settimeout(0.1)
        listeners.append(sock)
    accepted: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            for sock in listeners:
                try:
                    conn, _ = sock.accept()
                except TimeoutError:
                    continue
                accepted.append(conn)
                connected.set()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield connected
    finally:
        stop.set()
        thread.join(2)
        for sock in listeners + accepted:
            sock.close()


def test_ctrl_c_ends_quietly(silent_miner: threading.Event) -> None:
    # Ctrl-C's default disposition, as a shell gives it. Earlier tests of the full suite can
    # leave SIGINT ignored in pytest, and a child inherits an ignored signal: Python then
    # installs no KeyboardInterrupt handler, and the command line ran on to its 10 s timeout
    # (exit 4). A handled signal is reset to the default in the child.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "custom_components.asic_miner.driver", "data", SILENT],
            cwd=ROOT,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        assert silent_miner.wait(20), "the command line never connected"
        time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130
    assert "Traceback" not in stderr
    assert stdout == ""


def _numbers_before(unit: str, text: str) -> list[str]:
    return re.findall(rf"(-?\d+(?:\.\d+)?){re.escape(unit)}", text)


@pytest.mark.usefixtures("simulators")
@pytest.mark.parametrize("host", [ANTMINER, WHATSMINER, *AFTERMARKET.values()])
def test_data_prints_figures_as_finely_as_the_firmware_measures(host: str) -> None:
    """TH/s with two decimals, W whole, J/TH to 0.1, °C to 0.1 at most (issue 11: power
    was printed as 2666.6666666666665 W); the settings' values and bounds too."""
    result = cli("data", host)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    hashrates = _numbers_before(" TH/s", text)
    assert len(hashrates) >= 5  # total, expected, three boards or more
    assert all(re.fullmatch(r"\d+\.\d\d", value) for value in hashrates), hashrates
    temperatures = _numbers_before(" °C", text)
    assert temperatures
    assert all(re.fullmatch(r"\d+(\.\d)?", value) for value in temperatures), temperatures
    assert all(re.fullmatch(r"\d+", value) for value in _numbers_before(" W", text))
    assert all(re.fullmatch(r"\d+\.\d", v) for v in _numbers_before(" J/TH", text))
    data = json.loads(cli("data", host, "--json").stdout)
    assert round(data["hashrate"], 2) == data["hashrate"]
    assert all(round(b["hashrate"], 2) == b["hashrate"] for b in data["hashboards"])
    if host == WHATSMINER:
        assert isinstance(data["wattage"], int)
        assert _numbers_before(" W", text)[0] == str(data["wattage"])
        assert _numbers_before(" J/TH", text) == [f"{data['efficiency']:.1f}"]


def test_the_figures_of_the_issue_are_rounded() -> None:
    shown = MinerData(
        host="192.0.2.1",
        hashrate=109.48666,
        expected_hashrate=110.0,
        wattage=2666.6666666666665,
        wattage_limit=3000.0,
        env_temp=25.4444,
        hashboards=[HashBoard(slot=0, hashrate=36.49555, temp=58.25, chip_temp=64.0)],
    )
    text = summary_text(shown)
    assert "hashrate 109.49 TH/s of 110.00 TH/s (99.5%)" in text
    assert "power 2667 W  efficiency 24.4 J/TH" in text
    assert "power limit 3000 W" in text
    assert "environment 25.4 °C" in text
    assert "board 0: 36.50 TH/s  board 58.2 °C  chip 64 °C" in text
    data = json.loads(data_json(shown))
    assert (data["wattage"], data["efficiency"], data["env_temp"]) == (2667, 24.4, 25.4)
    assert data["hashboards"][0]["hashrate"] == 36.5


def test_settings_are_shown_with_their_bounds_as_finely_as_the_figures() -> None:
    settings = Settings(
        numbers={
            "power_target": Number(3250.0, 1700.0, 6500.0, unit="W", restarts_mining=True),
            "hashrate_target": Number(None, 47.5, 142.5, 0.1, "TH/s"),
            "throttle": Number(60, 20, 100, unit="%", attributes=(("preset", "3200 W"),)),
        },
        choices={"preset": Choice("3200 W", ("Disabled", "2950 W", "3200 W"), True)},
    )
    text = summary_text(MinerData(host="192.0.2.1", settings=settings))
    assert "  setting power_target: 3250 W (1700 to 6500 W, restarts mining)" in text
    assert "  setting hashrate_target: — (47.50 to 142.50 TH/s)" in text
    assert "  setting throttle: 60 % (20 to 100 %, preset 3200 W)" in text
    assert "  setting preset: 3200 W (one of Disabled, 2950 W, 3200 W, restarts mining)" in text
