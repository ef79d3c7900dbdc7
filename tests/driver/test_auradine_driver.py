"""Auradine Teraflux on FluxOS, over real sockets: found as Auradine (never as another make)
by its GCMiner RPC and its "Miner UI" page, every figure of a poll as the simulated
AT1500's captured replies carry it, the token asked for once and renewed when refused,
each control seen at the miner, and what it lacks refused. Simulated miners on
127.0.109.10-59."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from custom_components.asic_miner.driver import (
    Credentials,
    MinerAuthenticationError,
    NumberKey,
    UnsupportedOperation,
    find_miner,
)
from custom_components.asic_miner.driver.backends.auradine.backend import Auradine
from custom_components.asic_miner.driver.config import MinerConfig, MiningMode, MiningModeConfig
from custom_components.asic_miner.driver.errors import MinerCommandError, MinerProtocolError
from tests.simulator.auradine import captures
from tests.simulator.auradine.miner import AuradineSim
from tests.simulator.auradine.testing import AT1500, AT2880, addresses, auradine_fixture, connect
from tests.simulator.faults import Fault

StartAuradine = Callable[..., Awaitable[AuradineSim]]
start_auradine = auradine_fixture(addresses(109, 10, 59))


@pytest.mark.parametrize(("model", "name"), [(AT1500, "AT1500"), (AT2880, "AT2880")])
async def test_found_as_auradine_with_the_model_devdetails_names(
    start_auradine: StartAuradine, model: str, name: str
) -> None:
    sim = await start_auradine(model)
    async with await connect(sim) as miner:
        assert isinstance(miner, Auradine)
        assert (miner.make, miner.model, miner.firmware) == ("Auradine", name, "FluxOS")
        assert miner.model_info is not None


async def test_found_by_its_web_page_alone_when_the_rpc_is_closed(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500, rpc_port=40280)  # 4028 closed: only "Miner UI" on 80
    miner = await find_miner(sim.address, timeout=3.0)
    async with miner:
        assert isinstance(miner, Auradine)
        data = await miner.get_data()  # the model from ipreport, the web still read
    assert data.model == "AT1500"
    assert data.hashrate is None
    assert data.mac is not None


async def test_a_poll_reads_the_captured_figures(start_auradine: StartAuradine) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert data.mac == sim.mac.upper()
    assert (data.hostname, data.fw_ver) == ("teraflux-01", captures.IPREPORT["version"])
    assert data.serial_number == captures.IPREPORT["SerialNo"]
    assert data.hashrate == pytest.approx(20.7)  # 6.8 + 6.9 + 7.0 TH/s of MHS 5s
    assert [b.hashrate for b in data.hashboards] == pytest.approx([6.8, 6.9, 7.0])
    assert [b.temp for b in data.hashboards] == list(captures.DEV_TEMPERATURES)
    assert [b.serial_number for b in data.hashboards] == captures.IPREPORT["HBSerialNo"]
    assert all(b.expected_chips == 132 and not b.missing for b in data.hashboards)
    assert [f.speed for f in data.fans] == list(captures.FAN_SPEEDS)
    assert data.wattage == 2000.0
    assert data.wattage_limit == 2000
    assert data.input_voltage == 245.0
    assert data.uptime is not None
    assert data.uptime >= captures.SUMMARY["Elapsed"]
    assert data.expected_hashrate == 180.0
    assert (data.is_mining, data.fault_light) == (True, False)
    assert next(p.url for p in data.pools) == "stratum+tcp://btc.viabtc.io:3333"
    assert data.pools[0].active
    assert not data.pools[1].active
    assert (data.shares_accepted, data.shares_rejected) == (3310, 1)
    target = data.settings.numbers[NumberKey.POWER_TARGET]
    # the supply's PoutMax "3452.00W" is the ceiling; the model's 1500 W the floor
    assert (target.value, target.minimum, target.maximum) == (2000, 1500.0, 3452.0)


async def test_a_token_is_asked_for_once_and_renewed_when_refused(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.get_data()
        assert sim.state.tokens_issued == 1  # kept between polls
        sim.state.expire_tokens()
        data = await miner.get_data()
    assert sim.state.tokens_issued == 2
    assert data.mac is not None
    assert data.wattage == 2000.0


async def test_a_wrong_password_is_named_as_such(start_auradine: StartAuradine) -> None:
    sim = await start_auradine(AT1500, password="changed")
    with pytest.raises(MinerAuthenticationError):
        async with await connect(sim) as miner:
            await miner.get_data()
    async with await connect(sim, password="changed") as miner:
        assert (await miner.get_data()).hostname == "teraflux-01"


async def test_a_login_refused_later_fails_the_poll(start_auradine: StartAuradine) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.expire_tokens()
        sim.set_fault(Fault.WRONG_PASSWORD, protocol="http")
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()


async def test_pause_and_resume_mining_reach_the_miner(start_auradine: StartAuradine) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        await miner.stop_mining()
        assert sim.state.sleeping
        data = await miner.get_data()
        assert data.is_mining is False
        assert data.hashrate == 0.0
        await miner.resume_mining()
        assert not sim.state.sleeping
        assert (await miner.get_data()).is_mining is True
    assert ("POST", "mode", {"sleep": "on", "command": "mode"}) in sim.state.received


async def test_the_power_target_is_set_within_the_bounds_and_refused_outside(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        await miner.get_data()
        await miner.set_number(NumberKey.POWER_TARGET, 2600)
        assert sim.state.power_target == 2600
        await miner.set_power_limit(1800)
        assert sim.state.power_target == 1800
        heard = len(sim.state.received)
        with pytest.raises(ValueError, match="between 1500 and 3452"):
            await miner.set_number(NumberKey.POWER_TARGET, 4000)
        assert len(sim.state.received) == heard  # refused unsent
        assert (await miner.get_data()).wattage_limit == 1800


async def test_the_power_target_before_any_poll_reads_the_bounds_first(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT2880)
    async with await connect(sim) as miner:
        await miner.set_number(NumberKey.POWER_TARGET, 3000)
    assert sim.state.power_target == 3000


async def test_the_light_reboot_and_mining_restart_reach_the_miner(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500, reboot_seconds=0.2)
    async with await connect(sim) as miner:
        await miner.fault_light_on()
        assert sim.state.led_code == 3
        assert await miner.check_light() is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert sim.state.led_code == 2
        await miner.restart_backend()
        assert sim.state.mining_restarts == 1
        await miner.reboot()
        await asyncio.sleep(0.6)
        data = await miner.get_data()  # back, with a fresh token after the reboot
    assert data.uptime is not None
    assert data.uptime < 60
    assert sim.state.tokens_issued == 2


async def test_what_it_lacks_is_refused_and_nothing_is_sent(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        await miner.get_data()
        heard = len(sim.state.received)
        with pytest.raises(UnsupportedOperation):
            await miner.set_number("hashrate_target", 150)
        with pytest.raises(UnsupportedOperation):
            await miner.set_choice("fan_mode", "auto")  # no automatic fan setting is known
        with pytest.raises(UnsupportedOperation):
            await miner.send_config(MinerConfig(mining_mode=MiningModeConfig(MiningMode.HIGH)))
        assert len(sim.state.received) == heard


async def test_a_change_the_firmware_refuses_raises_its_message(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        with pytest.raises(MinerCommandError, match="unknown code"):
            await miner.api.post("led", {"code": 9})  # type: ignore[attr-defined]


async def test_mac_and_hostname_come_from_one_ipreport(start_auradine: StartAuradine) -> None:
    sim = await start_auradine(AT1500, mac="1c:00:00:0e:3b:2b")
    async with await connect(sim, seconds=3.0) as miner:
        assert await miner.get_mac() == "1C:00:00:0E:3B:2B"
        assert await miner.get_hostname() == "teraflux-01"


async def test_other_credentials_never_make_it_another_make(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT2880)
    miner = await find_miner(sim.address, credentials=Credentials("root", "root"), timeout=3.0)
    async with miner:
        assert miner.make == "Auradine"
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()


async def test_without_the_rpc_a_poll_goes_on_without_the_web_it_fails(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        sim.set_fault(Fault.GARBAGE, protocol="rpc")
        data = await miner.get_data()
        assert data.hashrate is None
        assert data.wattage == 2000.0
        # Boards not read are not missing ones (no problem reported for them).
        assert [(b.serial_number, b.missing) for b in data.hashboards] == [
            (serial, False) for serial in captures.IPREPORT["HBSerialNo"]
        ]
        sim.clear_faults()
        sim.set_fault(Fault.GARBAGE, protocol="http")
        with pytest.raises(MinerProtocolError):
            await miner.get_data()


async def test_a_fresh_token_refused_too_is_a_login_error(
    start_auradine: StartAuradine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A miner that gives tokens it then refuses (renewed once, refused again)."""
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.expire_tokens()
        monkeypatch.setattr(type(sim.state), "issue_token", lambda state: "never-taken")
        with pytest.raises(MinerAuthenticationError, match="fresh login token"):
            await miner.fault_light_on()
        assert "AuradineApi" in repr(miner.api)  # type: ignore[attr-defined]


async def test_a_power_target_that_is_no_number_is_refused_unsent(
    start_auradine: StartAuradine,
) -> None:
    sim = await start_auradine(AT1500)
    async with await connect(sim) as miner:
        await miner.get_data()
        heard = len(sim.state.received)
        with pytest.raises(ValueError, match="must be a number"):
            await miner.set_number(NumberKey.POWER_TARGET, True)
    assert len(sim.state.received) == heard
