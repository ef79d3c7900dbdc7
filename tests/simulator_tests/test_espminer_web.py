"""The simulated ESP-Miners' web server: the index page, access checks, unknown routes,
faults, mDNS advertisement and the family table. On 127.0.40.x (.251-.254 unused here).
"""

from __future__ import annotations

import asyncio
import gzip
import json

import aiohttp
import pytest

from tests.simulator.espminer import MODELS, EspMinerSim
from tests.simulator.espminer.testing import StartEsp, addresses, esp_fixture, request
from tests.simulator.families import all_models, make_miner, miner_class
from tests.simulator.faults import GARBAGE_BYTES, Fault

start_esp = esp_fixture(addresses(40, 10, 250))


@pytest.mark.parametrize(
    ("model", "title"),
    [
        ("espminer-bitaxe-gamma", "AxeOS"),
        ("espminer-bitaxe-supra-2.4", "AxeOS"),
        ("espminer-nerdqaxe-pp", "Nerd* Dashboard"),
    ],
)
async def test_the_index_page_is_served_gzip_compressed(
    start_esp: StartEsp, model: str, title: str
) -> None:
    sim = await start_esp(model)
    raw = await request(sim.address, "/", raw=True)
    assert raw.headers["Content-Encoding"] == "gzip"
    page = gzip.decompress(raw.body).decode()
    assert f"<title>{title}</title>" in page
    assert "<app-root></app-root>" in page


async def test_a_public_origin_is_refused_as_the_firmware_refuses_it(start_esp: StartEsp) -> None:
    sim = await start_esp("espminer-bitaxe-gamma-2.12")
    reply = await request(sim.address, "/api/system/info", headers={"Origin": "http://8.8.8.8"})
    assert (reply.status, reply.text) == (401, "Unauthorized")
    local = await request(
        sim.address, "/api/system/info", headers={"Origin": "http://192.168.1.20"}
    )
    assert local.status == 200
    # v2.12 knows IP origins only: a host name is no private address.
    named = await request(
        sim.address, "/api/system/info", headers={"Origin": "http://bitaxe.local"}
    )
    assert named.status == 401
    # The static files are served to anyone.
    assert (await request(sim.address, "/", headers={"Origin": "http://8.8.8.8"})).status == 200


async def test_v2_15_and_nerdos_take_local_host_name_origins(start_esp: StartEsp) -> None:
    for model in ("espminer-bitaxe-gamma", "espminer-nerdqaxe-pp"):
        sim = await start_esp(model)
        reply = await request(
            sim.address, "/api/system/info", headers={"Origin": "http://miner.local:8123"}
        )
        assert reply.status == 200, model
        refused = await request(sim.address, "/api/system/info", headers={"Origin": "https://x.io"})
        assert refused.status == 401, model


async def test_old_builds_and_ap_mode_check_nothing(start_esp: StartEsp) -> None:
    for sim in (
        await start_esp("espminer-bitaxe-supra-2.4"),
        await start_esp("espminer-bitaxe-gamma", ap_mode=True),
    ):
        reply = await request(sim.address, "/api/system/info", headers={"Origin": "http://8.8.8.8"})
        assert reply.status == 200


async def test_unknown_routes_as_each_build_answers_them(start_esp: StartEsp) -> None:
    new = await start_esp("espminer-bitaxe-gamma")
    reply = await request(new.address, "/api/system/nothing")
    assert (reply.status, reply.json()) == (404, {"error": "unknown route"})
    old = await start_esp("espminer-bitaxe-supra-2.4")
    get = await request(old.address, "/api/system/nothing")
    assert (get.status, get.headers["Location"], get.text) == (
        302,
        "/",
        "Redirect to the captive portal",
    )
    post = await request(old.address, "/api/system/nothing", method="POST")
    assert post.status == 405


async def test_nerdos_closes_every_connection(start_esp: StartEsp) -> None:
    sim = await start_esp("espminer-nerdqaxe-pp")
    reply = await request(sim.address, "/api/system/info")
    assert reply.headers["Connection"] == "close"


@pytest.mark.parametrize("fault", [Fault.GARBAGE, Fault.TRUNCATED])
async def test_broken_answers(start_esp: StartEsp, fault: Fault) -> None:
    sim = await start_esp()
    sim.set_fault(fault)
    body = (await request(sim.address, "/api/system/info")).body
    if fault is Fault.GARBAGE:
        assert body == GARBAGE_BYTES
    else:
        with pytest.raises(json.JSONDecodeError):
            json.loads(body)
    sim.clear_faults()
    assert (await request(sim.address, "/api/system/info")).status == 200


async def test_delay_silence_and_drop(start_esp: StartEsp) -> None:
    sim = await start_esp()
    sim.set_fault(Fault.DELAY, seconds=0.5)
    loop = asyncio.get_running_loop()
    began = loop.time()
    assert (await request(sim.address, "/api/system/info")).status == 200
    assert loop.time() - began >= 0.5
    sim.clear_faults()
    sim.set_fault(Fault.SILENCE)
    with pytest.raises(TimeoutError):
        await request(sim.address, "/api/system/info", limit=0.5)
    sim.clear_faults()
    sim.set_fault(Fault.DROP)
    with pytest.raises(aiohttp.ClientPayloadError):
        await request(sim.address, "/api/system/info")


async def test_offline_and_back(start_esp: StartEsp) -> None:
    sim = await start_esp()
    await sim.go_offline()
    with pytest.raises(aiohttp.ClientConnectorError):
        await request(sim.address, "/api/system/info")
    await sim.come_back()
    assert (await request(sim.address, "/api/system/info")).status == 200


async def test_mdns_advertisement_as_v2_15_registers_it() -> None:
    sim = EspMinerSim("espminer-bitaxe-gamma", "127.0.40.251")
    service = sim.mdns_service()
    assert service is not None
    assert service.type == "_http._tcp.local."
    assert "_axeos._sub._http._tcp.local." in service.subtypes
    suffix = sim.mac.replace(":", "")[-4:]
    assert service.name == f"Bitaxe Gamma 601 ({suffix})._http._tcp.local."
    assert service.properties == {
        "board": "601",
        "family": "Gamma",
        "asic": "BM1370",
        "asic_count": "1",
        "fw_version": "v2.15.0",
    }
    assert service.hostname == "bitaxe.local."
    assert (service.port, service.addresses) == (80, ("127.0.40.251",))


@pytest.mark.parametrize(
    "model", ["espminer-bitaxe-gamma-2.12", "espminer-bitaxe-supra-2.4", "espminer-nerdqaxe-pp"]
)
def test_builds_without_mdns_advertise_nothing(model: str) -> None:
    assert EspMinerSim(model, "127.0.40.252").mdns_service() is None


def test_the_family_table_serves_every_model() -> None:
    for model in MODELS:
        assert miner_class(model) is EspMinerSim
        sim = make_miner(model, "127.0.40.253", password="ignored", reboot_seconds=0.1)
        assert isinstance(sim, EspMinerSim)
        assert sim.reboot_seconds == 0.1
    assert set(MODELS) <= set(all_models())


def test_only_loopback_and_known_models() -> None:
    with pytest.raises(ValueError, match="loopback"):
        EspMinerSim("espminer-bitaxe-gamma", "10.0.0.1")
    with pytest.raises(ValueError, match="unknown model"):
        EspMinerSim("espminer-nothing", "127.0.40.254")
    with pytest.raises(ValueError, match="unknown quirk"):
        EspMinerSim("espminer-bitaxe-gamma", "127.0.40.254", quirks=["no-such-quirk"])
