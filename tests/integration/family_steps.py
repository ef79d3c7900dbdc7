"""The steps each make's Home Assistant test takes with its simulated miner, written once:
add it (by address, with a login of its own, from a scan), find and read its entities, use
them through Home Assistant's services, wait for the miner to carry a control out.

A step checks only what is the same for every make (the flow's forms, the entry, an
entity's state after its service); what a make reports, and how its simulated miner shows
a control carried out, the make's own test module says (the ``carried`` callables).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from unittest.mock import patch

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.network.models import Adapter
from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    CONF_HOST,
    CONF_PASSWORD,
    CONF_USERNAME,
    STATE_OFF,
    STATE_ON,
)
from homeassistant.core import HomeAssistant, State
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.driver import NumberKey

from .flows import entity_id_of, manual_step, scan_for, state_of
from .miners import poll


class Simulated(Protocol):
    """Any family's simulated miner, as the flow sees it: an address and a MAC."""

    @property
    def address(self) -> str: ...

    @property
    def mac(self) -> str: ...


@contextmanager
def network_adapters(*addresses: str) -> Iterator[None]:
    """Home Assistant's network adapters (what the scan form offers): one at each IPv4
    address given, on its /24; none at all when no address is given."""
    found = [
        Adapter(
            name=f"eth{index}",
            index=index,
            enabled=True,
            auto=True,
            default=index == 0,
            ipv4=[{"address": address, "network_prefix": 24}],
            ipv6=[],
        )
        for index, address in enumerate(addresses)
    ]
    with patch("homeassistant.components.network.async_get_adapters", return_value=found):
        yield


def assert_added(
    entry: ConfigEntry, sim: Simulated, title: str, login: tuple[str, str] | None
) -> None:
    """The entry the flow made for ``sim``: set up, named, known by the miner's MAC, and
    holding its address with ``login`` (username, password), or no login at all."""
    assert entry.state is ConfigEntryState.LOADED
    assert entry.title == title
    assert entry.unique_id == format_mac(sim.mac)
    data: dict[str, str] = {CONF_HOST: sim.address}
    if login is not None:
        data |= {CONF_USERNAME: login[0], CONF_PASSWORD: login[1]}
    assert entry.data == data


async def add_from_a_scan(
    hass: HomeAssistant,
    sim: Simulated,
    title: str,
    *,
    beside: Sequence[Simulated] = (),
    login: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """``sim`` found by a scan of its address (and of the miners ``beside`` it), offered
    as "<title> at <address> (<MAC>)", picked and added as ``title`` (with the make's
    default ``login``, when one is given, as username and password): the flow's result."""
    result = await scan_for(hass, ", ".join(miner.address for miner in (sim, *beside)))
    assert result["step_id"] == "pick"
    mac = format_mac(sim.mac)
    options = result["data_schema"].schema["miners"].config["options"]
    labels = {option["value"]: option["label"] for option in options}
    assert set(labels) == {mac, *(format_mac(miner.mac) for miner in beside)}
    assert labels[mac] == f"{title} at {sim.address} ({mac.upper()})"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"miners": [mac]})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == title
    if login is not None:
        assert result["data"] == {
            CONF_HOST: sim.address,
            CONF_USERNAME: login[0],
            CONF_PASSWORD: login[1],
        }
    await hass.async_block_till_done()
    return result


async def add_with_its_login(
    hass: HomeAssistant, host: str, username: str, password: str, *, wrong: str | None = None
) -> ConfigEntry:
    """The miner at ``host`` added by address when the make's default login is refused:
    the flow asks for the login (refusing the ``wrong`` password first, if given)."""
    configure = hass.config_entries.flow.async_configure
    result = await manual_step(hass, host)
    assert (result["type"], result["step_id"]) == (FlowResultType.FORM, "credentials")
    if wrong is not None:
        result = await configure(result["flow_id"], {CONF_USERNAME: username, CONF_PASSWORD: wrong})
        assert result["errors"] == {"base": "invalid_auth"}
    result = await configure(result["flow_id"], {CONF_USERNAME: username, CONF_PASSWORD: password})
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    assert entry.data[CONF_PASSWORD] == password
    return entry


async def wait_until(carried: Callable[[], bool], seconds: float = 5) -> None:
    """Until the simulated miner shows a control carried out that it finishes after its
    reply (a reboot, a limit taken at the next boot): there is no event to wait on."""
    async with asyncio.timeout(seconds):
        while not carried():  # noqa: ASYNC110
            await asyncio.sleep(0.05)


