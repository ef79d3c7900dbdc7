"""The cgminer replies of a simulated Avalon (before they are written in JSON or text).

Field names and order: captures.py names the capture of each; live figures from telemetry.
"""

from __future__ import annotations

from typing import Any

from . import captures, mm
from .models import AvalonSpec, Layout
from .state import AvalonState
from .telemetry import Live

Reply = dict[str, Any]


def status(letter: str, code: int, msg: str, when: float, *, description: bool = True) -> Reply:
    entry: dict[str, Any] = {"STATUS": letter, "When": int(when), "Code": code, "Msg": msg}
    if description:  # api.c message(): every message but "Invalid command" names cgminer
        entry["Description"] = captures.DESCRIPTION
    return {"STATUS": [entry], "id": 1}


def error(message: tuple[int, str], when: float, **fields: object) -> Reply:
    code, text = message
    return status("E", code, text.format(**fields), when, description=code != 14)


def with_body(head: Reply, name: str, entries: list[dict[str, Any]]) -> Reply:
    return {"STATUS": head["STATUS"], name: entries, "id": 1}


def version(spec: AvalonSpec, mac: str, dna: str, when: float) -> Reply:
    entry = dict(spec.version)
    entry["MAC"] = mac if spec.mac_colons else mac.replace(":", "").lower()
    entry["DNA"] = dna
    return with_body(status("S", *captures.MSG_VERSION, when), "VERSION", [entry])


def _mhs(spec: AvalonSpec, live: Live) -> dict[str, float]:
    """Hashrate windows in MH/s: "MHS 5s" on the home models, "MHS 30s" on the A-series."""
    now = round(live.ghs_spd * 1000, 2)
    short = "MHS 30s" if spec.answers_restart else "MHS 5s"
    return {
        "MHS av": round(live.ghs_avg * 1000, 2),
        short: now,
        "MHS 1m": round(now * 0.998, 2),
        "MHS 5m": round(now * 0.994, 2),
        "MHS 15m": round(now * 0.991, 2) if live.hashing else round(live.ghs_avg * 100, 2),
    }


def summary(spec: AvalonSpec, live: Live, when: float, nonfinite: bool) -> Reply:
    share_diff = 65536.0
    ratio: Any = round(100 * live.rejected / live.accepted, 4) if live.accepted else 0.0
    body: dict[str, Any] = {
        "Elapsed": live.uptime,
        **_mhs(spec, live),
        "Found Blocks": 0,
        "Getworks": 675 + live.uptime // 30,
        "Accepted": live.accepted,
        "Rejected": live.rejected,
        "Hardware Errors": 0,
        "Utility": round(60 * live.accepted / live.uptime, 2) if live.uptime else 0.0,
        "Discarded": 0,
        "Stale": 0,
        "Get Failures": 0,
        "Local Work": 191427,
        "Remote Failures": 0,
        "Network Blocks": 68,
        "Total MH": round(live.ghs_avg * 1000 * live.uptime, 1),
        "Work Utility": round(live.ghs_avg * 13.97, 2),
        "Difficulty Accepted": live.accepted * share_diff,
        "Difficulty Rejected": live.rejected * share_diff,
        "Difficulty Stale": 0.0,
        "Best Share": live.best_share,
        "Device Hardware%": 0.0,
        "Device Rejected%": ratio,
        "Pool Rejected%": ratio,
        "Pool Stale%": 0.0,
        "Last getwork": 0,
    }
    if nonfinite:  # quirk bare-nonfinite: ratios written by printf("%f") of 0/0
        body["Device Hardware%"] = body["Device Rejected%"] = body["Pool Rejected%"] = NAN
    return with_body(status("S", *captures.MSG_SUMMARY, when), "SUMMARY", [body])


# Written bare (``nan``, as C's printf writes 0/0) by the encoders (wire.py).
NAN = "\u0001nan"


def devs(spec: AvalonSpec, live: Live, when: float) -> Reply:
    entry: dict[str, Any] = {
        "ASC": 0,
        "Name": "AVA10" if spec.answers_restart else "AVALON",
        "ID": 0,
        "Enabled": "Y",
        "Status": "Alive",
        "Temperature": -273.0 if spec.answers_restart else 0.0,
        **_mhs(spec, live),
        "Accepted": live.accepted,
        "Rejected": live.rejected,
        "Hardware Errors": 0,
        "Utility": round(60 * live.accepted / live.uptime, 2) if live.uptime else 0.0,
        "Last Share Pool": 0,
        "Last Share Time": int(when) - 10 if live.accepted else 0,
        "Total MH": round(live.ghs_avg * 1000 * live.uptime, 1),
        "Diff1 Work": live.accepted * 65536,
        "Difficulty Accepted": live.accepted * 65536.0,
        "Difficulty Rejected": live.rejected * 65536.0,
        "Last Share Difficulty": 65536.0,
        "Last Valid Work": int(when),
        "Device Hardware%": 0.0,
        "Device Rejected%": 0.0,
        "Device Elapsed": live.uptime,
    }
    head = status("S", captures.MSG_DEVS[0], captures.MSG_DEVS[1].format(count=1), when)
    return with_body(head, "DEVS", [entry])


def devdetails(when: float) -> Reply:
    entry = {
        "DEVDETAILS": 0,
        "Name": "AVALON",
        "ID": 0,
        "Driver": "avalon",
        "Kernel": "",
        "Model": "",
        "Device Path": "",
    }
    return with_body(status("S", *captures.MSG_DEVDETAILS, when), "DEVDETAILS", [entry])


