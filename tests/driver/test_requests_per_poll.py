"""Connections and requests per poll, per family, pinned (issue 5: no more than the firmware
needs).

What the firmware needs on the second and later polls of one miner:

- RPC (TCP 4028) is one request per connection by protocol design (the miner closes after
  its reply), so the target is one *joined* request wherever the firmware joins: Antminers
  join ``version+summary+pools+stats``; ``stats`` with ``new_api`` (modern boards) carries
  its own parameter and goes alone. Whatsminer V2 joins the CGMiner commands but refuses
  ``get_*`` and ``status`` in a join ("command join err"), so ``get_miner_info``, ``status``
  and ``get_error_code`` go one each; ``get_version`` (static until a restart) and
  ``get_psu`` (the PSU fan is in the summary) are not read again.
- HTTP (Antminer CGI): the session's keep-alive connections and the digest login are
  reused: no 401 round trip after the first poll, also when the miner closed the idle
  connections in between (its lighttpd does after a few seconds; polls are 30 s apart).
- Whatsminer V3 (TCP 4433) keeps one connection: no new connection after the first poll.
- ESP-Miner (HTTP 80, no login): one ``GET /api/system/info``; the ASIC's frequency and
  voltage options (``GET /api/system/asic``, builds from v2.7 and NerdOS) change only with
  the firmware, so they are read on the first poll and again after a restart or a firmware
  change. AxeOS keeps the connection alive; NerdOS closes every answer (one connection per
  request).
- Avalon (RPC 4028): one joined ``version+summary+pools+estats`` request.
- Braiins OS with BOSminer: one joined RPC request; MAC, host name and version over SSH, one
  login with three commands on the first poll and every ten minutes after.
- Braiins OS+ GraphQL (22.08-25.05): one ``POST /graphql`` on the kept connection (the first
  poll: the login, and a poll refused for two fields 24.09 lacks, asked again without them).
- Braiins OS REST (25.07+): nine GETs on one kept connection (the API joins nothing); the
  first poll adds the login, the tuner's bounds and the API version.
- Hiveon (S9): as the stock S9 (the same joined RPC request and CGI reads).
- MSKMiner: one joined RPC request (version, stats, pools) and, for the MAC, the web's
  login and info_v1 (two POSTs).
- VNish: four GETs that need no login on one kept connection; the first poll adds the
  unlock and the preset list.
- MARA firmware: six GETs under ``/kaonsu/v1/`` on one kept connection, the digest login
  reused (no 401 after the first poll); the first poll adds overview and network_config.
- ePIC PowerPlay: two GETs on port 4028 (its REST API), ``/summary`` and ``/temps``, on
  kept connections; the first poll adds ``/capabilities`` and ``/network`` (static).
- LuxOS: one joined RPC request of eleven commands (LUXminer joins them all; reads need no
  session), the first poll too.
- Elphapex: six CGI GETs (no RPC), the digest login reused; the first poll too.
- Hammer ("blackMiner"): ccminer's version, summary, stats and pools one a connection on
  8359 (no join is known to work), three CGI GETs on kept connections.
- Goldshell: three GETs under ``/mcb/`` (setting, the devs, pools), one at a time, the
  JWT token kept; the first poll adds the status and the login.
- IceRiver: one ``POST /user/userpanel`` (post=4) with the session cookie; the first poll
  adds the login (``POST /user/loginpost``), the scan's session not being the backend's.
- Innosilicon (innominer): ``summary``, ``stats`` and ``pools``, one RPC request each (no
  join is known to work); the first poll adds the web's JWT login and ``overview`` (MAC).

Counted on the client side: every ``asyncio.open_connection`` (RPC, V3) with its port and
what is written on it, and aiohttp trace signals on the session the miner is given:
connections created, and requests whose headers went out (a request answered 401 and sent
again by the digest middleware counts twice; the final status is counted once). SSH
(asyncssh opens its own transport) is counted at the simulated miner's SSH server.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest

from custom_components.asic_miner.driver import Credentials, Miner, find_miner
from custom_components.asic_miner.driver.backends.braiins import bosminer
from tests.simulator.families import make_miner

from .request_counting import HTTP, RPC, V3, Counts, count_connections, trace_config

# Loopback addresses of this module only (Braiins OS and VNish on 127.0.87.50-89).
_ADDRESSES = (f"127.0.15.{n}" for n in itertools.cycle(range(10, 250)))
_AFTERMARKET_ADDRESSES = (f"127.0.87.{n}" for n in itertools.cycle(range(50, 90)))
_MARA_ADDRESSES = (f"127.0.100.{n}" for n in itertools.cycle(range(210, 230)))
_EPIC_ADDRESSES = (f"127.0.98.{n}" for n in itertools.cycle(range(200, 220)))
_AURADINE_ADDRESSES = (f"127.0.109.{n}" for n in itertools.cycle(range(200, 220)))
_SEAL_ADDRESSES = (f"127.0.110.{n}" for n in itertools.cycle(range(60, 80)))
_GOLDSHELL_ADDRESSES = (f"127.0.103.{n}" for n in itertools.cycle(range(200, 220)))
PASSWORD = "s3cret"


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    return count_connections(monkeypatch)


@pytest.fixture
async def session(counts: Counts) -> AsyncIterator[aiohttp.ClientSession]:
    """A session like Home Assistant's shared one (keep-alive), feeding ``counts``."""
    async with aiohttp.ClientSession(trace_configs=[trace_config(counts)]) as session:
        yield session


