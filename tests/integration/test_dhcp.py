"""DHCP discovery: follow known miners to new addresses, offer new ones (127.0.11.x)."""

from __future__ import annotations

import fnmatch
import json
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from homeassistant.config_entries import SOURCE_DHCP
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.device_registry import format_mac
from homeassistant.helpers.service_info.dhcp import DhcpServiceInfo
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import DOMAIN
from tests.simulator import Fault, SimulatedMiner
from tests.simulator.families import make_miner

from .conftest import WHATSMINER_PASSWORD, SimFactory, entry_for, start_whatsminer

NET = "127.0.11"
HOST = f"{NET}.60"
PRINTER = f"{NET}.69"
NOBODY = f"{NET}.68"
MANIFEST = json.loads(
    (Path(__file__).parents[2] / "custom_components/asic_miner/manifest.json").read_text()
)


def _info(ip: str, mac: str, hostname: str = "antminer") -> DhcpServiceInfo:
    return DhcpServiceInfo(ip=ip, hostname=hostname, macaddress=mac.replace(":", "").lower())


async def _discover(hass: HomeAssistant, info: DhcpServiceInfo) -> dict[str, Any]:
    return await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_DHCP}, data=info
    )


@pytest.fixture
async def printer() -> AsyncGenerator[None]:
    """A device that answers on port 80 but is no miner."""

    async def home(_: web.Request) -> web.Response:
        return web.Response(text="<html>Printer status</html>")

    app = web.Application()
    app.router.add_get("/", home)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, PRINTER, 80).start()
    yield
    await runner.cleanup()


def test_manifest_matchers() -> None:
    """The default host names of the supported makes, and every registered miner."""
    hostnames = [m["hostname"] for m in MANIFEST["dhcp"] if "hostname" in m]
    for name in ("Antminer", "antMiner", "WhatsMiner", "WhatsMiner-117", "bitaxe"):
        assert any(fnmatch.fnmatch(name.lower(), pattern) for pattern in hostnames), name
    assert not any(fnmatch.fnmatch("printer", pattern) for pattern in hostnames)
    assert {"registered_devices": True} in MANIFEST["dhcp"]


def test_manifest_zeroconf_matches_what_esp_miner_announces() -> None:
    """The service a simulated ESP-Miner v2.15 registers (its name lower-cased, as Home
    Assistant compares it) matches; another device's web service does not."""
    service = make_miner("espminer-bitaxe-gamma", "127.0.12.250").mdns_service()
    (matcher,) = MANIFEST["zeroconf"]
    assert matcher["type"] == service.type
    assert fnmatch.fnmatch(service.name.lower(), matcher["name"])
    assert not fnmatch.fnmatch("printer._http._tcp.local.", matcher["name"])


