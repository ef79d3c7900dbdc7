"""The SSH transport against a real asyncssh server on 127.0.70.200-249: login (password,
keyboard-interactive), commands, files through standard input, the host key kept on first
use and a changed one refused before the password is sent, and every way it fails."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from custom_components.asic_miner.driver.errors import (
    HostKeyChanged,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConnectionError,
    MinerRefusedError,
    MinerTimeoutError,
)
from custom_components.asic_miner.driver.transport.ssh import SshClient, fingerprint
from tests.simulator.faults import Fault
from tests.simulator.ssh_server import Result, SshServer, new_host_key, public_key_text

PASSWORD = "Ssh-Pw 'q\"7"  # quotes and a space: nothing may be built from it in a shell
_ADDRESSES = (f"127.0.70.{n}" for n in itertools.cycle(range(200, 250)))

StartServer = Callable[..., Awaitable[SshServer]]


def _echo(command: str, stdin: str | None) -> Result | None:
    if command == "hello":
        return Result(0, "hello there\n")
    if command == "fail":
        return Result(3, "", "it broke\n")
    return None


@pytest.fixture
async def start_server() -> AsyncIterator[StartServer]:
    started: list[SshServer] = []

    async def start(**options: object) -> SshServer:
        options.setdefault("password", PASSWORD)
        server = SshServer(next(_ADDRESSES), _echo, **options)  # type: ignore[arg-type]
        await server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        await server.stop()


def client(server: SshServer, password: str = PASSWORD, **options: object) -> SshClient:
    options.setdefault("timeout", 3.0)
    return SshClient(server.host, "root", password, **options)  # type: ignore[arg-type]


async def test_commands_and_files_on_one_connection(start_server: StartServer) -> None:
    server = await start_server(files={"/etc/bosminer.toml": "[format]\nversion = '1.0'\n"})
    async with client(server) as ssh:
        assert await ssh.run("hello") == "hello there\n"
        assert await ssh.read_file("/etc/bosminer.toml") == "[format]\nversion = '1.0'\n"
        text = "password = 'it''s \"quoted\"'\n$(reboot) `x`\n"
        await ssh.write_file("/etc/bosminer.toml", text)
    assert server.files["/etc/bosminer.toml"] == text
    assert "/etc/bosminer.toml.new" not in server.files  # moved in place
    assert server.heard.connections == 1
    assert len(server.heard.logins) == 1
    assert all(text not in command for command in server.heard.commands)


async def test_a_failing_command_names_itself_and_not_the_password(
    start_server: StartServer,
) -> None:
    server = await start_server()
    async with client(server) as ssh:
        with pytest.raises(MinerCommandError) as failed:
            await ssh.run("fail")
        with pytest.raises(MinerCommandError) as unknown:
            await ssh.run("frobnicate --now")
    assert "'fail'" in str(failed.value)
    assert "exit 3" in str(failed.value)
    assert "it broke" in str(failed.value)
    assert failed.value.code == 3
    assert "not found" in str(unknown.value)
    assert unknown.value.code == 127
    assert PASSWORD not in str(failed.value) + str(unknown.value)


async def test_wrong_password_is_an_authentication_error(start_server: StartServer) -> None:
    server = await start_server()
    with pytest.raises(MinerAuthenticationError) as refused:
        await client(server, "not-it").connect()
    assert not isinstance(refused.value, HostKeyChanged)
    assert server.heard.failed_logins
    assert not server.heard.logins
    assert "not-it" not in str(refused.value)


async def test_keyboard_interactive_login(start_server: StartServer) -> None:
    server = await start_server(auth_methods=("keyboard-interactive",))
    async with client(server) as ssh:
        assert await ssh.run("hello") == "hello there\n"
    with pytest.raises(MinerAuthenticationError):
        await client(server, "not-it").connect()


async def test_host_key_trusted_on_first_use_and_kept(start_server: StartServer) -> None:
    server = await start_server()
    first = client(server)
    async with first:
        pass
    assert first.host_key == server.host_key_text
    again = client(server, known_host_key=first.host_key)
    async with again:
        assert await again.run("hello")
    assert again.host_key == server.host_key_text


async def test_changed_host_key_refused_before_the_password_is_sent(
    start_server: StartServer,
) -> None:
    server = await start_server()
    recorded = public_key_text(new_host_key())  # the key of the miner added earlier
    with pytest.raises(HostKeyChanged) as changed:
        await client(server, known_host_key=recorded).connect()
    assert changed.value.fingerprint == fingerprint(server.host_key_text)
    assert changed.value.fingerprint.startswith("SHA256:")
    assert changed.value.fingerprint != fingerprint(recorded)
    assert server.heard.connections == 1
    assert not server.heard.logins
    assert not server.heard.failed_logins
    assert not server.heard.commands


async def test_refused_port(start_server: StartServer) -> None:
    server = await start_server()
    await server.stop()
    with pytest.raises(MinerRefusedError):
        await client(server).connect()


@pytest.mark.parametrize("fault", [Fault.SILENCE, Fault.DELAY])
async def test_silence_is_a_timeout_within_the_timeout(
    start_server: StartServer, fault: Fault
) -> None:
    server = await start_server()
    server.faults.set(fault, 30.0)
    started = time.monotonic()
    with pytest.raises(MinerTimeoutError):
        await client(server, timeout=0.5).connect()
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize("fault", [Fault.GARBAGE, Fault.DROP])
async def test_garbage_or_a_dropped_connection_is_a_connection_error(
    start_server: StartServer, fault: Fault
) -> None:
    server = await start_server()
    server.faults.set(fault)
    with pytest.raises(MinerConnectionError):
        await client(server, timeout=2.0).connect()


async def test_close_ends_the_connection(start_server: StartServer) -> None:
    server = await start_server()
    ssh = client(server)
    await ssh.connect()
    await ssh.close()
    await asyncio.sleep(0.05)
    assert not server._connections  # the server saw the client go
    assert await ssh.run("hello") == "hello there\n"  # a later command opens a new one
    await ssh.close()
    assert server.heard.connections == 2
