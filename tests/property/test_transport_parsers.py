"""The transports' reply handling, without sockets.

Covered: ``transport/rpc.py`` (``check_status``, ``RpcClient._decode``: empty replies,
"Socket connect failed", JSON that is no object), ``transport/btminer_v2.py`` (``decrypt``,
``Token.derive`` from a get_token Msg, ``Token.open`` of an encrypted answer,
``raise_for_write_refusal``) and ``transport/btminer_v3.py`` (``BtminerV3Client._check`` of
read and write replies). Property: a result or an AsicMinerError, never another exception.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from custom_components.asic_miner.driver.errors import (
    AsicMinerError,
    MinerCommandError,
    MinerProtocolError,
)
from custom_components.asic_miner.driver.transport import btminer_v2
from custom_components.asic_miner.driver.transport.btminer_v2 import Token
from custom_components.asic_miner.driver.transport.btminer_v3 import BtminerV3Client
from custom_components.asic_miner.driver.transport.rpc import RpcClient, check_status

from . import samples
from .checks import result_or_driver_error
from .strategies import damaged_bytes, json_objects, json_values, mutated

KEY = btminer_v2.aes_key("derived-key")
RPC_SAMPLES = [*samples.antminer().values(), *samples.whatsminer_v2().values()]
commands = st.sampled_from(["summary", "get_token", "set.miner.pools", "get.device.info", ""])


@given(st.one_of(json_objects, st.sampled_from(RPC_SAMPLES).flatmap(mutated)), commands)
@example({"STATUS": [{"STATUS": "E", "Code": float("inf"), "Msg": ["x"]}]}, "summary")
@example({"STATUS": "F"}, "summary")
def test_check_status_raises_only_command_errors(reply: Any, command: str) -> None:
    if not isinstance(reply, dict):
        return  # the client hands check_status parsed objects only
    outcome = result_or_driver_error(lambda: check_status(reply, command))
    assert outcome is None or isinstance(outcome, MinerCommandError)


@given(st.one_of(st.binary(max_size=200), st.sampled_from(RPC_SAMPLES).flatmap(damaged_bytes)))
@example(b"\x00\x00 \n")
@example(b"Socket connect failed: Connection refused\n")
@example(b"Socket connect failed\xff\xfe")
@example(b"[1, 2]")
def test_rpc_decode_gives_an_object_or_a_driver_error(raw: bytes) -> None:
    client = RpcClient("127.0.18.1", timeout=1)
    for allow_truncated in (False, True):
        decode = partial(client._decode, raw, "summary", allow_truncated=allow_truncated)
        assert isinstance(result_or_driver_error(decode), dict | AsicMinerError)


@given(
    st.one_of(
        st.text(max_size=100), st.binary(max_size=100).map(lambda b: btminer_v2.encrypt(KEY, b))
    )
)
@example("not base64!")
@example("QUJD")  # base64, but three bytes: no whole AES block
@example("\u00e9\u00e9\u00e9\u00e9")
def test_decrypt_gives_bytes_or_protocol_error(data: str) -> None:
    outcome = result_or_driver_error(lambda: btminer_v2.decrypt(KEY, data))
    assert isinstance(outcome, bytes | MinerProtocolError)


@given(
    st.one_of(
        json_values,
        mutated(samples.whatsminer_v2()["get_token"]["Msg"]),
    ),
    st.text(max_size=10),
)
@example({"time": "1", "salt": "bad salt!", "newsalt": "x"}, "admin")
@example({"time": "\ud800", "salt": "abc", "newsalt": "abc"}, "admin")
@example({"time": 1, "salt": "a" * 100, "newsalt": None}, "admin")
@example({"time": 1, "salt": "ab$c", "newsalt": "abc"}, "\x00")
def test_token_from_any_get_token_answer(msg: Any, password: str) -> None:
    if not isinstance(msg, dict):
        return  # the client refuses a Msg that is no object before deriving
    outcome = result_or_driver_error(lambda: Token.derive(password, msg, 0.0))
    assert isinstance(outcome, Token | MinerProtocolError)


encrypted_answers = (
    st.sampled_from(RPC_SAMPLES)
    .flatmap(damaged_bytes)
    .map(lambda plain: {"enc": btminer_v2.encrypt(KEY, plain)})
)


@given(st.one_of(json_objects, encrypted_answers))
@example({"enc": btminer_v2.encrypt(KEY, b"[" * 30_000)})
@example({"enc": btminer_v2.encrypt(KEY, b"\xff\xfe{}")})
@example({"enc": 1})
def test_open_an_encrypted_answer(reply: dict[str, Any]) -> None:
    token = Token(sign="s", key=KEY, issued_at=0.0)
    outcome = result_or_driver_error(lambda: token.open(reply))
    assert isinstance(outcome, dict | MinerProtocolError)


@given(st.one_of(json_objects, st.sampled_from(RPC_SAMPLES).flatmap(mutated)), st.booleans())
@example({"STATUS": "E", "Code": float("inf"), "Msg": "x"}, False)
@example({"STATUS": "E", "Code": float("nan")}, False)
@example({"STATUS": "E", "Code": "1e400", "Msg": {"a": 1}}, True)
def test_write_refusals_raise_driver_errors(reply: Any, default_password: bool) -> None:
    if not isinstance(reply, dict):
        return
    outcome = result_or_driver_error(
        lambda: btminer_v2.raise_for_write_refusal(
            "127.0.18.1", "set_led", reply, default_password=default_password
        )
    )
    assert outcome is None or isinstance(outcome, AsicMinerError)


V3_SAMPLES = list(samples.whatsminer_v3().values())


@given(
    st.one_of(json_objects, st.sampled_from(V3_SAMPLES).flatmap(mutated)),
    st.sampled_from(["get.device.info", "set.miner.pools", "set.system.led"]),
)
@example({"code": -1, "msg": None}, "set.system.led")
@example({"code": float("nan"), "msg": ["token"]}, "set.system.led")
@example({"code": -1, "desc": 5}, "get.device.info")
def test_v3_reply_check_raises_driver_errors(reply: Any, command: str) -> None:
    if not isinstance(reply, dict):
        return
    client = BtminerV3Client("127.0.18.1", timeout=1)
    outcome = result_or_driver_error(lambda: client._check(reply, command))
    assert outcome is None or isinstance(outcome, AsicMinerError)
