"""LuxOS reads over real sockets: a simulated S19k Pro on LUXminer 2025.4.8 (its captured
replies) read in one joined RPC request, with per-board hashrate, chips, temperatures and
serials, fans, power, the profile and its watts, pools, events. Simulated miners on
127.0.95.1-20."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import (
    ChoiceKey,
    MinerProtocolError,
    NumberKey,
    SwitchKey,
    hashboard_key,
)
from tests.simulator.faults import Fault
from tests.simulator.luxos import captures
from tests.simulator.luxos.testing import StartLuxos, addresses, connect, luxos_fixture

start_luxos = luxos_fixture(addresses(95, 1, 20))


async def test_a_poll_reads_the_miner_as_its_replies_say(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        sim.state.received.clear()
        data = await miner.get_data()
    assert len(sim.state.received) == 1  # one joined request
    assert data.make == "Antminer"
    assert data.model == "S19k Pro"
    assert data.firmware == "LuxOS"
    assert data.fw_ver == "2025.4.8.220305-57b389c7"
    assert data.mac == sim.mac
    assert data.hostname == "UrlacherS19k"
    assert data.hashrate == pytest.approx(59.756, abs=0.01)
    assert data.expected_hashrate == pytest.approx(61.954, abs=0.01)
    assert data.wattage == 1051
    assert data.wattage_limit == 1188  # the 290MHz profile's watts
    assert [f.speed for f in data.fans] == [1920, 1920, 2340, 2340]
    assert data.fan_percent == 20
    assert data.is_mining is True
    assert data.fault_light is False  # RedLed "auto"
    assert data.errors == []
    assert len(data.pools) == 4
    assert data.pools[0].url == "stratum+tcp://ca.stratum.braiins.com:3333"
    assert data.pools[0].active
    assert not data.pools[1].alive


async def test_each_board_has_its_own_figures(start_luxos: StartLuxos) -> None:
    """Board 0 is stats chain 1 and devs / temps ID 0: the capture's figures agree."""
    sim = await start_luxos()
    async with await connect(sim) as miner:
        data = await miner.get_data()
    boards = {b.slot: b for b in data.hashboards}
    assert sorted(boards) == [0, 1, 2]
    devs = {d["ID"]: d for d in captures.DEVS["DEVS"]}
    for slot, board in boards.items():
        assert board.hashrate == pytest.approx(devs[slot]["MHS 5s"] / 1e6, abs=1e-3)
        assert board.serial_number == devs[slot]["SerialNumber"]
        assert board.chips == board.expected_chips == 77
        assert board.temp == 47.0
        assert board.chip_temp == 47.0
        assert board.outlet_temp == 47.0
    assert [boards[s].inlet_temp for s in (0, 1, 2)] == [34.0, 33.0, 34.0]
    assert sum(b.hashrate or 0 for b in data.hashboards) == pytest.approx(data.hashrate, abs=0.01)


async def test_the_poll_offers_profiles_power_target_fans_atm_and_each_board(
    start_luxos: StartLuxos,
) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        settings = (await miner.get_data()).settings
    preset = settings.choices[ChoiceKey.PRESET]
    assert preset.current == "290MHz (1188 W, 59.8 TH/s)"
    assert len(preset.options) == 25
    assert preset.restarts_mining
    target = settings.numbers[NumberKey.POWER_TARGET]
    assert (target.value, target.minimum, target.maximum) == (1188, 784, 4195)
    assert target.steps[:3] == (784.0, 879.0, 978.0)
    assert target.attributes == (("profile", "290MHz"),)
    assert settings.numbers[NumberKey.FAN_SPEED].value == 20
    assert settings.switches[SwitchKey.ATM].on is True
    assert [settings.switches[hashboard_key(s)].on for s in (0, 1, 2)] == [True] * 3


async def test_a_garbled_answer_fails_the_poll_precisely_and_the_next_poll_reads(
    start_luxos: StartLuxos,
) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        sim.set_fault(Fault.GARBAGE, protocol="rpc")
        with pytest.raises(MinerProtocolError):
            await miner.get_data()
        sim.clear_faults()
        assert (await miner.get_data()).hashrate


async def test_mac_hostname_and_light_are_read_from_the_config(start_luxos: StartLuxos) -> None:
    sim = await start_luxos()
    async with await connect(sim) as miner:
        assert await miner.get_mac() == sim.mac
        assert await miner.get_hostname() == "UrlacherS19k"
        assert await miner.check_light() is False
        sim.state.red_led = "blink"
        assert await miner.check_light() is True


async def test_events_of_trouble_are_the_errors(start_luxos: StartLuxos) -> None:
    """The captured events (a miner on 2025.9.8): each a problem, named by its target."""
    sim = await start_luxos()
    sim.state.trouble = list(captures.EVENTS["EVENTS"])
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert [(e.code, e.message) for e in data.errors] == [
        ("NOPIC_PROTECTION", "[MINER] Miner shutdown due to NOPIC protection."),
        ("REBOOT_NOT_HASHING", "[BOARD 0] Board reboot due to it not hashing."),
    ]