async def test_known_miner_moves(hass: HomeAssistant) -> None:
    """A configured miner at a new address: the entry follows it (nothing is contacted)."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id="aa:bb:cc:dd:ee:ff",
        data={CONF_HOST: NOBODY, CONF_USERNAME: "root", CONF_PASSWORD: "root"},
    )
    entry.add_to_hass(hass)

    result = await _discover(hass, _info(f"{NET}.67", "AA:BB:CC:DD:EE:FF"))

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_HOST] == f"{NET}.67"


async def test_new_miner(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_sim("antminer-s19pro", HOST)

    result = await _discover(hass, _info(HOST, sim.mac))
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "discovery_confirm"
    assert result["description_placeholders"] == {"name": "Antminer S19 Pro", "host": HOST}
    flow = hass.config_entries.flow.async_get(result["flow_id"])
    assert flow["context"]["title_placeholders"] == {"name": "Antminer S19 Pro", "host": HOST}

    # The same miner seen again while the first flow waits: one flow only.
    again = await _discover(hass, _info(HOST, sim.mac))
    assert again["type"] is FlowResultType.ABORT
    assert again["reason"] == "already_in_progress"

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Antminer S19 Pro"
    assert result["data"] == {CONF_HOST: HOST, CONF_USERNAME: "root", CONF_PASSWORD: "root"}
    assert result["result"].unique_id == format_mac(sim.mac)


async def test_new_miner_needs_login(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim = await start_sim("antminer-s19pro", HOST, password="secret")

    result = await _discover(hass, _info(HOST, sim.mac))
    assert result["step_id"] == "discovery_confirm"
    assert result["description_placeholders"] == {"name": "Antminer S19 Pro", "host": HOST}

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "credentials"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "root", CONF_PASSWORD: "secret"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == format_mac(sim.mac)


async def test_new_whatsminer_asks_password(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Read without a login; the defaults may change nothing: its password is asked for."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", f"{NET}.61", password=WHATSMINER_PASSWORD, write_api=True
    )

    result = await _discover(hass, _info(f"{NET}.61", sim.mac, "WhatsMiner"))
    assert result["step_id"] == "discovery_confirm"
    assert result["description_placeholders"]["name"] == "Whatsminer M50S"

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["step_id"] == "whatsminer"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PASSWORD: WHATSMINER_PASSWORD}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_PASSWORD] == WHATSMINER_PASSWORD


async def test_reported_mac_decides(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """DHCP saw another MAC than the miner reports; the reported one is configured."""
    sim = await start_sim("antminer-s19pro", HOST)
    entry = entry_for(sim, f"{NET}.66")
    entry.add_to_hass(hass)

    result = await _discover(hass, _info(HOST, "02:00:00:00:00:01"))

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_HOST] == HOST


async def test_new_avalon_by_its_mac(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """An Avalon home model names itself by no known host name: its MAC prefix finds it."""
    sim = await start_sim("avalon-mini3", HOST)
    macs = [m["macaddress"] for m in MANIFEST["dhcp"] if "macaddress" in m]
    assert any(fnmatch.fnmatch(sim.mac.replace(":", ""), pattern) for pattern in macs)

    result = await _discover(hass, _info(HOST, sim.mac, hostname=""))
    assert result["type"] is FlowResultType.FORM
    assert result["description_placeholders"] == {"name": "Avalon Mini 3", "host": HOST}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Avalon Mini 3"
    assert result["result"].unique_id == format_mac(sim.mac)


async def test_new_nerdqaxe_by_its_default_name(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """NerdOS keeps ESP-IDF's host name "espressif" unless its owner names it."""
    sim = await start_sim("espminer-nerdqaxe-pp", HOST)
    hostnames = [m["hostname"] for m in MANIFEST["dhcp"] if "hostname" in m]
    assert any(fnmatch.fnmatch("espressif", pattern) for pattern in hostnames)
    result = await _discover(hass, _info(HOST, sim.mac, hostname="espressif"))
    assert result["type"] is FlowResultType.FORM
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == format_mac(sim.mac)


@pytest.mark.usefixtures("printer")
async def test_not_a_miner(hass: HomeAssistant) -> None:
    result = await _discover(hass, _info(PRINTER, "02:00:00:00:00:02"))
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "not_a_miner"


async def test_cannot_connect(hass: HomeAssistant) -> None:
    result = await _discover(hass, _info(NOBODY, "02:00:00:00:00:03"))
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "cannot_connect"


async def test_no_mac(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """The miner reports no MAC, even when asked again: no entry without a unique id."""
    sim = await start_sim("antminer-s19pro", HOST)
    sim.set_fault(Fault.GARBAGE, protocol="http")  # the MAC comes from the web

    result = await _discover(hass, _info(HOST, sim.mac))

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "no_mac"


async def test_gone_before_confirm(hass: HomeAssistant, start_sim: SimFactory) -> None:
    sim: SimulatedMiner = await start_sim("antminer-s19pro", HOST)
    result = await _discover(hass, _info(HOST, sim.mac))
    assert result["step_id"] == "discovery_confirm"

    await sim.go_offline()
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "cannot_connect"
