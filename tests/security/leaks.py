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
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import asdict, is_dataclass
from typing import Any

import pytest

from custom_components.asic_miner.driver import (
    AsicMinerError,
    Credentials,
    Miner,
    MinerAuthenticationError,
    MinerConfig,
    PoolConfig,
    find_miner,
)
from tests.simulator import SimulatedMiner
from tests.simulator.auradine.state import AuradineState
from tests.simulator.bos_rest.state import BosRestState
from tests.simulator.bosplus.state import BosPlusState
from tests.simulator.faults import Fault
from tests.simulator.luxos.state import LuxosState
from tests.simulator.sealminer.state import SealState
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
    REST token, a VNish unlock token, an Auradine login token, a SealMiner session cookie,
    a LuxOS session id."""
    for state_class, method, name in (
        (BosPlusState, "new_session", "BOS+ session cookie"),
        (BosRestState, "issue_token", "BOS REST token"),
        (VnishState, "issue_token", "VNish unlock token"),
        (AuradineState, "issue_token", "login token"),
        (SealState, "new_session", "session cookie"),
        (LuxosState, "logon", "session id"),
    ):
        state = getattr(sim, "state", None)
        if isinstance(state, state_class):
            record_issued(state_class, method, name, secrets, monkeypatch, state=state)


def record_issued(
    state_class: type,
    method: str,
    name: str,
    secrets: Secrets,
    monkeypatch: pytest.MonkeyPatch,
    *,
    state: Any = None,
) -> None:
    """Register as the secret ``name`` every token ``state_class.method`` (a simulated
    miner's state's token maker) makes from now on: for ``state`` alone, if given, or for
    any miner's (one started later)."""
    issue = getattr(state_class, method)

    def issue_and_record(self: Any) -> str | None:
        token: str | None = issue(self)  # None: LuxOS refused the session
        if (state is None or self is state) and token is not None:
            secrets.add(name, token)
        return token

    monkeypatch.setattr(state_class, method, issue_and_record)


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


def login_secrets(
    name: str,
    password: str,
    *,
    username: str | None = None,
    held_pool_password: str | None = None,
) -> Secrets:
    """The secrets of a make's login test: its password (named ``name``; with the Basic-auth
    shape of the login too, given the ``username``), the wrong password the test types, the
    pool password it sends and the one the miner already holds for a pool, if any."""
    secrets = Secrets()
    if username is None:
        secrets.add(name, password)
    else:
        secrets.add_login(name, username, password)
    secrets.add("wrong password", WRONG_PASSWORD)
    secrets.add("pool password", POOL_PASSWORD)
    if held_pool_password is not None:
        secrets.add("held pool password", held_pool_password)
    return secrets


def assert_kept(secrets: Secrets, texts: Iterable[str], caplog: pytest.LogCaptureFixture) -> None:
    """No secret in any record logged (its message or its arguments) nor in any of the
    ``texts`` collected, of which there must be some: else nothing was exercised."""
    texts = list(texts)
    assert texts, "nothing was exercised"
    logged = [(r.name, r.getMessage() + repr(r.args)) for r in caplog.records]
    assert [(logger, secrets.leaks(text)) for logger, text in logged if secrets.leaks(text)] == []
    assert [secrets.leaks(text) for text in texts if secrets.leaks(text)] == []


def miner_texts(miner: Miner) -> list[str]:
    """The reprs of a driver Miner, its credentials, and its transports (RPC API, web)."""
    transports = (getattr(miner, name) for name in ("api", "web") if hasattr(miner, name))
    return [repr(miner), repr(miner.credentials), *map(repr, transports)]


async def poll_texts(miner: Miner) -> list[str]:
    """A poll, and the miner as it is after it: the data and the reprs of the miner, its
    credentials and transports, as texts."""
    data = await miner.get_data()
    return [as_text(data), repr(data), *miner_texts(miner)]