def pools(spec: AvalonSpec, state: AvalonState, live: Live, when: float) -> Reply:
    entries = []
    for number, pool in enumerate(state.pools):
        if not pool.url:
            continue
        active = number == state.active_pool
        accepted = live.accepted if active else 0
        entry: dict[str, Any] = {
            "POOL": number,
            "URL": pool.url,
            "Status": "Alive",
            "Priority": number,
            "Quota": 1,
            "Long Poll": "N",
            "Getworks": 27 if active else 2,
            "Accepted": accepted,
            "Rejected": live.rejected if active else 0,
            "Works": accepted * 69,
            "Discarded": 0,
            "Stale": 0,
            "Get Failures": 0,
            "Remote Failures": 0,
            "User": pool.user,
            "Last Share Time": int(when) - 10 if accepted else 0,
            "Diff1 Shares": accepted * 65536,
            "Proxy Type": "",
            "Proxy": "",
            "Difficulty Accepted": accepted * 65536.0,
            "Difficulty Rejected": 0.0,
            "Difficulty Stale": 0.0,
            "Last Share Difficulty": 65536.0 if accepted else 0.0,
            "Work Difficulty": 65536.0,
            "Has Stratum": True,
            "Stratum Active": active and live.hashing,
            "Stratum URL": pool.url.split("://")[-1].rsplit(":", 1)[0],
            "Stratum Difficulty": 65536.0 if active else 0.0,
            "Has Vmask": True,
            "Has GBT": False,
            "Best Share": live.best_share if active else 0,
            "Pool Rejected%": 0.0,
            "Pool Stale%": 0.0,
            "Bad Work": 0,
            "Current Block Height": 882588,
            "Current Block Version": 536870912,
        }
        if spec.layout is Layout.SUMMARY:  # the Q lists the pool password (asic-rs pools.json)
            entry["Password"] = pool.password
        entries.append(entry)
    msg = captures.MSG_POOLS[1].format(count=len(entries))
    return with_body(status("S", captures.MSG_POOLS[0], msg, when), "POOLS", entries)


def lcd(state: AvalonState, live: Live, when: float) -> Reply:
    pool = state.pools[state.active_pool]
    entry = {
        "Elapsed": live.uptime,
        "GHS av": live.ghs_avg,
        "GHS 5m": round(live.ghs_spd * 0.994, 2),
        "GHS 5s": live.ghs_spd,
        "Temperature": 0.0,
        "Last Share Difficulty": 65536.0,
        "Last Share Time": int(when) - 10 if live.accepted else 0,
        "Best Share": live.best_share,
        "Last Valid Work": int(when),
        "Found Blocks": 0,
        "Current Pool": pool.url,
        "User": pool.user,
    }
    return with_body(status("S", *captures.MSG_LCD, when), "LCD", [entry])


def _stats_head(spec: AvalonSpec, live: Live) -> dict[str, Any]:
    return {
        "STATS": 0,
        "ID": spec.stats_id,
        "Elapsed": live.uptime,
        "Calls": 0,
        "Wait": 0.0,
        "Max": 0.0,
        "Min": 99999999.0,
    }


def device_stats(spec: AvalonSpec, state: AvalonState, live: Live, dna: str) -> dict[str, Any]:
    entry = _stats_head(spec, live)
    match spec.layout, spec.key:
        case Layout.SUMMARY, _:
            entry["MM ID0:Summary"] = mm.avalon_q(spec, state, live, dna)
            entry["HBinfo"] = mm.hbinfo(spec, live)
            return entry
        case _, "avalon-nano3s":
            entry["MM ID0"] = mm.nano3s(spec, state, live, dna)
        case _, "avalon-mini3":
            entry["MM ID0"] = mm.mini3(spec, state, live, dna)
        case _:
            entry["MM ID0"] = mm.a_series(spec, state, live, dna)
            entry |= {"MM Count": 1, "Smart Speed": 1, "Voltage Level Offset": 0}
            entry["Nonce Mask"] = 25
            return entry
    entry |= {"MM Count": 1, "Nonce Mask": 25}
    return entry


def pool_stats(number: int, live: Live) -> dict[str, Any]:
    return {
        "STATS": number + 1,
        "ID": f"POOL{number}",
        "Elapsed": live.uptime,
        "Calls": 0,
        "Wait": 0.0,
        "Max": 0.0,
        "Min": 99999999.0,
        "Pool Calls": 0,
        "Pool Attempts": 0,
        "Work Diff": 65536.0,
        "Times Sent": 152,
        "Bytes Sent": 26720,
    }


def estats(
    spec: AvalonSpec, state: AvalonState, live: Live, dna: str, when: float, *, pools: bool
) -> Reply:
    """``estats`` (the device) or ``stats`` (the device, then one entry per pool)."""
    entries = [device_stats(spec, state, live, dna)]
    if pools:
        entries += [pool_stats(n, live) for n, p in enumerate(state.pools) if p.url]
    return with_body(status("S", *captures.MSG_STATS, when), "STATS", entries)


def litestats(spec: AvalonSpec, state: AvalonState, live: Live, dna: str, when: float) -> Reply:
    """The Q's ``MM ID0:Summary`` alone (asic-rs litestats.json); the others' estats body."""
    if spec.layout is Layout.SUMMARY:
        entry = {"MM ID0:Summary": mm.avalon_q(spec, state, live, dna)}
    else:
        full = device_stats(spec, state, live, dna)
        entry = {k: v for k, v in full.items() if k.startswith("MM") or k == "Nonce Mask"}
    return with_body(status("S", *captures.MSG_STATS, when), "STATS", [entry])
