"""Whatsminer crypto against vectors computed independently with the openssl command line.

    openssl passwd -1 -salt BQ5hoXV9 admin                  → $1$BQ5hoXV9$RxmaDUO33TS7O26yeMHZ81
    openssl passwd -1 -salt Xy7Pq2Lm s3cret | cut -d$ -f4   → /RbEOqDRfze0lNBgyzPkT0   (key)
    openssl passwd -1 -salt Nw4sAlt9 "${key}1234" | cut …   → VUHzfEAqxKnrKUX5hypAO.   (sign)
    printf %s "$key" | openssl dgst -sha256                  → 1ff624e6…ff9552          (AES key)
    { printf %s "$P"; head -c 15 /dev/zero; } | openssl enc -aes-256-ecb -K $aes -nopad | base64
    printf %s "set.miner.power_limitsuperQm3xZ8aB1700000000" | openssl dgst -sha256 -binary \
        | base64 | cut -c1-8                                 → 3MsK+A10
    printf %s "$pools" | openssl enc -aes-256-ecb -K $(sha256 of cmd+pw+salt+ts) | base64
"""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import MinerProtocolError
from custom_components.asic_miner.driver.transport import btminer_v2, btminer_v3

KEY = "/RbEOqDRfze0lNBgyzPkT0"
SIGN = "VUHzfEAqxKnrKUX5hypAO."
AES_HEX = "1ff624e62abaaee419882d1205ede414ee63d29e278bbf5811d96a3eecff9552"
PLAIN = '{"cmd": "reboot", "token": "abc"}'
SEALED = "QCcay00XUWswPSzxvAWVAhGxssCXSr4qR8Uqj9SPeXmRbTHW3qc7kvfGUbc0KxS7"
V3_TS = 1700000000
V3_SALT = "Qm3xZ8aB"
POOLS = [{"pool": "stratum+tcp://p.invalid:3333", "worker": "w.1", "passwd": "x"}]
POOLS_SEALED = (
    "/LeLKcEmxrBhyb8X3o9zJtUWPnCY5UZL6qVKmcnDLdcaPusEpiAEy66wJnGEhbKIWGe7uBwQv3rh9djjDKFpeS0T"
    "tLX0t01oIMSfaSmj/18="
)


def test_md5_crypt_matches_openssl() -> None:
    assert btminer_v2.md5_crypt_body("admin", "BQ5hoXV9") == "RxmaDUO33TS7O26yeMHZ81"
    assert btminer_v2.token_key("s3cret", "Xy7Pq2Lm") == KEY


def test_sign_is_md5_crypt_of_key_and_time() -> None:
    assert btminer_v2.token_sign(KEY, "1234", "Nw4sAlt9") == SIGN


def test_aes_key_is_raw_sha256_of_the_key() -> None:
    assert btminer_v2.aes_key(KEY).hex() == AES_HEX


def test_encrypt_zero_pads_and_matches_openssl() -> None:
    key = bytes.fromhex(AES_HEX)
    assert btminer_v2.zero_pad(PLAIN.encode()) == PLAIN.encode() + b"\x00" * 15
    assert btminer_v2.encrypt(key, PLAIN.encode()) == SEALED
    assert btminer_v2.decrypt(key, SEALED) == PLAIN.encode()


def test_token_seals_the_request_and_opens_the_reply() -> None:
    token = btminer_v2.Token.derive(
        "s3cret", {"time": "1234", "salt": "Xy7Pq2Lm", "newsalt": "Nw4sAlt9"}, issued_at=0.0
    )
    assert token.sign == SIGN
    assert token.key.hex() == AES_HEX
    envelope = token.seal("reboot", {})
    assert envelope["enc"] == 1
    assert "\n" not in envelope["data"]
    opened = btminer_v2.decrypt(token.key, envelope["data"])
    assert opened == f'{{"cmd": "reboot", "token": "{SIGN}"}}'.encode()
    reply = btminer_v2.encrypt(token.key, b'{"STATUS":"S","Code":131,"Msg":"API command OK"}')
    assert token.open({"enc": reply})["Code"] == 131


def test_token_secrets_stay_out_of_repr() -> None:
    token = btminer_v2.Token.derive(
        "s3cret", {"time": "1234", "salt": "Xy7Pq2Lm", "newsalt": "Nw4sAlt9"}, issued_at=5.0
    )
    shown = repr(token)
    assert SIGN not in shown
    assert KEY not in shown
    assert token.key.hex() not in shown
    assert "issued_at=5.0" in shown


def test_token_expires_with_a_margin() -> None:
    token = btminer_v2.Token(sign="s", key=b"k" * 32, issued_at=100.0)
    assert not token.expired(100.0 + 28 * 60)
    assert token.expired(100.0 + 29.5 * 60)  # renewed before the miner's 30 minutes
    assert token.expired(100.0 + 31 * 60)


@pytest.mark.parametrize(
    "bad",
    ["not base64!", "QUJD", ""],  # not base64; 3 bytes (not a block); empty
)
def test_decrypt_refuses_what_is_not_whole_blocks(bad: str) -> None:
    with pytest.raises(MinerProtocolError):
        btminer_v2.decrypt(bytes(32), bad)


def test_token_answer_without_fields_is_a_protocol_error() -> None:
    with pytest.raises(MinerProtocolError, match="newsalt"):
        btminer_v2.Token.derive("pw", {"time": "1", "salt": "abcdefgh"}, issued_at=0.0)


def test_v3_token_matches_openssl() -> None:
    digest = btminer_v3.token_digest("set.miner.power_limit", "super", V3_SALT, V3_TS)
    assert btminer_v3.make_token(digest) == "3MsK+A10"


def test_v3_encrypted_param_matches_openssl() -> None:
    digest = btminer_v3.token_digest("set.miner.pools", "super", V3_SALT, V3_TS)
    assert btminer_v3.encrypt_param(digest, POOLS) == POOLS_SEALED


def test_v3_frame_is_little_endian_length_and_json() -> None:
    body = b'{"cmd":"get.device.info"}'
    assert btminer_v3.frame({"cmd": "get.device.info"}) == len(body).to_bytes(4, "little") + body