@dataclass
class Added[S: Simulated]:
    """A simulated miner and the entry Home Assistant made for it."""

    sim: S
    entry: ConfigEntry

    def entity_id(self, hass: HomeAssistant, domain: str, key: str) -> str:
        return entity_id_of(hass, self.entry, domain, key)

    def state(self, hass: HomeAssistant, domain: str, key: str) -> State:
        return state_of(hass, self.entry, domain, key)

    def value(self, hass: HomeAssistant, domain: str, key: str) -> float:
        return float(self.state(hass, domain, key).state)

    def rate(self, hass: HomeAssistant, key: str, unit: str) -> float:
        """The rate sensor ``key``'s value, after checking it is shown in ``unit``."""
        state = self.state(hass, "sensor", key)
        assert state.attributes[ATTR_UNIT_OF_MEASUREMENT] == unit, key
        return float(state.state)

    def has(self, hass: HomeAssistant, domain: str, key: str) -> bool:
        unique_id = f"{self.entry.unique_id}_{key}"
        return er.async_get(hass).async_get_entity_id(domain, DOMAIN, unique_id) is not None

    def assert_none_of(self, hass: HomeAssistant, *entities: tuple[str, str]) -> None:
        """No entity for any of these (domain, key): a control the make lacks, a reading
        it does not report."""
        assert [entity for entity in entities if self.has(hass, *entity)] == []

    async def call(
        self, hass: HomeAssistant, domain: str, service: str, key: str, **data: Any
    ) -> None:
        entity_id = self.entity_id(hass, domain, key)
        await hass.services.async_call(
            domain, service, {"entity_id": entity_id, **data}, blocking=True
        )
        await hass.async_block_till_done()

    async def switch(
        self,
        hass: HomeAssistant,
        key: str,
        carried: Callable[[S], bool],
        freezer: FrozenDateTimeFactory | None = None,
    ) -> None:
        """The switch ``key`` turned from what it shows to the other way and back, from
        Home Assistant's services: each time ``carried(sim)`` says what the simulated
        miner now does (True for on, False for off; anything else fails), and the switch
        shows it (after a poll, with the ``freezer``, for a make whose switch reads the
        miner back)."""
        first = self.state(hass, "switch", key).state != STATE_ON
        for on in (first, not first):
            await self.call(hass, "switch", "turn_on" if on else "turn_off", key)
            if freezer is not None:
                await poll(hass, freezer)
            assert carried(self.sim) is on, (key, on)
            assert self.state(hass, "switch", key).state == (STATE_ON if on else STATE_OFF)

    async def mining_paused(
        self,
        hass: HomeAssistant,
        mining: Callable[[S], bool],
        freezer: FrozenDateTimeFactory | None = None,
    ) -> None:
        """The mining switch turned off from Home Assistant: the miner stops
        (``mining(sim)`` false), the switch and the mining binary sensor show it."""
        await self.call(hass, "switch", "turn_off", "mining")
        if freezer is not None:
            await poll(hass, freezer)
        assert not mining(self.sim)
        assert self.state(hass, "switch", "mining").state == STATE_OFF
        assert self.state(hass, "binary_sensor", "mining").state == STATE_OFF

    async def mining_resumed(
        self,
        hass: HomeAssistant,
        mining: Callable[[S], bool],
        freezer: FrozenDateTimeFactory | None = None,
    ) -> None:
        await self.call(hass, "switch", "turn_on", "mining")
        if freezer is not None:
            await poll(hass, freezer)
        assert mining(self.sim)
        assert self.state(hass, "switch", "mining").state == STATE_ON

    def assert_power_target(
        self, hass: HomeAssistant, watts: float | None, bounds: tuple[float, float]
    ) -> None:
        """The power target number: at ``watts`` (unless None), within ``bounds`` in W."""
        target = self.state(hass, "number", NumberKey.POWER_TARGET)
        if watts is not None:
            assert float(target.state) == watts
        assert (target.attributes["min"], target.attributes["max"]) == bounds
        assert target.attributes["unit_of_measurement"] == "W"

    async def set_number(
        self,
        hass: HomeAssistant,
        key: str,
        value: float,
        freezer: FrozenDateTimeFactory | None = None,
    ) -> None:
        """The number ``key`` set from Home Assistant; with the ``freezer``, polled after
        and showing ``value``."""
        await self.call(hass, "number", "set_value", key, value=value)
        if freezer is not None:
            await poll(hass, freezer)
            assert self.value(hass, "number", key) == value

    async def number_refused(
        self, hass: HomeAssistant, key: str, value: float, maximum: float
    ) -> None:
        """A value above the number's ``maximum`` is refused, naming the maximum."""
        with pytest.raises(ServiceValidationError, match=str(int(maximum))):
            await self.call(hass, "number", "set_value", key, value=value)

    async def reboot(self, hass: HomeAssistant, uptime: Callable[[S], float]) -> None:
        """The reboot button pressed: the simulated miner boots again (its ``uptime``
        starts over)."""
        before = uptime(self.sim)
        await self.call(hass, "button", "press", "reboot")
        await wait_until(lambda: uptime(self.sim) < before)

    async def set_pools(self, hass: HomeAssistant, pools: list[dict[str, str]]) -> None:
        """The integration's set_pools action on the miner's device."""
        device = dr.async_get(hass).async_get_device_by_identifier(
            (DOMAIN, self.entry.unique_id or ""), self.entry.entry_id
        )
        assert device is not None
        await hass.services.async_call(
            DOMAIN, "set_pools", {"device_id": device.id, "pools": pools}, blocking=True
        )
