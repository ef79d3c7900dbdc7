"""The simulated ESP-Miners' API as each firmware build serves it, on 127.0.40.x.

Reads (info, asic, statistics), settings (PATCH and its checks per build), the pool slots of
v2.15, restart, pause/resume and identify where the build has them.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.simulator.espminer.models import BestDiff
from tests.simulator.espminer.replies import best_diff
from tests.simulator.espminer.testing import StartEsp, addresses, esp_fixture, request

start_esp = esp_fixture(addresses(40, 10, 250))

GAMMA, GAMMA_212, SUPRA, NERDQAXE = (
    "espminer-bitaxe-gamma",
    "espminer-bitaxe-gamma-2.12",
    "espminer-bitaxe-supra-2.4",
    "espminer-nerdqaxe-pp",
)


async def info(host: str) -> dict[str, Any]:
    reply = await request(host, "/api/system/info")
    assert reply.status == 200, reply.text
    assert reply.headers["Content-Type"] == "application/json"
    value: dict[str, Any] = reply.json()
    return value


async def test_each_build_reports_the_fields_of_its_capture(start_esp: StartEsp) -> None:
    gamma = await info((await start_esp(GAMMA)).address)
    assert gamma["version"] == "v2.15.0"
    assert gamma["miningPaused"] is False
    assert gamma["expectedHashrate"] == pytest.approx(1071.0)
    assert isinstance(gamma["bestDiff"], int)
    assert "asicCount" not in gamma  # in /api/system/asic since v2.9
    pools = gamma["pools"]
    assert isinstance(pools, list)
    assert [p["id"] for p in pools] == [0, 1]
    assert {p["stratumPassword"] for p in pools} == {"*****"}

    old = await info((await start_esp(SUPRA)).address)
    assert old["bestDiff"] == "483k"  # "%.3g%s" strings before v2.8
    assert old["asicCount"] == 1
    assert "expectedHashrate" not in old
    assert "wifiRSSI" not in old
    assert "hashRate_10m" not in old

    v212 = await info((await start_esp(GAMMA_212)).address)
    assert "miningPaused" not in v212
    assert "pools" not in v212
    assert v212["hashRate_10m"] == pytest.approx(v212["hashRate"], rel=0.01)

    nerd = await info((await start_esp(NERDQAXE)).address)
    assert nerd["deviceModel"] == "NerdQAxe++"
    assert nerd["asicTemps"] == [0, 0, 0, 0]  # quirk asic-temps-zero, as captured
    assert nerd["frequency"] == 680  # running above its own frequencyOptions
    assert nerd["fanCount"] == 2


async def test_the_identity_is_the_simulated_miners(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA)
    reply = await info(sim.address)
    assert reply["macAddr"] == sim.mac
    assert reply["ipv4"] == sim.address
    assert reply["hostname"] == "bitaxe"
    assert reply["stratumUser"] == f"sim.{sim.address.replace('.', 'x')}"


async def test_hashrate_and_power_follow_the_frequency(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA)
    before = await info(sim.address)
    patched = await request(
        sim.address, "/api/system", method="PATCH", json_body={"frequency": 600}
    )
    assert (patched.status, patched.body) == (200, b"")
    after = await info(sim.address)
    assert after["frequency"] == 600
    assert after["expectedHashrate"] == pytest.approx(600 * 2040 / 1000)
    assert after["hashRate"] == pytest.approx(before["hashRate"] * 600 / 525, rel=0.001)
    assert after["power"] > before["power"]
    assert sim.hashrate_ths == pytest.approx(after["hashRate"] / 1000, rel=0.001)


async def test_uptime_counts_and_a_restart_resets_it(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA, reboot_seconds=0.3)
    first = await info(sim.address)
    await asyncio.sleep(1.1)
    second = await info(sim.address)
    assert second["uptimeSeconds"] > first["uptimeSeconds"]
    restart = await request(sim.address, "/api/system/restart", method="POST")
    assert restart.json() == {"message": "System will restart shortly."}
    await asyncio.sleep(0.2)
    assert not sim.online
    with pytest.raises(ConnectionRefusedError):
        await asyncio.open_connection(sim.address, 80)
    await asyncio.sleep(0.5)
    back = await info(sim.address)
    assert back["uptimeSeconds"] < 5
    assert back["sharesAccepted"] == 0
    assert back["bestSessionDiff"] == 0
    assert back["bestDiff"] == first["bestDiff"]  # kept in NVS


@pytest.mark.parametrize("model", [SUPRA, NERDQAXE])
async def test_old_builds_answer_restart_in_plain_text(start_esp: StartEsp, model: str) -> None:
    sim = await start_esp(model)
    reply = await request(sim.address, "/api/system/restart", method="POST")
    assert (reply.status, reply.text) == (200, "System will restart shortly.")


async def test_invalid_settings_are_refused_whole_on_checked_builds(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA)
    for body in (
        {"temptarget": 70, "frequency": 600},  # temptarget 35-66 (nvs_config.c)
        {"hostname": "h" * 33},
        {"manualFanSpeed": 101},
        {"autofanspeed": "yes"},
        {"coreVoltage": 0},
    ):
        reply = await request(sim.address, "/api/system", method="PATCH", json_body=body)
        assert (reply.status, reply.text) == (400, "Wrong API input"), body
    assert sim.state.frequency == 525
    broken = await request(sim.address, "/api/system", method="PATCH", data=b"{frequency")
    assert (broken.status, broken.text) == (400, "Invalid JSON")


async def test_old_and_nerdos_builds_take_settings_unchecked(start_esp: StartEsp) -> None:
    old = await start_esp(SUPRA)
    reply = await request(
        old.address,
        "/api/system",
        method="PATCH",
        json_body={"fanspeed": "fast", "hostname": "h" * 40},
    )
    assert reply.status == 200
    assert old.state.manual_fan == 0  # cJSON valueint of a string
    assert old.state.hostname == "h" * 40
    nerd = await start_esp(NERDQAXE)
    await request(
        nerd.address,
        "/api/system",
        method="PATCH",
        json_body={"frequency": "600", "autofanspeed": 0},
    )
    assert nerd.state.frequency == 680  # a string is not is<uint16_t>(): skipped
    assert nerd.state.auto_fan == 0


async def test_fan_and_target_temperature_settings_show_in_the_info(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA)
    body = {"autofanspeed": 0, "manualFanSpeed": 70, "temptarget": 55}
    assert (await request(sim.address, "/api/system", method="PATCH", json_body=body)).status == 200
    reply = await info(sim.address)
    assert (reply["autofanspeed"], reply["manualFanSpeed"], reply["fanspeed"]) == (0, 70, 70)
    assert reply["temptarget"] == 55


async def test_v2_15_pool_slots_and_the_restart_that_uses_them(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA, reboot_seconds=0.2)
    pool = {
        "id": 0,
        "stratumURL": "pool.example.org",
        "stratumPort": 4444,
        "stratumUser": "me.worker",
        "stratumPassword": "s3cret",
    }
    reply = await request(sim.address, "/api/system", method="PATCH", json_body={"pools": [pool]})
    assert reply.status == 200
    shown = await info(sim.address)
    assert (shown["stratumURL"], shown["stratumPort"], shown["stratumUser"]) == (
        "pool.example.org",
        4444,
        "me.worker",
    )
    assert "s3cret" not in (await request(sim.address, "/api/system/info")).text
    assert sim.state.running[0] is not None
    assert sim.state.running[0].url == "public-pool.io"  # used from the next boot on
    await request(sim.address, "/api/system/restart", method="POST")
    await asyncio.sleep(0.6)
    assert sim.state.running[0] is not None
    assert (sim.state.running[0].url, sim.state.running[0].password) == (
        "pool.example.org",
        "s3cret",
    )
    keep = {**pool, "stratumPassword": "*****"}
    await request(sim.address, "/api/system", method="PATCH", json_body={"pools": [keep]})
    assert sim.state.pools[0].password == "s3cret"


async def test_v2_15_ignores_the_legacy_pool_fields(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA)
    body = {"stratumURL": "other.pool", "stratumPort": 3333}
    reply = await request(sim.address, "/api/system", method="PATCH", json_body=body)
    assert reply.status == 200  # taken, and nothing changed: they are no settings any more
    assert (await info(sim.address))["stratumURL"] == "public-pool.io"


async def test_v2_15_checks_the_pool_slots(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA)
    for pools in (
        [{"stratumURL": "a.pool", "stratumPort": 3333, "stratumUser": "u"}],  # no id
        [{"id": 8, "stratumURL": "a.pool", "stratumPort": 3333, "stratumUser": "u"}],
        [{"id": 0, "stratumURL": "", "stratumPort": 3333, "stratumUser": "u"}],
        [{"id": 0, "stratumURL": "a.pool", "stratumPort": 0, "stratumUser": "u"}],
    ):
        reply = await request(
            sim.address, "/api/system", method="PATCH", json_body={"pools": pools}
        )
        assert reply.status == 400, pools


async def test_v2_15_hostname_change_answers_with_the_new_address(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA)
    reply = await request(
        sim.address, "/api/system", method="PATCH", json_body={"hostname": "attic.local"}
    )
    assert reply.json()["redirect"]["url"] == "http://attic.local"
    assert sim.state.hostname == "attic"


async def test_nerdos_pools_change_without_a_restart(start_esp: StartEsp) -> None:
    sim = await start_esp(NERDQAXE)
    body = {"stratumURL": "pool.example.org", "stratumPort": 3333, "stratumUser": "w"}
    await request(sim.address, "/api/system", method="PATCH", json_body=body)
    assert sim.state.running[0] is not None
    assert sim.state.running[0].url == "pool.example.org"
    assert sim.state.restarts == 0


async def test_pause_and_resume_on_v2_15(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA)
    paused = await request(sim.address, "/api/system/pause", method="POST")
    assert paused.json() == {"message": "Mining paused"}
    reply = await info(sim.address)
    assert reply["miningPaused"] is True
    assert reply["hashRate"] == 0
    assert reply["power"] < 10
    await request(sim.address, "/api/system/resume", method="POST")
    assert (await info(sim.address))["hashRate"] > 1000


@pytest.mark.parametrize(("model", "status"), [(GAMMA_212, 404), (SUPRA, 405), (NERDQAXE, 405)])
async def test_builds_without_pause_refuse_it_as_their_server_does(
    start_esp: StartEsp, model: str, status: int
) -> None:
    sim = await start_esp(model)
    for path in ("/api/system/pause", "/api/system/resume"):
        reply = await request(sim.address, path, method="POST")
        assert reply.status == status
    assert not sim.state.paused


async def test_identify_toggles_where_the_build_has_it(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA_212)
    first = await request(sim.address, "/api/system/identify", method="POST")
    assert first.json() == {"message": 'The device says "Hi!" for 30 seconds.'}
    second = await request(sim.address, "/api/system/identify", method="POST")
    assert second.json() == {"message": 'The device no longer says "Hi!".'}
    old = await start_esp(SUPRA)
    assert (await request(old.address, "/api/system/identify", method="POST")).status == 405


async def test_asic_options_where_the_build_has_the_endpoint(start_esp: StartEsp) -> None:
    gamma = (await request((await start_esp(GAMMA)).address, "/api/system/asic")).json()
    assert gamma["frequencyOptions"] == [400, 490, 525, 550, 600, 625]
    assert (gamma["deviceModel"], gamma["asicCount"]) == ("Gamma", 1)
    nerd = (await request((await start_esp(NERDQAXE)).address, "/api/system/asic")).json()
    assert nerd["frequencyOptions"][-1] == 600
    old = await request((await start_esp(SUPRA)).address, "/api/system/asic")
    assert (old.status, old.headers["Location"]) == (302, "/")


async def test_statistics_while_data_logging_is_on(start_esp: StartEsp) -> None:
    sim = await start_esp(GAMMA)
    off = (await request(sim.address, "/api/system/statistics")).json()
    assert off["statistics"] == []
    await request(sim.address, "/api/system", method="PATCH", json_body={"statsFrequency": 60})
    on = (await request(sim.address, "/api/system/statistics?columns=hashrate,power")).json()
    assert on["labels"] == ["hashrate", "power", "timestamp"]
    assert on["statistics"]
    assert all(len(row) == 3 for row in on["statistics"])


@pytest.mark.parametrize(
    ("value", "style", "text"),
    [
        (483_000, BestDiff.G3, "483k"),
        (0, BestDiff.G3, "0"),
        (999_999, BestDiff.G3, "1e+03k"),  # "%.3g" of 999.999
        (5_560_000_000, BestDiff.G3, "5.56G"),
        (2_030_000_000, BestDiff.F2, "2.03G"),
        (2_030_000_000, BestDiff.F2_SPACE, "2.03 G"),
        (12, BestDiff.F2_SPACE, "12 "),
        (49_224_525, BestDiff.NUMBER, 49_224_525),
    ],
)
def test_best_difficulty_is_written_as_each_version_writes_it(
    value: int, style: BestDiff, text: object
) -> None:
    assert best_diff(value, style) == text
