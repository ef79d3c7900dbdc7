"""A real SSH server (asyncssh's) for simulated miners: password login, a few shell forms,
a files dict, and the miner's own commands through a callback.

Like dropbear on the miners' OpenWrt it offers password authentication (and, where a sim
asks for it, keyboard-interactive), runs one command per session (``exec``), has no SFTP
subsystem, and answers as BusyBox's shell does: ``a && b``, ``a; b``, ``cat FILE…``,
``cat > FILE`` (standard input), ``mv A B``, ``true``; anything else goes to the sim's
handler, and a command nobody knows gets ``sh: NAME: not found`` (exit 127).

The host key is an RSA key (dropbear's default, and the type pyasic insists on with
``server_host_key_algs=["ssh-rsa"]``) generated once per process and shared by every sim;
``new_host_key()`` makes another one (a reflashed miner). Faults act on the TCP connection
before the SSH banner: silence, delay, drop, garbage; WRONG_PASSWORD refuses every login.
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import socket
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import asyncssh

from .faults import GARBAGE_BYTES, Fault

SSH_PORT = 22


@dataclass(frozen=True, slots=True)
class Result:
    """What one command printed and its exit status."""

    status: int = 0
    stdout: str = ""
    stderr: str = ""


# The sim's own commands: (command line, standard input or None) → Result, or None when
# it does not know the command.
Handler = Callable[[str, str | None], Result | None]


@cache
def default_host_key() -> asyncssh.SSHKey:
    return new_host_key()


def new_host_key() -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-rsa", key_size=2048)


def public_key_text(key: asyncssh.SSHKey) -> str:
    return key.export_public_key("openssh").decode().strip()


@dataclass(slots=True)
class SshFaults:
    """Faults on the SSH port (faults.FaultPlan names only rpc and http)."""

    active: dict[Fault, float] = field(default_factory=dict)

    def set(self, fault: Fault, seconds: float = 0.0) -> None:
        self.active[Fault(fault)] = seconds

    def clear(self, fault: Fault | None = None) -> None:
        if fault is None:
            self.active.clear()
        else:
            self.active.pop(Fault(fault), None)

    def __contains__(self, fault: Fault) -> bool:
        return fault in self.active


@dataclass(slots=True)
class Heard:
    """What the server saw: connections, login attempts (their usernames), commands."""

    connections: int = 0
    logins: list[str] = field(default_factory=list)
    failed_logins: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)


class _Session(asyncssh.SSHServer):
    def __init__(self, server: SshServer) -> None:
        self._server = server

    def begin_auth(self, username: str) -> bool:
        return True  # every account needs its password

    def password_auth_supported(self) -> bool:
        return "password" in self._server.auth_methods

    def kbdint_auth_supported(self) -> bool:
        return "keyboard-interactive" in self._server.auth_methods

    def get_kbdint_challenge(
        self, username: str, lang: str, submethods: str
    ) -> tuple[str, str, str, tuple[tuple[str, bool], ...]]:
        return ("", "", "en-US", ((f"{username}@miner's password: ", False),))

    def validate_kbdint_response(self, username: str, responses: Sequence[str]) -> bool:
        return len(responses) == 1 and self.validate_password(username, responses[0])

    def validate_password(self, username: str, password: str) -> bool:
        ok = self._server.check_login(username, password)
        (self._server.heard.logins if ok else self._server.heard.failed_logins).append(username)
        return ok


class SshServer:
    """The SSH listener of one simulated miner."""

    def __init__(
        self,
        host: str,
        handler: Handler,
        *,
        port: int = SSH_PORT,
        username: str = "root",
        password: str = "",
        files: dict[str, str] | None = None,
        host_key: asyncssh.SSHKey | None = None,
        auth_methods: tuple[str, ...] = ("password",),
    ) -> None:
        self.host, self.port = host, port
        self.handler = handler
        self.username, self.password = username, password
        self.files: dict[str, str] = files if files is not None else {}
        self.host_key = host_key or default_host_key()
        self.auth_methods = auth_methods
        self.faults = SshFaults()
        self.heard = Heard()
        self._listener: socket.socket | None = None
        self._accepting: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._sockets: set[socket.socket] = set()
        self._connections: set[asyncssh.SSHServerConnection] = set()

    @property
    def host_key_text(self) -> str:
        return public_key_text(self.host_key)

    def check_login(self, username: str, password: str) -> bool:
        if Fault.WRONG_PASSWORD in self.faults:
            return False
        return username == self.username and password == self.password

    # -- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((self.host, self.port))
            listener.listen(64)
        except OSError:
            listener.close()
            raise
        listener.setblocking(False)
        self._listener = listener
        self._accepting = asyncio.get_running_loop().create_task(self._accept(listener))

    async def stop(self) -> None:
        """Close the listener and every connection (a miner going away)."""
        if self._accepting is not None:
            self._accepting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._accepting
            self._accepting = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        for conn in list(self._connections):
            conn.abort()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for sock in list(self._sockets):
            sock.close()
        self._sockets.clear()

    async def _accept(self, listener: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        while True:
            sock, _ = await loop.sock_accept(listener)
            self.heard.connections += 1
            task = loop.create_task(self._serve(sock))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _serve(self, sock: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        self._sockets.add(sock)
        try:
            if Fault.SILENCE in self.faults:
                await asyncio.Event().wait()  # until stop()
            if delay := self.faults.active.get(Fault.DELAY, 0.0):
                await asyncio.sleep(delay)
            if Fault.GARBAGE in self.faults:
                await loop.sock_sendall(sock, GARBAGE_BYTES)
                return
            if Fault.DROP in self.faults or Fault.TRUNCATED in self.faults:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            self._sockets.discard(sock)  # asyncssh owns it now
            conn = await asyncssh.run_server(
                sock,
                server_factory=lambda: _Session(self),
                server_host_keys=[self.host_key],
                process_factory=self._process,
                sftp_factory=None,
                allow_scp=False,
                agent_forwarding=False,
                x11_forwarding=False,
                login_timeout=10,
            )
            self._connections.add(conn)
            await conn.wait_closed()
            self._connections.discard(conn)
        except OSError, asyncssh.Error:
            pass  # the client went away, or its login failed
        finally:
            if sock in self._sockets:
                self._sockets.discard(sock)
                sock.close()

    # -- commands ------------------------------------------------------------------------

    async def _process(self, process: asyncssh.SSHServerProcess[str]) -> None:
        command = process.command or ""
        self.heard.commands.append(command)
        result = await self._shell(command, process)
        if result.stdout:
            process.stdout.write(result.stdout)
        if result.stderr:
            process.stderr.write(result.stderr)
        process.exit(result.status)

    async def _shell(self, line: str, process: asyncssh.SSHServerProcess[str]) -> Result:
        """``a && b`` stops at the first failure, ``a; b`` runs both; the last counts."""
        outcome = Result()
        out: list[str] = []
        err: list[str] = []
        for sequence in line.split(";"):
            for part in sequence.split("&&"):
                if not part.strip():
                    continue
                outcome = await self._one(part.strip(), process)
                out.append(outcome.stdout)
                err.append(outcome.stderr)
                if outcome.status != 0:
                    break
        return Result(outcome.status, "".join(out), "".join(err))

    async def _one(self, command: str, process: asyncssh.SSHServerProcess[str]) -> Result:
        try:
            words = shlex.split(command)
        except ValueError:
            return Result(2, "", f"sh: syntax error: {command}\n")
        if not words:
            return Result()
        match words:
            case ["true"]:
                return Result()
            case ["cat", ">", path]:
                return self._write(path, await process.stdin.read())
            case ["cat", *paths] if paths:
                return self._cat(paths)
            case ["mv", source, target]:
                if source not in self.files:
                    missing = f"mv: can't rename '{source}': No such file or directory\n"
                    return Result(1, "", missing)
                self.files[target] = self.files.pop(source)
                return Result()
        needs_input = self.handler_wants_stdin(command)
        stdin = await process.stdin.read() if needs_input else None
        result = self.handler(command, stdin)
        if result is None:
            return Result(127, "", f"sh: {words[0]}: not found\n")
        return result

    def handler_wants_stdin(self, command: str) -> bool:
        """Overridden by sims whose commands read standard input (none by default)."""
        return False

    def _write(self, path: str, text: str) -> Result:
        directory = path.rsplit("/", 1)[0] or "/"
        if directory not in ("/", "/tmp") and not any(
            name.startswith(directory + "/") for name in self.files
        ):
            return Result(1, "", f"sh: can't create {path}: nonexistent directory\n")
        self.files[path] = text
        return Result()

    def _cat(self, paths: list[str]) -> Result:
        out, err, status = [], [], 0
        for path in paths:
            if path in self.files:
                out.append(self.files[path])
            else:
                err.append(f"cat: can't open '{path}': No such file or directory\n")
                status = 1
        return Result(status, "".join(out), "".join(err))
