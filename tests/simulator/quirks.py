"""Oddities of real firmware RPC replies, switchable per simulated miner.

The byte-level ones are the malformations of docs/protocols.md §1 that an Antminer's
CGMiner/BMMiner has been seen to produce.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

QUIRKS: dict[str, str] = {
    # CGMiner's api.c sends the C string with its terminating NUL; BMMiner keeps it.
    "trailing-nul": "a \\x00 byte after the JSON",
    # BMMiner (S9 and other X9/X17 builds) joins STATS[0] and STATS[1] without a comma.
    "missing-comma": "`}{` between the objects of the STATS list",
    # BMMiner builds that skip an empty first element still write its separator.
    "leading-comma": "`[,{` at the start of the STATS and DEVS lists",
    # pyasic notes that X19 stock firmware does not take `summary+pools`: the joined name is
    # just an unknown command to it (off by default, since other clients join on X19).
    "no-join": "commands joined with `+` are answered 'Invalid command'",
    # The API switched off, or a build that never opens it: 4028 refuses connections while
    # the web CGIs (which ask the miner program locally) still serve every figure.
    "api-port-off": "TCP 4028 refuses connections; the web still serves every figure",
    # The KS5 Pro build of 2024-08 (the recorded "Stock Bitmain Firmware API Documentation")
    # writes stats.cgi without miner-mode and freq-level; the X19 build of 2023-03 has them.
    "stats-without-mode": "stats.cgi without miner-mode (the sleep state is in the config only)",
    # Avalon-style cgminer daemons: a JSON request is closed at once, without a byte; the
    # text form (`version`, `cmd|param`) is answered as every cgminer writes it (rpc_text).
    "plain-text-only": "JSON requests closed at once; only the plain-text form is answered",
    # Whatsminer V2 (btminer) oddities that public clients repair (protocols.md §1):
    "trailing-comma": "Whatsminer: `,}` closing the objects of the reply lists",
    "newline": "Whatsminer: literal newlines inside string values (fw_ver, PSU model)",
    "temp0-missing-comma": 'Whatsminer (2023-01-06 build): `""temp0` in edevs/devs entries',
    "error-code-dict": 'Whatsminer API 2.0.4: error_code as ["code":"time",…]',
    # Whatsminer V2 writes the firmware carries out without answering (issue 11; asic-rs
    # whatsminer/src/backends/v2/mod.rs pause and set_tuning_config call them
    # "fire-and-forget"; pyasic commit 9343308f: "reboot/restart seem to not load properly"):
    "write-silent-close": "Whatsminer V2: power_off, set_low/normal/high_power and "
    "restart_btminer applied, then the connection closed without a byte; the power modes and "
    "restart_btminer restart btminer (its reads answer 132 for `reboot_seconds`)",
    # asic-rs v2 restart(): "Miners often reboot before responding"; pyasic
    # BTMinerRPCAPI.reboot() returns {} when the answer times out.
    "reboot-silent-open": "Whatsminer V2: reboot taken, then not a byte, the connection left "
    "open until the client gives up",
    # issue 11 (field report); the inner error is the one satoshi-anonymoto/whatsminer-api
    # issue #3 shows for a request the miner could not decrypt: 23 "enc json load err".
    "double-encoded-refusal": "Whatsminer V2: a request it cannot decrypt is refused with an "
    'encrypted frame JSON-encoded twice (a JSON string holding {"enc": …})',
    # issue 11 (field report): the write applied, the reply one AES block of padding.
    "empty-write-reply": "Whatsminer V2: writes applied, then answered with an encrypted "
    "empty body (one block of zero padding)",
}


def check(names: Iterable[str]) -> tuple[str, ...]:
    """Validate quirk names; keep their order, drop duplicates."""
    result: list[str] = []
    for name in names:
        if name not in QUIRKS:
            raise ValueError(f"unknown quirk {name!r}; known: {', '.join(QUIRKS)}")
        if name not in result:
            result.append(name)
    return tuple(result)


def encode(reply: dict[str, Any], quirks: Iterable[str]) -> bytes:
    """Serialise one RPC reply the way the firmware writes it to the socket."""
    active = set(quirks)
    text = json.dumps(reply, separators=(",", ":"))
    if "missing-comma" in active:
        text = text.replace('},{"STATS":', '}{"STATS":')
    if "leading-comma" in active:
        text = text.replace('"STATS":[{', '"STATS":[,{').replace('"DEVS":[{', '"DEVS":[,{')
    data = text.encode()
    if "trailing-nul" in active:
        data += b"\x00"
    return data
