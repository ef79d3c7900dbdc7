"""Braiins OS+ with BOSminer over real sockets (RPC 4028, SSH 22, web 80) against the
simulated S9 on 127.0.70.10-99: identification, every read, every control as the
simulated miner received it, logins, the host key, faults, and requests per poll."""

from __future__ import annotations

import asyncio
import itertools
import time
import tomllib
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from custom_components.asic_miner.driver import (
    Capability,
    Credentials,
    FanConfig,
    FanMode,
    MinerAuthenticationError,
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    NumberKey,
    PoolConfig,
    UnsupportedOperation,
    find_miner,
)
from custom_components.asic_miner.driver.backends.braiins.bosminer import BraiinsBosminer
from custom_components.asic_miner.driver.errors import HostKeyChanged, MinerTimeoutError
from tests.simulator.bosminer import BosminerSim
from tests.simulator.faults import Fault
from tests.simulator.ssh_server import new_host_key, public_key_text

S9 = "braiins-s9-bosminer"
_ADDRESSES = (f"127.0.70.{n}" for n in itertools.cycle(range(10, 100)))
POOL_SECRET = "Bos-pool-S3cret"

StartSim = Callable[..., Awaitable[BosminerSim]]
Connect = Callable[..., Awaitable[tuple[BosminerSim, BraiinsBosminer]]]


@pytest.fixture
async def start_sim() -> AsyncIterator[StartSim]:
    started: list[BosminerSim] = []

    async def start(**options: object) -> BosminerSim:
        options.setdefault("reboot_seconds", 0.4)
        sim = BosminerSim(S9, next(_ADDRESSES), **options)  # type: ignore[arg-type]
        await sim.start()
        started.append(sim)
        return sim

    yield start
    for sim in started:
        await sim.stop()


@pytest.fixture
async def connect(start_sim: StartSim) -> AsyncIterator[Connect]:
    """connect(login=None, **sim options) -> (simulator, driver found by find_miner)."""
    miners: list[BraiinsBosminer] = []

    async def start(
        login: str | None = None, **options: object
    ) -> tuple[BosminerSim, BraiinsBosminer]:
        sim = await start_sim(**options)
        credentials = Credentials("root", login) if login is not None else None
        miner = await find_miner(sim.address, credentials=credentials, timeout=3)
        assert isinstance(miner, BraiinsBosminer)
        miners.append(miner)
        return sim, miner

    yield start
    for miner in miners:
        await miner.close()


