"""Adding ESP-Miner devices: by address (no login asked), from their mDNS announcement, and
from DHCP with the firmware's default host name. Simulated miners on 127.0.48.x.

mDNS cannot run here (no multicast between loopback addresses), so the announcement the
simulated firmware makes is handed over as zeroconf would: as a ZeroconfServiceInfo to the
flow, or through Home Assistant's own zeroconf discovery with its transport mocked. (Only
AxeOS v2.15 on announces itself; v2.12 and NerdOS are added by address or from DHCP.)
"""

from __future__ import annotations

import fnmatch
import json
import socket
from collections.abc import Iterator
from ipaddress import ip_address
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, MagicMock, patch

import pytest
from homeassistant.config_entries import (
    SOURCE_DHCP,
    SOURCE_USER,
    SOURCE_ZEROCONF,
    ConfigEntryState,
)
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.device_registry import format_mac
from homeassistant.helpers.service_info.dhcp import DhcpServiceInfo
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry
from zeroconf import ServiceStateChange
from zeroconf.asyncio import AsyncServiceInfo

from custom_components.asic_miner.const import DOMAIN
from tests.simulator.espminer import EspMinerSim, MdnsService

from .conftest import SimFactory
from .test_espminer_common import GAMMA, NERDQAXE, SUPRA, EspModel, start_esp

NET = "127.0.48"
HOSTS = {GAMMA: f"{NET}.10", SUPRA: f"{NET}.11", NERDQAXE: f"{NET}.12"}
IDS = {GAMMA: "gamma-2.15", SUPRA: "supra-2.4", NERDQAXE: "nerdqaxe++"}
MOVED_FROM = f"{NET}.20"  # where a configured device was before it got a new address
HTTP_HOST = f"{NET}.250"  # Home Assistant's own web server, which zeroconf needs set up
MANIFEST = json.loads(
    (Path(__file__).parents[2] / "custom_components/asic_miner/manifest.json").read_text()
)


def zeroconf_info(service: MdnsService) -> ZeroconfServiceInfo:
    """The announcement as Home Assistant's zeroconf discovery hands it to a flow."""
    addresses = [ip_address(address) for address in service.addresses]
    return ZeroconfServiceInfo(
        ip_address=addresses[0],
        ip_addresses=addresses,
        port=service.port,
        hostname=service.hostname,
        type=service.type,
        name=service.name,
        properties=dict(service.properties),
    )


def _announcement(sim: EspMinerSim) -> MdnsService:
    service = sim.mdns_service()
    assert service is not None, f"{sim.model} announces nothing"
    return service


async def _manual(hass: HomeAssistant, host: str) -> Any:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "manual"}
    )
    assert result["step_id"] == "manual"
    return await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: host})


