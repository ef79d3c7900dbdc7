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
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.const import CONF_HOST, STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
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
from .flows import add_by_address, entity_id_of, scan_for, state_of

LUXOS = "127.0.96.10"
STOCK = "127.0.96.11"
SCANNED = "127.0.96.12"
MODEL = "luxos-s19kpro"


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    """No network adapters of the test machine's in the scan form."""
    with patch("homeassistant.components.network.async_get_adapters", return_value=[]):
        yield


async def _call(
    hass: HomeAssistant, entry: ConfigEntry, domain: str, service: str, key: str, **data: Any
) -> None:
    entity_id = entity_id_of(hass, entry, domain, key)
    await hass.services.async_call(domain, service, {"entity_id": entity_id, **data}, blocking=True)
    await hass.async_block_till_done()


@pytest.fixture
async def luxos(start_sim: SimFactory) -> LuxosSim:
    sim = await start_sim(MODEL, LUXOS, ramp_seconds=0.0)
    assert isinstance(sim, LuxosSim)
    return sim


async def test_added_by_address_without_a_login(hass: HomeAssistant, luxos: LuxosSim) -> None:
    entry = await add_by_address(hass, LUXOS)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == "Antminer S19k Pro"
    assert entry.unique_id == format_mac(luxos.mac)
    assert entry.data[CONF_HOST] == LUXOS
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

    result = await scan_for(hass, f"{SCANNED}, {STOCK}")

    assert result["step_id"] == "pick"
    options = {
        o["value"]: o["label"] for o in result["data_schema"].schema["miners"].config["options"]
    }
    assert set(options) == {format_mac(luxos.mac), format_mac(stock.mac)}
    assert options[format_mac(luxos.mac)].startswith("Antminer S19k Pro at")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"miners": [format_mac(luxos.mac)]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Antminer S19k Pro"
    await hass.async_block_till_done()
    entry = result["result"]
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.miner.firmware == "LuxOS"
    assert entry.runtime_data.data.fw_ver == "2025.4.8.220305-57b389c7"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_reads_what_the_miner_reports_board_by_board(
    hass: HomeAssistant, luxos: LuxosSim
) -> None:
    entry = await add_by_address(hass, LUXOS)
    assert float(state_of(hass, entry, "sensor", "hashrate").state) == pytest.approx(
        59.76, abs=0.01
    )
    assert float(state_of(hass, entry, "sensor", "power").state) == 1051
    rates = [float(state_of(hass, entry, "sensor", f"board_{n}_hashrate").state) for n in range(3)]
    assert rates == pytest.approx([19.77, 19.23, 20.75], abs=0.01)
    for n in range(3):
        assert state_of(hass, entry, "sensor", f"board_{n}_chips").state == "77"
        assert float(state_of(hass, entry, "sensor", f"board_{n}_temperature").state) == 47
        assert float(state_of(hass, entry, "sensor", f"board_{n}_chip_temperature").state) == 47
        board = state_of(hass, entry, "switch", f"hashboard_{n}")
        assert board.state == STATE_ON
        assert board.name == f"Antminer S19k Pro Hashboard {n + 1}"
    assert state_of(hass, entry, "switch", "atm").state == STATE_ON
    assert state_of(hass, entry, "switch", "mining").state == STATE_ON
    preset = state_of(hass, entry, "select", "preset")
    assert preset.state == "290MHz (1188 W, 59.8 TH/s)"
    assert len(preset.attributes["options"]) == 25
    target = state_of(hass, entry, "number", "power_target")
    assert float(target.state) == 1188
    assert target.attributes["profile"] == "290MHz"


async def test_the_mining_switch_curtails_and_wakes_it(
    hass: HomeAssistant, luxos: LuxosSim
) -> None:
    entry = await add_by_address(hass, LUXOS)
    await _call(hass, entry, "switch", "turn_off", "mining")
    assert luxos.state.curtailed
    assert state_of(hass, entry, "switch", "mining").state == STATE_OFF
    assert float(state_of(hass, entry, "sensor", "hashrate").state) == 0
    await _call(hass, entry, "switch", "turn_on", "mining")
    assert not luxos.state.curtailed
    assert state_of(hass, entry, "switch", "mining").state == STATE_ON