async def _until(check: Callable[[], Awaitable[bool]], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError("the simulated miner never got there")
        await asyncio.sleep(0.05)


# -- identification and reads -------------------------------------------------------------


async def test_found_as_braiins_os_on_an_s9(connect: Connect) -> None:
    _sim, miner = await connect()
    assert type(miner) is BraiinsBosminer
    assert (miner.make, miner.model, miner.firmware) == ("Antminer", "S9", "Braiins OS")
    assert miner.requires_credentials


async def test_every_figure_as_the_simulated_miner_reports_it(connect: Connect) -> None:
    sim, miner = await connect()
    data = await miner.get_data()
    assert (data.make, data.model, data.firmware) == ("Antminer", "S9", "Braiins OS")
    assert data.fw_ver == "20.09"  # /etc/bos_version's release
    assert data.api_ver == "3.7"
    assert data.mac == sim.mac
    assert data.hostname == sim.hostname
    assert data.hashrate == pytest.approx(sim.hashrate_ths, abs=1e-3)
    assert data.expected_hashrate == pytest.approx(sim.expected_hashrate_ths)
    assert data.hashrate_averages["1m"] == pytest.approx(sim.hashrate_ths, abs=1e-3)
    assert [b.slot for b in data.hashboards] == [0, 1, 2]
    assert [b.hashrate for b in data.hashboards] == pytest.approx(sim.board_hashrates_ths)
    assert [b.chips for b in data.hashboards] == [63, 63, 63]
    assert data.expected_chips == 189
    assert [b.temp for b in data.hashboards] == [81.9, 85.9, 84.4]
    assert [b.chip_temp for b in data.hashboards] == [104.6, 108.9, 105.4]
    assert [f.speed for f in data.fans] == sim.fan_speeds
    assert data.fan_percent == 100
    assert data.wattage == sim.power_watts == 1419
    assert data.wattage_limit == 1420
    assert data.efficiency == pytest.approx(1419 / sim.hashrate_ths, abs=0.01)
    assert data.tuner_state == "Tuning individual chips"
    assert data.errors == []
    assert data.is_mining is True
    assert data.fault_light is None  # read over SSH only on request (check_light)
    assert [(p.index, p.user, p.active) for p in data.pools] == [
        (0, sim.worker, True),
        (1, sim.worker, False),
    ]
    assert data.uptime is not None
    assert data.uptime <= sim.uptime + 1
    target = data.settings.numbers[NumberKey.POWER_TARGET]
    assert (target.value, target.minimum, target.maximum, target.unit) == (1420, 100, 5000, "W")
    assert target.restarts_mining


async def test_requests_per_poll(connect: Connect) -> None:
    """The first poll: one joined RPC request and one SSH login (MAC, host name, version);
    later polls: the RPC request alone."""
    sim, miner = await connect()
    rpc_before = len(sim.heard_rpc)
    await miner.get_data()
    assert sim.heard_rpc[rpc_before:] == [
        "version+summary+devs+devdetails+temps+fans+tunerstatus+pools"
    ]
    assert sim.ssh.heard.connections == 1
    assert len(sim.ssh.heard.commands) == 3
    for _ in range(3):
        await miner.get_data()
    assert len(sim.heard_rpc) - rpc_before == 4
    assert sim.ssh.heard.connections == 1


async def test_get_mac_over_ssh(connect: Connect) -> None:
    sim, miner = await connect()
    assert await miner.get_mac() == sim.mac
    assert await miner.get_hostname() == sim.hostname


# -- controls -----------------------------------------------------------------------------


async def test_pause_and_resume(connect: Connect) -> None:
    sim, miner = await connect()
    await miner.stop_mining()
    assert sim.state.paused
    data = await miner.get_data()
    assert data.is_mining is False
    assert data.hashrate == 0
    assert data.wattage == 0
    await miner.resume_mining()
    assert not sim.state.paused
    assert (await miner.get_data()).is_mining is True


async def test_power_target_written_to_bosminer_toml_and_restarts_bosminer(
    connect: Connect,
) -> None:
    sim, miner = await connect()
    await miner.get_data()
    full = sim.hashrate_ths
    await miner.set_number(NumberKey.POWER_TARGET, 1000)
    doc = tomllib.loads(sim.files["/etc/bosminer.toml"])
    assert doc["autotuning"] == {"enabled": True, "psu_power_limit": 1000}  # format 1.0 kept
    assert doc["format"]["model"] == "Antminer S9"  # the rest as it was
    assert len(doc["group"][0]["pool"]) == 2
    assert sim.state.restarts == 1

    async def restarted() -> bool:
        try:
            return (await miner.get_data()).wattage_limit == 1000
        except Exception:
            return False

    await _until(restarted)
    data = await miner.get_data()
    assert data.wattage == 999
    assert data.hashrate is not None
    assert data.hashrate < full
    assert data.settings.numbers[NumberKey.POWER_TARGET].value == 1000


@pytest.mark.parametrize("watts", [50, 5001, 1200.5, float("nan")])
async def test_power_target_out_of_bounds_sends_nothing(connect: Connect, watts: float) -> None:
    sim, miner = await connect()
    await miner.get_data()
    commands = len(sim.ssh.heard.commands)
    with pytest.raises(ValueError, match="power_target"):
        await miner.set_number(NumberKey.POWER_TARGET, watts)
    assert len(sim.ssh.heard.commands) == commands
    assert sim.state.restarts == 0


async def test_unknown_setting_is_unsupported(connect: Connect) -> None:
    _, miner = await connect()
    with pytest.raises(UnsupportedOperation):
        await miner.set_number(NumberKey.HASHRATE_TARGET, 10)
    with pytest.raises(UnsupportedOperation):
        await miner.set_power_limit(1000)
    assert Capability.POWER_LIMIT not in miner.capabilities


async def test_fault_light_on_and_off(connect: Connect) -> None:
    sim, miner = await connect()
    assert await miner.check_light() is False
    await miner.fault_light_on()
    assert sim.state.fault_light
    assert await miner.check_light() is True
    await miner.fault_light_off()
    assert not sim.state.fault_light
    assert await miner.check_light() is False
    assert "miner fault_light on" in sim.ssh.heard.commands


async def test_restart_bosminer(connect: Connect) -> None:
    sim, miner = await connect()
    await miner.restart_backend()
    assert sim.state.restarts == 1
    assert "/etc/init.d/bosminer restart" in sim.ssh.heard.commands


async def test_reboot(connect: Connect) -> None:
    sim, miner = await connect()
    await miner.reboot()
    await _until(lambda: _false(sim.online))
    await _until(lambda: _true(sim.online))
    assert sim.state.reboots == 1
    assert (await miner.get_data()).uptime is not None


async def _true(value: bool) -> bool:
    return value


async def _false(value: bool) -> bool:
    return not value


async def test_pools_sent_into_bosminer_toml_and_read_back(connect: Connect) -> None:
    sim, miner = await connect()
    pools = [
        PoolConfig("stratum+tcp://pool.example.org:3333", "me.s9", POOL_SECRET),
        PoolConfig("stratum+tcp://backup.example.org:443", "me.s9b", "x"),
    ]
    await miner.send_config(MinerConfig(pools=pools))
    doc = tomllib.loads(sim.files["/etc/bosminer.toml"])
    assert doc["group"] == [
        {
            "name": "Default",
            "pool": [
                {
                    "enabled": True,
                    "url": pools[0].url,
                    "user": "me.s9",
                    "password": POOL_SECRET,
                },
                {"enabled": True, "url": pools[1].url, "user": "me.s9b", "password": "x"},
            ],
        }
    ]
    assert doc["autotuning"]["psu_power_limit"] == 1420  # untouched
    assert sim.state.restarts == 1
    config = await miner.get_config()
    assert [(p.url, p.user, p.password) for p in config.pools] == [
        (p.url, p.user, p.password) for p in pools
    ]
    assert config.mining_mode == MiningModeConfig(MiningMode.POWER_TARGET, 1420)

    async def serving_new_pools() -> bool:
        try:
            return [p.user for p in (await miner.get_data()).pools] == ["me.s9", "me.s9b"]
        except Exception:
            return False

    await _until(serving_new_pools)


async def test_send_config_fan_and_power_target(connect: Connect) -> None:
    sim, miner = await connect()
    await miner.send_config(
        MinerConfig(
            fan=FanConfig(FanMode.MANUAL, 60),
            mining_mode=MiningModeConfig(MiningMode.POWER_TARGET, 1100),
        )
    )
    doc = tomllib.loads(sim.files["/etc/bosminer.toml"])
    assert doc["temp_control"] == {"mode": "manual"}
    assert doc["fan_control"] == {"speed": 60}
    assert doc["autotuning"]["psu_power_limit"] == 1100
    assert len(doc["group"][0]["pool"]) == 2  # no pools given: the file's kept


async def test_refused_config_sends_nothing(connect: Connect) -> None:
    sim, miner = await connect()
    with pytest.raises(UnsupportedOperation):
        await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.SLEEP)))
    with pytest.raises(ValueError, match="power_target"):
        await miner.send_config(
            MinerConfig(mining_mode=MiningModeConfig(MiningMode.POWER_TARGET, 20))
        )
    with pytest.raises(ValueError, match="port"):
        await miner.send_config(MinerConfig(pools=[PoolConfig("stratum+tcp://nope", "u")]))
    assert sim.ssh.heard.connections == 0


