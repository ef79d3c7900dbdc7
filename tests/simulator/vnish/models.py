"""The simulated VNish models: which capture each is built from, and its firmware line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from . import captures


@dataclass(frozen=True, slots=True)
class VnishSpec:
    key: str
    name: str  # /info "miner": "Antminer S19 Pro"
    code: str  # /info "model": "s19pro"
    version: str  # fw_version
    platform: str  # aml | bb | cv | stm | xil
    boards: int
    chips_per_board: int
    chain: dict[str, Any]  # the captured chain each board's reply is made from
    fans: int
    hydro: bool
    stock_ths: float  # hr_stock; the "disabled" preset mines at it
    stock_watts: int
    presets: tuple[tuple[str, str], ...]  # (name, pretty) as the firmware lists them
    tuned: frozenset[str]  # presets already tuned when the simulated miner starts
    default_preset: str

    @property
    def throttle(self) -> bool:
        """miner_status.throttled and POST /mining/throttle: the 1.3 schema, not 1.2's."""
        return not self.version.startswith("1.2")


MODELS: Final[dict[str, VnishSpec]] = {
    # Air: an S19 Pro on 1.3.4 (the schema with the throttle), chains as the RC3 capture,
    # the S19 preset list of DOC126 (the S19 Pro's own list is not captured).
    "vnish-s19pro": VnishSpec(
        key="vnish-s19pro",
        name="Antminer S19 Pro",
        code="s19pro",
        version="1.3.4",
        platform="xil",
        boards=3,
        chips_per_board=114,
        chain=captures.RC3_CHAIN,
        fans=4,
        hydro=False,
        stock_ths=110.0,
        stock_watts=3250,
        presets=captures.DOC126_PRESETS,
        tuned=frozenset({"2350", "2620", "2950", "3200"}),
        default_preset="2950",
    ),
    # Hydro: the S21+ Hydro of HYDRO128 on 1.2.8 (no throttle in that line); its one
    # captured preset. The capture lists one chain; the other two are copies of it.
    "vnish-s21plus-hydro": VnishSpec(
        key="vnish-s21plus-hydro",
        name="Antminer S21+ Hydro",
        code="s21plus_hydro",
        version="1.2.8",
        platform="aml",  # not in the capture
        boards=3,
        chips_per_board=95,
        chain=captures.HYDRO128_CHAIN,
        fans=1,
        hydro=True,
        stock_ths=401.166,
        stock_watts=6100,
        presets=((captures.HYDRO128_PRESET["name"], captures.HYDRO128_PRESET["pretty"]),),
        tuned=frozenset({captures.HYDRO128_PRESET["name"]}),
        default_preset=captures.HYDRO128_PRESET["name"],
    ),
}
