"""The simulated fleet of the Home Assistant scenario, in its own process.

    python -m bench.ha_fleet --count 100 [--base 127.0.201]

A mixed fleet on BASE.1 … BASE.N, the models of ``MODELS`` in turn: stock S19 Pro and S9,
M50S on API V2, M60S on API V3 and an S9 on Hiveon (every Whatsminer with its write API
on; these five with a changed password, so that the entries poll without repair issues),
then Antminers on
Braiins OS (S9 on BOSminer, S19 on BOS+ GraphQL, S21 Pro on the REST API) and VNish (S19
Pro, S21+ Hydro), MARA (KS5 Pro, S19 XP) and ePIC (S19 XP) with the logins they ship with, which the
config flow takes on its own.
Prints one JSON line (``{"miners": [{host, model, title, mac, username, password}, …]}``,
``ssh_host_key`` too where the entry records one) once every miner listens, and stops on
SIGINT/SIGTERM. Separate from Home Assistant's process, so the simulators' work is not
measured.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from typing import Any, Final

from tests.simulator import Fleet, SimulatedMiner
from tests.simulator.families import make_miner

STOCK_MODELS: Final = (
    "antminer-s19pro",
    "antminer-s9",
    "whatsminer-m50s",
    "whatsminer-m60s",
    "hiveon-s9",  # Hiveon keeps the stock web login: changed like the stock ones'
)
# Title (as the config flow names the entry), username and password (the firmware's
# default, which the flow finds and stores: tests/integration/test_aftermarket_firmware.py).
AFTERMARKET: Final = {
    "braiins-s9-bosminer": ("Antminer S9", "root", ""),
    "braiins-s19-bosplus": ("Antminer S19", "root", ""),
    "braiins-s21-bos": ("Antminer S21 Pro", "root", ""),
    "vnish-s19pro": ("Antminer S19 Pro", "admin", "admin"),
    "vnish-s21plus-hydro": ("Antminer S21+ Hydro", "admin", "admin"),
    "mskminer-s19-88": ("Antminer S19-88", "admin", "root"),
    "marathon-ks5pro": ("Antminer KS5 Pro", "root", "root"),
    "marathon-s19xp": ("Antminer S19 XP", "root", "root"),
    "epic-s19xp": ("Antminer S19 XP", "root", "letmein"),
    "elphapex-dg1plus": ("Elphapex DG1+", "root", "root"),
    "hammer-d10": ("Hammer D10", "root", "root"),
    "volcminer-d1": ("VolcMiner D1", "root", "ltc@dog"),
    "auradine-at1500": ("Auradine AT1500", "admin", "admin"),
    "sealminer-a2": ("Bitdeer SealMiner A2", "seal", "seal"),
    "goldshell-sclite": ("Goldshell SC Lite", "admin", "123456789"),
    "iceriver-ks3m": ("IceRiver KS3M", "admin", "12345678"),
    "innosilicon-a9": ("Innosilicon A9", "admin", "admin"),
}
MODELS: Final = (*STOCK_MODELS, *AFTERMARKET)
PASSWORD = "s3cret"
DEFAULT_BASE = "127.0.201"


def make_fleet(count: int, base: str = DEFAULT_BASE) -> Fleet:
    return fleet_at([f"{base}.{n + 1}" for n in range(count)])


def fleet_at(hosts: list[str], models: tuple[str, ...] = MODELS) -> Fleet:
    """The mixed fleet on these addresses, ``models`` in turn."""
    return Fleet([miner_at(models[n % len(models)], host) for n, host in enumerate(hosts)])


def miner_at(model: str, host: str) -> Any:
    """One miner of the fleet: stock ones with the changed password (a Whatsminer's write
    API on), Braiins OS and VNish as they ship."""
    if model in AFTERMARKET:
        return make_miner(model, host)
    if not model.startswith("whatsminer-"):
        return make_miner(model, host, password=PASSWORD)
    sim = SimulatedMiner(model, host, password=PASSWORD, write_api=True)
    if sim.api_version >= 3:
        sim.state.v3_passwords["super"] = PASSWORD
    return sim


def describe(fleet: Fleet) -> list[dict[str, Any]]:
    """Each miner as its config entry holds it."""
    out = []
    for sim in fleet:
        if sim.model in AFTERMARKET:
            title, username, password = AFTERMARKET[sim.model]
        else:
            title, password = sim.model_name, PASSWORD
            if sim.model.startswith("whatsminer-"):
                username = "super" if sim.api_version >= 3 else "admin"
            else:
                username = "root"
        miner = {
            "host": sim.address,
            "model": sim.model,
            "title": title,
            "mac": sim.mac,
            "username": username,
            "password": password,
        }
        if ssh := getattr(sim, "ssh", None):  # BOSminer: the host key trusted on first use
            miner["ssh_host_key"] = ssh.host_key_text
        out.append(miner)
    return out


async def serve(count: int, base: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    fleet = make_fleet(count, base)
    async with fleet:
        print(json.dumps({"miners": describe(fleet)}), flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--base", default=DEFAULT_BASE, help="first three octets")
    args = parser.parse_args(argv)
    try:
        asyncio.run(serve(args.count, args.base))
    except OSError as err:
        print(f"ha_fleet: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