StartMiner = Callable[..., Awaitable[Any]]


@pytest.fixture
async def start() -> AsyncIterator[StartMiner]:
    started: list[Any] = []

    async def start(model: str, *extra_quirks: str) -> Any:
        # The login is ours where the firmware has one to poll with; Avalons keep theirs.
        login = {"password": PASSWORD} if model in USERNAMES else {}
        addresses = _AFTERMARKET_ADDRESSES if model.startswith(AFTERMARKET) else _ADDRESSES
        addresses = _MARA_ADDRESSES if model.startswith("marathon-") else addresses
        addresses = _EPIC_ADDRESSES if model.startswith("epic-") else addresses
        addresses = _AURADINE_ADDRESSES if model.startswith("auradine-") else addresses
        addresses = _SEAL_ADDRESSES if model.startswith("sealminer-") else addresses
        addresses = _GOLDSHELL_ADDRESSES if model.startswith("goldshell-") else addresses
        sim = make_miner(model, next(addresses), reboot_seconds=0.3, **login)
        if extra_quirks:
            sim.quirks = (*sim.quirks, *extra_quirks)
        await sim.start()
        if getattr(sim, "api_version", None) and sim.api_version >= 3:
            sim.state.v3_passwords["super"] = PASSWORD
        started.append(sim)
        return sim

    yield start
    for sim in started:
        await sim.stop()


USERNAMES = {
    "antminer-s19pro": "root",
    "antminer-s9": "root",
    "hiveon-s9": "root",
    "mskminer-s19-88": "admin",
    "whatsminer-m50s": "admin",
    "whatsminer-m60s": "super",
    # Braiins OS and VNish with a password of the user's (no default tried first).
    "braiins-s9-bosminer": "root",
    "braiins-s19-bosplus": "root",
    "braiins-s21-bos": "root",
    "vnish-s19pro": "admin",
    "vnish-s21plus-hydro": "admin",
    "marathon-ks5pro": "root",
    "marathon-s19xp": "root",
    "epic-s19xp": "root",
    "elphapex-dg1plus": "root",
    "hammer-d10": "root",
    "volcminer-d1": "root",
    "iceriver-ks3m": "admin",
    "innosilicon-a9": "admin",
    "auradine-at1500": "admin",
    "sealminer-a2": "seal",
    "goldshell-sclite": "admin",
}
AFTERMARKET = ("braiins-", "vnish-")