async def test_a_board_switch_stops_that_board_only(hass: HomeAssistant, luxos: LuxosSim) -> None:
    entry = await add_by_address(hass, LUXOS)
    await _call(hass, entry, "switch", "turn_off", "hashboard_1")
    assert luxos.state.shutdown == {1}
    assert state_of(hass, entry, "switch", "hashboard_1").state == STATE_OFF
    assert state_of(hass, entry, "switch", "hashboard_0").state == STATE_ON
    assert float(state_of(hass, entry, "sensor", "board_1_hashrate").state) == 0
    assert float(state_of(hass, entry, "sensor", "board_0_hashrate").state) > 19
    await _call(hass, entry, "switch", "turn_on", "hashboard_1")
    assert luxos.state.shutdown == set()
    assert state_of(hass, entry, "switch", "hashboard_1").state == STATE_ON


async def test_a_board_switch_while_asleep_is_a_clear_error(
    hass: HomeAssistant, luxos: LuxosSim
) -> None:
    entry = await add_by_address(hass, LUXOS)
    await _call(hass, entry, "switch", "turn_off", "mining")
    with pytest.raises(HomeAssistantError, match="curtail mode is idle or sleep"):
        await _call(hass, entry, "switch", "turn_off", "hashboard_0")
    assert luxos.state.shutdown == set()


async def test_profile_from_the_select_and_the_power_target(
    hass: HomeAssistant, luxos: LuxosSim
) -> None:
    entry = await add_by_address(hass, LUXOS)
    await _call(
        hass, entry, "select", "select_option", "preset", option="415MHz (1785 W, 85.7 TH/s)"
    )
    assert luxos.state.profile == "415MHz"
    assert luxos.state.atm  # off for the change, on again
    assert state_of(hass, entry, "select", "preset").state == "415MHz (1785 W, 85.7 TH/s)"
    await _call(hass, entry, "number", "set_value", "power_target", value=2500)
    assert luxos.state.profile == "540MHz"  # 2485 W
    target = state_of(hass, entry, "number", "power_target")
    assert float(target.state) == 2485
    assert target.attributes["profile"] == "540MHz"


async def test_atm_switch_and_fault_light(hass: HomeAssistant, luxos: LuxosSim) -> None:
    entry = await add_by_address(hass, LUXOS)
    await _call(hass, entry, "switch", "turn_off", "atm")
    assert not luxos.state.atm
    assert state_of(hass, entry, "switch", "atm").state == STATE_OFF
    await _call(hass, entry, "switch", "turn_on", "fault_light")
    assert luxos.state.red_led == "blink"
    assert state_of(hass, entry, "switch", "fault_light").state == STATE_ON
    await _call(hass, entry, "switch", "turn_off", "fault_light")
    assert luxos.state.red_led == "auto"


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
        title="Antminer S19k Pro",
        unique_id=format_mac(luxos.mac),
        data={CONF_HOST: LUXOS},
    )
    await setup_entry(hass, entry, [platform])
    await snapshot_platform(hass, er.async_get(hass), snapshot, entry.entry_id)


async def test_pools_from_the_set_pools_action(hass: HomeAssistant, luxos: LuxosSim) -> None:
    entry = await add_by_address(hass, LUXOS)
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.unique_id or ""), entry.entry_id
    )
    assert device is not None
    pools = [{"url": "stratum+tcp://lux.pool.invalid:3333", "username": "me.s19k", "password": "p"}]

    await hass.services.async_call(
        DOMAIN, "set_pools", {"device_id": device.id, "pools": pools}, blocking=True
    )

    first = [p for p in luxos.state.pools if p["GROUP"] == 0]
    assert [(p["URL"], p["User"]) for p in first] == [(pools[0]["url"], "me.s19k")]
    assert luxos.state.pool_passwords[first[0]["POOL"]] == "p"


async def test_diagnostics_name_no_session_id_nor_pool_password(
    hass: HomeAssistant, luxos: LuxosSim, hass_client: ClientSessionGenerator
) -> None:
    entry = await add_by_address(hass, LUXOS)
    await _call(hass, entry, "switch", "turn_off", "atm")  # a session is taken
    session = luxos.state.session_id
    assert session
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.unique_id or ""), entry.entry_id
    )
    assert device is not None
    pools = [
        {"url": "stratum+tcp://lux.pool.invalid:3333", "username": "me", "password": "PoolPw4Rk9xT"}
    ]
    await hass.services.async_call(
        DOMAIN, "set_pools", {"device_id": device.id, "pools": pools}, blocking=True
    )

    diagnostics = json.dumps(await get_diagnostics_for_config_entry(hass, hass_client, entry))

    assert "lux.pool.invalid" in diagnostics  # the pools are there
    assert session not in diagnostics
    assert "PoolPw4Rk9xT" not in diagnostics
