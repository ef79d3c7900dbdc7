"""MARA firmware on a simulated S19 XP, through Home Assistant: found by the config flow
(added by address, and by a scan) with the firmware's default login, its entities reading
what the miner reports, and controlled from them (mining switch, power target, fault
light, reboot); every entity as a snapshot. The captured KS5 Pro is found by a scan and
with a password of its own. Addresses: 127.0.100.150-199."""

from __future__ import annotations

from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import (
    STATE_OFF,
    STATE_ON,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.driver import NumberKey, find_miner
from custom_components.asic_miner.driver.backends.marathon.backend import Marathon
from tests.simulator.marathon import MaraSim
from tests.simulator.marathon.state import CAPTURED_UPTIME, MaraState
from tests.simulator.marathon.testing import KS5PRO, S19XP

from .conftest import SimFactory, entry_for, setup_entry
from .family_steps import Added, add_from_a_scan, add_with_its_login, assert_added, network_adapters
from .flows import add_by_address

HOST = "127.0.100.150"
SCANNED = "127.0.100.151"
SNAPSHOT = "127.0.100.152"
CUSTOM = "127.0.100.153"
TITLE = "Antminer S19 XP"


@pytest.fixture
async def added(hass: HomeAssistant, start_sim: SimFactory) -> Added[MaraSim]:
    sim = await start_sim(S19XP, HOST)
    assert isinstance(sim, MaraSim)
    return Added(sim, await add_by_address(hass, HOST))


async def test_added_by_address_with_the_default_login(
    hass: HomeAssistant, added: Added[MaraSim]
) -> None:
    assert_added(added.entry, added.sim, TITLE, ("root", "root"))


@pytest.mark.parametrize(("model", "title"), [(S19XP, TITLE), (KS5PRO, "Antminer KS5 Pro")])
async def test_found_by_a_scan_and_added(
    hass: HomeAssistant, start_sim: SimFactory, model: str, title: str
) -> None:
    sim = await start_sim(model, SCANNED)
    with network_adapters("127.0.100.1"):
        await add_from_a_scan(hass, sim, title, login=("root", "root"))


async def test_entities_read_what_the_miner_reports(
    hass: HomeAssistant, added: Added[MaraSim]
) -> None:
    async with await find_miner(HOST, timeout=5) as miner:  # the test's own driver Miner
        data = await miner.get_data()
    assert added.value(hass, "sensor", "hashrate") == pytest.approx(data.hashrate)
    brief = added.sim.state.brief()
    assert added.value(hass, "sensor", "power") == data.wattage
    assert data.wattage == brief["power_consumption_estimated"]
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON
    boards = added.sim.state.hashboards()["hashboards"]
    for board in boards:  # three boards of 110 chips, each read in TH/s
        rate = added.rate(hass, f"board_{board['index']}_hashrate", "TH/s")
        assert rate == pytest.approx(board["hashrate_realtime_10m"] / 1000, abs=0.01)
    assert len(boards) == 3
    assert {b["asic_num"] for b in boards} == {110}
    added.assert_power_target(hass, 3010, (1505, 3010))  # the S19 XP's rated power
    assert added.state(hass, "switch", "fault_light").state == STATE_OFF


async def test_mining_switch_pauses_and_resumes(
    hass: HomeAssistant, added: Added[MaraSim], freezer: FrozenDateTimeFactory
) -> None:
    await added.mining_paused(hass, lambda sim: sim.state.work_mode != "Sleep", freezer)
    await added.mining_resumed(hass, lambda sim: sim.state.work_mode == "Auto", freezer)


async def test_power_target_from_home_assistant(
    hass: HomeAssistant, added: Added[MaraSim], freezer: FrozenDateTimeFactory
) -> None:
    await added.set_number(hass, NumberKey.POWER_TARGET, 2600, freezer)
    assert added.sim.state.power_target == 2600
    await added.number_refused(hass, NumberKey.POWER_TARGET, 3011, maximum=3010)
    assert added.sim.state.power_target == 2600


async def test_fault_light_and_reboot(hass: HomeAssistant, added: Added[MaraSim]) -> None:
    await added.switch(hass, "fault_light", lambda sim: sim.state.blinking)
    await added.reboot(hass, lambda sim: sim.state.uptime)


@pytest.fixture
def held_uptime(monkeypatch: pytest.MonkeyPatch) -> None:
    """The uptime (and the shares counted from it) held where the capture has it."""
    monkeypatch.setattr(MaraState, "uptime", property(lambda state: CAPTURED_UPTIME))


@pytest.mark.parametrize("platform", ["binary_sensor", "button", "number", "sensor", "switch"])
@pytest.mark.usefixtures("entity_registry_enabled_by_default", "held_uptime")
async def test_every_entity(
    hass: HomeAssistant,
    start_sim: SimFactory,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    platform: Platform,
) -> None:
    sim: Any = await start_sim(S19XP, SNAPSHOT, mac="02:4d:41:52:41:01")
    entry = await setup_entry(hass, entry_for(sim, SNAPSHOT), [platform])
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


async def test_a_password_of_its_own_is_asked_and_the_miner_is_mara(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """With root/root refused, the digest realm alone cannot tell MARA from stock: the flow
    asks for the login; with it, the entry is set up on MARA's backend."""
    await start_sim(KS5PRO, CUSTOM, password="own-pw-1")
    entry = await add_with_its_login(hass, CUSTOM, "root", "own-pw-1")
    assert entry.title == "Antminer KS5 Pro"
    assert isinstance(entry.runtime_data.miner, Marathon)
