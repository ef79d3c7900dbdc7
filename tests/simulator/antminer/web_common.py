"""Pieces shared by both web generations: identity pages and body parsing."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from aiohttp import web

if TYPE_CHECKING:
    from .miner import SimulatedMiner

NETMASK = "255.0.0.0"


def json_response(data: Any) -> web.Response:
    return web.Response(text=json.dumps(data), content_type="application/json")


async def read_json(request: web.Request) -> dict[str, Any] | None:
    try:
        value = json.loads(await request.text() or "null")
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


async def read_form(request: web.Request) -> dict[str, str]:
    fields = parse_qs(await request.text(), keep_blank_values=True)
    return {key: values[-1] for key, values in fields.items()}


async def read_any(request: web.Request) -> dict[str, Any]:
    """JSON body if it is one, else form fields (the modern CGI accepts both)."""
    data = await read_json(request)
    return data if data is not None else await read_form(request)


def network_info(miner: SimulatedMiner) -> dict[str, str]:
    return {
        "nettype": "DHCP",
        "netdevice": "eth0",
        "macaddr": miner.mac,
        "ipaddress": miner.address,
        "netmask": NETMASK,
        "conf_nettype": "DHCP",
        "conf_hostname": miner.state.hostname,
        "conf_ipaddress": "",
        "conf_netmask": "",
        "conf_gateway": "",
        "conf_dnsservers": "",
    }


def home_page(miner: SimulatedMiner) -> web.Response:
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{miner.model_name}</title></head>"
        "<body><div id='app'>Antminer</div></body></html>"
    )
    return web.Response(text=html, content_type="text/html")
