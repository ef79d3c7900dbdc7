"""Secrets under test, the shapes a leak of them would take, and where to look for them.

A test registers every secret it uses or that the driver derives (Whatsminer keys and
tokens; Braiins OS session cookies and tokens, VNish unlock tokens: read from the
simulator as it issues them), collects every text the code under test produced, and asks
``leaks`` which secrets show in it, in any of their encodings.
"""

from __future__ import annotations

import base64
import hashlib
import json
import traceback
import urllib.parse
from collections.abc import Iterator
from dataclasses import asdict, is_dataclass
from typing import Any

import pytest

from tests.simulator import SimulatedMiner
from tests.simulator.bos_rest.state import BosRestState
from tests.simulator.bosplus.state import BosPlusState
from tests.simulator.vnish.state import VnishState
from tests.simulator.whatsminer import v3 as sim_v3
from tests.simulator.whatsminer.crypto import v3_key

# Distinctive values, found nowhere else: a match is a leak. Whatsminer passwords are at
# most 8 letters, digits or '_'.
ANTMINER_PASSWORD = "AmWebPw7Qz"
WHATSMINER_V2_PASSWORD = "WmV2pw8K"
WHATSMINER_V3_PASSWORD = "WmV3pw5J"
WRONG_PASSWORD = "WrongPw6"  # typed by mistake: a secret all the same
BRAIINS_PASSWORD = "BosRootPw6Hd"  # root's on Braiins OS: SSH, LuCI, GraphQL and REST login
VNISH_PASSWORD = "VnUnlockPw3Ye"  # VNish's unlock password
POOL_PASSWORD = "PoolPw4Rk9xT"
URL_PASSWORD = "UrlPw3Mn8"  # a pool login written into the URL (user:password@host)


def _forms(secret: str | bytes) -> set[str]:
    """The secret as text, and the encodings a leak of it would take."""
    raw = secret if isinstance(secret, bytes) else secret.encode()
    forms = {
        raw.hex(),
        raw.hex().upper(),
        base64.b64encode(raw).decode().rstrip("="),
        base64.urlsafe_b64encode(raw).decode().rstrip("="),
        repr(raw)[2:-1],
    }
    if isinstance(secret, str):
        forms |= {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)}
    # Shorter than this, an encoding matches by chance (hex of a short token).
    return {form for form in forms if len(form) >= 6}


class Secrets:
    """Named secrets; ``leaks(text)`` names those found in ``text``."""

    def __init__(self) -> None:
        self._forms: dict[str, set[str]] = {}

    def add(self, name: str, secret: str | bytes) -> None:
        self._forms.setdefault(name, set()).update(_forms(secret))

    def add_login(self, name: str, username: str, password: str) -> None:
        """A password, and the Basic-auth shape of the login it belongs to."""
        self.add(name, password)
        self.add(f"{name} (basic auth)", f"{username}:{password}")

    def leaks(self, text: str) -> list[str]:
        return sorted(
            name for name, forms in self._forms.items() if any(form in text for form in forms)
        )

    def names(self) -> set[str]:
        return set(self._forms)


def record_whatsminer_secrets(
    sim: SimulatedMiner, secrets: Secrets, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Register the secrets the driver derives talking to ``sim`` as the simulator sees them:
    V2 key, AES key and every token sign; V3 tokens and their AES keys (per command)."""
    if (getattr(sim, "api_version", None) or 0) >= 3:  # none on the web-only families
        original = sim_v3.answer

        def answer(miner: Any, request: Any, wrong_password: bool = False) -> Any:
            if miner is sim and isinstance(request, dict) and "token" in request:
                secrets.add("V3 token", str(request["token"]))
                password = sim.state.v3_passwords.get(str(request.get("account")))
                if password is not None:
                    key = v3_key(str(request["cmd"]), password, sim.v3_salt, request.get("ts"))
                    secrets.add("V3 AES key", key)
            return original(miner, request, wrong_password)

        monkeypatch.setattr(sim_v3, "answer", answer)
        return
    if not hasattr(sim, "tokens"):
        return  # an Antminer: nothing derived
    tokens = sim.tokens  # type: ignore[attr-defined]
    issue = tokens.issue

    def issue_and_record(ip: str, key: str, now: float) -> Any:
        secrets.add("V2 key", key)
        secrets.add("V2 AES key", hashlib.sha256(key.encode()).digest())
        issued = issue(ip, key, now)
        for token in (t for held in tokens._tokens.values() for t in held):
            secrets.add("V2 token sign", token.sign)
        return issued

    monkeypatch.setattr(tokens, "issue", issue_and_record)


def record_session_secrets(sim: Any, secrets: Secrets, monkeypatch: pytest.MonkeyPatch) -> None:
    """Register every login token ``sim`` issues from now on: a BOS+ session cookie, a BOS
    REST token, a VNish unlock token."""
    for state_class, method, name in (
        (BosPlusState, "new_session", "BOS+ session cookie"),
        (BosRestState, "issue_token", "BOS REST token"),
        (VnishState, "issue_token", "VNish unlock token"),
    ):
        state = getattr(sim, "state", None)
        if isinstance(state, state_class):
            monkeypatch.setattr(
                state_class, method, _recording(getattr(state_class, method), state, name, secrets)
            )


def _recording(issue: Any, state: Any, name: str, secrets: Secrets) -> Any:
    """``issue`` (a state's token maker) registering what it makes for ``state``."""

    def issue_and_record(self: Any) -> str:
        token: str = issue(self)
        if self is state:
            secrets.add(name, token)
        return token

    return issue_and_record


def exception_texts(err: BaseException) -> Iterator[str]:
    """str, repr and traceback of an exception and of every exception in its chain."""
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield str(current)
        yield repr(current)
        yield repr(current.args)
        yield "".join(traceback.format_exception(current))
        yield repr(vars(current)) if hasattr(current, "__dict__") else ""
        current = current.__cause__ or current.__context__


def as_text(value: Any) -> str:
    """Anything collected (dicts, dataclasses, objects) as one text to search."""
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    try:
        return json.dumps(value, default=repr, sort_keys=True)
    except TypeError, ValueError:
        return repr(value)
