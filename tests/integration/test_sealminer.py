"""Bitdeer SealMiner on a simulated A2, through Home Assistant: found by the config flow
(added by address, and by a scan) with the firmware's default login seal/seal, its
entities reading what the miner reports in TH/s and W, and controlled from them (mining
switch, power limit, fault light, reboot). An A2 with a password of its own is asked for
it. Addresses: 127.0.110.200-249."""

from __future__ import annotations

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant

from custom_components.asic_miner.driver import NumberKey
from custom_components.asic_miner.driver.backends.sealminer.backend import SealMiner
from tests.simulator.sealminer import SealSim, captures
from tests.simulator.sealminer.testing import A2

from .conftest import SimFactory
from .family_steps import (
    Added,
    add_from_a_scan,
    add_with_its_login,
    assert_added,
    network_adapters,
    wait_until,
)
from .flows import add_by_address

HOST = "127.0.110.200"
SCANNED = "127.0.110.201"
CUSTOM = "127.0.110.203"
TITLE = "Bitdeer SealMiner A2"


@pytest.fixture
async def added(hass: HomeAssistant, start_sim: SimFactory) -> Added[SealSim]:
    sim = await start_sim(A2, HOST, password="seal", reboot_seconds=0.3)
    assert isinstance(sim, SealSim)
    return Added(sim, await add_by_address(hass, HOST))


async def test_added_by_address_with_the_default_login(
    hass: HomeAssistant, added: Added[SealSim]
) -> None:
    assert_added(added.entry, added.sim, TITLE, ("seal", "seal"))
    assert isinstance(added.entry.runtime_data.miner, SealMiner)


async def test_found_by_a_scan_and_added(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_sim(A2, SCANNED, password="seal")
    with network_adapters("127.0.110.1"):
        await add_from_a_scan(hass, sim, TITLE, login=("seal", "seal"))


async def test_entities_read_what_the_miner_reports(
    hass: HomeAssistant, added: Added[SealSim]
) -> None:
    stats = captures.STATS
    hashrate = added.rate(hass, "hashrate", "TH/s")
    assert hashrate == pytest.approx(stats["MHS(1m)"] / 1e6, abs=0.01)
    assert added.value(hass, "sensor", "power") == stats["PSU Input Power"]
    assert added.state(hass, "binary_sensor", "mining").state == STATE_ON
    for slot in range(3):
        rate = added.value(hass, "sensor", f"board_{slot}_hashrate")
        assert rate == pytest.approx(stats[f"{slot} MHS(Sample)"] / 1e6, abs=0.01)
    added.assert_power_target(hass, 3500, (1865, 3730))
    assert added.state(hass, "switch", "fault_light").state == STATE_ON  # captured "led": "on"


async def test_mining_switch_pauses_and_resumes(
    hass: HomeAssistant, added: Added[SealSim], freezer: FrozenDateTimeFactory
) -> None:
    await added.mining_paused(hass, lambda sim: not sim.state.suspended, freezer)
    assert added.value(hass, "sensor", "hashrate") == 0.0
    await added.mining_resumed(hass, lambda sim: not sim.state.suspended, freezer)


async def test_power_limit_from_home_assistant(hass: HomeAssistant, added: Added[SealSim]) -> None:
    """The limit goes to BDMiner, which takes it at the reboot that follows."""
    await added.set_number(hass, NumberKey.POWER_TARGET, 3000)
    await wait_until(lambda: added.sim.state.power_limit == 3000)
    await added.number_refused(hass, NumberKey.POWER_TARGET, 3731, maximum=3730)
    assert added.sim.state.pending_limit is None


async def test_fault_light_and_reboot(hass: HomeAssistant, added: Added[SealSim]) -> None:
    await added.switch(hass, "fault_light", lambda sim: sim.state.led == "on")
    assert added.sim.state.led == "on"  # off, then on again as captured
    await added.reboot(hass, lambda sim: sim.state.uptime)


async def test_a_password_of_its_own_is_asked(hass: HomeAssistant, start_sim: SimFactory) -> None:
    await start_sim(A2, CUSTOM, password="own-pw-1")
    entry = await add_with_its_login(hass, CUSTOM, "seal", "own-pw-1")
    assert entry.title == TITLE
    assert isinstance(entry.runtime_data.miner, SealMiner)
