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
        description="Simulated stock Antminers (RPC on 4028, web on 80) and Whatsminers "
        "(API V2 on 4028, V3 on 4433, web on 80/443) on loopback addresses.",
    )
    parser.add_argument("--miners", help="MODEL@ADDRESS[,MODEL@ADDRESS...]")
    parser.add_argument("--list-models", action="store_true", help="print the model names")
    parser.add_argument("--list-quirks", action="store_true", help="print the reply quirks")
    parser.add_argument("--password", default="root", help="Antminer web password (default root)")
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
        "--quirks",
        help="comma-separated reply quirks for every miner; 'none' for clean replies "
        "(default: what each model's real firmware does)",
    )
    parser.add_argument("--jitter", action="store_true", help="small random hashrate variation")
    parser.add_argument("--reboot-seconds", type=float, default=3.0)
    parser.add_argument("--rpc-port", type=int, default=4028)
    parser.add_argument("--http-port", type=int, default=80)
    parser.add_argument("--https-port", type=int, default=443, help="Whatsminer LuCI (TLS)")
    parser.add_argument("--v3-port", type=int, default=4433, help="Whatsminer API V3")
    return parser


def _quirks(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if value.strip().lower() in ("", "none"):
        return ()
    return tuple(q.strip() for q in value.split(",") if q.strip())


def _family_options(model: str, password: str, whatsminer: dict[str, object]) -> dict[str, object]:
    """--password is the Antminer web login; the Whatsminer options go to Whatsminers;
    the other families keep the logins their firmware ships with."""
    if model.startswith("whatsminer-"):
        return whatsminer
    if model.startswith("antminer-"):
        return {"password": password}
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
            "rpc_port": args.rpc_port,
            "http_port": args.http_port,
        }
        whatsminer = {
            "password": args.wm_password,
            "write_api": args.write_api,
            "https_port": args.https_port,
            "v3_port": args.v3_port,
        }
        fleet = Fleet(
            [
                make_miner(
                    model,
                    address,
                    **common,
                    **_family_options(model, args.password, whatsminer),
                )
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
