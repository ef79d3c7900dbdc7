"""Real replies of Innosilicon's innominer a9-1.1.0 (an A9 ZMaster), as recorded.

Source: foreman-apps (delawr0190/foreman-apps)
foreman-innosilicon/src/test/java/mn/foreman/innosilicon/InnosiliconStatsITest.java, the
"Innosilicon A9 (new)" case: its ``summary``, ``stats`` and ``pools`` replies. Kept as
recorded, except that each chain's 48 per-chip fields ("00 HW errors" … "11 PLL") are
rebuilt from the recorded values of chip 00 (they are not read by anyone here) and the
pool entries' statistics after the first are left out (STATS 3-5). The STATUS of every
answer carries the Description "innominer a9-1.1.0".
"""

from __future__ import annotations

from typing import Any, Final

DESCRIPTION: Final = "innominer a9-1.1.0"
WHEN: Final = 1593966947

SUMMARY: Final[dict[str, Any]] = {
    "Elapsed": 48768, "MHS av": 51274.60, "MHS 5s": 51451.63, "MHS 1m": 51451.63,
    "MHS 5m": 51451.63, "MHS 15m": 51451.63, "Found Blocks": 0, "Getworks": 3131,
    "Accepted": 5128, "Rejected": 26, "Hardware Errors": 806, "Utility": 6.31,
    "Discarded": 3437209, "Stale": 0, "Get Failures": 1, "Local Work": 3854000,
    "Remote Failures": 0, "Network Blocks": 1169, "Total MH": 2500575892.0000,
    "Work Utility": 415483.33, "Difficulty Accepted": 15.84, "Difficulty Rejected": 15.84,
    "Difficulty Stale": 15.84, "Best Share": 15.84, "Device Hardware%": 1584.0,
    "Device Rejected%": 1584.0, "Pool Rejected%": 1584.0, "Pool Stale%": 1584.0,
    "Last getwork": 1593966937,
}  # fmt: skip


def _chain(
    chain: int,
    cores: int,
    temps: tuple[float, float, float],
    volts: tuple[int, int, int],
    mhs: float,
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "STATS": chain, "ID": f"HLT{chain}", "Elapsed": 48768, "Chain ID": chain,
        "Num chips": 12, "Num cores": cores, "Num active chips": 12,
        "Temp max": temps[0], "Temp min": temps[1], "Temp": temps[2], "Fan duty": 35,
        "iVid": 165, "PLL": 358, "Voltage Max": volts[0], "Voltage Min": volts[1],
        "Voltage Avg": volts[2], "Chain num": chain, "MHS av": mhs, "Enabled chips": "fff",
    }  # fmt: skip
    for chip in range(12):
        entry |= {
            f"{chip:02d} HW errors": 10, f"{chip:02d} Stales": 0,
            f"{chip:02d} Nonces found": 155, f"{chip:02d} Nonce ranges": 0,
            f"{chip:02d} Fail count": 0, f"{chip:02d} cores": 32, f"{chip:02d} Temp": 0,
            f"{chip:02d} nVol": 865, f"{chip:02d} PLL": 0,
        }  # fmt: skip
    return entry


CHAINS: Final[tuple[dict[str, Any], ...]] = (
    _chain(0, 384, (71.0, 57.0, 62.0), (868, 859, 863), 995328.0),
    _chain(1, 379, (72.0, 61.0, 64.0), (872, 860, 864), 982368.0),
    _chain(2, 384, (67.0, 56.0, 60.0), (873, 862, 867), 995328.0),
)
POOL_STATS: Final[dict[str, Any]] = {
    "STATS": 3, "ID": "POOL0", "Elapsed": 48768, "Pool Calls": 0, "Pool Attempts": 0,
    "Pool Wait": 0.0, "Pool Max": 0.0, "Pool Min": 99999999.0, "Pool Av": 0.0,
    "Work Had Roll Time": False, "Work Can Roll": False, "Work Had Expire": False,
    "Work Roll Time": 0, "Work Diff": 573494.0, "Min Diff": 81920.0, "Max Diff": 573494.0,
    "Min Diff Count": 159, "Max Diff Count": 3244375, "Times Sent": 5156,
    "Bytes Sent": 14654268, "Times Recv": 9030, "Bytes Recv": 1200893,
    "Net Bytes Sent": 14654268, "Net Bytes Recv": 1200893,
}  # fmt: skip


