"""Read replies of the Whatsminer API V2 on TCP 4028 (MH/s units).

`summary`, `pools`, `edevs`, `devs`, `devdetails` come from btminer in the CGMiner shape
(a STATUS list); the `get_*` commands and `status` come from the API daemon with the
Whatsminer shape (STATUS, Code, Msg at the top level).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .telemetry import WmSnapshot

if TYPE_CHECKING:
    from .miner import WhatsminerMiner

Reply = dict[str, Any]

NETMASK = "255.0.0.0"
GATEWAY = "127.0.0.1"
DNS = "127.0.0.53"
# CGMiner message codes btminer keeps
CODES = {"summary": (11, "Summary"), "pools": (7, "7 Pool(s)"), "devs": (9, "Device(s)")}


def top(miner: WhatsminerMiner, code: int, msg: Any, *, ok: bool = True) -> Reply:
    """The API daemon's own shape."""
    return {
        "STATUS": "S" if ok else "E",
        "When": int(miner.clock.time()),
        "Code": code,
        "Msg": msg,
        "Description": "",
    }


def invalid(miner: WhatsminerMiner) -> Reply:
    # Real firmware: {"STATUS":"E","When":…,"Code":14,"Msg":"invalid cmd",
    # "Description":"whatsminer v1.3"} (btccom/libbtctools#8, an API 1.3 miner).
    reply = top(miner, 14, "invalid cmd", ok=False)
    reply["Description"] = f"whatsminer v{miner.spec.api_ver}"
    return reply


def _cg(miner: WhatsminerMiner, code: int, msg: str, key: str, items: list[Reply]) -> Reply:
    status = {
        "STATUS": "S",
        "When": int(miner.clock.time()),
        "Code": code,
        "Msg": msg,
        "Description": "btminer",
    }
    return {"STATUS": [status], key: items, "id": 1}


def _fw(miner: WhatsminerMiner) -> str:
    return miner.spec.fw_ver + ("\n" if "newline" in miner.quirks else "")


def summary(miner: WhatsminerMiner, snap: WmSnapshot) -> Reply:
    spec, state = miner.spec, miner.state
    mh = snap.total_mh
    accepted = snap.elapsed // 12
    entry: Reply = {
        "Elapsed": snap.elapsed,
        "MHS av": mh,
        "MHS 5s": mh,
        "MHS 1m": mh,
        "MHS 5m": mh,
        "MHS 15m": mh,
        "HS RT": mh,
        "Accepted": accepted,
        "Rejected": accepted // 400,
        "Total MH": round(mh * snap.elapsed, 1),
        "Temperature": max((b.temp for b in snap.boards), default=0.0),
        "freq_avg": spec.frequency if snap.hashing else 0,
        "Fan Speed In": snap.fan_in,
        "Fan Speed Out": snap.fan_out,
        "Power": snap.power,
        "Power Rate": round(snap.power / (mh / 1_000_000), 2) if mh else 0,
        "Pool Rejected%": 0.25 if accepted else 0,
        "Pool Stale%": 0,
        "Uptime": snap.uptime,
        "Hash Stable": snap.hashing,
        "Hash Stable Cost Seconds": 1200,
        "Hash Deviation%": 0.05,
        "Target Freq": spec.frequency,
        "Target MHS": snap.target_mh,
        "Env Temp": snap.env_temp,
        "Power Mode": state.power_mode.capitalize(),
        "Factory Error Code Count": 0,
        "Factory GHS": int(spec.nominal_ths * 1000),
        "Power Limit": snap.power_limit,
        "Chip Temp Min": min((b.chip_temp_min for b in snap.boards), default=0.0),
        "Chip Temp Max": max((b.chip_temp_max for b in snap.boards), default=0.0),
        "Chip Temp Avg": round(sum(b.chip_temp_avg for b in snap.boards) / len(snap.boards), 2),
        "Debug": "-0.0_100.0_355",
        "Btminer Fast Boot": "enable" if state.fast_boot else "disable",
        "Upfreq Complete": 1 if snap.hashing else 0,
        "Liquid Cooling": spec.hydro,
        "Power Fanspeed": snap.psu_fan,
        "Error Code Count": len(state.error_codes),
        **{f"Error Code {i}": int(c) for i, c in enumerate(state.error_codes)},
        "Firmware Version": f"'{spec.fw_ver}'",
        "MAC": miner.mac,
    }
    if spec.api_version >= 3:  # what the reduced V2 API of V3 firmware still fills in
        keep = ("Elapsed", "MHS av", "MHS 5s", "MHS 1m", "MHS 5m", "MHS 15m", "Accepted")
        keep += ("Rejected", "Uptime", "Power Fanspeed", "Firmware Version", "MAC")
        entry = {k: entry[k] for k in keep}
    code, msg = CODES["summary"]
    return _cg(miner, code, msg, "SUMMARY", [entry])


