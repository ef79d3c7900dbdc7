"""cgminer daemons that close a JSON request at once and answer only the plain-text form.

Identification asks in text before it gives up; "refused" is said only of ports that
refused (ECONNREFUSED), not of a daemon that took the connection and closed it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

import pytest

from custom_components.asic_miner.driver import (
    Firmware,
    MinerConnectionError,
    MinerProtocolError,
    MinerRefusedError,
    find_miner,
)
from custom_components.asic_miner.driver.backends.antminer.backend import (
    AntminerModern,
    AntminerOld,
)
from custom_components.asic_miner.driver.transport import cgminer_text
from custom_components.asic_miner.driver.transport.rpc import EmptyReplyError, RpcClient

from .conftest import StartMiner, next_address

# Real replies of an Antminer X3 (cgminer 4.9.0), kept in a public Go test of Antminer
# text parsing; cut to the fields read here.
X3_VERSION = (
    b"STATUS=S,When=1525262182,Code=22,Msg=CGMiner versions,Description=cgminer 4.9.0|"
    b"VERSION,CGMiner=4.9.0,API=3.1,Miner=1.3.0.10,CompileTime=Wed Apr 11 23:42:20 CST 2018,"
    b"Type=Antminer X3|"
)
X3_STATS = (
    b"STATUS=S,When=1525262920,Code=70,Msg=CGMiner stats,Description=cgminer 4.9.0|"
    b"CGMiner=4.9.0,Miner=1.3.0.10,CompileTime=Wed Apr 11 23:42:20 CST 2018,Type=Antminer X3|"
    b"STATS=0,ID=X30,Elapsed=616151,Calls=0,Wait=0.000000,GHS 5s=237.58,GHS av=234.20,"
    b"fan_num=1,fan1=4200,fan2=0,temp2=53,chain_acn2=60,chain_acs1=,chain_rate2=80.01|"
)
X3_POOLS = (
    b"STATUS=S,When=1525271759,Code=7,Msg=3 Pool(s),Description=cgminer 4.9.0|"
    b"POOL=0,URL=stratum+tcp://stratum-xmc.antpool.com:5555,Status=Alive,Priority=0,"
    b"Accepted=64835,Rejected=2473,User=aminer.2,Last Share Time=0:00:14,Diff=2.097M,"
    b"Stratum Active=true,Best Share=  0.0000|"
    b"POOL=1,URL=stratum+tcp://stratum-xmc.antpool.com:443%09,Status=Dead,Priority=1,"
    b"Accepted=0,Rejected=0,User=aminer.2,Stratum Active=false|"
)
X3_SUMMARY = (
    b"STATUS=S,When=1525268733,Code=11,Msg=Summary,Description=cgminer 4.9.0|"
    b"SUMMARY,Elapsed=621963,GHS 5s=226.03,GHS av=234.20,Found Blocks=10,Accepted=2462.0000|"
)
# Canaan's Avalon API document, "Example of return value" of version (its space after "|"
# as printed there).
AVALON_VERSION = (
    b"STATUS=S,When=18633,Code=22,Msg=CGMiner versions,Description=cgminer 4.11.1| "
    b"VERSION,CGMiner=4.11.1,API=3.7,PROD=AvalonMiner 10xx,MODEL=10xx,HWTYPE=MM3v2,"
    b"SWTYPE=MM320,VERSION=19090589_789f8e9t_965ebdct,DNA=0000000000000000,"
    b"MAC=aaa5836a0f14,UPAPI=2|\x00"
)


def test_text_replies_read_like_their_json_form() -> None:
    version = cgminer_text.parse_reply(X3_VERSION + b"\x00", "x3")
    assert version["STATUS"] == [
        {
            "STATUS": "S",
            "When": 1525262182,
            "Code": 22,
            "Msg": "CGMiner versions",
            "Description": "cgminer 4.9.0",
        }
    ]
    assert version["VERSION"][0]["Type"] == "Antminer X3"
    assert version["VERSION"][0]["CompileTime"] == "Wed Apr 11 23:42:20 CST 2018"
    stats = cgminer_text.parse_reply(X3_STATS, "x3")["STATS"]
    assert stats[0]["Type"] == "Antminer X3"  # the version block, without a number
    assert (stats[1]["STATS"], stats[1]["GHS 5s"], stats[1]["fan1"]) == (0, 237.58, 4200)
    assert stats[1]["chain_acs1"] == ""
    pools = cgminer_text.parse_reply(X3_POOLS, "x3")["POOLS"]
    assert [(p["POOL"], p["Status"], p["Stratum Active"]) for p in pools] == [
        (0, "Alive", True),
        (1, "Dead", False),
    ]
    assert pools[1]["URL"] == "stratum+tcp://stratum-xmc.antpool.com:443%09"
    assert pools[0]["Best Share"] == "  0.0000"
    summary = cgminer_text.parse_reply(X3_SUMMARY, "x3")["SUMMARY"]
    assert summary == [
        {
            "Elapsed": 621963,
            "GHS 5s": 226.03,
            "GHS av": 234.2,
            "Found Blocks": 10,
            "Accepted": 2462.0,
        }
    ]


def test_joined_and_escaped_text() -> None:
    joined = cgminer_text.parse_reply(
        b"CMD=version|" + X3_VERSION + b"CMD=pools|" + X3_POOLS + b"\x00", "x3"
    )
    assert set(joined) == {"version", "pools"}
    assert joined["version"][0]["VERSION"][0]["API"] == 3.1
    assert len(joined["pools"][0]["POOLS"]) == 2
    # api.c escapes , | = and \ in values it did not write itself (pool URLs, users).
    escaped = cgminer_text.parse_reply(
        b"STATUS=S,When=1,Code=7,Msg=1 Pool(s),Description=cgminer|"
        b"POOL=0,URL=stratum+tcp://a\\,b\\|c\\=d\\\\e:3333,User=w\\,1|",
        "x",
    )
    assert escaped["POOLS"][0]["URL"] == "stratum+tcp://a,b|c=d\\e:3333"
    assert escaped["POOLS"][0]["User"] == "w,1"


@pytest.mark.parametrize("raw", [b"", b"hello|world|", b"VERSION,API=3.1|", b"|||"])
def test_text_without_a_status_is_refused_with_an_excerpt(raw: bytes) -> None:
    with pytest.raises(MinerProtocolError, match="answered"):
        cgminer_text.parse_reply(raw, "x")


@contextlib.asynccontextmanager
async def text_daemon(answer: Callable[[bytes], bytes | None]) -> AsyncIterator[tuple[str, list]]:
    """A TCP 4028 server answering ``answer(request)`` (None: close without a byte)."""
    address = next_address()
    seen: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = await reader.read(4096)  # like api.c: one recv()
        seen.append(request)
        reply = answer(request)
        if reply is not None:
            writer.write(reply)
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, address, 4028)
    try:
        yield address, seen
    finally:
        server.close()
        await server.wait_closed()


def avalon(request: bytes) -> bytes | None:
    if request.startswith(b"{"):
        return None  # closed at once, as Avalon builds do
    return AVALON_VERSION if request == b"version" else None


async def test_identification_asks_in_plain_text_before_giving_up() -> None:
    async with text_daemon(avalon) as (address, seen):
        miner = await find_miner(address, timeout=2)
        try:
            assert miner.family is Firmware.AVALON
            assert miner.rpc.plain_text  # type: ignore[attr-defined]  # its polls start so
        finally:
            await miner.close()
    assert b'{"command": "version"}' in seen
    assert b"version" in seen


async def test_the_rpc_client_keeps_to_plain_text_once_it_worked() -> None:
    async with text_daemon(avalon) as (address, seen):
        client = RpcClient(address, timeout=2, text_fallback=True)
        first = await client.send("version")
        second = await client.send("version")
        assert first["VERSION"][0]["PROD"] == second["VERSION"][0]["PROD"] == "AvalonMiner 10xx"
        assert first["VERSION"][0]["MAC"] == "aaa5836a0f14"
        assert seen == [b'{"command": "version"}', b"version", b"version"]
        # Without the fallback (Whatsminer's client) a closed connection stays an error.
        with pytest.raises(EmptyReplyError):
            await RpcClient(address, timeout=2).send("version")


async def test_taken_then_closed_is_not_called_refused() -> None:
    """Connections taken on 4028 and closed without a byte, JSON and text alike; the web
    refused: the error says what happened, not "refused"."""
    async with text_daemon(lambda _request: None) as (address, seen):
        with pytest.raises(MinerConnectionError) as caught:
            await find_miner(address, timeout=2)
    assert not isinstance(caught.value, MinerRefusedError)
    assert "refused the connection (" not in str(caught.value)
    assert "closed the connection without answering" in str(caught.value)
    assert b"version" in seen


async def test_refused_only_when_every_port_refused() -> None:
    with pytest.raises(MinerRefusedError, match="refused the connection"):
        await find_miner(next_address(), timeout=2)


@pytest.mark.parametrize(
    ("model", "backend"), [("antminer-s19pro", AntminerModern), ("antminer-s9", AntminerOld)]
)
async def test_a_plain_text_antminer_is_polled_in_text(
    start_sim: StartMiner, model: str, backend: type
) -> None:
    json_sim = await start_sim(model)
    text_sim = await start_sim(model, quirks=(*json_sim.quirks, "plain-text-only"))
    async with (
        await find_miner(json_sim.address, timeout=3) as by_json,
        await find_miner(text_sim.address, timeout=3) as by_text,
    ):
        assert type(by_text) is backend
        assert by_text.model == by_json.model
        data, reference = await by_text.get_data(), await by_json.get_data()
    assert data.hashrate == pytest.approx(text_sim.hashrate_ths, abs=0.001)
    assert (data.fw_ver, data.api_ver) == (reference.fw_ver, reference.api_ver)
    assert [b.chips for b in data.hashboards] == [b.chips for b in reference.hashboards]
    assert [f.speed for f in data.fans] == [f.speed for f in reference.fans]
    assert [(p.url, p.active, p.alive) for p in data.pools] == [
        (p.url, p.active, p.alive) for p in reference.pools
    ]
    assert [p.user for p in data.pools] == [text_sim.state.pools[0]["user"]]
    assert data.mac == text_sim.mac