def _pool(number: int, url: str, active: bool, counts: tuple[int, int, int, int]) -> dict[str, Any]:
    """counts: Getworks, Accepted, Rejected, Get Failures."""
    return {
        "POOL": number, "URL": url, "User": "xxx", "Status": "Alive", "Priority": number,
        "Quota": 1, "Long Poll": "N", "Getworks": counts[0], "Accepted": counts[1],
        "Rejected": counts[2], "Works": 413652 if active else 0,
        "Discarded": 3437209 if active else 0, "Stale": 0, "Get Failures": counts[3],
        "Remote Failures": 0, "Last Share Time": 1593966945 if active else 0,
        "Proxy Type": "", "Proxy": "", "Difficulty Accepted": 2487729810.0 if active else 0.0,
        "Difficulty Rejected": 12551116.0 if active else 0.0, "Difficulty Stale": 0.0,
        "Last Share Difficulty": 573494.0 if active else 0.0, "Has Stratum": True,
        "Stratum Active": active,
        "Stratum URL": "americas.equihash.mining-dutch.nl" if active else "",
        "Has GBT": False, "Pool Rejected%": 0.5020 if active else 0.0, "Pool Stale%": 0.0,
    }  # fmt: skip


POOLS: Final[tuple[dict[str, Any], ...]] = (
    _pool(0, "stratum+tcp://americas.equihash.mining-dutch.nl:6663", True, (3128, 5128, 26, 0)),
    _pool(1, "stratum+tcp://solo-zen.2miners.com:7070", False, (2, 0, 0, 1)),
    _pool(2, "stratum+tcp://us1.zhash.pro:8059", False, (1, 0, 0, 0)),
)


# ``POST /api/overview`` of a T2 on Innosilicon's firmware (platform t2_20180523), from
# foreman-apps foreman-innosilicon/src/test/java/mn/foreman/innosilicon/
# InnosiliconT2DetectITest.java, as recorded but for the MAC (each simulated miner has its
# own): the only public overview. The A9 answers in its shape (pyasic and foreman read
# ``version.ethaddr`` there).
OVERVIEW: Final[dict[str, Any]] = {
    "success": True,
    "type": "T2",
    "hardware": {
        "status": "06:32:15 up 11 days, 22:58, load average: 0.00, 0.05, 0.07",
        "memUsed": 124468, "memFree": 126096, "memTotal": 250564,
        "cacheUsed": 37232, "cacheFree": 145460, "cacheTotal": 182692,
    },
    "network": {
        "dhcp": "dhcp", "ipaddress": "10.30.9.17", "netmask": "255.255.255.0",
        "gateway": "10.30.9.254", "dns1": "192.168.16.101", "dns2": "10.30.60.126",
    },
    "version": {
        "hwver": "g19", "ethaddr": "a0: b0:45:21:5b: f0",
        "build_date": "23rd of May 2018 07:17 AM", "platform_v": "t2_20180523_071756",
    },
}  # fmt: skip
# What pyasic web/innosilicon.py reads of the other web answers (no capture of them is
# public): ``/api/auth`` answers the token as "jwt"; a command answers "success"; a token
# the firmware no longer takes is ``{"success": false, "token": "expired"}`` (pyasic; the
# firmware's own web page checks ``res.data.token`` the same way).
EXPIRED: Final[dict[str, Any]] = {"success": False, "token": "expired"}

# ``POST /api/updatePools`` answered: foreman-apps foreman-dragonmint/src/test/java/mn/
# foreman/dragonmint/DragonmintChangePoolsITest.java (the same web API, before its JWT), as
# recorded. Its form is ``Pool<n>``, ``UserName<n>``, ``Password<n>`` for n = 1-3, the
# keys pyasic config/pools.py ``PoolGroup.as_inno`` writes too.
POOLS_UPDATED: Final[dict[str, Any]] = {"success": True}
UPDATE_SLOTS: Final = 3

# Not captured: ``POST /api/pools``. No recording of it is public; it carries the fields
# pyasic reads of it (miners/backends/innosilicon.py ``get_config``: the answer's "pools";
# config/pools.py ``Pool.from_inno``: each one's "url", "user", "pass"), with "success"
# (pyasic's send_command refuses an answer without it). The pools are the captured RPC
# pools' URL and User; their password is captured nowhere, "x" stands for it.
PEER_POOL_PASSWORD: Final = "x"


def peer_pools_answer(pools: list[dict[str, str]]) -> dict[str, Any]:
    """PEER_ shape of the ``pools`` answer: each configured slot's url, user and pass."""
    return {"success": True, "pools": [dict(p) for p in pools]}
