"""MARA firmware's web API: ``/kaonsu/v1/<name>`` on port 80 behind HTTP digest auth.

A read is a GET; a change POSTs a JSON body to the same name (pyasic web/marathon.py,
asic-rs firmwares/marathon backends/v1/web.rs). The digest middleware of the WebClient
lives as long as the backend, so a poll's requests after the first need no 401 round trip.
A POST the firmware refuses answers ``{"error": true, "msg": …}`` (asic-rs v1/mod.rs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import aiohttp

from ...credentials import Credentials
from ...errors import MinerCommandError
from ...transport.http import WebClient
from ...transport.json_repair import parse_web_reply

BASE: Final = "/kaonsu/v1/"
# miner_config holds the pool passwords: an unreadable one is never quoted.
SECRET_REPLIES: Final = frozenset({"miner_config"})


class MaraApi:
    def __init__(
        self,
        host: str,
        session: Callable[[], aiohttp.ClientSession],
        credentials: Credentials,
        timeout: float,
    ) -> None:
        self.host = host
        self.web = WebClient(host, session, credentials=credentials, timeout=timeout)
        # A request was answered after the digest challenge: the middleware has the nonce,
        # so requests sent together now each go once (before, each would meet a 401).
        self.challenged = False

    def __repr__(self) -> str:
        return f"<MaraApi {self.host}>"

    async def get(self, name: str) -> Any:
        text = await self.web.request_text("GET", BASE + name)
        self.challenged = True
        return self._parse(name, text)

    async def post(self, name: str, body: dict[str, Any]) -> Any:
        answer = self._parse(name, await self.web.request_text("POST", BASE + name, json=body))
        if isinstance(answer, dict) and answer.get("error") is True:
            message = answer.get("msg")
            shown = message if isinstance(message, str) and message else "refused"
            raise MinerCommandError(f"{self.host}: {name}: {shown}")
        return answer

    def _parse(self, name: str, text: str) -> Any:
        return parse_web_reply(text, self.host, name, secret=name in SECRET_REPLIES)
