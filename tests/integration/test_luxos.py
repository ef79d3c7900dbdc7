"""A LuxOS S19k Pro in Home Assistant: found by the config flow (by address and by a scan,
as LuxOS, not as the stock firmware it imitates), added without a login, read (hashrate,
each board's hashrate, chips and temperatures, power, the profile) and controlled from its
entities: the mining switch curtails it, a board's switch shuts that board down, the
preset select and the power target set a profile, the ATM switch and the fault light.
Every entity, as snapshots per platform. Simulated miners on 127.0.96.1-40."""

from __future__ import annotations

import json
import time
from collections.abc import Generator

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST, STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac
from pytest_homeassistant_custom_component.common import (  # type: ignore[import-untyped]
    MockConfigEntry,
    snapshot_platform,
)
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import DOMAIN
from tests.simulator.luxos import LuxosSim

from .conftest import UPTIME, SimFactory, setup_entry
from .family_steps import Added, add_from_a_scan, assert_added, network_adapters
from .flows import add_by_address

LUXOS = "127.0.96.10"
STOCK = "127.0.96.11"
SCANNED = "127.0.96.12"
MODEL = "luxos-s19kpro"
TITLE = "Antminer S19k Pro"
RED_LED = {"blink": True, "auto": False}  # the fault light on, off


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    """No network adapters of the test machine's in the scan form."""
    with network_adapters():
        yield


@pytest.fixture
async def luxos(start_sim: SimFactory) -> LuxosSim:
    sim = await start_sim(MODEL, LUXOS, ramp_seconds=0.0)
    assert isinstance(sim, LuxosSim)
    return sim


async def _added(hass: HomeAssistant, sim: LuxosSim) -> Added[LuxosSim]:
    return Added(sim, await add_by_address(hass, LUXOS))


async def test_added_by_address_without_a_login(hass: HomeAssistant, luxos: LuxosSim) -> None:
    entry = await add_by_address(hass, LUXOS)
    assert_added(entry, luxos, TITLE, login=None)
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, format_mac(luxos.mac)), entry.entry_id
    )
    assert device is not None
    assert (device.manufacturer, device.model) == ("Antminer", "S19k Pro")
    assert device.sw_version == "2025.4.8.220305-57b389c7"