# -- logins and the host key --------------------------------------------------------------


async def test_default_empty_password_logs_in(connect: Connect) -> None:
    sim, miner = await connect()
    await miner.check_credentials()
    assert sim.ssh.heard.logins == ["root"]
    assert sim.ssh.heard.failed_logins == []


async def test_older_default_root_is_tried_when_no_password_was_given(connect: Connect) -> None:
    sim, miner = await connect(password="root")  # the sim's; no login given
    await miner.check_credentials()
    assert sim.ssh.heard.failed_logins == ["root"]  # "" first
    assert sim.ssh.heard.logins == ["root"]
    await miner.fault_light_on()
    assert sim.ssh.heard.failed_logins == ["root"]  # the working one is kept


async def test_custom_password(start_sim: StartSim) -> None:
    sim = await start_sim(password="My-Own pw!")
    miner = await find_miner(sim.address, credentials=Credentials("root", "My-Own pw!"))
    async with miner:
        await miner.check_credentials()
        await miner.fault_light_on()
        assert sim.state.fault_light
        assert (await miner.get_data()).mac == sim.mac
    assert sim.ssh.heard.failed_logins == []


async def test_wrong_password(start_sim: StartSim) -> None:
    sim = await start_sim(password="the-right-one")
    miner = await find_miner(sim.address, credentials=Credentials("root", "wrong-one"))
    async with miner:
        with pytest.raises(MinerAuthenticationError):
            await miner.check_credentials()
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()  # the poll's SSH read: re-authentication
        with pytest.raises(MinerAuthenticationError):
            await miner.fault_light_on()
    assert not sim.state.fault_light
    assert sim.ssh.heard.logins == []


