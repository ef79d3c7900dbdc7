"""SSH to a miner (Braiins OS's dropbear on OpenWrt, later LuxOS and others) with asyncssh.

One ``SshClient`` is one connection, opened on first use and kept for the commands of one
control (``async with``), then closed. Login with a password (sent as keyboard-interactive
too where the server asks that way); nothing is read from ``~/.ssh`` (no config, keys,
agent or known_hosts file).

Host keys: trust on first use. ``known_host_key`` (OpenSSH public key text) is the key
recorded when the miner was added; after a connection ``host_key`` holds the key the server
offered. asyncssh checks the host key during the key exchange, before any authentication
request, so a key that differs from the known one raises ``HostKeyChanged`` before the
password leaves this machine.

Files: dropbear on OpenWrt has no SFTP subsystem (Braiins OS ships none), so files are read
with ``cat`` and written through the standard input of ``cat`` into a temporary file that is
then moved in place: the content (pool passwords) never appears in a command line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shlex
from types import TracebackType
from typing import Any, Final, Self

import asyncssh

from ..errors import (
    ConnectionDroppedError,
    HostKeyChanged,
    MinerAuthenticationError,
    MinerCommandError,
    MinerConnectionError,
    MinerTimeoutError,
    socket_error,
)

_LOGGER = logging.getLogger(__name__)

SSH_PORT: Final = 22
_SHOWN_WORDS: Final = 3  # a failed command is named by its first words


def fingerprint(key_text: str) -> str:
    """'SHA256:…' of an OpenSSH public key text (as ``ssh-keygen -l`` prints it)."""
    return str(asyncssh.import_public_key(key_text).get_fingerprint("sha256"))


def _key_text(key: asyncssh.SSHKey) -> str:
    return key.export_public_key("openssh").decode().strip()


def _same_key(known: str, offered: asyncssh.SSHKey) -> bool:
    try:
        return bool(asyncssh.import_public_key(known) == offered)
    except asyncssh.KeyImportError, ValueError:
        return False


class _HostKeyCheck(asyncssh.SSHClient):
    """Records the offered host key; refuses one that differs from the known key."""

    def __init__(self, known: str | None) -> None:
        self.known = known
        self.offered: asyncssh.SSHKey | None = None
        self.mismatch = False

    def validate_host_public_key(
        self, host: str, addr: str, port: int, key: asyncssh.SSHKey
    ) -> bool:
        self.offered = key
        if self.known is not None and not _same_key(self.known, key):
            self.mismatch = True
            return False
        return True


def _no_known_hosts(_host: str, _addr: str, _port: int | None) -> tuple[list[Any], ...]:
    # A matcher that trusts nothing by itself: every key goes to _HostKeyCheck. (An empty
    # known_hosts argument would make asyncssh read ~/.ssh/known_hosts instead.)
    return ([], [], [])


class SshClient:
    """One SSH connection to one miner."""

    def __init__(
        self,
        host: str,
        username: str,
        password: str,
        *,
        known_host_key: str | None = None,
        timeout: float = 10.0,
        port: int = SSH_PORT,
    ) -> None:
        self.host, self.port = host, port
        self.username = username
        self._password = password
        self.timeout = timeout
        self.known_host_key = known_host_key
        self.host_key: str | None = None  # what the server offered on the last connect
        self._conn: asyncssh.SSHClientConnection | None = None
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"<SshClient {self.username}@{self.host}:{self.port}>"

    # -- connection --------------------------------------------------------------------

    async def connect(self) -> None:
        """Open the connection (if not open): host key checked, then the login."""
        async with self._lock:
            if self._conn is None:
                self._conn = await self._open()

    async def _open(self) -> asyncssh.SSHClientConnection:
        check = _HostKeyCheck(self.known_host_key)
        options: dict[str, Any] = {}
        if self.known_host_key is not None:
            # Ask for the known key's type, so a server with several keys offers that one.
            with contextlib.suppress(asyncssh.KeyImportError, ValueError):
                known = asyncssh.import_public_key(self.known_host_key)
                options["server_host_key_algs"] = [alg.decode() for alg in known.sig_algorithms]
        where = f"{self.host}:{self.port}"
        try:
            async with asyncio.timeout(self.timeout):
                conn, _ = await asyncssh.create_connection(
                    lambda: check,
                    self.host,
                    self.port,
                    username=self.username,
                    password=self._password,
                    known_hosts=_no_known_hosts,
                    config=None,
                    client_keys=None,
                    agent_path=None,
                    preferred_auth=("keyboard-interactive", "password"),
                    connect_timeout=None,
                    login_timeout=self.timeout,
                    keepalive_interval=0,
                    **options,
                )
        except TimeoutError as err:
            raise MinerTimeoutError(f"{where}: no SSH login within {self.timeout:g} s") from err
        except asyncssh.HostKeyNotVerifiable as err:
            if check.mismatch and check.offered is not None:
                offered = _key_text(check.offered)
                raise HostKeyChanged(
                    f"{where}: the SSH host key is not the one recorded for this miner",
                    fingerprint=fingerprint(offered),
                ) from err
            raise MinerAuthenticationError(f"{where}: SSH host key refused ({err})") from err
        except asyncssh.PermissionDenied as err:
            raise MinerAuthenticationError(
                f"{where}: the SSH login of {self.username!r} was refused"
            ) from err
        except (asyncssh.ConnectionLost, asyncssh.DisconnectError) as err:
            raise ConnectionDroppedError(f"{where}: SSH connection closed ({err})") from err
        except OSError as err:
            raise socket_error(self.host, self.port, err) from err
        except asyncssh.Error as err:
            raise MinerConnectionError(f"{where}: SSH failed ({err})") from err
        if check.offered is not None:
            self.host_key = _key_text(check.offered)
        return conn

    async def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
            with contextlib.suppress(Exception):
                await conn.wait_closed()

    async def __aenter__(self) -> Self:
        await self.connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # -- commands ----------------------------------------------------------------------

    async def run(self, command: str, *, stdin: str | None = None) -> str:
        """The command's standard output; MinerCommandError when it exits non-zero.

        The error names the command by its first words only: a command line must carry
        no secret anyway (``write_file`` sends the content on standard input).
        """
        await self.connect()
        conn = self._conn
        if conn is None:  # closed meanwhile
            raise MinerConnectionError(f"{self.host}: SSH connection closed")
        name = " ".join(command.split()[:_SHOWN_WORDS])
        try:
            async with asyncio.timeout(self.timeout):
                result = await conn.run(command, input=stdin, check=False)
        except TimeoutError as err:
            await self.close()
            raise MinerTimeoutError(
                f"{self.host}: {name!r} did not finish within {self.timeout:g} s"
            ) from err
        except (asyncssh.ConnectionLost, asyncssh.DisconnectError, OSError) as err:
            self._conn = None
            raise ConnectionDroppedError(
                f"{self.host}: SSH connection lost during {name!r}"
            ) from err
        except asyncssh.Error as err:
            raise MinerConnectionError(f"{self.host}: {name!r} failed over SSH ({err})") from err
        if result.exit_status is None and result.exit_signal is not None:
            # The command (a reboot) took the session down with it.
            raise ConnectionDroppedError(f"{self.host}: {name!r} ended without an exit status")
        if result.exit_status not in (0, None):
            error = _text(result.stderr).strip()[:200]
            raise MinerCommandError(
                f"{self.host}: {name!r} failed (exit {result.exit_status})"
                + (f": {error}" if error else ""),
                code=result.exit_status,
            )
        return _text(result.stdout)

    async def read_file(self, path: str) -> str:
        return await self.run(f"cat {shlex.quote(path)}")

    async def write_file(self, path: str, text: str) -> None:
        """Replace ``path`` with ``text``: written beside it, then moved in place, so a
        connection lost half way leaves the old file."""
        temporary = shlex.quote(path + ".new")
        await self.run(f"cat > {temporary} && mv {temporary} {shlex.quote(path)}", stdin=text)


def _text(value: str | bytes | None) -> str:
    if value is None:
        return ""
    return value.decode(errors="replace") if isinstance(value, bytes) else value
