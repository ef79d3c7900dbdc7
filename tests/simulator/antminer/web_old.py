"""CGI endpoints of the old (S9-era) stock web interface: form-encoded POST bodies."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aiohttp import web

from .state import pad_pools
from .web_common import NETMASK, home_page, json_response, network_info, read_form

if TYPE_CHECKING:
    from .miner import SimulatedMiner


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
                "curtime": "00:00:00",
                "uptime": str(miner.state.uptime),
                "loadaverage": "0.10, 0.12, 0.09",
                "mem_total": "1023856",
                "mem_used": "201612",
                "mem_free": "822244",
                "mem_buffers": "0",
                "mem_cached": "0",
                "system_mode": "GNU/Linux",
                "ant_hwv": "17.0.1.3",
                "system_kernel_version": "Linux 3.14.0-xilinx-ge8a2f71-dirty #82 SMP PREEMPT",
                "system_filesystem_version": spec.compile_time,
                "bmminer_version": "2.0.0",
            }
        )

    async def net_info(_: web.Request) -> web.Response:
        return json_response(network_info(miner))

    async def miner_conf(_: web.Request) -> web.Response:
        # The S9 firmware writes its cgminer.conf out as is: multi-line JSON.
        log("get_miner_conf.cgi", write=False)
        conf = {
            "pools": [dict(p) for p in miner.state.pools],
            "api-listen": True,
            "api-network": True,
            "api-groups": "A:stats:pools:devs:summary:version",
            "api-allow": "A:0/0,W:*",
            "bitmain-use-vil": True,
            "bitmain-freq": str(spec.frequency),
            "bitmain-voltage": "0706",
            "multi-version": "1",
        }
        return web.Response(text=json.dumps(conf, indent=0), content_type="application/json")

    async def set_miner_conf(request: web.Request) -> web.Response:
        form = await read_form(request)
        log("set_miner_conf.cgi")
        if any(key.startswith("_ant_pool") for key in form):
            miner.state.pools = pad_pools(
                [
                    {
                        "url": form.get(f"_ant_pool{i}url", ""),
                        "user": form.get(f"_ant_pool{i}user", ""),
                        "pass": form.get(f"_ant_pool{i}pw", ""),
                    }
                    for i in (1, 2, 3)
                ]
            )
        return web.Response(text="ok", content_type="text/html")

    async def blink(request: web.Request) -> web.Response:
        action = (await read_form(request)).get("action", "")
        if action != "onPageLoaded":
            log("blink.cgi")
        if action == "startBlink":
            miner.state.fault_light = True
        elif action == "stopBlink":
            miner.state.fault_light = False
        return json_response({"isBlinking": miner.state.fault_light})

    # The RPC replies as the old web UI reads them, in JSON (SUMMARY[0]["GHS 5s"],
    # STATS[1], POOLS[] with POOL/URL/User/Priority/Status): pyasic/web/antminer.py
    # (AntminerOldWebAPI: miner_summary, miner_stats, miner_pools) and the Antminer reader
    # of tarmolehtpuu/miner-exporter (miner/antminer/Antminer.java) parse them so.
    # They are what bmminer answers on 4028 (a firmware variant's own replies included).
    async def miner_summary(_: web.Request) -> web.Response:
        return json_response(miner.rpc_reply("summary"))

    async def miner_stats(_: web.Request) -> web.Response:
        return json_response(miner.rpc_reply("stats"))

    async def miner_pools(_: web.Request) -> web.Response:
        return json_response(miner.rpc_reply("pools"))

    async def reboot(_: web.Request) -> web.Response:
        log("reboot.cgi")
        miner.schedule_reboot()
        return web.Response(text="", content_type="text/html")

    return [
        web.get("/", index),
        web.get("/cgi-bin/get_system_info.cgi", system_info),
        web.get("/cgi-bin/get_network_info.cgi", net_info),
        web.get("/cgi-bin/get_miner_conf.cgi", miner_conf),
        web.post("/cgi-bin/set_miner_conf.cgi", set_miner_conf),
        web.post("/cgi-bin/blink.cgi", blink),
        web.get("/cgi-bin/miner_summary.cgi", miner_summary),
        web.get("/cgi-bin/miner_stats.cgi", miner_stats),
        web.get("/cgi-bin/miner_pools.cgi", miner_pools),
        web.get("/cgi-bin/reboot.cgi", reboot),
        web.post("/cgi-bin/reboot.cgi", reboot),
    ]