JOINED = "version+summary+pools+stats"
CGI = "GET /cgi-bin/"
INFO, ASIC = "GET /api/system/info", "GET /api/system/asic"
AXEOS = ("espminer-bitaxe-gamma", "espminer-bitaxe-gamma-2.12", "espminer-bitaxe-supra-2.4")
ESP_MINERS = (*AXEOS, "espminer-nerdqaxe-pp")
AVALONS = ("avalon-nano3s", "avalon-mini3", "avalon-q", "avalon-a1566")
AXEOS_POLL: dict[str, Any] = {
    "tcp": {},  # the first poll's connection is kept alive
    "sent": {HTTP: 1},
    "http_status": {200: 1},
    "requests": {INFO: 1},
}
BOSMINER_JOINED = "version+summary+devs+devdetails+temps+fans+tunerstatus+pools"
GRAPHQL = "POST /graphql"
API_GET = "GET /api/v1/"
REST_POLL = tuple(
    API_GET + path
    for path in (
        "miner/details",
        "miner/stats",
        "miner/hw/hashboards",
        "cooling/state",
        "performance/tuner-state",
        "configuration/miner",
        "pools/",
        "miner/errors",
        "actions/locate",
    )
)
VNISH_POLL = tuple(API_GET + path for path in ("summary", "perf-summary", "status", "info"))
VNISH_LATER: dict[str, Any] = {
    "tcp": {},
    "sent": {HTTP: 4},
    "http_status": {200: 4},
    "requests": dict.fromkeys(VNISH_POLL, 1),
}
KAONSU_GET = "GET /kaonsu/v1/"
MARA_POLL = tuple(
    KAONSU_GET + name
    for name in ("brief", "hashboards", "fans", "miner_config", "locate_miner", "pools")
)
LUXOS_JOINED = "version+config+summary+stats+devs+temps+fans+power+profiles+pools+events"
AVALON_POLL: dict[str, Any] = {
    "tcp": {RPC: 1},
    "sent": {RPC: 1},
    "http_status": {},
    "requests": {"version+summary+pools+estats": 1},
}
# Per poll after the first: new TCP connections and requests sent, by port; what was sent.
LATER_POLL: dict[str, dict[str, Any]] = {
    # Boards, fans and sleep mode from stats.cgi: no RPC "stats new_api", no
    # get_miner_conf.cgi (issue 11: was RPC 2, HTTP 4).
    "antminer-s19pro": {
        "tcp": {RPC: 1},
        "sent": {RPC: 1, HTTP: 4},
        "http_status": {200: 4},
        "requests": {
            JOINED: 1,
            CGI + "get_system_info.cgi": 1,
            CGI + "get_blink_status.cgi": 1,
            CGI + "summary.cgi": 1,
            CGI + "stats.cgi": 1,
        },
    },
    "antminer-s9": {
        "tcp": {RPC: 1},
        "sent": {RPC: 1, HTTP: 3},
        "http_status": {200: 3},
        "requests": {
            JOINED: 1,
            CGI + "get_system_info.cgi": 1,
            "POST /cgi-bin/blink.cgi": 1,
            CGI + "get_miner_conf.cgi": 1,
        },
    },
    "whatsminer-m50s": {
        "tcp": {RPC: 4},
        "sent": {RPC: 4},
        "http_status": {},
        "requests": {
            "summary+pools+edevs+devdetails": 1,
            "get_miner_info": 1,
            "status": 1,
            "get_error_code": 1,
        },
    },
    "whatsminer-m60s": {
        "tcp": {},
        "sent": {V3: 3},
        "http_status": {},
        "requests": {"get.device.info": 1, "get.miner.status": 1, "get.miner.setting": 1},
    },
    **dict.fromkeys(AXEOS, AXEOS_POLL),
    "espminer-nerdqaxe-pp": {**AXEOS_POLL, "tcp": {HTTP: 1}},  # NerdOS: Connection: close
    **dict.fromkeys(AVALONS, AVALON_POLL),
    "braiins-s9-bosminer": {
        "tcp": {RPC: 1},
        "sent": {RPC: 1},
        "http_status": {},
        "requests": {BOSMINER_JOINED: 1},
    },
    "braiins-s19-bosplus": {
        "tcp": {},
        "sent": {HTTP: 1},
        "http_status": {200: 1},
        "requests": {GRAPHQL: 1},
    },
    "braiins-s21-bos": {
        "tcp": {},
        "sent": {HTTP: 9},
        "http_status": {200: 9},
        "requests": dict.fromkeys(REST_POLL, 1),
    },
    "vnish-s19pro": VNISH_LATER,
    "vnish-s21plus-hydro": VNISH_LATER,
    "marathon-ks5pro": {
        "tcp": {},
        "sent": {HTTP: 6},
        "http_status": {200: 6},
        "requests": dict.fromkeys(MARA_POLL, 1),
    },
    "luxos-s19kpro": {
        "tcp": {RPC: 1},
        "sent": {RPC: 1},
        "http_status": {},
        "requests": {LUXOS_JOINED: 1},
    },
}
LATER_POLL["hiveon-s9"] = LATER_POLL["antminer-s9"]
LATER_POLL["marathon-s19xp"] = LATER_POLL["marathon-ks5pro"]  # the same reads, another model
# MSKMiner: the MAC (its web login and info_v1) is read on the first poll only.
LATER_POLL["mskminer-s19-88"] = {
    "tcp": {RPC: 1},
    "sent": {RPC: 1},
    "http_status": {},
    "requests": {"version+stats+pools": 1},
}
ELPHAPEX_CGI = (
    "get_system_info",
    "summary",
    "stats",
    "pools",
    "get_blink_status",
    "get_miner_conf",
)
ELPHAPEX_POLL = tuple(f"{CGI}{name}.cgi" for name in ELPHAPEX_CGI)
LATER_POLL["elphapex-dg1plus"] = {
    "tcp": {},
    "sent": {HTTP: 6},
    "http_status": {200: 6},
    "requests": dict.fromkeys(ELPHAPEX_POLL, 1),
}
LATER_POLL["iceriver-ks3m"] = {
    "tcp": {},
    "sent": {HTTP: 1},
    "http_status": {200: 1},
    "requests": {"POST /user/userpanel": 1},
}
CCMINER = 8359  # the blackMiner firmware's RPC port
LATER_POLL["hammer-d10"] = {
    "tcp": {CCMINER: 4},
    "sent": {CCMINER: 4, HTTP: 3},
    "http_status": {200: 3},
    "requests": {
        "version": 1,
        "summary": 1,
        "stats": 1,
        "pools": 1,
        CGI + "get_system_info.cgi": 1,
        CGI + "get_blink_status.cgi": 1,
        CGI + "get_miner_conf.cgi": 1,
    },
}
INNO_POLL = {"summary": 1, "stats": 1, "pools": 1}
LATER_POLL["innosilicon-a9"] = {
    "tcp": {RPC: 3},
    "sent": {RPC: 3},
    "http_status": {},
    "requests": INNO_POLL,
}
LATER_POLL["volcminer-d1"] = LATER_POLL["hammer-d10"]  # the same firmware
EPIC_POLL = ("GET /summary", "GET /temps")
LATER_POLL["epic-s19xp"] = {
    "tcp": {},
    "sent": {HTTP: 2},
    "http_status": {200: 2},
    "requests": dict.fromkeys(EPIC_POLL, 1),
}

