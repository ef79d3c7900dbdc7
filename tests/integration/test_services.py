"""The integration's actions, against simulated miners of each family."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import probatio
import pytest
import yaml
from homeassistant.const import ATTR_DEVICE_ID
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.service import _SERVICES_SCHEMA, async_get_all_descriptions
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.driver import (
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
    PermissionDenied,
    TokenLimitReached,
    UnsupportedOperation,
    WriteAccessDenied,
)
from custom_components.asic_miner.helpers import async_run_miner_action
from tests.simulator import Fault

from .conftest import SimFactory
from .miners import FAMILIES, M50S, M60S, S9, S19PRO, Family, SetUpMiner, set_up_family

INTEGRATION = Path(__file__).parents[2] / "custom_components" / "asic_miner"
SERVICES = yaml.safe_load((INTEGRATION / "services.yaml").read_text())
EN = json.loads((INTEGRATION / "translations" / "en.json").read_text())


async def _call(hass: HomeAssistant, service: str, miners: list[SetUpMiner], **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN,
        service,
        {ATTR_DEVICE_ID: [miner.device(hass).id for miner in miners], **data},
        blocking=True,
    )
    await hass.async_block_till_done()


async def _wait_until(condition: Callable[[], bool]) -> None:
    """The simulator reboots or restarts shortly after answering, as a real miner does."""
    async with asyncio.timeout(5):
        while not condition():  # noqa: ASYNC110  (no event to wait on)
            await asyncio.sleep(0.05)


def test_services_yaml_and_translations() -> None:
    """Every action has a name, a description and named, described fields."""
    assert set(SERVICES) == set(EN["services"])
    for service, spec in SERVICES.items():
        text = EN["services"][service]
        assert text["name"]
        assert text["description"]
        assert set(spec["fields"]) == set(text["fields"])
        for field in text["fields"].values():
            assert field["name"]
            assert field["description"]


def test_services_yaml_is_valid() -> None:
    """The schema Home Assistant checks services.yaml against, selectors included."""
    _SERVICES_SCHEMA(SERVICES)


async def test_actions_registered(hass: HomeAssistant, start_sim: SimFactory) -> None:
    await set_up_family(hass, start_sim, S9)
    for service in SERVICES:
        assert hass.services.has_service(DOMAIN, service)
    descriptions = await async_get_all_descriptions(hass)
    assert set(descriptions[DOMAIN]) == set(SERVICES)
    assert descriptions[DOMAIN]["set_pools"]["fields"]["pools"]["selector"]["object"]


async def test_reboot_several_miners(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miners = [await set_up_family(hass, start_sim, family) for family in (S19PRO, M50S)]
    booted = [miner.sim.state.booted_at for miner in miners]

    await _call(hass, "reboot", miners)

    await _wait_until(
        lambda: all(m.sim.state.booted_at > b for m, b in zip(miners, booted, strict=True))
    )


async def test_restart_backend(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, M60S)
    started = miner.sim.state.btminer_started_at

    await _call(hass, "restart_backend", [miner])

    await _wait_until(lambda: miner.sim.state.btminer_started_at > started)


async def test_unsupported_action_is_refused(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Stock Antminers cannot restart their mining software alone: nothing is sent."""
    antminer = await set_up_family(hass, start_sim, S19PRO)
    whatsminer = await set_up_family(hass, start_sim, M50S)
    started = whatsminer.sim.state.btminer_started_at

    with pytest.raises(ServiceValidationError) as caught:
        await _call(hass, "restart_backend", [whatsminer, antminer])

    assert caught.value.translation_key == "action_not_supported"
    await asyncio.sleep(0.2)
    assert whatsminer.sim.state.btminer_started_at == started


@pytest.mark.parametrize("family", [M50S, M60S], ids=["v2", "v3"])
async def test_set_power_limit(hass: HomeAssistant, start_sim: SimFactory, family: Family) -> None:
    miner = await set_up_family(hass, start_sim, family)

    await _call(hass, "set_power_limit", [miner], watts=3000)

    assert miner.sim.state.power_limit == 3000


async def test_power_limit_out_of_range(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, M50S)
    before = miner.sim.state.power_limit

    with pytest.raises(ServiceValidationError) as caught:
        await _call(hass, "set_power_limit", [miner], watts=9000)

    assert caught.value.translation_key == "power_limit_out_of_range"
    assert caught.value.translation_placeholders["max"] == "3600"
    assert miner.sim.state.power_limit == before