async def damaged_texts(
    sim: Any, miner: Miner, fault: Fault, *calls: Callable[[], Awaitable[object]]
) -> list[str]:
    """After a poll, each call made while the miner's web answers are damaged by ``fault``:
    what those that fail raise (see failure_texts)."""
    await miner.get_data()
    sim.set_fault(fault, protocol="http")
    return await failure_texts(*calls)


async def pools_texts(miner: Miner, held_pool_password: str) -> list[str]:
    """The miner's pools read (the pool password it holds among them) and written (one pool,
    with POOL_PASSWORD): the config read, as text."""
    config = await miner.get_config()
    assert held_pool_password in [p.password for p in config.pools]  # it was read
    pool = PoolConfig("stratum+tcp://pool.example.org:3333", "me.rig", POOL_PASSWORD)
    await miner.send_config(MinerConfig(pools=[pool]))
    return [repr(config)]


async def refusal_texts(*calls: Callable[[], Awaitable[object]]) -> list[str]:
    """Each call refused as a wrong login (MinerAuthenticationError): what they raise."""
    texts: list[str] = []
    for call in calls:
        with pytest.raises(MinerAuthenticationError) as caught:
            await call()
        texts += exception_texts(caught.value)
    return texts


async def outcome_texts(call: Callable[[], Awaitable[object]]) -> list[str]:
    """What a call returns (its repr), or what it raises if it fails with one of our
    errors (a fault of the miner's): either way, as texts."""
    try:
        return [repr(await call())]
    except AsicMinerError as err:
        return list(exception_texts(err))


async def faulted_texts(
    sim: Any,
    call: Callable[[], Awaitable[object]],
    *,
    protocol: str | None = "http",
    before: Callable[[], object] | None = None,
) -> list[str]:
    """``call`` made with the miner's answers garbled, cut short, then dropped (for 0.2 s
    each, on ``protocol``; None: all; ``before`` each, if given): what it returns or
    raises each time, as texts."""
    texts: list[str] = []
    for fault in (Fault.GARBAGE, Fault.TRUNCATED, Fault.DROP):
        if before is not None:
            before()
        sim.set_fault(fault, seconds=0.2, protocol=protocol)
        texts += await outcome_texts(call)
        sim.clear_faults()
    return texts


async def wrong_password_texts(
    address: str, call: Callable[[Miner], Awaitable[object]]
) -> list[str]:
    """A miner found at ``address`` with WRONG_PASSWORD given: what ``call(miner)`` raises,
    refused as a wrong login."""
    wrong = Credentials(password=WRONG_PASSWORD)
    async with await find_miner(address, credentials=wrong, timeout=3) as miner:
        return await refusal_texts(lambda: call(miner))


async def failure_texts(*calls: Callable[[], Awaitable[object]]) -> list[str]:
    """Each call made in turn under a fault: what those that fail raise (our errors); at
    least one must fail, or the fault was not felt."""
    errors: list[AsicMinerError] = []
    for call in calls:
        try:
            await call()
        except AsicMinerError as err:
            errors.append(err)
    assert errors, "the fault failed nothing"
    return [text for err in errors for text in exception_texts(err)]


# The simulator's TRUNCATED fault keeps the first three fifths of a reply's body.
TRUNCATED_KEEPS = (3, 5)


def cut_after(
    head: dict[str, Any],
    secret: str,
    pad_key: str,
    separators: tuple[str, str] = (", ", ": "),
) -> dict[str, Any]:
    """``head`` (a reply holding ``secret``) with a member ``pad_key`` padded so that the
    TRUNCATED fault cuts the reply, as the simulator dumps it (with ``separators``), just
    after the secret and its closing quote: where a parser quoting the end of a cut reply
    would quote the secret."""
    kept, whole = TRUNCATED_KEEPS

    def padded(n: int) -> dict[str, Any]:
        return {**head, pad_key: {"p": "x" * n}}

    end = len(json.dumps(head, separators=separators).split(secret)[0]) + len(secret) + 2
    return padded(
        next(
            n
            for n in range(400)
            if len(json.dumps(padded(n), separators=separators)) * kept // whole >= end
        )
    )
