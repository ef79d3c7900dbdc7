"""One device per miner, and the entities each firmware generation gets."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import DOMAIN
from tests.simulator import SimulatedMiner

from .conftest import S19PRO_HOST

BOARD_SENSORS = ("hashrate", "temperature", "chip_temperature", "chips")
COMMON_SENSORS = (
    "hashrate",
    "expected_hashrate",
    "share_of_expected_hashrate",
    "average_temperature",
    "highest_temperature",
    "uptime",
    "errors",
    "active_pool",
    "accepted_shares",
    "rejected_shares",
)
# Every family: whether it hashes, whether something is wrong, and Identify (fault light).
COMMON_CONTROLS = ("binary_sensor.hashing", "binary_sensor.problem", "button.identify")


def _entity_ids(entity_registry: er.EntityRegistry, entry: MockConfigEntry) -> set[str]:
    return {e.entity_id for e in er.async_entries_for_config_entry(entity_registry, entry.entry_id)}


def _expected(name: str, boards: int, fans: int, controls: tuple[str, ...]) -> set[str]:
    return (
        {f"sensor.{name}_{key}" for key in COMMON_SENSORS}
        | {
            f"sensor.{name}_board_{board}_{key}"
            for board in range(1, boards + 1)
            for key in BOARD_SENSORS
        }
        | {f"sensor.{name}_fan_{fan}_speed" for fan in range(1, fans + 1)}
        | {
            f"{control.split('.')[0]}.{name}_{control.split('.')[1]}"
            for control in (*controls, *COMMON_CONTROLS)
        }
    )


async def test_device(
    hass: HomeAssistant,
    s19pro: SimulatedMiner,
    s19pro_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
) -> None:
    mac = format_mac(s19pro.mac)
    device = device_registry.async_get_device_by_identifier((DOMAIN, mac), s19pro_entry.entry_id)

    assert device is not None
    assert device.connections == {(dr.CONNECTION_NETWORK_MAC, mac)}
    assert device.name == "Antminer S19 Pro"
    assert device.manufacturer == "Antminer"
    assert device.model == "S19 Pro"
    assert device.serial_number == s19pro.serial_number
    assert device.sw_version
    assert device.configuration_url == f"http://{S19PRO_HOST}"


async def test_s19pro_entities(
    s19pro_entry: MockConfigEntry, entity_registry: er.EntityRegistry
) -> None:
    """Modern stock firmware: sleep mode (the mining switch), blink, reboot; no power."""
    assert _entity_ids(entity_registry, s19pro_entry) == _expected(
        "antminer_s19_pro",
        boards=3,
        fans=4,
        controls=("switch.mining", "switch.fault_light", "button.reboot"),
    )


async def test_s9_entities(s9_entry: MockConfigEntry, entity_registry: er.EntityRegistry) -> None:
    """Old stock firmware: no sleep mode, so no mining switch."""
    assert _entity_ids(entity_registry, s9_entry) == _expected(
        "antminer_s9", boards=3, fans=2, controls=("switch.fault_light", "button.reboot")
    )