def _configured_elsewhere(hass: HomeAssistant, sim: EspMinerSim) -> MockConfigEntry:
    """The device, configured while it had another address."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=GAMMA.title,
        unique_id=format_mac(sim.mac),
        data={CONF_HOST: MOVED_FROM},
    )
    entry.add_to_hass(hass)
    return entry


def _assert_added(result: Any, sim: EspMinerSim, model: EspModel) -> None:
    """Added under its make and model, by its address only: ESP-Miner has no login."""
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == model.title
    assert result["data"] == {CONF_HOST: sim.address}
    assert result["result"].unique_id == format_mac(sim.mac)
    assert result["result"].state is ConfigEntryState.LOADED


@pytest.mark.parametrize("model", [GAMMA, NERDQAXE, SUPRA], ids=IDS.get)
async def test_manual_add(hass: HomeAssistant, start_sim: SimFactory, model: EspModel) -> None:
    sim = await start_esp(start_sim, model, HOSTS[model])

    result = await _manual(hass, HOSTS[model])

    _assert_added(result, sim, model)


async def test_manual_add_of_a_configured_device(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """Added again at a new address: the entry follows it there."""
    sim = await start_esp(start_sim, GAMMA, HOSTS[GAMMA])
    entry = _configured_elsewhere(hass, sim)

    result = await _manual(hass, HOSTS[GAMMA])

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_HOST] == HOSTS[GAMMA]


# -- zeroconf --------------------------------------------------------------------------------


async def _announce(hass: HomeAssistant, info: ZeroconfServiceInfo) -> Any:
    return await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=info
    )


async def test_zeroconf_discovery(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_esp(start_sim, GAMMA, HOSTS[GAMMA])
    info = zeroconf_info(_announcement(sim))

    result = await _announce(hass, info)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "discovery_confirm"
    # Named from what the device reports, not from its announcement.
    placeholders = {"name": GAMMA.title, "host": sim.address}
    assert result["description_placeholders"] == placeholders
    flow = hass.config_entries.flow.async_get(result["flow_id"])
    assert flow["context"]["title_placeholders"] == placeholders

    # Announced again while the first flow waits: one flow only.
    again = await _announce(hass, info)
    assert again["type"] is FlowResultType.ABORT
    assert again["reason"] == "already_in_progress"

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    _assert_added(result, sim, GAMMA)


async def test_zeroconf_follows_a_configured_device(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """A configured device announced at a new address: the entry moves there."""
    sim = await start_esp(start_sim, GAMMA, HOSTS[GAMMA])
    entry = _configured_elsewhere(hass, sim)

    result = await _announce(hass, zeroconf_info(_announcement(sim)))

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_HOST] == sim.address


async def test_zeroconf_device_gone_before_confirm(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    sim = await start_esp(start_sim, GAMMA, HOSTS[GAMMA])
    result = await _announce(hass, zeroconf_info(_announcement(sim)))
    assert result["step_id"] == "discovery_confirm"

    await sim.go_offline()
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "cannot_connect"
    assert hass.config_entries.async_entries(DOMAIN) == []


@pytest.fixture
def zeroconf_transport(
    mock_async_zeroconf: MagicMock,
) -> Iterator[list[MdnsService]]:
    """Home Assistant's zeroconf discovery, its mDNS transport replaced: the services put
    in the list are what its browser finds (the service records as they come in)."""
    found: list[MdnsService] = []

    def browse(zeroconf: Any, types: list[str], handlers: list[Any], **_: Any) -> MagicMock:
        for service in found:
            if service.type in types:
                handlers[0](zeroconf, service.type, service.name, ServiceStateChange.Added)
        return MagicMock(async_cancel=AsyncMock())

    def records(service_type: str, name: str, *_: Any, **__: Any) -> AsyncServiceInfo:
        service = next(s for s in found if (s.type, s.name) == (service_type, name))
        return AsyncServiceInfo(
            service_type,
            name,
            addresses=[socket.inet_aton(address) for address in service.addresses],
            port=service.port,
            server=service.hostname,
            properties=service.properties,
        )

    discovery = "homeassistant.components.zeroconf.discovery"
    with (
        patch(f"{discovery}.AsyncServiceBrowser", side_effect=browse),
        patch(f"{discovery}.AsyncServiceInfo", side_effect=records),
    ):
        yield found


async def _start_zeroconf(hass: HomeAssistant) -> None:
    # zeroconf needs Home Assistant's web server; it listens on one of our own addresses.
    http = {"server_host": [HTTP_HOST], "server_port": 18123}
    assert await async_setup_component(hass, "http", {"http": http})
    assert await async_setup_component(hass, "zeroconf", {})
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_home_assistant_zeroconf_offers_the_device(
    hass: HomeAssistant, start_sim: SimFactory, zeroconf_transport: list[MdnsService]
) -> None:
    """What the firmware announces matches the manifest: Home Assistant starts our flow."""
    sim = await start_esp(start_sim, GAMMA, HOSTS[GAMMA])
    zeroconf_transport.append(_announcement(sim))

    await _start_zeroconf(hass)

    (flow,) = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert flow["context"]["source"] == SOURCE_ZEROCONF
    assert flow["step_id"] == "discovery_confirm"
    assert flow["context"]["title_placeholders"] == {"name": GAMMA.title, "host": sim.address}


async def test_home_assistant_zeroconf_ignores_other_web_services(
    hass: HomeAssistant, start_sim: SimFactory, zeroconf_transport: list[MdnsService]
) -> None:
    sim = await start_esp(start_sim, GAMMA, HOSTS[GAMMA])
    printer = MdnsService(
        type="_http._tcp.local.",
        name="Office Printer._http._tcp.local.",
        subtypes=(),
        hostname="printer.local.",
        port=80,
        addresses=(sim.address,),
    )
    zeroconf_transport.append(printer)

    await _start_zeroconf(hass)

    assert hass.config_entries.flow.async_progress_by_handler(DOMAIN) == []


# -- DHCP ------------------------------------------------------------------------------------


def _dhcp_matches(hostname: str) -> bool:
    """Whether Home Assistant's DHCP watcher hands this host name to us (its matching:
    fnmatch of the lower-cased name against the manifest's patterns)."""
    patterns = [m["hostname"] for m in MANIFEST["dhcp"] if "hostname" in m]
    return any(fnmatch.fnmatch(hostname.lower(), pattern) for pattern in patterns)


@pytest.mark.parametrize("model", [GAMMA, SUPRA], ids=IDS.get)
async def test_dhcp_discovery(hass: HomeAssistant, start_sim: SimFactory, model: EspModel) -> None:
    """AxeOS asks for its address as "bitaxe" until the owner renames it."""
    sim = await start_esp(start_sim, model, HOSTS[model])
    hostname = sim.state.hostname
    assert _dhcp_matches(hostname)
    info = DhcpServiceInfo(
        ip=sim.address, hostname=hostname, macaddress=sim.mac.replace(":", "").lower()
    )

    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_DHCP}, data=info
    )

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "discovery_confirm"
    assert result["description_placeholders"] == {"name": model.title, "host": sim.address}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    _assert_added(result, sim, model)
