"""Whatsminer API V2 writes the firmware answers oddly (issue 11), over real sockets.

- applied, then silence (quirks write-silent-close, reboot-silent-open): the control reads
  the miner back and succeeds; one that did not take still fails;
- a wrong password refused with a double-encoded frame (double-encoded-refusal): an
  authentication error that quotes nothing of the frame;
- an applied write answered with an empty encrypted body (empty-write-reply): read back,
  never taken for a wrong password.
Simulated miners on 127.0.7.30+ (start_wm), tiny servers on 127.0.7.4-8, the command line's
simulator on 127.0.7.26.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    ConnectionDroppedError,
    Credentials,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
    PoolConfig,
    PowerMode,
    get_miner,
)
from custom_components.asic_miner.driver.backends.whatsminer.v2 import WhatsminerV2
from custom_components.asic_miner.driver.backends.whatsminer.v2_confirm import (
    ControlNotConfirmed,
    ControlUnanswered,
)
from custom_components.asic_miner.driver.config import MinerConfig
from custom_components.asic_miner.driver.transport import btminer_v2, btminer_v2_exchange
from custom_components.asic_miner.driver.transport.btminer_v2 import BtminerV2Client
from custom_components.asic_miner.driver.transport.btminer_v2_commands import BtminerV2Api
from custom_components.asic_miner.driver.transport.btminer_v2_exchange import (
    ANSWER_WAIT,
    Silence,
    UnansweredWrite,
)

from .conftest import StartMiner
from .servers import raw_server
from .test_cli import _start, _stop, cli

TIMEOUT = 3.0
PASSWORD = "s3cret"
SALT, NEWSALT, TIME = "Xy7Pq2Lm", "Nw4sAlt9", "1234"
AES = btminer_v2.aes_key(btminer_v2.token_key(PASSWORD, SALT))
TOKEN = json.dumps(
    {"STATUS": "S", "When": 1, "Code": 134, "Msg": {"time": TIME, "salt": SALT, "newsalt": NEWSALT}}
).encode()

Control = Callable[[WhatsminerV2], Awaitable[None]]


async def _miner(sim: Any, password: str = PASSWORD, limit: float = TIMEOUT) -> WhatsminerV2:
    miner = await get_miner(sim.address, timeout=limit, credentials=Credentials(password=password))
    assert isinstance(miner, WhatsminerV2)
    return miner


def _writes(sim: Any) -> list[str]:
    return [r.name for r in sim.state.requests.writes]


def _reads_after(sim: Any, command: str) -> list[str]:
    names = [r.name for r in sim.state.requests.entries]
    return names[names.index(command) + 1 :]


# -- 1. applied, then silence ----------------------------------------------------------------


async def test_stop_closed_without_a_word_is_read_back_and_done(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True, quirks=["write-silent-close"])
    async with await _miner(sim) as miner:
        started = time.monotonic()
        await miner.stop_mining()
        took = time.monotonic() - started
        assert not sim.state.mining
        assert "status" in _reads_after(sim, "power_off")  # the mining state, read back
        assert took < 1.0  # a closed connection is silence at once, no timeout waited for
        await miner.resume_mining()  # answered as usual
        assert sim.state.mining


@pytest.mark.parametrize("mode", [PowerMode.LOW, PowerMode.HIGH, PowerMode.NORMAL])
async def test_power_mode_closed_without_a_word_is_read_back(
    start_wm: StartMiner, mode: PowerMode
) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True, quirks=["write-silent-close"])
    if mode is PowerMode.NORMAL:
        sim.state.power_mode = "low"
    async with await _miner(sim) as miner:
        await miner.set_power_mode(mode)
        assert sim.state.power_mode == mode.value
        assert (await miner.get_config()).mining_mode.mode.value == mode.value


async def test_restart_backend_waits_until_btminer_is_back(start_wm: StartMiner) -> None:
    """restart_btminer: closed without a word, btminer away for a second (its reads answer
    132): the control ends once btminer answers again, freshly started."""
    sim = await start_wm(
        "whatsminer-m50s", write_api=True, quirks=["write-silent-close"], reboot_seconds=1.0
    )
    sim.clock.advance(600)  # btminer has been running for ten minutes
    async with await _miner(sim) as miner:
        started = time.monotonic()
        await miner.restart_backend()
        took = time.monotonic() - started
        assert 1.0 <= took < 1.0 + TIMEOUT
        assert _reads_after(sim, "restart_btminer").count("summary") >= 2  # retried
        data = await miner.get_data()
        assert data.uptime is not None
        assert data.uptime < 60


async def test_reboot_left_open_without_a_word_is_a_reboot(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True, quirks=["reboot-silent-open"])
    booted = sim.state.booted_at
    async with await _miner(sim, limit=10.0) as miner:
        started = time.monotonic()
        await miner.reboot()
        took = time.monotonic() - started
    assert ANSWER_WAIT - 0.1 <= took < ANSWER_WAIT + 1.0  # not the 10 s timeout
    assert _writes(sim) == ["reboot"]
    for _ in range(40):  # the simulated miner comes back after its 0.3 s reboot
        if sim.state.booted_at != booted:
            break
        await asyncio.sleep(0.05)
    assert sim.state.booted_at != booted


def _status(*, mining: bool, mode: str) -> bytes:
    msg = {"btmineroff": "false" if mining else "true", "power_mode": mode}
    return json.dumps({"STATUS": "S", "When": 1, "Code": 131, "Msg": msg}).encode()


def _silent_miner(status: bytes | None) -> Callable[[bytes], bytes | None]:
    """A miner that hands out tokens, closes every write without a word, and answers
    ``status`` with ``status`` (None: closes that without a word too)."""

    def answer(request: bytes) -> bytes | None:
        if b"get_token" in request:
            return TOKEN
        if b'"status"' in request:
            return status if status is not None else b""
        return b""

    return answer


def _tiny_miner(host: str, port: int) -> WhatsminerV2:
    miner = WhatsminerV2(host, model="M50S", credentials=Credentials(password=PASSWORD))
    miner.api = BtminerV2Api(host, password=PASSWORD, port=port, timeout=1.0)
    miner.read_back_seconds = 1.0
    return miner


async def test_silent_stop_that_did_not_take_says_so() -> None:
    async with raw_server(_silent_miner(_status(mining=True, mode="Normal")), "127.0.7.4") as srv:
        miner = _tiny_miner(srv.host, srv.port)
        with pytest.raises(ControlNotConfirmed, match=r"power_off did not take.*shows mining"):
            await miner.stop_mining()
        with pytest.raises(ControlNotConfirmed, match="still shows power mode normal"):
            await miner.set_power_mode(PowerMode.LOW)
    assert sum(b'"status"' in r for r in srv.requests) >= 2  # read back more than once


async def test_silent_write_of_a_miner_that_never_comes_back_says_so() -> None:
    async with raw_server(_silent_miner(None), "127.0.7.5") as srv:
        miner = _tiny_miner(srv.host, srv.port)
        started = time.monotonic()
        with pytest.raises(ControlUnanswered, match="did not answer in the 1 s"):
            await miner.stop_mining()
    assert time.monotonic() - started < 1.0 + 1.0


async def test_each_silence_of_a_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """A write the firmware may leave unanswered is waited for ANSWER_WAIT s at most (within
    the timeout), then reported as silence; any other write must answer in the timeout."""
    monkeypatch.setattr(btminer_v2_exchange, "ANSWER_WAIT", 0.3)

    def left_open(request: bytes) -> bytes | None:
        return TOKEN if b"get_token" in request else None

    async with raw_server(left_open, "127.0.7.6") as srv:
        client = BtminerV2Client(srv.host, password=PASSWORD, port=srv.port, timeout=1.0)
        started = time.monotonic()
        with pytest.raises(UnansweredWrite) as caught:
            await client.write("reboot")
        assert caught.value.silence is Silence.OPEN
        assert time.monotonic() - started < 0.3 + 0.5
        with pytest.raises(MinerTimeoutError):
            await client.write("set_led", param="auto")  # this one must answer
        client.rpc.timeout = 0.2
        started = time.monotonic()
        with pytest.raises(UnansweredWrite) as caught:
            await client.write("power_off", respbefore="true")  # within the shorter timeout
        assert caught.value.silence is Silence.OPEN
        assert time.monotonic() - started < 0.2 + 0.3


async def test_reset_before_a_byte() -> None:
    """A write reset by the miner before it answered: for a write the firmware may leave
    unanswered that is silence; for any other the connection dropped."""
    from tests.simulator.rpc_server import reset_connection

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        data = await reader.read(65536)
        if b'"get_token"' in data:
            writer.write(TOKEN)
            await writer.drain()
            writer.close()
            return
        reset_connection(writer)

    server = await asyncio.start_server(handle, "127.0.7.7", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        client = BtminerV2Client("127.0.7.7", password=PASSWORD, port=port, timeout=2)
        with pytest.raises(UnansweredWrite) as caught:
            await client.write("restart_btminer")
        assert caught.value.silence is Silence.CLOSED
        with pytest.raises(ConnectionDroppedError) as dropped:
            await client.write("set_led", param="auto")
        assert not isinstance(dropped.value, UnansweredWrite)
    finally:
        server.close()
        await server.wait_closed()


def _reads_miner(replies: dict[str, dict[str, Any]]) -> Callable[[bytes], bytes]:
    """Tokens, every write closed without a word, and these reads (cmd -> reply)."""

    def answer(request: bytes) -> bytes:
        if b"get_token" in request:
            return TOKEN
        command = json.loads(request).get("cmd")
        reply = replies.get(command)
        return json.dumps(reply).encode() if reply is not None else b""

    return answer


def _daemon(msg: dict[str, Any]) -> dict[str, Any]:
    return {"STATUS": "S", "When": 1, "Code": 131, "Msg": msg}


def _cg(key: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"STATUS": [{"STATUS": "S", "Code": 11}], key: items, "id": 1}


POOL = PoolConfig("stratum+tcp://new.pool.example:3333", "me.w1", "x")
NOT_TAKEN: list[tuple[str, dict[str, dict[str, Any]], Control, str]] = [
    ("no mining state", {"status": _daemon({})}, lambda m: m.stop_mining(), "no mining state"),
    (
        "no power mode",
        {"status": _daemon({}), "summary": _cg("SUMMARY", [{"Power Mode": ""}])},
        lambda m: m.set_power_mode(PowerMode.HIGH),
        "no power mode",
    ),
    (
        "no uptime",
        {"summary": _cg("SUMMARY", [{}])},
        lambda m: m.restart_backend(),
        "no btminer uptime",
    ),
    (
        "not restarted",
        {"summary": _cg("SUMMARY", [{"Elapsed": 9999}])},
        lambda m: m.restart_backend(),
        "btminer running for 9999 s",
    ),
    (
        "light",
        {"get_miner_info": _daemon({"ledstat": "auto"})},
        lambda m: m.fault_light_on(),
        "the fault light off",
    ),
    (
        "no light",
        {"get_miner_info": _daemon({})},
        lambda m: m.fault_light_off(),
        "no fault light state",
    ),
    (
        "limit",
        {"status": _daemon({}), "summary": _cg("SUMMARY", [{"Power Limit": 3300}])},
        lambda m: m.set_power_limit(3000),
        "a power limit of 3300 W",
    ),
    (
        "no limit",
        {"status": _daemon({}), "summary": _cg("SUMMARY", [{}])},
        lambda m: m.set_power_limit(3000),
        "no power limit",
    ),
    (
        "pools",
        {
            "status": _daemon({"btmineroff": "false"}),
            "summary": _cg("SUMMARY", [{"Power Mode": "Normal"}]),
            "pools": _cg("POOLS", [{"POOL": 0, "URL": "stratum+tcp://old:3333", "User": "a"}]),
        },
        lambda m: m.send_config(MinerConfig(pools=[POOL])),
        "other pools",
    ),
]


@pytest.mark.parametrize(
    ("name", "replies", "control", "shown"), NOT_TAKEN, ids=[c[0] for c in NOT_TAKEN]
)
async def test_each_read_back_says_what_the_miner_shows(
    name: str, replies: dict[str, dict[str, Any]], control: Control, shown: str
) -> None:
    async with raw_server(_reads_miner(replies), "127.0.7.5") as srv:
        miner = _tiny_miner(srv.host, srv.port)
        miner.read_back_seconds = 0.2
        with pytest.raises(ControlNotConfirmed) as caught:
            await control(miner)
    assert f"still shows {shown}" in str(caught.value)


async def test_login_check_answered_by_a_closed_connection_is_no_login() -> None:
    """An empty reply proves the login (sealed with our key); a closed connection not."""
    async with raw_server(_reads_miner({}), "127.0.7.6") as srv:
        miner = _tiny_miner(srv.host, srv.port)
        with pytest.raises(UnansweredWrite) as caught:
            await miner.check_credentials()
    assert caught.value.silence is Silence.CLOSED


async def test_write_answered_with_something_else_than_an_object() -> None:
    def answer(request: bytes) -> bytes:
        return TOKEN if b"get_token" in request else b"[1, 2]"

    async with raw_server(answer, "127.0.7.6") as srv:
        client = BtminerV2Client(srv.host, password=PASSWORD, port=srv.port, timeout=1)
        with pytest.raises(MinerProtocolError, match="answered no JSON object"):
            await client.write("set_led", param="auto")


async def test_write_to_a_port_that_refuses() -> None:
    with pytest.raises(MinerConnectionError, match="refused"):
        await btminer_v2_exchange.exchange("127.0.7.6", 4029, b"{}", within=1.0, silent_ok=True)


# -- 2. a wrong password refused with a double-encoded frame -------------------------------


async def test_double_encoded_refusal_is_a_wrong_password(start_wm: StartMiner) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True, quirks=["double-encoded-refusal"])
    async with await _miner(sim, password="wr0ng") as miner:
        for control in (miner.check_credentials, miner.stop_mining, miner.fault_light_on):
            with pytest.raises(MinerAuthenticationError) as caught:
                await control()
            message = str(caught.value)
            assert "rejected the password" in message
            assert "enc" not in message
            assert "{" not in message
            assert "wr0ng" not in message
    assert sim.state.mining
    assert _writes(sim) == []  # the miner carried out none of them


async def test_double_encoded_frame_we_can_open_is_read() -> None:
    """The frame encoded twice but sealed with our key: its content counts."""
    ok = json.dumps({"STATUS": "S", "When": 1, "Code": 131, "Msg": "API command OK"})
    frame = json.dumps(json.dumps({"enc": btminer_v2.encrypt(AES, ok.encode())})).encode()

    def answer(request: bytes) -> bytes:
        return TOKEN if b"get_token" in request else frame

    async with raw_server(answer, "127.0.7.8") as srv:
        client = BtminerV2Client(srv.host, password=PASSWORD, port=srv.port, timeout=2)
        reply = await client.write("set_led", param="auto")
    assert reply["Code"] == 131


async def test_wrong_password_fault_with_the_quirk(start_wm: StartMiner) -> None:
    """The simulator's wrong-password fault on such firmware: the same refusal, opened with
    the right key this time (23 "enc json load err"), is a wrong password too."""
    from tests.simulator import Fault

    sim = await start_wm("whatsminer-m50s", write_api=True, quirks=["double-encoded-refusal"])
    sim.set_fault(Fault.WRONG_PASSWORD)
    async with await _miner(sim) as miner:
        with pytest.raises(MinerAuthenticationError, match="rejected the password"):
            await miner.fault_light_on()
    sim.clear_faults()
    assert not sim.state.fault_light


# -- 3. an applied write answered with an empty encrypted body -----------------------------

EMPTY_ANSWERED: list[tuple[str, Control, Callable[[Any], object], object]] = [
    ("stop", lambda m: m.stop_mining(), lambda s: s.state.mining, False),
    ("light on", lambda m: m.fault_light_on(), lambda s: s.state.fault_light, True),
    (
        "power mode",
        lambda m: m.set_power_mode(PowerMode.HIGH),
        lambda s: s.state.power_mode,
        "high",
    ),
    ("power limit", lambda m: m.set_power_limit(3000), lambda s: s.state.power_limit, 3000),
    (
        "pools",
        lambda m: m.send_config(
            MinerConfig(pools=[PoolConfig("stratum+tcp://pool.example:3333", "me.w1", "x")])
        ),
        lambda s: (s.state.pools[0]["url"], s.state.pools[0]["user"]),
        ("stratum+tcp://pool.example:3333", "me.w1"),
    ),
    ("restart", lambda m: m.restart_backend(), lambda s: s.state.mining, True),
]


@pytest.mark.parametrize(
    ("name", "control", "read", "expected"), EMPTY_ANSWERED, ids=[c[0] for c in EMPTY_ANSWERED]
)
async def test_empty_encrypted_answer_is_read_back(
    start_wm: StartMiner,
    name: str,
    control: Control,
    read: Callable[[Any], object],
    expected: object,
) -> None:
    sim = await start_wm("whatsminer-m50s", write_api=True, quirks=["empty-write-reply"])
    async with await _miner(sim) as miner:
        await miner.check_credentials()  # not a wrong password
        await control(miner)
        assert read(sim) == expected
        if name == "stop":
            await miner.resume_mining()
            assert sim.state.mining


async def test_empty_answer_to_a_write_that_did_not_take() -> None:
    empty = json.dumps({"enc": btminer_v2.encrypt(AES, b"\x00" * 16)}).encode()

    def answer(request: bytes) -> bytes:
        if b"get_token" in request:
            return TOKEN
        if b'"status"' in request:
            return _status(mining=False, mode="Low")
        return empty

    async with raw_server(answer, "127.0.7.4") as srv:
        miner = _tiny_miner(srv.host, srv.port)
        with pytest.raises(ControlNotConfirmed, match="answered with an empty encrypted reply"):
            await miner.resume_mining()
        with pytest.raises(MinerCommandError, match="still shows mining stopped"):
            await miner.resume_mining()
        await miner.set_power_mode(PowerMode.LOW)  # it shows low: done


# -- the command line ----------------------------------------------------------------------

CLI_MINER = "127.0.7.26"


@pytest.fixture(scope="module")
def quirky_whatsminer() -> Iterator[None]:
    simulator = _start(
        [
            "-m",
            "tests.simulator",
            "--miners",
            f"whatsminer-m50s@{CLI_MINER}",
            "--reboot-seconds",
            "0.3",
            "--write-api",
            "--wm-password",
            PASSWORD,
            "--quirks",
            "write-silent-close,reboot-silent-open",
        ]
    )
    try:
        yield
    finally:
        _stop(simulator)


@pytest.mark.usefixtures("quirky_whatsminer")
@pytest.mark.parametrize(
    "action", [["stop"], ["resume"], ["power-mode", "low"], ["restart-backend"], ["reboot"]]
)
def test_cli_controls_answered_by_silence_succeed(action: list[str]) -> None:
    result = cli("control", CLI_MINER, *action, "--password", PASSWORD)
    assert result.returncode == 0, result.stderr
    assert "without answering" not in result.stdout + result.stderr
    if action[0] == "reboot":
        time.sleep(0.6)  # let the simulated miner come back for the next test
