"""ePIC PowerPlay's REST API: HTTP on port 4028 (the port cgminer's RPC has elsewhere).

GETs need no login. Every POST carries ``{"param": …, "password": …}`` and answers 200
with ``{"result": bool, "error": …}`` (JsonResponse of the firmware's OpenAPI document,
"ePIC UMC API" 1.22.5 and 1.30.0; ePIC's dashboard docs/APIv3.md): a wrong password is
``result`` false with the error ``"BadPassword"`` (the ApiError enum), not an HTTP status.
The password travels only in the body; no message here quotes a body or a reply that
holds one (/summary lists the pool passwords).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import aiohttp

from ...errors import MinerAuthenticationError, MinerCommandError, MinerProtocolError
from ...transport.http import WebClient
from ...transport.json_repair import parse_json

API_PORT: Final = 4028
BAD_PASSWORD: Final = "BadPassword"
# Replies that carry secrets: the pool passwords (StratumConfigs).
SECRET_REPLIES: Final = frozenset({"/summary"})


class EpicApi:
    def __init__(
        self,
        host: str,
        session: Callable[[], aiohttp.ClientSession],
        password: str,
        timeout: float,
    ) -> None:
        self.web = WebClient(host, session, timeout=timeout, port=API_PORT)
        self.host = host
        self._password = password

    def __repr__(self) -> str:
        return f"<EpicApi {self.host}>"

    async def get(self, path: str) -> Any:
        text = await self.web.request_text("GET", path)
        if path not in SECRET_REPLIES:
            return parse_json(text, allow_truncated=False)
        try:
            return parse_json(text, allow_truncated=False)
        except MinerProtocolError as err:
            kind = type(err)  # the parser's message quotes the reply, pool passwords and all
        # Raised outside the handler: no __context__ keeps the quoting error alive.
        raise kind(f"{self.host}: {path} answered unreadable JSON")

    async def post(self, path: str, param: Any = None) -> None:
        """POST ``param`` with the password; raises unless the miner answers result true."""
        body = {"param": param, "password": self._password}
        text = await self.web.request_text("POST", path, json=body)
        reply = parse_json(text, allow_truncated=False) if text.strip() else None
        if not isinstance(reply, dict) or not isinstance(reply.get("result"), bool):
            raise MinerProtocolError(f"{self.host}: POST {path} answered no result")
        if reply["result"]:
            return
        error = error_name(reply.get("error"))
        if error == BAD_PASSWORD:
            raise MinerAuthenticationError(f"{self.host} refused the password (POST {path})")
        raise MinerCommandError(f"{self.host}: POST {path}: {error or 'refused'}", code=error)


def error_name(error: Any) -> str | None:
    """The ApiError as a name: "BadPassword", or the key of {"LastCmdStillPending": "…"}."""
    if isinstance(error, str):
        return error or None
    if isinstance(error, dict) and len(error) == 1:
        key = next(iter(error))
        return key if isinstance(key, str) else None
    return None
