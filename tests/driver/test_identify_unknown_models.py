"""An Antminer model the model table does not know yet is still served, by the backend its
firmware generation needs (BMMiner 2.x: the S9-era firmware), under the name it reports.

A tiny CGMiner RPC server on 127.0.14.6-7, port 4028; the web port is closed.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from custom_components.asic_miner.driver import find_miner
from custom_components.asic_miner.driver.backends.antminer.backend import (
    AntminerModern,
    AntminerOld,
)

STATUS = [{"STATUS": "S", "When": 1, "Code": 22, "Msg": "CGMiner versions"}]


@asynccontextmanager
async def rpc_only(host: str, bmminer: str, model: str) -> AsyncIterator[list[str]]:
    """Port 4028 answering ``version`` and ``devdetails`` as a stock Antminer would."""
    commands: list[str] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = json.loads(await reader.read(4096))
            command = request.get("command", "")
            commands.append(command)
            if command == "version":
                reply = {
                    "STATUS": STATUS,
                    "VERSION": [{"BMMiner": bmminer, "API": "3.1", "Type": model}],
                    "id": 1,
                }
            else:
                reply = {"STATUS": STATUS, "DEVDETAILS": [{"Name": "BC5", "ID": 0}], "id": 1}
            writer.write(json.dumps(reply).encode() + b"\x00")
            await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(handle, host, 4028)
    try:
        yield commands
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.parametrize(
    ("host", "bmminer", "reported", "backend", "model"),
    [
        ("127.0.14.6", "1.0.0", "Antminer S23 Hyd (2025)", AntminerModern, "S23 Hyd"),
        ("127.0.14.7", "2.0.0", "Antminer S11", AntminerOld, "S11"),
    ],
)
async def test_unknown_antminer_model_gets_the_backend_of_its_firmware(
    host: str, bmminer: str, reported: str, backend: type, model: str
) -> None:
    async with rpc_only(host, bmminer, reported) as commands:
        miner = await find_miner(host, timeout=3)
        await miner.close()
    assert type(miner) is backend
    assert miner.model == model
    assert "version" in commands
