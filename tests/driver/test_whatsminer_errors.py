"""Every Whatsminer refusal as the driver error it maps to, from the exact firmware bytes.

Tiny servers on 127.0.7.1-9 answer a ``get_token`` with a real token and the write with
the reply under test (plaintext, or encrypted with the key the token implies).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    ConnectionDroppedError,
    Credentials,
    DefaultPasswordInUse,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConnectionError,
    MinerProtocolError,
    PermissionDenied,
    TokenLimitReached,
    WriteApiDisabled,
)
from custom_components.asic_miner.driver.backends.whatsminer.error_codes import error_text
from custom_components.asic_miner.driver.backends.whatsminer.replies import miner_errors
from custom_components.asic_miner.driver.backends.whatsminer.v2 import WhatsminerV2
from custom_components.asic_miner.driver.transport import btminer_v2
from custom_components.asic_miner.driver.transport.btminer_v2 import BtminerV2Client
from custom_components.asic_miner.driver.transport.btminer_v2_commands import BtminerV2Api
from custom_components.asic_miner.driver.transport.btminer_v3 import BtminerV3Client
from custom_components.asic_miner.driver.transport.json_repair import parse_json

from .servers import raw_server

PASSWORD = "s3cret"
SALT, NEWSALT, TIME = "Xy7Pq2Lm", "Nw4sAlt9", "1234"
TOKEN = json.dumps(
    {"STATUS": "S", "When": 1, "Code": 134, "Msg": {"time": TIME, "salt": SALT, "newsalt": NEWSALT}}
).encode()
AES = btminer_v2.aes_key(btminer_v2.token_key(PASSWORD, SALT))


def _top(code: int, msg: str, status: str = "E") -> bytes:
    return json.dumps(
        {"STATUS": status, "When": 1, "Code": code, "Msg": msg, "Description": ""}
    ).encode()


def _sealed(reply: bytes) -> bytes:
    return json.dumps({"enc": btminer_v2.encrypt(AES, reply)}).encode()


def _miner_answering(write_reply: bytes) -> Callable[[bytes], bytes]:
    def answer(request: bytes) -> bytes:
        return TOKEN if b"get_token" in request else write_reply

    return answer


REFUSALS: list[tuple[str, bytes, type[AsicMinerError], str]] = [
    ("45 permission denied", _top(45, "permission denied"), PermissionDenied, "permission"),
    ("write api off", _top(45, "can't access write cmd"), WriteApiDisabled, "WhatsMinerTool"),
    ("136 token over max", _top(136, "token over max times"), TokenLimitReached, "over max"),
    ("over max connect", _top(136, "over max connect"), TokenLimitReached, "over max"),
    (
        "default password",
        _top(132, "default password not allowed"),
        DefaultPasswordInUse,
        "factory default",
    ),
    ("135 twice", _top(135, "check token error"), MinerAuthenticationError, "rejected"),
    # the miner cannot read the request: retried once with a fresh token, like 135
    ("23 json", _top(23, "enc json load err"), MinerAuthenticationError, "rejected the password"),
    ("137 base64", _top(137, "base64 decode error"), MinerAuthenticationError, "rejected"),
    ("132 encrypted", _sealed(_top(132, "command error")), MinerCommandError, "command error"),
    ("14 encrypted", _sealed(_top(14, "invalid cmd")), MinerCommandError, "invalid cmd"),
    ("enc garbage", b'{"enc": "QUJD"}', MinerAuthenticationError, "wrong password"),
    ("not json", b"<html>", MinerProtocolError, "not JSON"),
]


@pytest.mark.parametrize(("name", "reply", "error", "text"), REFUSALS, ids=[r[0] for r in REFUSALS])
async def test_write_refusal(name: str, reply: bytes, error: type[Exception], text: str) -> None:
    async with raw_server(_miner_answering(reply), host="127.0.7.2") as server:
        client = BtminerV2Client(server.host, password=PASSWORD, port=server.port, timeout=2)
        with pytest.raises(error, match=text) as caught:
            await client.write("reboot")
    assert PASSWORD not in str(caught.value)
    requests = [r for r in server.requests if b"get_token" not in r]
    assert all(b'"enc": 1' in r for r in requests)  # only ever sent encrypted
    if name in ("135 twice", "23 json", "137 base64"):
        assert len(requests) == 2  # one retry with a fresh token, no more
    assert "html" not in str(caught.value)  # no part of the miner's frame in the message


async def test_encrypted_success_is_decrypted() -> None:
    ok = _sealed(_top(131, "API command OK", status="S"))
    async with raw_server(_miner_answering(ok), host="127.0.7.3") as server:
        client = BtminerV2Client(server.host, password=PASSWORD, port=server.port, timeout=2)
        reply = await client.write("set_led", param="auto")
    assert reply["Code"] == 131
    sent = json.loads(server.requests[-1])
    inner = json.loads(btminer_v2.decrypt(AES, sent["data"]))
    assert inner == {
        "cmd": "set_led",
        "token": btminer_v2.token_sign(btminer_v2.token_key(PASSWORD, SALT), TIME, NEWSALT),
        "param": "auto",
    }


@pytest.mark.parametrize(
    "token_reply",
    [
        _top(136, "over max connect"),
        json.dumps({"STATUS": "S", "Code": 134, "Msg": "over max connect"}).encode(),
    ],
)
async def test_token_refused(token_reply: bytes) -> None:
    async with raw_server(token_reply, host="127.0.7.4") as server:
        client = BtminerV2Client(server.host, password=PASSWORD, port=server.port, timeout=2)
        with pytest.raises(TokenLimitReached):
            await client.write("reboot")


async def test_token_answer_of_the_wrong_shape() -> None:
    reply = json.dumps({"STATUS": "S", "Code": 134, "Msg": "ok"}).encode()
    async with raw_server(reply, host="127.0.7.5") as server:
        client = BtminerV2Client(server.host, password=PASSWORD, port=server.port, timeout=2)
        with pytest.raises(MinerProtocolError, match="get_token"):
            await client.write("reboot")


async def test_truncated_error_list_is_accepted_but_not_a_truncated_summary() -> None:
    codes = ",".join(f'{{"{100 + i}":"2025-01-01 00:00:{i:02d}"}}' for i in range(40))
    full = f'{{"STATUS":"S","When":1,"Code":131,"Msg":{{"error_code":[{codes}]}},"Description":""}}'
    cut = full[: len(full) // 2].encode()  # an overflowing list, cut mid-entry
    async with raw_server(cut, host="127.0.7.6") as server:
        client = BtminerV2Client(server.host, password=PASSWORD, port=server.port, timeout=2)
        reply = await client.read("get_error_code")
        assert 5 < len(reply["Msg"]["error_code"]) < 40
        with pytest.raises(MinerProtocolError, match="cut short"):
            await client.read("summary")


def test_error_code_dict_written_as_list_is_repaired() -> None:
    # Whatsminer API 2.0.4: "error_code":["110":"…","530":"…"]
    raw = b'{"STATUS":"S","Code":131,"Msg":{"error_code":["110":"2025-01-01","530":"2025-01-02"]}}'
    codes = parse_json(raw)["Msg"]["error_code"]
    assert [e.code for e in miner_errors(codes)] == [110, 530]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (110, "intake fan speed error"),
        (206, "power supply input voltage too low"),
        (352, "board 2: temperature protection"),
        (2021, "pool 1: connection failed"),
        (5070, "board 0: abnormal water flow"),
        (521012, "board 1: chip 12 returns wrong nonces"),
        (600, "environment temperature too high"),
        (999999, "error code 999999"),
    ],
)
def test_error_texts(code: int, text: str) -> None:
    assert error_text(code) == text


async def test_v3_eleventh_client_is_shut_out() -> None:
    async def shut(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()  # the miner serves ten clients and closes the next at once

    server = await asyncio.start_server(shut, "127.0.7.7", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        client = BtminerV3Client("127.0.7.7", port=port, timeout=2)
        with pytest.raises(MinerConnectionError, match="closed"):
            await client.get("get.device.info")
        await client.close()
    finally:
        server.close()
        await server.wait_closed()


async def test_v3_bad_frame_is_a_protocol_error() -> None:
    async def huge(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(100)
        writer.write(b"\xff\xff\xff\x7f")  # a 2 GB frame: not a miner
        await writer.drain()
        await asyncio.sleep(1)
        writer.close()

    server = await asyncio.start_server(huge, "127.0.7.8", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        client = BtminerV3Client("127.0.7.8", port=port, timeout=2)
        with pytest.raises(MinerProtocolError, match="frame"):
            await client.get("get.device.info")
        await client.close()
    finally:
        server.close()
        await server.wait_closed()


async def test_reboot_answered_by_a_dropped_connection_is_done() -> None:
    def answer(request: bytes) -> bytes:
        return TOKEN if b"get_token" in request else b""  # goes down without a word

    async with raw_server(answer, host="127.0.7.9") as server:
        miner = WhatsminerV2(server.host, credentials=Credentials(password=PASSWORD))
        miner.api = BtminerV2Api(server.host, password=PASSWORD, port=server.port, timeout=2)
        miner.read_back_seconds = 0.5
        await miner.reboot()
        with pytest.raises(ConnectionDroppedError, match="did not answer"):
            await miner.fault_light_on()  # anything else must answer, or be read back


async def test_old_build_without_edevs_reads_devs() -> None:
    summary = {"STATUS": [{"STATUS": "S"}], "SUMMARY": [{"MHS 1m": 84000000, "Elapsed": 60}]}
    boards = [
        {"ASC": i, "MHS 1m": 28000000, "Temperature": 70, "Effective Chips": 148} for i in range(3)
    ]
    devs = {"STATUS": [{"STATUS": "S"}], "DEVS": boards}

    def answer(request: bytes) -> bytes:
        command = json.loads(request).get("cmd")
        reply: object = {"summary": summary, "devs": devs}.get(command)
        return json.dumps(reply).encode() if reply else _top(14, "invalid cmd")

    async with raw_server(answer, host="127.0.7.9") as server:
        miner = WhatsminerV2(server.host, model="M30S")
        miner.api = BtminerV2Api(server.host, password=PASSWORD, port=server.port, timeout=2)
        data = await miner.get_data()
    assert data.hashrate == 84.0
    assert [b.hashrate for b in data.hashboards] == [28.0, 28.0, 28.0]
    assert [b.expected_chips for b in data.hashboards] == [148, 148, 148]


async def test_v3_heartbeat_frames_from_the_miner_are_skipped() -> None:
    body = json.dumps({"code": 0, "when": 1, "msg": {"salt": "abc"}, "desc": "get.device.info"})

    async def chatty(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(100)
        writer.write(b"\x00\x00\x00\x00" * 2)  # two heartbeats before the reply
        writer.write(len(body).to_bytes(4, "little") + body.encode())
        await writer.drain()
        await reader.read(100)
        writer.close()

    server = await asyncio.start_server(chatty, "127.0.7.8", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        client = BtminerV3Client("127.0.7.8", port=port, timeout=2)
        assert await client.salt() == "abc"
        await client.close()
    finally:
        server.close()
        await server.wait_closed()