async def test_host_key_recorded_and_a_changed_one_refused(connect: Connect) -> None:
    sim, miner = await connect()
    await miner.check_credentials()
    assert miner.ssh_host_key == sim.ssh.host_key_text

    other = await find_miner(sim.address, timeout=3)
    assert isinstance(other, BraiinsBosminer)
    other.known_ssh_host_key = public_key_text(new_host_key())  # the key recorded before
    logins = len(sim.ssh.heard.logins)
    async with other:
        with pytest.raises(HostKeyChanged) as changed:
            await other.fault_light_on()
        with pytest.raises(HostKeyChanged):
            await other.check_credentials()
    assert changed.value.fingerprint.startswith("SHA256:")
    assert len(sim.ssh.heard.logins) == logins
    assert sim.ssh.heard.failed_logins == []  # no password was sent
    assert not sim.state.fault_light


async def test_known_host_key_accepted(connect: Connect) -> None:
    sim, miner = await connect()
    miner.known_ssh_host_key = sim.ssh.host_key_text
    await miner.fault_light_on()
    assert sim.state.fault_light


async def test_keyboard_interactive_login(connect: Connect) -> None:
    sim, miner = await connect(ssh_auth_methods=("keyboard-interactive",))
    await miner.fault_light_on()
    assert sim.state.fault_light


# -- faults ---------------------------------------------------------------------------------


async def test_silent_rpc_is_a_timeout(connect: Connect) -> None:
    sim, miner = await connect()
    miner.rpc.timeout = 0.5
    sim.set_fault(Fault.SILENCE, protocol="rpc")
    with pytest.raises(MinerTimeoutError):
        await miner.get_data()


async def test_silent_ssh_fails_the_control_not_the_poll(connect: Connect) -> None:
    sim, miner = await connect()
    miner.timeout = 0.5
    sim.set_fault(Fault.SILENCE, protocol="ssh")
    data = await miner.get_data()  # the RPC figures, without the SSH ones
    assert data.hashrate
    assert data.mac is None
    with pytest.raises(MinerTimeoutError):
        await miner.fault_light_on()
    sim.clear_faults()
    assert (await miner.get_data()).mac is None  # not asked again before IDENTITY_TTL
    assert await miner.get_mac() == sim.mac


@pytest.mark.parametrize("fault", [Fault.GARBAGE, Fault.TRUNCATED, Fault.DROP])
async def test_damaged_rpc_reply_fails_the_poll_precisely(connect: Connect, fault: Fault) -> None:
    from custom_components.asic_miner.driver.errors import AsicMinerError

    sim, miner = await connect()
    sim.set_fault(fault, protocol="rpc")
    with pytest.raises(AsicMinerError):
        await miner.get_data()
    sim.clear_faults()
    assert (await miner.get_data()).hashrate


# -- the generations ----------------------------------------------------------------------


async def test_newest_answering_generation_wins(
    start_sim: StartSim, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the web generations' identify filled in (as the lead wires them), a BOSminer
    still resolves to BOSminer (neither web API answers its LuCI) and a 25.x miner to REST."""
    from custom_components.asic_miner.driver.backends.braiins import family, graphql, rest
    from tests.simulator.bos_rest import MODELS as REST_MODELS
    from tests.simulator.bos_rest import BosRestSim

    monkeypatch.setattr(family, "_NEWER_GENERATIONS", (graphql.identify, rest.identify))
    sim = await start_sim()
    async with await find_miner(sim.address, timeout=3) as miner:
        assert type(miner) is BraiinsBosminer
    async with BosRestSim(next(iter(REST_MODELS)), next(_ADDRESSES)) as newer:
        found = await find_miner(newer.address, timeout=3)
        await found.close()
    assert type(found) is rest.BraiinsRest
