"""CLI: python -m tests.simulator --miners MODEL@ADDRESS[,MODEL@ADDRESS...]"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from .families import all_models, make_miner
from .fleet import Fleet, parse_spec
from .quirks import QUIRKS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tests.simulator",
        description="Simulated miners on loopback addresses: stock Antminers (RPC on 4028, "
        "web on 80), Whatsminers (API V2 on 4028, V3 on 4433, web on 80/443), Avalons, "
        "ESP-Miners, Braiins OS (BOSminer: RPC 4028, LuCI 80, SSH 22; BOS+ GraphQL and BOS "
        "REST on 80), VNish (web on 80, RPC on 4028), Hiveon Antminers (as stock) and "
        "MSKMiner. Each family has its own login option; the others keep the logins their "
        "firmware ships with.",
    )
    parser.add_argument("--miners", help="MODEL@ADDRESS[,MODEL@ADDRESS...]")
    parser.add_argument("--list-models", action="store_true", help="print the model names")
    parser.add_argument("--list-quirks", action="store_true", help="print the reply quirks")
    parser.add_argument(
        "--password",
        default="root",
        help="Antminer, Hiveon and MSKMiner web password (default root)",
    )
    parser.add_argument(
        "--wm-password",
        default="admin",
        help="Whatsminer V2 admin password (default admin, as shipped: writes refused "
        "until it is changed)",
    )
    parser.add_argument(
        "--write-api", action="store_true", help="Whatsminer: API switch on (off as shipped)"
    )
    parser.add_argument(
        "--braiins-password",
        default="",
        help="Braiins OS root password: SSH and LuCI (BOSminer), GraphQL (BOS+) and REST "
        "login (default empty, as shipped)",
    )
    parser.add_argument(
        "--vnish-password", default="admin", help="VNish unlock password (default admin)"
    )
    parser.add_argument(
        "--epic-password",
        default="letmein",
        help="ePIC PowerPlay password the POST bodies carry (default letmein)",
    )
    parser.add_argument(
        "--mara-password", default="root", help="MARA firmware web password (default root)"
    )
    parser.add_argument(
        "--auradine-password", default="admin", help="Auradine web password (default admin)"
    )
    parser.add_argument(
        "--seal-password", default="seal", help="SealMiner web password (default seal)"
    )
    parser.add_argument(
        "--goldshell-password",
        default="123456789",
        help="Goldshell web password of admin (default 123456789)",
    )
    parser.add_argument(
        "--iceriver-password",
        default="12345678",
        help="IceRiver panel password of admin (default 12345678)",
    )
    parser.add_argument(
        "--innosilicon-password",
        default="admin",
        help="Innosilicon web password of admin (default admin)",
    )
    parser.add_argument(
        "--quirks",
        help="comma-separated reply quirks for every miner; 'none' for clean replies "
        "(default: what each model's real firmware does)",
    )
    parser.add_argument("--jitter", action="store_true", help="small random hashrate variation")
    parser.add_argument("--reboot-seconds", type=float, default=3.0)
    # Unset: each family's own RPC port (4028; a Hammer's 8359).
    parser.add_argument("--rpc-port", type=int, default=None)
    parser.add_argument("--http-port", type=int, default=80)
    parser.add_argument("--https-port", type=int, default=443, help="Whatsminer LuCI (TLS)")
    parser.add_argument("--v3-port", type=int, default=4433, help="Whatsminer API V3")
    parser.add_argument("--ssh-port", type=int, default=22, help="BOSminer SSH")
    return parser


def _quirks(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if value.strip().lower() in ("", "none"):
        return ()
    return tuple(q.strip() for q in value.split(",") if q.strip())


def _family_options(model: str, args: argparse.Namespace) -> dict[str, object]:
    """Each family's own login option (and ports of its own); the families without one
    (Avalon, ESP-Miner) keep the logins their firmware ships with."""
    if model.startswith("whatsminer-"):
        return {
            "password": args.wm_password,
            "write_api": args.write_api,
            "https_port": args.https_port,
            "v3_port": args.v3_port,
        }
    if model.startswith(("antminer-", "hiveon-", "mskminer-", "elphapex-", "hammer-")):
        return {"password": args.password}
    if model.startswith("braiins-"):
        # BOSminer's LuCI listener is its web_port.
        return {
            "password": args.braiins_password,
            "web_port": args.http_port,
            "ssh_port": args.ssh_port,
        }
    if model.startswith("vnish-"):
        return {"password": args.vnish_password}
    if model.startswith("epic-"):
        return {"password": args.epic_password}
    if model.startswith("marathon-"):
        return {"password": args.mara_password}
    if model.startswith("auradine-"):
        return {"password": args.auradine_password}
    if model.startswith("sealminer-"):
        return {"password": args.seal_password}
    if model.startswith("goldshell-"):
        return {"password": args.goldshell_password}
    if model.startswith("iceriver-"):
        return {"password": args.iceriver_password}
    if model.startswith("innosilicon-"):
        return {"password": args.innosilicon_password}
    return {}


async def _serve(fleet: Fleet) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with fleet:
        print("ready", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.list_models:
        print("\n".join(all_models()))
        return 0
    if args.list_quirks:
        print("\n".join(f"{name}\t{text}" for name, text in QUIRKS.items()))
        return 0
    if not args.miners:
        parser.error("--miners is required")
    try:
        common = {
            "quirks": _quirks(args.quirks),
            "jitter": args.jitter,
            "reboot_seconds": args.reboot_seconds,
            "http_port": args.http_port,
        }
        if args.rpc_port is not None:
            common["rpc_port"] = args.rpc_port
        fleet = Fleet(
            [
                make_miner(model, address, **common, **_family_options(model, args))
                for model, address in parse_spec(args.miners)
            ]
        )
    except ValueError as err:
        parser.error(str(err))
    try:
        asyncio.run(_serve(fleet))
    except OSError as err:
        print(f"simulator: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
