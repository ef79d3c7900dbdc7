"""The real Hammer replies the simulator is built from.

Source: pyasic (UpstreamData/pyasic) tests/miners_tests/backends_tests/hammer_tests/
version_2023_05_28.py, a Hammer D10 on firmware of 2023-05-28 (ccminer 2.3.3):
``rpc_version``, ``rpc_stats``, ``rpc_summary``, ``rpc_pools`` and the web's
``web_get_system_info``, ``web_get_blink_status``, ``web_get_conf`` (the capture's
``web_summary`` is an Antminer S19j's, "type": "Antminer S19j": not used). Pools, uptimes
and the MAC are the simulator's own.
"""

from __future__ import annotations

from typing import Any, Final

DESCRIPTION: Final = "ccminer 2.3.3"
POOLS_DESCRIPTION: Final = "cgminer 1.0.0"  # as captured
PROGRAM: Final[dict[str, Any]] = {
    "CGMiner": "2.3.3",
    "Miner": "2.0.2.2",
    "CompileTime": "2023-05-28 17-20-35 CST",
}
API: Final = "3.1"
# stats STATS[1] without Elapsed and the temperatures (see TEMPERATURES).
STATS_FIGURES: Final[dict[str, Any]] = {
    "STATS": 0,
    "ID": "A30",
    "Calls": 0,
    "Wait": 0.0,
    "Max": 0.0,
    "Min": 99999999.0,
    "MHS 5s": "4686.4886",
    "MHS av": "4872.8713",
    "miner_count": 3,
    "frequency": "810",
    "fan_num": 4,
    "fan1": 4650,
    "fan2": 4500,
    "fan3": 3870,
    "fan4": 3930,
    "temp_num": 12,
}
# The firmware writes each temp{n} four times in one object, as captured (a JSON reader
# keeps the last one): written out as text by rpc.py.
TEMPERATURES: Final[dict[str, tuple[int, ...]]] = {
    "temp1": (21, 42, 21, 45),
    "temp2": (21, 40, 23, 42),
    "temp3": (18, 39, 20, 40),
    "temp4": (0, 0, 0, 0),
}
STATS_TAIL: Final[dict[str, Any]] = {
    "temp_max": 52,
    "Device Hardware%": 0.0,
    "no_matching_work": 7978,
    "chain_acn1": 108,
    "chain_acn2": 108,
    "chain_acn3": 108,
    "chain_acn4": 0,
    "chain_acs1": " " + " ".join(["oooooooo"] * 13) + " oooo",
    "chain_acs2": " " + " ".join(["oooooooo"] * 13) + " oooo",
    "chain_acs3": " " + " ".join(["oooooooo"] * 13) + " oooo",
    "chain_acs4": "",
    "chain_hw1": 2133,
    "chain_hw2": 2942,
    "chain_hw3": 2903,
    "chain_hw4": 0,
    "chain_rate1": "1578.2742",
    "chain_rate2": "1594.3646",
    "chain_rate3": "1513.8498",
    "chain_rate4": "",
}
SUMMARY: Final[dict[str, Any]] = {
    "MHS 5s": "4885.0813",
    "MHS av": "4872.9297",
    "Found Blocks": 0,
    "Getworks": 8842,
    "Accepted": "156.0000",
    "Rejected": "156.0000",
    "Hardware Errors": 7977,
    "Utility": 6.71,
    "Discarded": 76514,
    "Stale": 0,
    "Get Failures": 0,
    "Local Work": 4123007,
    "Remote Failures": 0,
    "Network Blocks": 3323,
    "Total MH": 580531131.4496,
    "Work Utility": 4485762.79,
    "Difficulty Accepted": 8804959701.0,
    "Difficulty Rejected": 101813978.0,
    "Difficulty Stale": 0.0,
    "Best Share": 80831,
    "Device Hardware%": 0.0001,
    "Device Rejected%": 1.1431,
    "Pool Rejected%": 1.1431,
    "Pool Stale%": 0.0,
}
POOL_ENTRY: Final[dict[str, Any]] = {
    "Accepted": 10000,
    "Best Share": 1000000000.0,
    "Diff": "100K",
    "Diff1 Shares": 0,
    "Difficulty Accepted": 1000000000.0,
    "Difficulty Rejected": 1000000.0,
    "Difficulty Stale": 0.0,
    "Discarded": 100000,
    "Get Failures": 3,
    "Getworks": 9000,
    "Has GBT": False,
    "Has Stratum": True,
    "Last Share Difficulty": 100000.0,
    "Last Share Time": "0:00:02",
    "Long Poll": "N",
    "Pool Rejected%": 0.0,
    "Pool Stale%%": 0.0,
    "Priority": 0,
    "Proxy": "",
    "Proxy Type": "",
    "Quota": 1,
    "Rejected": 100,
    "Remote Failures": 0,
    "Stale": 0,
    "Status": "Alive",
    "Stratum URL": "stratum.pool.io",
}
SYSTEM_INFO: Final[dict[str, Any]] = {
    "nettype": "DHCP",
    "netdevice": "eth0",
    "hostname": "Hammer",
    "netmask": "255.255.255.0",
    "gateway": "",
    "dnsservers": "",
    "curtime": "18:46:15",
    "loadaverage": "1.06, 1.36, 1.48",
    "mem_total": "251180",
    "mem_used": "64392",
    "mem_free": "186788",
    "mem_buffers": "0",
    "mem_cached": "0",
    "system_mode": "GNU/Linux",
    "bb_hwv": "2.0.2.2",
    "system_kernel_version": "Linux 3.8.13 #22 SMP Tue Dec 2 15:26:11 CST 2014",
    "system_filesystem_version": "2022-11-11 13-46-30 CST",
    "cgminer_version": "2.3.3",
}
# get_miner_conf without its pools (the simulator's).
CONF: Final[dict[str, Any]] = {
    "api-listen": True,
    "api-network": True,
    "api-groups": "A:stats:pools:devs:summary:version",
    "api-allow": "A:0/0,W:*",
    "bitmain-fan-ctrl": False,
    "bitmain-fan-pwm": "100",
    "bitmain-use-vil": True,
    "bitmain-freq": "675",
    "bitmain-voltage": "1400",
    "bitmain-ccdelay": "0",
    "bitmain-pwth": "0",
    "bitmain-work-mode": "0",
    "bitmain-freq-level": "",
}