# The first poll after the identification: what a later one sends, plus the ASIC options
# where the build serves them (v2.4.5 has no /api/system/asic: its web UI's own lists).
FIRST_POLL_REQUESTS: dict[str, dict[str, int]] = {
    **dict.fromkeys(AVALONS, AVALON_POLL["requests"]),
    **{model: {INFO: 1, ASIC: 1} for model in ESP_MINERS},
    "espminer-bitaxe-supra-2.4": {INFO: 1},
    "braiins-s9-bosminer": {BOSMINER_JOINED: 1},  # and the SSH login: see below
    "luxos-s19kpro": {LUXOS_JOINED: 1},
    "epic-s19xp": {**dict.fromkeys(EPIC_POLL, 1), "GET /capabilities": 1, "GET /network": 1},
    # The brief alone meets the digest challenge (401, then again); the rest go once.
    "marathon-ks5pro": {
        **dict.fromkeys(MARA_POLL, 1),
        KAONSU_GET + "brief": 2,
        KAONSU_GET + "overview": 1,
        KAONSU_GET + "network_config": 1,
    },
    "braiins-s19-bosplus": {GRAPHQL: 3},
    "braiins-s21-bos": {
        "POST /api/v1/auth/login": 1,
        **dict.fromkeys(REST_POLL, 1),
        API_GET + "configuration/constraints": 1,
        API_GET + "version/": 1,
    },
    **{
        model: {
            **dict.fromkeys(VNISH_POLL, 1),
            "POST /api/v1/unlock": 1,
            API_GET + "autotune/presets": 1,
        }
        for model in ("vnish-s19pro", "vnish-s21plus-hydro")
    },
}
FIRST_POLL_REQUESTS["marathon-s19xp"] = FIRST_POLL_REQUESTS["marathon-ks5pro"]
FIRST_POLL_REQUESTS["iceriver-ks3m"] = {"POST /user/loginpost": 1, "POST /user/userpanel": 1}
FIRST_POLL_REQUESTS["innosilicon-a9"] = {
    **INNO_POLL,
    "POST /api/auth": 1,
    "POST /api/overview": 1,
}
# Auradine: four token-carrying GETs on 8080 and three RPC commands, each on a connection
# of its own (no capture shows GCMiner joining commands with "+"); the first poll asks
# for the token first and reads ipreport (identity, serials), which a later one leaves out
# while the uptime follows the clock.
AURADINE_POLL = {
    **{f"GET /{name}": 1 for name in ("psu", "mode", "fan", "led")},
    **dict.fromkeys(("summary", "devs", "pools"), 1),
}
LATER_POLL["auradine-at1500"] = {
    "tcp": {RPC: 3},
    "sent": {RPC: 3, HTTP: 4},
    "http_status": {200: 4},
    "requests": AURADINE_POLL,
}
FIRST_POLL_REQUESTS["auradine-at1500"] = {
    "POST /token": 1,
    "GET /ipreport": 1,
    **AURADINE_POLL,
}
# SealMiner: three RPC commands, each on a connection of its own, and the web's system info
# (its light) with the session cookie; the first poll logs in first.
SEAL_POLL = {"stats": 1, "summary": 1, "pools": 1, "GET /cgi-bin/get_system_info.php": 1}
LATER_POLL["sealminer-a2"] = {
    "tcp": {RPC: 3},
    "sent": {RPC: 3, HTTP: 1},
    "http_status": {200: 1},
    "requests": SEAL_POLL,
}
FIRST_POLL_REQUESTS["sealminer-a2"] = {"POST /cgi-bin/login.php": 1, **SEAL_POLL}
# Goldshell: three GETs under /mcb/, one at a time, the token kept; the first poll adds
# the status (model, firmware) and the login the refused setting read asks for.
GOLDSHELL_POLL = {f"GET /mcb/{name}": 1 for name in ("setting", "cgminer", "pools")}
LATER_POLL["goldshell-sclite"] = {
    "tcp": {},
    "sent": {HTTP: 3},
    "http_status": {200: 3},
    "requests": GOLDSHELL_POLL,
}
FIRST_POLL_REQUESTS["goldshell-sclite"] = {
    **GOLDSHELL_POLL,
    "GET /mcb/status": 1,
    "GET /mcb/setting": 2,
    "GET /user/login": 1,
}