@pytest.mark.parametrize("family", [M50S, M60S], ids=["v2", "v3"])
async def test_set_power_mode(hass: HomeAssistant, start_sim: SimFactory, family: Family) -> None:
    miner = await set_up_family(hass, start_sim, family)

    for mode in ("low", "high", "normal"):
        await _call(hass, "set_power_mode", [miner], mode=mode)
        assert miner.sim.state.power_mode == mode


async def test_set_power_mode_invalid(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, M50S)
    with pytest.raises(probatio.Invalid):
        await _call(hass, "set_power_mode", [miner], mode="turbo")


POOLS = [
    {"url": "stratum+tcp://one.pool.example:3333", "username": "wallet.one", "password": "p1"},
    {"url": "stratum+tcp://two.pool.example:3333", "username": "wallet.two"},
]


@pytest.mark.parametrize("family", sorted(FAMILIES))
async def test_set_pools(hass: HomeAssistant, start_sim: SimFactory, family: str) -> None:
    miner = await set_up_family(hass, start_sim, FAMILIES[family])

    await _call(hass, "set_pools", [miner], pools=POOLS)

    pools = miner.sim.state.pools
    assert [(p["url"], p["user"]) for p in pools[:2]] == [
        ("stratum+tcp://one.pool.example:3333", "wallet.one"),
        ("stratum+tcp://two.pool.example:3333", "wallet.two"),
    ]
    assert [p["pass"] for p in pools[:2]] == ["p1", "x"]
    assert not pools[2]["url"]
    # The rest of the configuration is kept: still mining.
    assert miner.sim.state.mining is True


async def test_at_most_three_pools(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO)
    with pytest.raises(probatio.Invalid):
        await _call(hass, "set_pools", [miner], pools=POOLS * 2)


async def test_device_of_another_integration(hass: HomeAssistant, start_sim: SimFactory) -> None:
    await set_up_family(hass, start_sim, S9)
    other = MockConfigEntry(domain="other")
    other.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=other.entry_id, identifiers={("other", "lamp")}
    )

    with pytest.raises(ServiceValidationError) as caught:
        await hass.services.async_call(DOMAIN, "reboot", {ATTR_DEVICE_ID: device.id}, blocking=True)
    assert caught.value.translation_key == "not_a_miner"

    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            DOMAIN, "reboot", {ATTR_DEVICE_ID: "no-such-device"}, blocking=True
        )


async def test_miner_not_loaded(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, S9)
    device_id = miner.device(hass).id
    assert await hass.config_entries.async_unload(miner.entry.entry_id)

    with pytest.raises(ServiceValidationError) as caught:
        await hass.services.async_call(DOMAIN, "reboot", {ATTR_DEVICE_ID: device_id}, blocking=True)
    assert caught.value.translation_key == "miner_not_loaded"


async def test_driver_errors_are_translated(hass: HomeAssistant, start_sim: SimFactory) -> None:
    miner = await set_up_family(hass, start_sim, S19PRO)
    miner.sim.set_fault(Fault.WRONG_PASSWORD)

    with pytest.raises(HomeAssistantError) as caught:
        await _call(hass, "set_pools", [miner], pools=POOLS[:1])

    assert caught.value.translation_key == "action_authentication_failed"


@pytest.mark.parametrize(
    ("error", "key"),
    [
        (UnsupportedOperation("fan_mode", "Antminer Stock firmware"), "unsupported_operation"),
        (PermissionDenied("no permission"), "permission_denied"),
        (WriteAccessDenied("refused"), "write_access_denied"),
        (TokenLimitReached("over max connect"), "token_limit_reached"),
        (MinerTimeoutError("no answer"), "action_timeout"),
        (MinerConnectionError("reset"), "action_cannot_connect"),
        (MinerProtocolError("bad JSON"), "action_failed"),
    ],
)
async def test_every_driver_error_is_translated(
    hass: HomeAssistant, start_sim: SimFactory, error: Exception, key: str
) -> None:
    """What the driver raises while a control runs becomes a translated error."""
    miner = await set_up_family(hass, start_sim, S9)

    async def control() -> None:
        raise error

    with pytest.raises(HomeAssistantError) as caught:
        await async_run_miner_action(miner.entry.runtime_data, control)

    assert caught.value.translation_key == key
    assert key in EN["exceptions"]
