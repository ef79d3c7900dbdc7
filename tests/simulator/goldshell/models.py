"""The Goldshell models the simulator can be.

``goldshell-sclite``, ``goldshell-sc5proii`` (three power plans) and ``goldshell-scbox``
are the captured miners (Blake2B, Sia).
``goldshell-minidoge`` (Scrypt) and ``goldshell-ck5`` (Eaglesong) answer in the SC-BOX's and
SC Lite's captured shapes with their own model string, boards and rated rate (no capture
of their status or setting is public); the CK5's rows carry its captured temperatures and
fans (captures.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from . import captures


@dataclass(frozen=True, slots=True)
class GoldshellSpec:
    key: str
    name: str  # as the driver's table names it
    status: dict[str, Any]
    setting: dict[str, Any]
    boards: int
    rated_mhs: float  # the rate all boards together report, MH/s
    devs_answer: bool = True  # False: /mcb/cgminer answers HTTP 500 (the SC-BOX)
    temps: tuple[str, ...] = field(default=())  # per-board temp text; () = the SC Lite's
    fanspeed: str | None = None  # None: the SC Lite's
    pool_hosts: tuple[str, ...] = ("pool.example.com",)
    devs: dict[str, Any] = field(default_factory=lambda: captures.SCLITE_DEVS)  # rows to scale


def _status(model: str) -> dict[str, Any]:
    return {**captures.SCLITE_STATUS, "model": model}


MODELS: Final[dict[str, GoldshellSpec]] = {
    spec.key: spec
    for spec in (
        GoldshellSpec(
            "goldshell-sclite",
            "SC Lite",
            captures.SCLITE_STATUS,
            captures.SCLITE_SETTING,
            boards=4,
            rated_mhs=4_535_879.724,  # the capture's four boards
        ),
        GoldshellSpec(
            "goldshell-sc5proii",
            "SC5 Pro II",
            captures.SC5PROII_STATUS,
            captures.SC5PROII_SETTING,
            boards=4,
            rated_mhs=14_912_332.7,  # the capture's four boards
            devs=captures.SC5PROII_DEVS,
        ),
        GoldshellSpec(
            "goldshell-scbox",
            "SC Box",
            captures.SCBOX_STATUS,
            captures.SCBOX_SETTING,
            boards=1,
            rated_mhs=900_000.0,
            devs_answer=False,
        ),
        GoldshellSpec(
            "goldshell-minidoge",
            "Mini Doge",
            _status("Goldshell-MiniDoge"),
            captures.SCBOX_SETTING,
            boards=1,
            rated_mhs=185.0,
            pool_hosts=("ltc.example.com",),
        ),
        GoldshellSpec(
            "goldshell-ck5",
            "CK5",
            _status("Goldshell-CK5"),
            captures.SCLITE_SETTING,
            boards=4,
            rated_mhs=12_452_062.4,  # the foreman capture's four boards
            temps=captures.CK5_TEMPS,
            fanspeed=captures.CK5_FANSPEED,
            pool_hosts=("us-ckb.2miners.com", "ckb.f2pool.com"),
        ),
    )
}