# Port 4028 refused ("api-port-off"): every figure from the web, nothing sent to 4028 (each
# poll tries to connect, which costs no request). New HTTP connections: those the poll needs
# beyond the ones kept from the last poll.
WEB_ONLY_POLL: dict[str, dict[str, Any]] = {
    "antminer-s19pro": {
        "sent": {HTTP: 5},
        "http_status": {200: 5},
        "requests": {
            CGI + "get_system_info.cgi": 1,
            CGI + "get_blink_status.cgi": 1,
            CGI + "summary.cgi": 1,
            CGI + "stats.cgi": 1,
            CGI + "pools.cgi": 1,
        },
    },
    "antminer-s9": {
        "sent": {HTTP: 6},
        "http_status": {200: 6},
        "requests": {
            CGI + "get_system_info.cgi": 1,
            "POST /cgi-bin/blink.cgi": 1,
            CGI + "get_miner_conf.cgi": 1,
            CGI + "miner_summary.cgi": 1,
            CGI + "miner_stats.cgi": 1,
            CGI + "miner_pools.cgi": 1,
        },
    },
}

WEB_ONLY_POLL["hiveon-s9"] = WEB_ONLY_POLL["antminer-s9"]


async def _identify(sim: Any, session: aiohttp.ClientSession) -> Miner:
    user = USERNAMES.get(sim.model)
    return await find_miner(
        sim.address,
        credentials=Credentials(user, PASSWORD) if user else None,
        session=session,
        timeout=5.0,
    )


async def _count_poll(miner: Miner, counts: Counts) -> dict[str, Any]:
    counts.clear()
    data = await miner.get_data()
    assert data.hashrate is not None
    return counts.summary()


@pytest.mark.parametrize("model", list(LATER_POLL))
async def test_later_polls_send_what_the_firmware_needs(
    model: str, start: StartMiner, session: aiohttp.ClientSession, counts: Counts
) -> None:
    sim = await start(model)
    miner = await _identify(sim, session)
    try:
        await miner.get_data()  # the first poll logs in and opens what it keeps
        assert await _count_poll(miner, counts) == LATER_POLL[model]
        assert await _count_poll(miner, counts) == LATER_POLL[model]
    finally:
        await miner.close()


