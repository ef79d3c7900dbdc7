"""One TCP listener of a simulated miner: start, stop like a miner going away, and the
bookkeeping of open connections that stop needs."""

from __future__ import annotations

import asyncio


class TcpListener:
    """Subclasses answer a connection in ``_serve``; ``stop`` drops the open ones."""

    # A client that goes away mid-exchange is no error of the simulator.
    _client_gone: tuple[type[BaseException], ...] = (ConnectionError, OSError)

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(
            self._handle, self.host, self.port, reuse_address=True
        )

    async def stop(self) -> None:
        """Close the listener and drop open connections (like a miner going away)."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    def _admit(self) -> bool:
        """Whether to serve one more connection (a firmware's client limit says no)."""
        return True

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self._admit():
            writer.close()
            return
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        self._writers.add(writer)
        try:
            await self._serve(reader, writer)
        except self._client_gone:
            pass
        finally:
            self._writers.discard(writer)
            if task is not None:
                self._tasks.discard(task)
            writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError
