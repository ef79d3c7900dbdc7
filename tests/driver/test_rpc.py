"""CGMiner RPC transport: framing, status checks, fall-back, and every reply repair."""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import time

import pytest

from custom_components.asic_miner.driver import (
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
    MinerTimeoutError,
)
from custom_components.asic_miner.driver.transport.rpc import RpcClient

from .servers import raw_server

OK = '"STATUS":[{"STATUS":"S","When":1,"Code":11,"Msg":"Summary","Description":"cgminer"}]'


async def _send(reply: bytes, command: str = "summary", **options: bool) -> dict:
    async with raw_server(reply) as server:
        client = RpcClient(server.host, port=server.port, timeout=2)
        return await client.send(command, **options)


# Each case: the broken bytes real firmware sends, and what must be readable from them.
REPAIRS = {
    "trailing NUL (CGMiner/BMMiner)": (
        b"{" + OK.encode() + b',"SUMMARY":[{"GHS 5s":110000.5}],"id":1}\x00',
        lambda r: r["SUMMARY"][0]["GHS 5s"] == 110000.5,
    ),
    "comma before } (Whatsminer)": (
        b"{" + OK.encode() + b',"SUMMARY":[{"Elapsed":5,}],"id":1,}',
        lambda r: r["SUMMARY"][0]["Elapsed"] == 5,
    ),
    "literal newline inside a string (Whatsminer)": (
        b"{" + OK.encode() + b',"SUMMARY":[{"Msg":"line one\nline two"}],"id":1}',
        lambda r: r["SUMMARY"][0]["Msg"] == "line one\nline two",
    ),
    "}{ between list objects (BMMiner S9)": (
        b"{" + OK.encode() + b',"STATS":[{"BMMiner":"2.0.0"}{"STATS":0,"fan5":5040}],"id":1}',
        lambda r: r["STATS"][1]["fan5"] == 5040,
    ),
    "[,{ opening a list (BMMiner)": (
        b"{" + OK.encode() + b',"STATS":[,{"Elapsed":7}],"id":1}',
        lambda r: r["STATS"][0]["Elapsed"] == 7,
    ),
    '""temp0 missing comma (Whatsminer 2023-01-06)': (
        b"{" + OK.encode() + b',"SUMMARY":[{"Temperature":"65""temp0":66.5}],"id":1}',
        lambda r: r["SUMMARY"][0]["temp0"] == 66.5 and r["SUMMARY"][0]["Temperature"] == "65",
    ),
    "bare inf and nan (Avalon)": (
        b"{" + OK.encode() + b',"SUMMARY":[{"MHS 1m":inf,"Temp":nan,"Fan":-inf,"Ok":3}],"id":1}',
        lambda r: r["SUMMARY"][0] == {"MHS 1m": None, "Temp": None, "Fan": None, "Ok": 3},
    ),
    "reply starting with a comma (Avalon)": (
        b"," + OK.encode() + b',"id":1}',
        lambda r: r["id"] == 1 and r["STATUS"][0]["STATUS"] == "S",
    ),
    "truncated reply (overflowing error list)": (
        b"{" + OK.encode() + b',"SUMMARY":[{"Elapsed":9}],"Errors":[{"c":1},{"c":2},{"c":',
        lambda r: r["SUMMARY"][0]["Elapsed"] == 9 and r["Errors"] == [{"c": 1}, {"c": 2}],
    ),
    "error_code list shaped like a dict (Whatsminer API 2.0.4)": (
        b'{"STATUS":"S","When":1,"Code":131,"Msg":{"error_code":'
        b'["110":"2023-05-01 10:00:00","2010":"2023-05-01 10:05:00"]},"Description":""}',
        lambda r: (
            r["Msg"]["error_code"]
            == [{"110": "2023-05-01 10:00:00"}, {"2010": "2023-05-01 10:05:00"}]
        ),
    ),
}


@pytest.mark.parametrize("case", list(REPAIRS))
async def test_reply_repair(case: str) -> None:
    broken, readable = REPAIRS[case]
    with pytest.raises(json.JSONDecodeError):
        json.loads(broken)  # the bytes really are broken
    if "truncated" in case:
        reply = await _send(broken, "get_error_code", allow_truncated=True)
    else:
        reply = await _send(broken, "get_error_code" if "error_code" in case else "summary")
    assert readable(reply)


async def test_truncated_reply_is_refused_unless_the_command_allows_it() -> None:
    # Accepting a cut summary or stats would report missing boards and pools that exist.
    cut = b"{" + OK.encode() + b',"STATS":[{"chain":[{"index":0},{"index":1},{"ind'
    with pytest.raises(MinerProtocolError, match="cut short"):
        await _send(cut, "stats")


async def test_several_defects_in_one_reply() -> None:
    broken = b"{" + OK.encode() + b',"STATS":[,{"BMMiner":"2.0.0"}{"temp":nan,}],"id":1}\x00'
    reply = await _send(broken, "stats")
    assert reply["STATS"] == [{"BMMiner": "2.0.0"}, {"temp": None}]