@pytest.mark.parametrize("model", list(WEB_ONLY_POLL))
async def test_api_port_off_reads_the_web_only(
    model: str, start: StartMiner, session: aiohttp.ClientSession, counts: Counts
) -> None:
    sim = await start(model, "api-port-off")
    miner = await _identify(sim, session)
    try:
        await miner.get_data()
        for _ in range(2):
            polled = await _count_poll(miner, counts)
            assert RPC not in polled["tcp"]
            assert {key: polled[key] for key in WEB_ONLY_POLL[model]} == WEB_ONLY_POLL[model]
    finally:
        await miner.close()


@pytest.mark.parametrize("model", ["antminer-s19pro", "antminer-s9"])
async def test_plain_text_rpc_costs_no_more(
    model: str, start: StartMiner, session: aiohttp.ClientSession, counts: Counts
) -> None:
    """A daemon that takes only the plain-text form: the same requests, in text, and no
    JSON attempt once the identification found that out."""
    sim = await start(model, "plain-text-only")
    miner = await _identify(sim, session)
    try:
        polled = await _count_poll(miner, counts)  # the first poll already knows
        assert polled["requests"][JOINED + " (text)"] == 1
        assert polled["tcp"][RPC] == polled["sent"][RPC] == 1
        polled = await _count_poll(miner, counts)
        expected = dict(LATER_POLL[model]["requests"])
        expected[JOINED + " (text)"] = expected.pop(JOINED)
        assert polled["requests"] == expected
    finally:
        await miner.close()


@pytest.mark.parametrize("model", ["antminer-s19pro", "antminer-s9"])
async def test_digest_login_outlives_closed_connections(
    model: str, start: StartMiner, counts: Counts
) -> None:
    """The miner's web server closes idle connections long before the next poll: then each
    request needs a new TCP connection, but never a new 401 challenge."""
    sim = await start(model)
    connector = aiohttp.TCPConnector(force_close=True)
    async with aiohttp.ClientSession(
        connector=connector, trace_configs=[trace_config(counts)]
    ) as web:
        miner = await _identify(sim, web)
        try:
            await miner.get_data()
            polled = await _count_poll(miner, counts)
        finally:
            await miner.close()
    requests = LATER_POLL[model]["sent"][HTTP]
    assert polled["tcp"][HTTP] == requests
    assert polled["sent"][HTTP] == requests  # a 401 and its answer would be two
    assert polled["http_status"] == {200: requests}


async def test_whatsminer_v2_reads_the_version_again_after_a_restart(
    start: StartMiner, session: aiohttp.ClientSession, counts: Counts
) -> None:
    sim = await start("whatsminer-m50s")
    miner = await _identify(sim, session)
    try:
        sim.clock.advance(100)
        first = await miner.get_data()
        assert first.api_ver
        assert first.fw_ver
        sim.state.btminer_started_at = sim.clock.monotonic()
        polled = await _count_poll(miner, counts)
        assert polled["requests"]["get_version"] == 1
        assert polled["tcp"] == {RPC: 5}
        again = await miner.get_data()
        assert (again.api_ver, again.fw_ver) == (first.api_ver, first.fw_ver)
        assert (await _count_poll(miner, counts))["tcp"] == {RPC: 4}
    finally:
        await miner.close()


async def test_whatsminer_v2_reads_the_psu_while_the_summary_lacks_it(
    start: StartMiner, session: aiohttp.ClientSession, counts: Counts
) -> None:
    """btminer stopped: the summary is refused, the PSU fan comes from get_psu."""
    sim = await start("whatsminer-m50s")
    miner = await _identify(sim, session)
    try:
        assert (await miner.get_data()).fan_psu
        sim.state.mining = False
        for _ in range(2):  # found missing (read after), then read with the others
            counts.clear()
            data = await miner.get_data()
            assert data.is_mining is False
            assert data.fan_psu
            assert counts.requests["get_psu"] == 1
        sim.state.mining = True
        await miner.get_data()
        assert (await _count_poll(miner, counts)) == LATER_POLL["whatsminer-m50s"]
    finally:
        await miner.close()


@pytest.mark.parametrize("model", list(FIRST_POLL_REQUESTS))
async def test_first_poll_reads_what_only_changes_with_the_firmware(
    model: str, start: StartMiner, session: aiohttp.ClientSession, counts: Counts
) -> None:
    sim = await start(model)
    miner = await _identify(sim, session)
    try:
        assert (await _count_poll(miner, counts))["requests"] == FIRST_POLL_REQUESTS[model]
    finally:
        await miner.close()