async def test_a_scan_finds_it_as_luxos_beside_a_stock_antminer(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    luxos = await start_sim(MODEL, SCANNED, ramp_seconds=0.0)
    stock = await start_sim("antminer-s19pro", STOCK)

    result = await add_from_a_scan(hass, luxos, TITLE, beside=[stock])
    entry = result["result"]
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.miner.firmware == "LuxOS"
    assert entry.runtime_data.data.fw_ver == "2025.4.8.220305-57b389c7"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_reads_what_the_miner_reports_board_by_board(
    hass: HomeAssistant, luxos: LuxosSim
) -> None:
    added = await _added(hass, luxos)
    assert added.value(hass, "sensor", "hashrate") == pytest.approx(59.76, abs=0.01)
    assert added.value(hass, "sensor", "power") == 1051
    rates = [added.value(hass, "sensor", f"board_{n}_hashrate") for n in range(3)]
    assert rates == pytest.approx([19.77, 19.23, 20.75], abs=0.01)
    for n in range(3):
        assert added.state(hass, "sensor", f"board_{n}_chips").state == "77"
        assert added.value(hass, "sensor", f"board_{n}_temperature") == 47
        assert added.value(hass, "sensor", f"board_{n}_chip_temperature") == 47
        board = added.state(hass, "switch", f"hashboard_{n}")
        assert board.state == STATE_ON
        assert board.name == f"Antminer S19k Pro Hashboard {n + 1}"
    assert added.state(hass, "switch", "atm").state == STATE_ON
    assert added.state(hass, "switch", "mining").state == STATE_ON
    preset = added.state(hass, "select", "preset")
    assert preset.state == "290MHz (1188 W, 59.8 TH/s)"
    assert len(preset.attributes["options"]) == 25
    target = added.state(hass, "number", "power_target")
    assert float(target.state) == 1188
    assert target.attributes["profile"] == "290MHz"


async def test_the_mining_switch_curtails_and_wakes_it(
    hass: HomeAssistant, luxos: LuxosSim
) -> None:
    added = await _added(hass, luxos)
    await added.call(hass, "switch", "turn_off", "mining")
    assert luxos.state.curtailed
    assert added.state(hass, "switch", "mining").state == STATE_OFF
    assert added.value(hass, "sensor", "hashrate") == 0
    await added.call(hass, "switch", "turn_on", "mining")
    assert not luxos.state.curtailed
    assert added.state(hass, "switch", "mining").state == STATE_ON


async def test_a_board_switch_stops_that_board_only(hass: HomeAssistant, luxos: LuxosSim) -> None:
    added = await _added(hass, luxos)
    await added.call(hass, "switch", "turn_off", "hashboard_1")
    assert luxos.state.shutdown == {1}
    assert added.state(hass, "switch", "hashboard_1").state == STATE_OFF
    assert added.state(hass, "switch", "hashboard_0").state == STATE_ON
    assert added.value(hass, "sensor", "board_1_hashrate") == 0
    assert added.value(hass, "sensor", "board_0_hashrate") > 19
    await added.call(hass, "switch", "turn_on", "hashboard_1")
    assert luxos.state.shutdown == set()
    assert added.state(hass, "switch", "hashboard_1").state == STATE_ON


async def test_a_board_switch_while_asleep_is_a_clear_error(
    hass: HomeAssistant, luxos: LuxosSim
) -> None:
    added = await _added(hass, luxos)
    await added.call(hass, "switch", "turn_off", "mining")
    with pytest.raises(HomeAssistantError, match="curtail mode is idle or sleep"):
        await added.call(hass, "switch", "turn_off", "hashboard_0")
    assert luxos.state.shutdown == set()


async def test_profile_from_the_select_and_the_power_target(
    hass: HomeAssistant, luxos: LuxosSim
) -> None:
    added = await _added(hass, luxos)
    await added.call(hass, "select", "select_option", "preset", option="415MHz (1785 W, 85.7 TH/s)")
    assert luxos.state.profile == "415MHz"
    assert luxos.state.atm  # off for the change, on again
    assert added.state(hass, "select", "preset").state == "415MHz (1785 W, 85.7 TH/s)"
    await added.call(hass, "number", "set_value", "power_target", value=2500)
    assert luxos.state.profile == "540MHz"  # 2485 W
    target = added.state(hass, "number", "power_target")
    assert float(target.state) == 2485
    assert target.attributes["profile"] == "540MHz"


async def test_atm_switch_and_fault_light(hass: HomeAssistant, luxos: LuxosSim) -> None:
    added = await _added(hass, luxos)
    await added.call(hass, "switch", "turn_off", "atm")
    assert not luxos.state.atm
    assert added.state(hass, "switch", "atm").state == STATE_OFF
    await added.switch(hass, "fault_light", lambda sim: RED_LED.get(sim.state.red_led))


PLATFORMS = (
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.NUMBER,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
)


@pytest.mark.parametrize("platform", PLATFORMS)
# Frozen time: the simulated miner's uptime (on time.monotonic) reads the same always.
@pytest.mark.usefixtures("entity_registry_enabled_by_default", "freezer")
async def test_entities(
    hass: HomeAssistant, luxos: LuxosSim, platform: Platform, snapshot: SnapshotAssertion
) -> None:
    luxos.state.started = time.monotonic() - UPTIME  # on the frozen clock
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=TITLE,
        unique_id=format_mac(luxos.mac),
        data={CONF_HOST: LUXOS},
    )
    await setup_entry(hass, entry, [platform])
    await snapshot_platform(hass, er.async_get(hass), snapshot, entry.entry_id)


async def test_pools_from_the_set_pools_action(hass: HomeAssistant, luxos: LuxosSim) -> None:
    added = await _added(hass, luxos)
    pools = [{"url": "stratum+tcp://lux.pool.invalid:3333", "username": "me.s19k", "password": "p"}]

    await added.set_pools(hass, pools)

    first = [p for p in luxos.state.pools if p["GROUP"] == 0]
    assert [(p["URL"], p["User"]) for p in first] == [(pools[0]["url"], "me.s19k")]
    assert luxos.state.pool_passwords[first[0]["POOL"]] == "p"


async def test_diagnostics_name_no_session_id_nor_pool_password(
    hass: HomeAssistant, luxos: LuxosSim, hass_client: ClientSessionGenerator
) -> None:
    added = await _added(hass, luxos)
    await added.call(hass, "switch", "turn_off", "atm")  # a session is taken
    session = luxos.state.session_id
    assert session
    pools = [
        {"url": "stratum+tcp://lux.pool.invalid:3333", "username": "me", "password": "PoolPw4Rk9xT"}
    ]
    await added.set_pools(hass, pools)

    diagnostics = json.dumps(await get_diagnostics_for_config_entry(hass, hass_client, added.entry))

    assert "lux.pool.invalid" in diagnostics  # the pools are there
    assert session not in diagnostics
    assert "PoolPw4Rk9xT" not in diagnostics