def pools(miner: WhatsminerMiner, snap: WmSnapshot) -> Reply:
    items = []
    configured = [p for p in miner.state.pools if p["url"]]
    for i, pool in enumerate(configured):
        active = i == 0 and snap.hashing
        accepted = snap.elapsed // 12 if i == 0 else 0
        host = pool["url"].split("://", 1)[-1]
        items.append(
            {
                "POOL": i + 1,
                "URL": pool["url"],
                "Status": "Alive",
                "Priority": i,
                "Quota": 1,
                "Long Poll": "N",
                "Getworks": accepted // 2,
                "Accepted": accepted,
                "Rejected": accepted // 400,
                "Works": accepted * 64,
                "Discarded": 0,
                "Stale": 0,
                "Get Failures": 0,
                "Remote Failures": 0,
                "User": pool["user"],
                "Last Share Time": int(miner.clock.time()) - 7 if accepted else 0,
                "Diff1 Shares": 0,
                "Proxy Type": "",
                "Proxy": "",
                "Difficulty Accepted": float(accepted * 65536),
                "Difficulty Rejected": float(accepted // 400 * 65536),
                "Difficulty Stale": 0.0,
                "Last Share Difficulty": 65536.0 if accepted else 0.0,
                "Work Difficulty": 65536.0,
                "Has Stratum": 1,
                "Stratum Active": active,
                "Stratum URL": host.split(":")[0] if active else "",
                "Stratum Difficulty": 65536.0,
                "Best Share": accepted * 91234,
                "Pool Rejected%": 0.25 if accepted else 0.0,
                "Pool Stale%": 0.0,
                "Bad Work": 0,
                "Current Block Height": 871234,
                "Current Block Version": 536870912,
            }
        )
    return _cg(miner, 7, f"{len(items)} Pool(s)", "POOLS", items)


def devs(miner: WhatsminerMiner, snap: WmSnapshot) -> Reply:
    items = []
    temp0 = "temp0-missing-comma" in miner.quirks
    for b in snap.boards:
        accepted = snap.elapsed // 36
        entry: Reply = {
            "ASC": b.index,
            "Name": "SM",
            "ID": b.index,
            "Slot": b.index,
            "Enabled": "Y",
            "Status": "Alive",
            "Temperature": b.temp,
            "Chip Frequency": b.frequency,
            "Fan Speed In": snap.fan_in,
            "Fan Speed Out": snap.fan_out,
            "MHS av": b.rate_mh,
            "MHS 5s": b.rate_mh,
            "MHS 1m": b.rate_mh,
            "MHS 5m": b.rate_mh,
            "MHS 15m": b.rate_mh,
            "Accepted": accepted,
            "Rejected": 0,
            "Hardware Errors": 0,
            "Last Share Pool": 0,
            "Total MH": round(b.rate_mh * snap.elapsed, 1),
            "Device Hardware%": 0.0,
            "Device Rejected%": 0.0,
            "Device Elapsed": snap.elapsed,
            "Upfreq Complete": 1 if snap.hashing else 0,
            "Effective Chips": b.chips,
            "PCB SN": b.serial,
        }
        if temp0:
            entry["temp0"] = b.temp
        entry |= {
            "Chip Temp Min": b.chip_temp_min,
            "Chip Temp Max": b.chip_temp_max,
            "Chip Temp Avg": b.chip_temp_avg,
            "chip_vol_diff": 6,
        }
        items.append(entry)
    return _cg(miner, 9, f"{len(items)} ASC(s)", "DEVS", items)


def devdetails(miner: WhatsminerMiner) -> Reply:
    items = [
        {
            "DEVDETAILS": i,
            "Name": "SM",
            "ID": i,
            "Driver": "bitmicro",
            "Kernel": "",
            "Model": miner.spec.model_code,
        }
        for i in range(miner.spec.boards)
    ]
    return _cg(miner, 69, "Device Details", "DEVDETAILS", items)


def get_version(miner: WhatsminerMiner) -> Reply:
    spec = miner.spec
    msg = {"api_ver": spec.api_ver, "fw_ver": _fw(miner), "platform": spec.platform}
    msg["chip"] = spec.chip
    return top(miner, 131, msg)


def get_psu(miner: WhatsminerMiner, snap: WmSnapshot) -> Reply:
    spec = miner.spec
    msg = {
        "name": "PSU",
        "hw_version": "V01.00",
        "sw_version": "V01.00.V01.03",
        "model": spec.psu_model + ("\n" if "newline" in miner.quirks else ""),
        "iin": str(round(snap.power / 230 * 1000)),
        "vin": "23100",
        "pin": str(snap.power),
        "fan_speed": str(snap.psu_fan),
        "version": "1",
        "serial_no": miner.serial_number[-12:],
        "vender": "1",
    }
    return top(miner, 131, msg)


def status(miner: WhatsminerMiner) -> Reply:
    state = miner.state
    msg = {
        "btmineroff": "false" if state.mining else "true",
        "Firmware Version": f"'{miner.spec.fw_ver}'",
        "power_mode": state.power_mode.capitalize(),
        "power_limit_set": str(state.power_limit),
        "hash_percent": str(state.power_pct),
    }
    return top(miner, 131, msg)


def get_miner_info(miner: WhatsminerMiner, request: Reply) -> Reply:
    state = miner.state
    msg = {
        "ip": miner.address,
        "proto": state.net.get("proto", "dhcp"),
        "netmask": NETMASK,
        "gateway": GATEWAY,
        "dns": DNS,
        "hostname": state.hostname,
        "mac": miner.mac,
        "ledstat": "auto" if not state.fault_light else "manual",
        "minersn": miner.serial_number,
    }
    wanted = request.get("info")
    if isinstance(wanted, str) and wanted.strip():
        names = [n.strip() for n in wanted.split(",")]
        msg = {k: v for k, v in msg.items() if k in names}
    return top(miner, 131, msg)


def get_error_code(miner: WhatsminerMiner) -> Reply:
    codes = [{code: when} for code, when in miner.state.error_codes.items()]
    return top(miner, 131, {"error_code": codes})