@pytest.mark.parametrize("model", ["espminer-bitaxe-gamma", "espminer-nerdqaxe-pp"])
async def test_esp_miner_reads_its_asic_options_again_after_a_restart(
    model: str, start: StartMiner, session: aiohttp.ClientSession, counts: Counts
) -> None:
    sim = await start(model)
    miner = await _identify(sim, session)
    try:
        await miner.get_data()
        await sim.reboot()  # the uptime falls
        assert (await _count_poll(miner, counts))["requests"] == {INFO: 1, ASIC: 1}
        assert (await _count_poll(miner, counts))["requests"] == {INFO: 1}
    finally:
        await miner.close()


async def test_esp_miner_reads_its_asic_options_again_after_a_firmware_change(
    start: StartMiner, session: aiohttp.ClientSession, counts: Counts
) -> None:
    """An update seen only by its version: the uptime since it is longer than the last
    poll saw (Home Assistant was down meanwhile)."""
    sim = await start("espminer-bitaxe-gamma")
    miner = await _identify(sim, session)
    try:
        await miner.get_data()
        build = dataclasses.replace(sim.spec.firmware, version="v2.15.1")
        info = {**sim.spec.info, "version": "v2.15.1"}
        sim.spec = dataclasses.replace(sim.spec, firmware=build, info=info)
        sim.state.uptime_offset += 3600
        polled = await _count_poll(miner, counts)
        assert polled["requests"] == {INFO: 1, ASIC: 1}
        assert (await _count_poll(miner, counts))["requests"] == {INFO: 1}
    finally:
        await miner.close()


class _LaterClock:
    """The BOSminer backend's clock, moved on by ``ahead`` seconds."""

    def __init__(self) -> None:
        self.ahead = 0.0

    def monotonic(self) -> float:
        return time.monotonic() + self.ahead


async def test_bosminer_logs_in_over_ssh_on_the_first_poll_and_every_ten_minutes(
    start: StartMiner,
    session: aiohttp.ClientSession,
    counts: Counts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """MAC, host name and Braiins OS version: one SSH login, three commands, then none
    until ``IDENTITY_TTL`` (600 s) has passed; the RPC side is one joined request a poll."""
    clock = _LaterClock()
    monkeypatch.setattr(bosminer, "time", clock)
    # The clock jumps ahead while BOSminer's uptime does not: that would be a restart (the
    # MAC is read again at once); left out here, this test counts the TTL alone.
    monkeypatch.setattr(bosminer, "UPTIME_SLACK", math.inf)
    sim = await start("braiins-s9-bosminer")
    miner = await _identify(sim, session)
    heard = sim.ssh.heard
    try:
        logins, commands = len(heard.logins), len(heard.commands)
        await miner.get_data()
        assert len(heard.logins) - logins == 1
        assert heard.commands[commands:] == [
            "cat /sys/class/net/eth0/address",
            "cat /proc/sys/kernel/hostname",
            "cat /etc/bos_version",
        ]
        for _ in range(2):
            assert await _count_poll(miner, counts) == LATER_POLL["braiins-s9-bosminer"]
        assert len(heard.logins) - logins == 1
        assert len(heard.commands) - commands == 3

        clock.ahead = bosminer.IDENTITY_TTL - 5
        await miner.get_data()
        assert len(heard.logins) - logins == 1
        clock.ahead = bosminer.IDENTITY_TTL + 5
        assert await _count_poll(miner, counts) == LATER_POLL["braiins-s9-bosminer"]
        assert len(heard.logins) - logins == 2
        assert len(heard.commands) - commands == 6
        assert heard.failed_logins == []
    finally:
        await miner.close()


async def test_bos_rest_first_poll_is_on_one_connection(
    start: StartMiner, session: aiohttp.ClientSession, counts: Counts
) -> None:
    """The login, nine reads, the bounds and the API version: twelve requests on one
    connection (the identification's, kept alive, or one new)."""
    sim = await start("braiins-s21-bos")
    miner = await _identify(sim, session)
    try:
        polled = await _count_poll(miner, counts)
        assert polled["sent"] == {HTTP: 12}
        assert polled["tcp"].get(HTTP, 0) <= 1
        assert polled["http_status"] == {200: 12}
    finally:
        await miner.close()
