"""CGI endpoints of the modern (X19/S21) stock web interface: JSON in, JSON out."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import rpc_replies, rpc_stats
from .state import WORK_LOW, WORK_NORMAL, WORK_SLEEP, pad_pools
from .web_common import NETMASK, home_page, json_response, network_info, read_any, read_json

if TYPE_CHECKING:
    from .miner import SimulatedMiner

STATUS_TYPES = ("rate", "network", "fans", "temp")


# summary.cgi, stats.cgi and pools.cgi: the shape of an S19Pro+ stats.cgi reply (firmware of
# 2023-03-11) quoted in LucasSMPL/t0rch lib/types.ts (commit e79101d), and of a KS5 Pro's
# summary/stats/pools recorded in a public "Stock Bitmain Firmware API Documentation" (same
# STATUS/INFO blocks and the same rate_unit in summary and stats). pools.cgi's fields are
# those Bitmain's own status page builds (bitmaintech/Antminer_firmware
# sources/meta-antminer/recipes-bitmianer/lighttpd/lighttpd-1.0/www/cgi-bin/get_miner_status.cgi)
# and pyasic's Elphapex fixture (tests/miners_tests/backends_tests/elphapex_tests/
# version_1_0_2.py, "web_pools") shows: index, url, user, status, priority, share counters.
WEB_RATE_UNIT = "GH/s"


def _info(miner: SimulatedMiner, msg: str) -> dict[str, Any]:
    return {
        "STATUS": {"STATUS": "S", "when": int(time.time()), "Msg": msg, "api_version": "1.0.0"},
        "INFO": {
            "miner_version": miner.spec.miner_version,
            "CompileTime": miner.spec.compile_time,
            "type": miner.model_name,
        },
    }


def routes(miner: SimulatedMiner) -> list[web.RouteDef]:
    spec = miner.spec

    def log(name: str, *, write: bool = True) -> None:
        miner.state.requests.record(name, write=write, held=miner.faults.delay("http"))

    async def index(_: web.Request) -> web.Response:
        return home_page(miner)

    async def system_info(_: web.Request) -> web.Response:
        return json_response(
            {
                "minertype": miner.model_name,
                "nettype": "DHCP",
                "netdevice": "eth0",
                "macaddr": miner.mac,
                "hostname": miner.state.hostname,
                "ipaddress": miner.address,
                "netmask": NETMASK,
                "gateway": "",
                "dnsservers": "",
                "system_mode": "GNU/Linux",
                "system_kernel_version": "Linux 4.9.38 #1 SMP PREEMPT " + spec.compile_time,
                "system_filesystem_version": spec.compile_time,
                "firmware_type": "Release",
                "Algorithm": "sha256d",
                "serinum": miner.serial_number,
            }
        )

    async def net_info(_: web.Request) -> web.Response:
        return json_response(network_info(miner))

    async def summary(_: web.Request) -> web.Response:
        snap = miner.snapshot()
        errors = miner.state.errors
        status = [
            {
                "type": kind,
                "status": "e" if kind in errors else "s",
                "code": 1 if kind in errors else 0,
                "msg": errors.get(kind, ""),
            }
            for kind in STATUS_TYPES
        ]
        entry = {
            "elapsed": snap.elapsed,
            "rate_5s": snap.total_gh,
            "rate_30m": snap.total_gh,
            "rate_avg": snap.total_gh,
            "rate_ideal": snap.ideal_gh,
            "rate_unit": WEB_RATE_UNIT,
            "hw_all": 0,
            "bestshare": 0,
            "status": status,
        }
        return json_response({**_info(miner, "summary"), "SUMMARY": [entry]})

    async def stats(_: web.Request) -> web.Response:
        snap = miner.snapshot()
        body = rpc_stats.new_api_stats(spec, miner.state, snap)
        body["rate_unit"] = WEB_RATE_UNIT
        if "stats-without-mode" in miner.quirks:
            del body["miner-mode"], body["freq-level"]
        for chain in body["chain"]:
            chain["asic"] = rpc_stats.chip_states(chain["asic_num"], 3)
        return json_response({**_info(miner, "stats"), "STATS": [body]})

    async def pools(_: web.Request) -> web.Response:
        reply = rpc_replies.pools(spec, miner.state, miner.snapshot())
        entries = [
            {
                "index": pool["POOL"],
                "url": pool["URL"],
                "user": pool["User"],
                "status": pool["Status"],
                "priority": pool["Priority"],
                "getworks": pool["Getworks"],
                "accepted": pool["Accepted"],
                "rejected": pool["Rejected"],
                "discarded": pool["Discarded"],
                "stale": pool["Stale"],
                "diff": pool["Diff"],
                "diff1": pool["Diff1 Shares"],
                "diffa": pool["Difficulty Accepted"],
                "diffr": pool["Difficulty Rejected"],
                "diffs": pool["Difficulty Stale"],
                "lsdiff": pool["Last Share Difficulty"],
                "lstime": pool["Last Share Time"],
            }
            for pool in reply["POOLS"]
        ]
        return json_response({**_info(miner, "pools"), "POOLS": entries})

    async def blink_status(_: web.Request) -> web.Response:
        return json_response({"blink": miner.state.fault_light})

    async def blink(request: web.Request) -> web.Response:
        data = await read_any(request)
        on = str(data.get("blink", "")).lower() == "true"
        log("blink.cgi")
        miner.state.fault_light = on
        return json_response({"code": "B000" if on else "B100"})

    async def miner_conf(_: web.Request) -> web.Response:
        log("get_miner_conf.cgi", write=False)
        state = miner.state
        return json_response(
            {
                "pools": [dict(p) for p in state.pools],
                "api-listen": True,
                "api-network": True,
                "api-groups": "A:stats:pools:devs:summary:version",
                "api-allow": "A:0/0,W:*",
                "bitmain-fan-ctrl": state.fan_ctrl,
                "bitmain-fan-pwm": str(state.fan_pwm),
                "bitmain-use-vil": True,
                "bitmain-freq": str(spec.frequency),
                "bitmain-voltage": "1360",
                "bitmain-ccdelay": "0",
                "bitmain-pwth": "0",
                "bitmain-work-mode": str(state.work_mode),
                "bitmain-freq-level": str(state.freq_level),
            }
        )

    async def set_miner_conf(request: web.Request) -> web.Response:
        data = await read_json(request)
        log("set_miner_conf.cgi")
        if data is None:
            return json_response({"stats": "error", "code": "M001", "msg": "Invalid data!"})
        state = miner.state
        if isinstance(data.get("pools"), list):
            state.pools = pad_pools([p for p in data["pools"] if isinstance(p, dict)])
        mode = str(data.get("miner-mode", data.get("bitmain-work-mode", ""))).strip()
        if mode.isdigit() and int(mode) in (WORK_NORMAL, WORK_SLEEP, WORK_LOW):
            state.work_mode = int(mode)
        if "bitmain-fan-ctrl" in data:
            state.fan_ctrl = bool(data["bitmain-fan-ctrl"])
        pwm = str(data.get("bitmain-fan-pwm", "")).strip()
        if pwm.isdigit():
            state.fan_pwm = int(pwm)
        level = str(data.get("freq-level", "")).strip()
        if level.isdigit():
            state.freq_level = int(level)
        return json_response({"stats": "success", "code": "M000", "msg": "OK!"})

    async def reboot(_: web.Request) -> web.Response:
        log("reboot.cgi")
        miner.schedule_reboot()
        return web.Response(text="", content_type="text/html")

    return [
        web.get("/", index),
        web.get("/cgi-bin/get_system_info.cgi", system_info),
        web.get("/cgi-bin/get_network_info.cgi", net_info),
        web.get("/cgi-bin/summary.cgi", summary),
        web.get("/cgi-bin/stats.cgi", stats),
        web.get("/cgi-bin/pools.cgi", pools),
        web.get("/cgi-bin/get_blink_status.cgi", blink_status),
        web.post("/cgi-bin/blink.cgi", blink),
        web.get("/cgi-bin/get_miner_conf.cgi", miner_conf),
        web.post("/cgi-bin/set_miner_conf.cgi", set_miner_conf),
        web.get("/cgi-bin/reboot.cgi", reboot),
        web.post("/cgi-bin/reboot.cgi", reboot),
    ]
