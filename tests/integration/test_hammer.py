"""The "blackMiner" firmware in Home Assistant, on a Hammer D10 and a VolcMiner D1: found
by the config flow (by address and by a scan), added with the make's shipped digest login
(root / root, root / ltc@dog), its Scrypt rates shown in GH/s (no efficiency: the
firmware reports no power), and controlled from Home Assistant (fault light, mining,
reboot). Simulated miners on 127.0.107.140 and 127.0.108.40."""

from __future__ import annotations

from collections.abc import Generator

import pytest
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant

from tests.simulator.hammer import HammerSim, captures

from .conftest import SimFactory
from .family_steps import Added, add_from_a_scan, assert_added, network_adapters
from .flows import add_by_address

# model, address, entry title, shipped password
MODELS = (
    ("hammer-d10", "127.0.107.140", "Hammer D10", "root"),
    ("volcminer-d1", "127.0.108.40", "VolcMiner D1", "ltc@dog"),
)
MINING = {"0": True, "1": False}  # bitmain-work-mode: "0" mines, "1" sleeps


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    with network_adapters():
        yield


@pytest.fixture(params=MODELS, ids=[row[0] for row in MODELS])
async def sim(start_sim: SimFactory, request: pytest.FixtureRequest) -> HammerSim:
    model, host, _title, _password = request.param
    sim = await start_sim(model, host, password=None)  # its shipped login
    assert isinstance(sim, HammerSim)
    return sim


def _row(sim: HammerSim) -> tuple[str, str, str, str]:
    return next(row for row in MODELS if row[0] == sim.model)


async def _added(hass: HomeAssistant, sim: HammerSim) -> Added[HammerSim]:
    return Added(sim, await add_by_address(hass, sim.address))


async def test_added_by_address_with_the_default_login(hass: HomeAssistant, sim: HammerSim) -> None:
    _model, host, title, password = _row(sim)
    assert_added(await add_by_address(hass, host), sim, title, ("root", password))


async def test_found_by_a_scan(hass: HomeAssistant, sim: HammerSim) -> None:
    _model, _host, title, password = _row(sim)
    await add_from_a_scan(hass, sim, title, login=("root", password))


async def test_rates_in_gh_per_second(
    hass: HomeAssistant, sim: HammerSim, entity_registry_enabled_by_default: None
) -> None:
    added = await _added(hass, sim)
    hashrate = added.rate(hass, "hashrate", "GH/s")
    summary_rate = float(captures.SUMMARY["MHS 5s"]) * sim.spec.rate_scale / 1000
    assert hashrate == pytest.approx(summary_rate, rel=0.01)
    board_rate = float(captures.STATS_TAIL["chain_rate1"]) * sim.spec.rate_scale / 1000
    assert added.rate(hass, "board_0_hashrate", "GH/s") == pytest.approx(board_rate, rel=0.01)
    # No power reading in any reply (pyasic's BlackMiner has none): no J/MH efficiency.
    added.assert_none_of(hass, ("sensor", "power"), ("sensor", "efficiency"))
    assert added.state(hass, "sensor", "active_pool").state == sim.state.pools[0]["url"]
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON


async def test_fault_light_and_mining_from_their_switches(
    hass: HomeAssistant, sim: HammerSim
) -> None:
    added = await _added(hass, sim)
    await added.switch(hass, "fault_light", lambda sim: sim.state.blinking)
    await added.switch(hass, "mining", lambda sim: MINING.get(sim.state.conf["bitmain-work-mode"]))


async def test_reboot_from_its_button(hass: HomeAssistant, sim: HammerSim) -> None:
    added = await _added(hass, sim)
    await added.call(hass, "button", "press", "reboot")
    assert ("GET", "/cgi-bin/reboot.cgi") in sim.state.received
