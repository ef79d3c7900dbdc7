"""Where MinerData's fields sit in the "blackMiner" firmware's replies (pure functions).

Source: pyasic tests/miners_tests/backends_tests/hammer_tests/version_2023_05_28.py (a
Hammer D10, ccminer 2.3.3). RPC: ``summary`` SUMMARY[0] ``MHS 5s`` (MH/s, a string);
``stats`` STATS[1] the S9-style classic figures with rates in MH/s (``chain_rate{n}``,
``chain_acn{n}``, ``temp{n}`` written four times each, of which a JSON reader keeps the
last), ``fan{n}``, ``Elapsed``. Web: ``get_system_info.cgi`` (minertype, MAC, host name),
``get_miner_conf.cgi`` with the stock Antminer's ``bitmain-work-mode`` (1: sleep, as
pyasic reads it), ``get_blink_status.cgi`` answering a blink code.
"""

from __future__ import annotations

from typing import Any

from ...data import HashBoard
from ...models import ModelInfo
from .. import cgi_controls
from ..values import to_count, to_float, to_int, to_ths

WORK_MODE_KEY = "bitmain-work-mode"
WORK_MODE_SLEEP = "1"
WORK_MODE_NORMAL = "0"
_SLOTS = 4  # chain_*1 … chain_*4 in the capture


def boards(figures: dict[str, Any], model: ModelInfo | None) -> list[HashBoard]:
    """``chain_acn{n}`` / ``chain_rate{n}`` (MH/s) / ``temp{n}`` for n = 1 …; a chain with
    no chips is missing. As many boards as the model has, else the chains with chips."""
    present = [n for n in range(1, _SLOTS + 1) if to_count(figures.get(f"chain_acn{n}"))]
    count = model.boards if model else len(present)
    result = []
    for slot in range(count):
        n = slot + 1
        chips = to_count(figures.get(f"chain_acn{n}"))
        temp = to_float(figures.get(f"temp{n}"))
        result.append(
            HashBoard(
                slot=slot,
                hashrate=to_ths(figures.get(f"chain_rate{n}"), "MH"),
                temp=temp if temp else None,
                chips=chips,
                expected_chips=model.chips_per_board if model else None,
                missing=not chips,
            )
        )
    return result


def is_mining(conf: dict[str, Any] | None, hashrate: float | None) -> bool | None:
    mode = to_int((conf or {}).get(WORK_MODE_KEY))
    if mode is not None:
        return str(mode) != WORK_MODE_SLEEP
    return None if hashrate is None else hashrate > 0


def fault_light(blink: dict[str, Any] | None) -> bool | None:
    """``blink`` where a build says it; else the code, read as blink.cgi's answers mean
    it (B000 on, B100 off): the captured status carries the code alone."""
    value = (blink or {}).get("blink")
    if isinstance(value, bool):
        return value
    code = (blink or {}).get("code")
    lit = {cgi_controls.BLINK_ON: True, cgi_controls.BLINK_OFF: False}
    return lit.get(code) if isinstance(code, str) else None
