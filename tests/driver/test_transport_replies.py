"""Firmware replies at the edges of the transports, from the exact bytes: joined RPC answers
missing a part, encrypted Whatsminer answers that open to something odd, V3 refusals worded
in ``desc``. Tiny loopback servers on 127.0.14.1-9 answer with the bytes under test.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    MinerAuthenticationError,
    MinerCommandError,
    MinerProtocolError,
    TokenLimitReached,
    WriteApiDisabled,
)
from custom_components.asic_miner.driver.transport import btminer_v2
from custom_components.asic_miner.driver.transport.btminer_v2 import BtminerV2Client
from custom_components.asic_miner.driver.transport.btminer_v3 import BtminerV3Client
from custom_components.asic_miner.driver.transport.rpc import RpcClient

from .servers import raw_server

HOST = "127.0.14.1"
OK = {"STATUS": "S", "When": 1, "Code": 11, "Msg": "ok", "Description": "cgminer"}
PASSWORD = "s3cret"
SALT, NEWSALT, TIME = "Xy7Pq2Lm", "Nw4sAlt9", "1234"
TOKEN = json.dumps(
    {"STATUS": "S", "When": 1, "Code": 134, "Msg": {"time": TIME, "salt": SALT, "newsalt": NEWSALT}}
).encode()
AES = btminer_v2.aes_key(btminer_v2.token_key(PASSWORD, SALT))


def _cgminer(name: str, items: list[dict[str, Any]], status: str = "S") -> dict[str, Any]:
    return {"STATUS": [{**OK, "STATUS": status}], name.upper(): items, "id": 1}


# -- CGMiner RPC ----------------------------------------------------------------------------


async def test_one_command_is_sent_alone() -> None:
    async with raw_server(json.dumps(_cgminer("summary", [{"Elapsed": 5}])).encode(), HOST) as s:
        client = RpcClient(s.host, port=s.port, timeout=2)
        replies = await client.multicommand("summary")
    assert replies["summary"]["SUMMARY"] == [{"Elapsed": 5}]
    assert [json.loads(r) for r in s.requests] == [{"command": "summary"}]
    assert repr(client) == f"<RpcClient {HOST}:{s.port}>"


async def test_joined_answer_lacking_a_part_gives_the_rest() -> None:
    joined = {"summary": [_cgminer("summary", [{"Elapsed": 5}])], "id": 1}  # no "pools"
    async with raw_server(json.dumps(joined).encode(), HOST) as server:
        client = RpcClient(server.host, port=server.port, timeout=2)
        replies = await client.multicommand("summary", "pools")
    assert set(replies) == {"summary"}
    assert len(server.requests) == 1


async def test_joined_answer_with_every_part_failed_is_retried_one_by_one() -> None:
    def answer(request: bytes) -> bytes:
        command = json.loads(request)["command"]
        if "+" in command:
            failed = _cgminer("x", [], status="E")
            return json.dumps({part: [failed] for part in command.split("+")}).encode()
        if command == "pools":
            return json.dumps(_cgminer("pools", [], status="E")).encode()
        return json.dumps(_cgminer(command, [{"n": 1}])).encode()

    async with raw_server(answer, HOST) as server:
        client = RpcClient(server.host, port=server.port, timeout=2)
        replies = await client.multicommand("summary", "pools")
    assert set(replies) == {"summary"}  # pools fails alone too: left out
    assert sorted(json.loads(r)["command"] for r in server.requests) == [
        "pools",
        "summary",
        "summary+pools",
    ]


async def test_every_command_failing_alone_raises_the_first_error() -> None:
    def answer(request: bytes) -> bytes:
        command = json.loads(request)["command"]
        if "+" in command:
            return b'{"STATUS":[{"STATUS":"E","Code":14,"Msg":"Invalid command"}],"id":1}'
        return json.dumps(
            {"STATUS": [{"STATUS": "E", "Code": 45, "Msg": f"{command} denied"}], "id": 1}
        ).encode()

    async with raw_server(answer, HOST) as server:
        client = RpcClient(server.host, port=server.port, timeout=2)
        with pytest.raises(MinerCommandError, match="denied") as caught:
            await client.multicommand("summary", "pools")
    assert caught.value.code == 45


async def test_empty_status_list_is_not_an_error() -> None:
    async with raw_server(b'{"STATUS":[],"SUMMARY":[{"Elapsed":1}],"id":1}', HOST) as server:
        reply = await RpcClient(server.host, port=server.port, timeout=2).send("summary")
    assert reply["SUMMARY"] == [{"Elapsed": 1}]


async def test_reply_that_is_not_an_object_is_a_protocol_error() -> None:
    async with raw_server(b'["summary", 1]', HOST) as server:
        with pytest.raises(MinerProtocolError, match="summary answered"):
            await RpcClient(server.host, port=server.port, timeout=2).send("summary")


async def test_cut_error_list_with_quotes_inside_messages_is_closed_cleanly() -> None:
    # An overflowing error list cut mid-item; the messages hold escaped quotes and brackets.
    cut = (
        b'{"STATUS":"S","When":1,"Code":131,"Msg":{"error_code":['
        b'{"110":"fan \\"in\\" [slow]"},{"2010":"board } gone"},{"531":"pow'
    )
    async with raw_server(cut, HOST) as server:
        client = RpcClient(server.host, port=server.port, timeout=2)
        reply = await client.send("get_error_code", allow_truncated=True)
    assert reply["Msg"]["error_code"] == [{"110": 'fan "in" [slow]'}, {"2010": "board } gone"}]


# -- Whatsminer API V2 writes ---------------------------------------------------------------


def _sealed_text(text: bytes) -> bytes:
    return json.dumps({"enc": btminer_v2.encrypt(AES, text)}).encode()


@pytest.mark.parametrize(
    ("write_reply", "error", "text"),
    [
        # The decrypted answer, broken as the firmware writes its plaintext: still read.
        (_sealed_text(b'{"STATUS":"S","Code":131,"Msg":"API command OK",}'), None, ""),
        (_sealed_text(b'["not", "an object"]'), MinerAuthenticationError, "encrypted answer"),
        (b'{"enc": 5}', MinerAuthenticationError, "encrypted answer"),
        (b'{"When": 1}', MinerCommandError, "answered"),
    ],
    ids=["repaired", "not an object", "enc not text", "no status"],
)
async def test_encrypted_write_answers(
    write_reply: bytes, error: type[Exception] | None, text: str
) -> None:
    def answer(request: bytes) -> bytes:
        return TOKEN if b"get_token" in request else write_reply

    async with raw_server(answer, "127.0.14.2") as server:
        client = BtminerV2Client(server.host, password=PASSWORD, port=server.port, timeout=2)
        assert client.port == server.port
        if error is None:
            assert (await client.write("set_led", param="auto"))["Code"] == 131
        else:
            with pytest.raises(error, match=text):
                await client.write("set_led", param="auto")


async def test_token_with_a_salt_md5_crypt_cannot_take() -> None:
    bad = json.dumps(
        {"STATUS": "S", "Code": 134, "Msg": {"time": "1", "salt": "bad$salt", "newsalt": "x"}}
    ).encode()
    async with raw_server(bad, "127.0.14.3") as server:
        client = BtminerV2Client(server.host, password=PASSWORD, port=server.port, timeout=2)
        with pytest.raises(MinerProtocolError, match="unusable salt"):
            await client.write("reboot")


# -- Whatsminer API V3 ----------------------------------------------------------------------


@asynccontextmanager
async def v3_server(answer: Callable[[dict[str, Any]], Any], host: str) -> AsyncIterator[int]:
    """A V3 port: length-prefixed JSON frames both ways; ``answer`` maps request to reply."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                size = int.from_bytes(await reader.readexactly(4), "little")
                request = json.loads(await reader.readexactly(size))
                body = json.dumps(answer(request)).encode()
                writer.write(len(body).to_bytes(4, "little") + body)
                await writer.drain()
        except asyncio.IncompleteReadError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, host, 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