async def test_valid_reply_is_not_touched_by_repairs() -> None:
    # Text that looks like a defect but sits inside strings of valid JSON stays as it is.
    valid = b"{" + OK.encode() + b',"SUMMARY":[{"Msg":"a}{b [,{ ,} inf"}],"id":1}'
    reply = await _send(valid)
    assert reply["SUMMARY"][0]["Msg"] == "a}{b [,{ ,} inf"


async def test_unrepairable_reply_is_a_protocol_error_with_an_excerpt() -> None:
    with pytest.raises(MinerProtocolError, match="unreadable reply") as caught:
        await _send(b"\xff\xfe<html>garbage that is not json at all</html>")
    assert "garbage" in str(caught.value)
    assert len(str(caught.value)) < 200


async def test_socket_connect_failed_text_means_the_backend_is_down() -> None:
    with pytest.raises(MinerConnectionError, match="backend is not running"):
        await _send(b"Socket connect failed: Connection refused\n")


async def test_request_is_plain_json_with_parameter() -> None:
    async with raw_server(b"{" + OK.encode() + b',"id":1}') as server:
        client = RpcClient(server.host, port=server.port, timeout=2)
        await client.send("ascset", "0,led,1-1")
        await client.send("stats", new_api=True)
    assert json.loads(server.requests[0]) == {"command": "ascset", "parameter": "0,led,1-1"}
    assert json.loads(server.requests[1]) == {"command": "stats", "new_api": True}


async def test_error_status_in_list_form() -> None:
    reply = b'{"STATUS":[{"STATUS":"E","When":1,"Code":14,"Msg":"Invalid command"}],"id":1}'
    with pytest.raises(MinerCommandError, match="Invalid command") as caught:
        await _send(reply, "bogus")
    assert caught.value.code == 14


async def test_fatal_status_in_whatsminer_top_level_form() -> None:
    reply = b'{"STATUS":"F","When":1,"Code":45,"Msg":"permission denied","Description":""}'
    with pytest.raises(MinerCommandError, match="permission denied") as caught:
        await _send(reply, "update_pools")
    assert caught.value.code == 45


async def test_avalon_restart_answer_is_success() -> None:
    assert (await _send(b'{"STATUS":"RESTART"}', "restart"))["STATUS"] == "RESTART"


async def test_joined_command_splits_into_per_command_replies() -> None:
    joined = (
        b'{"summary":[{' + OK.encode() + b',"SUMMARY":[{"GHS 5s":5.0}],"id":1}],'
        b'"pools":[{' + OK.encode() + b',"POOLS":[{"POOL":0}],"id":1}],"id":1}'
    )
    async with raw_server(joined) as server:
        client = RpcClient(server.host, port=server.port, timeout=2)
        replies = await client.multicommand("summary", "pools")
    assert replies["summary"]["SUMMARY"][0]["GHS 5s"] == 5.0
    assert replies["pools"]["POOLS"] == [{"POOL": 0}]
    assert len(server.requests) == 1
    assert json.loads(server.requests[0]) == {"command": "summary+pools"}


async def test_joined_command_falls_back_to_single_commands() -> None:
    def answer(request: bytes) -> bytes:
        command = json.loads(request)["command"]
        if "+" in command:
            return b'{"STATUS":[{"STATUS":"E","Code":14,"Msg":"Invalid command"}],"id":1}'
        return b"{" + OK.encode() + b',"' + command.upper().encode() + b'":[{"n":1}],"id":1}'

    async with raw_server(answer) as server:
        client = RpcClient(server.host, port=server.port, timeout=2)
        replies = await client.multicommand("summary", "pools")
    assert replies["summary"]["SUMMARY"] == [{"n": 1}]
    assert replies["pools"]["POOLS"] == [{"n": 1}]
    sent = sorted(json.loads(r)["command"] for r in server.requests)
    assert sent == ["pools", "summary", "summary+pools"]


async def test_silence_is_a_timeout_within_the_limit() -> None:
    async with raw_server(lambda _request: None) as server:
        client = RpcClient(server.host, port=server.port, timeout=0.5)
        started = time.monotonic()
        with pytest.raises(MinerTimeoutError):
            await client.send("summary")
    assert time.monotonic() - started < 1.5


async def test_refused_connection() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens
        sock.bind(("127.0.3.1", 0))
        port = sock.getsockname()[1]
    client = RpcClient("127.0.3.1", port=port, timeout=2)
    with pytest.raises(MinerConnectionError, match="refused"):
        await client.send("summary")


async def test_reset_mid_reply_is_a_connection_error() -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(100)
        writer.write(b'{"STATUS":[{"STATUS":"S"')
        await writer.drain()
        await asyncio.sleep(0.05)
        # Linger 0: closing sends RST instead of FIN, as a crashing miner program does.
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    server = await asyncio.start_server(handle, "127.0.3.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        client = RpcClient("127.0.3.1", port=port, timeout=2)
        with pytest.raises(MinerConnectionError, match="reset"):
            await client.send("summary")
    finally:
        server.close()
        await server.wait_closed()


async def test_closing_without_an_answer_is_a_connection_error() -> None:
    with pytest.raises(MinerConnectionError, match="without answering"):
        await _send(b"")
