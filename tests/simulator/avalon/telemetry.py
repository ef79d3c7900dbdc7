"""Live readings of a simulated Avalon: what the next reply carries.

The work mode (and level) chooses the figures; soft-off stops hashing (the current rate
and every fan at 0, the wall power down to the control board's, the nominal rate kept);
uptime and shares count from the last boot.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import AvalonSpec
from .state import AvalonState

# GHSspd (the current rate) runs a little under GHSmm (the nominal one); GHSavg (since boot)
# is neither (GHSspd / GHSmm / GHSavg: Nano 3S 6598.84 / 6783.65 / 6695.18, MinerSentinel
# test_avalon_parsing.py; A1566 199241.07 / 201920.42 / 184007.00, pyasic
# version_24102401_25462b2_9ddf522.py).
SPEED_SHARE = 0.973
AVERAGE_SHARE = 0.951
SHARE_SECONDS = 20  # one accepted share every 20 s of hashing
NO_SENSOR = -273


@dataclass(frozen=True, slots=True)
class Live:
    hashing: bool
    system_status: str  # SYSTEMSTATU "Work: …"
    uptime: int
    ghs_mm: float
    ghs_spd: float
    ghs_avg: float
    board_ghs: tuple[float, ...]  # MGHS: GHSavg split over the boards
    watts: int
    max_power: int
    target_temp: int
    fan_pct: int
    fan_rpm: tuple[int, ...]
    inlet: int
    outlet: int
    board_temp: int
    chip_max: int
    chip_avg: int
    soft_off_reason: int
    psu_error: int
    accepted: int
    rejected: int
    best_share: int


def take(spec: AvalonSpec, state: AvalonState, now: float) -> Live:
    state.settle(now)
    uptime = max(0, int(now - state.booted_at))
    mode = spec.modes[state.work_mode]
    share = spec.levels.get(state.work_level, 1.0)
    hashing = not state.soft_off
    # GHSmm stays the mode's nominal rate while soft-off (asic-rs test/json/stats.json and
    # litestats.json, an idle Q: GHSspd[0.00] GHSmm[55032.79] SoftOFF[4]).
    ghs_mm = round(mode.ghs * share, 2)
    ghs_avg = round(mode.ghs * share * AVERAGE_SHARE, 2)
    fan_pct = (state.fan_manual if state.fan_manual is not None else mode.fan_pct) if hashing else 0
    rpm = round(mode.fan_rpm * fan_pct / mode.fan_pct) if mode.fan_pct else 0
    # Fans a few RPM apart while they turn; all at 0 while soft-off (the idle Q: Fan1[0] …
    # Fan4[0] FanR[0%]).
    fan_rpm = tuple(rpm + 7 * i if rpm else 0 for i in range(spec.fans))
    accepted = uptime // SHARE_SECONDS if hashing else 0
    temps = spec.temps
    held = hashing and state.fan_manual is None and state.target_temp > 0
    chip_avg, board = temps.chip_avg, temps.board
    if held and spec.holds == "chips":  # the fan holds the chips at the target
        chip_avg = state.target_temp
    if held and spec.holds == "board":
        board = state.target_temp
    chip_max = chip_avg + temps.chip_max - temps.chip_avg
    return Live(
        hashing=hashing,
        system_status="In Fault" if state.in_fault else "In Work" if hashing else "In Idle",
        uptime=uptime,
        ghs_mm=ghs_mm,
        ghs_spd=round(ghs_mm * SPEED_SHARE, 2) if hashing else 0.0,
        ghs_avg=ghs_avg,
        board_ghs=_split(ghs_avg, spec.boards),
        watts=round(mode.watts * share) if hashing else spec.idle_watts,
        max_power=round(mode.max_power * share),
        target_temp=state.target_temp,
        fan_pct=fan_pct,
        fan_rpm=fan_rpm,
        inlet=temps.inlet,
        outlet=temps.outlet if hashing or temps.outlet == NO_SENSOR else temps.inlet,
        board_temp=board if hashing or temps.board == NO_SENSOR else temps.inlet,
        chip_max=chip_max if hashing else 0,
        chip_avg=chip_avg if hashing else 0,
        soft_off_reason=spec.softoff_reason if state.soft_off else 0,
        psu_error=state.psu_error,
        accepted=state.accepted + accepted,
        rejected=state.rejected + accepted // 500,
        best_share=224199508 if accepted else 0,  # LW10583 summary capture
    )


def _split(total: float, boards: int) -> tuple[float, ...]:
    """Per-board MGHS summing to ``total``, GHSavg, not all equal. Every capture's MGHS adds
    up to its GHSavg, not GHSspd: the A1566's 59459.52 + 61407.83 + 63139.66 = 184007.01
    (GHSavg 184007.00, GHSspd 199241.07), the Nano 3S's 6695.18, the idle Q's 44499.41 (asic-rs
    test/json/stats.json), a Nano 3's 3682.57 (Schnitzel/hass-miner issue #458)."""
    if boards == 1:
        return (round(total, 2),)
    weights = [1.0 + 0.03 * (i - (boards - 1) / 2) for i in range(boards)]
    scale = total / sum(weights)
    return tuple(round(w * scale, 2) for w in weights)