def _v3_miner(refusal: dict[str, Any]) -> Callable[[dict[str, Any]], Any]:
    def answer(request: dict[str, Any]) -> Any:
        if request["cmd"] == "get.device.info":
            return {"code": 0, "when": 1, "msg": {"salt": "abc"}, "desc": "get.device.info"}
        return refusal

    return answer


@pytest.mark.parametrize(
    ("refusal", "error", "text"),
    [
        ({"code": -1, "msg": None, "desc": "write api disabled"}, WriteApiDisabled, "disabled"),
        ({"code": -1, "msg": "over max connect"}, TokenLimitReached, "over max"),
    ],
)
async def test_v3_refusals_worded_by_the_firmware(
    refusal: dict[str, Any], error: type[Exception], text: str
) -> None:
    async with v3_server(_v3_miner(refusal), "127.0.14.4") as port:
        client = BtminerV3Client("127.0.14.4", password=PASSWORD, port=port, timeout=2)
        try:
            with pytest.raises(error, match=text):
                await client.set("set.system.led", "auto")
        finally:
            await client.close()


@pytest.mark.parametrize(
    ("reply", "text"),
    [
        ({"code": 0, "when": 1, "msg": {"salt": ""}}, "gave no salt"),
        (["get.device.info", 0], "answered"),
    ],
)
async def test_v3_answers_a_client_cannot_use(reply: Any, text: str) -> None:
    async with v3_server(lambda _request: reply, "127.0.14.5") as port:
        client = BtminerV3Client("127.0.14.5", password=PASSWORD, port=port, timeout=2)
        try:
            with pytest.raises(MinerProtocolError, match=text):
                await client.salt()
        finally:
            await client.close()
