"""The real Elphapex replies the simulator is built from.

Source: pyasic (UpstreamData/pyasic) tests/miners_tests/backends_tests/elphapex_tests/
version_1_0_2.py, a DG1+ on DG1+_SW_V1.0.2: ``web_get_system_info``, ``web_summary``,
``web_stats``, ``web_get_blink_status``, ``web_get_miner_conf`` and ``web_pools`` as its
CGI answered them (addresses, MAC and pools anonymised by pyasic). Uptimes, pools and the
MAC are the simulator's own; everything else keeps the captured keys, types and values.
"""

from __future__ import annotations

from typing import Any, Final

SYSTEM_INFO: Final[dict[str, Any]] = {
    "system_mode": "GNU/Linux",
    "netmask": "255.255.255.0",
    "gateway": "",
    "Algorithm": "Scrypt",
    "system_kernel_version": "4.4.194 #1 SMP Sat Sep 7 16:59:20 CST 2024",
    "system_filesystem_version": "DG1+_SW_V1.0.2",
    "nettype": "DHCP",
    "dnsservers": "",
    "netdevice": "eth0",
    "firmware_type": "Release",
}
INFO: Final[dict[str, Any]] = {
    "miner_version": "DG1+_SW_V1.0.2",
    "CompileTime": "",
    "dev_sn": "28HY245192N000245C23B",
    "hw_version": "DG1+_HW_V1.0",
}
API_VERSION: Final = "1.0.0"
RATE_UNIT: Final = "MH/s"
# summary SUMMARY[0], without elapsed and the rates (the simulator's, per model).
SUMMARY_STATUS: Final[list[dict[str, Any]]] = [
    {"status": "s", "type": "rate", "msg": "", "code": 0},
    {"status": "s", "type": "network", "msg": "", "code": 0},
    {"status": "s", "type": "fans", "msg": "", "code": 0},
    {"status": "s", "type": "temp", "msg": "", "code": 0},
]
# One chain[] entry of stats, as captured for board 0 (the others differ in sn, rates, temps).
CHAIN: Final[dict[str, Any]] = {
    "freq_avg": 62000,
    "temp_chip": ["47125", "50500", "", ""],  # milli-degrees; "" where no sensor
    "eeprom_loaded": True,
    "hw": 204,
    "temp_pcb": [47, 46, 67, 66],
    "failrate": 0.03,
    "asic": "ooooooooo oooooooo oooooooo oooooooo oooo",
    "temp_pic": [47, 46, 67, 66],
}
CHAIN_SERIALS: Final = (
    "13HY245156N000581H11JB52",
    "13HY245156N000579H11JB52",
    "13HY245156N000810H11JB52",
    "13HY245156N000587H11JB52",
)
FANS: Final = ("5340", "5400", "5400", "5400")  # RPM, strings as captured
# get_miner_conf without its pools (the simulator's).
CONF: Final[dict[str, Any]] = {
    "fc-voltage": "1470",
    "fc-fan-ctrl": False,
    "fc-freq-level": "100",
    "fc-fan-pwm": "80",
    "algo": "ltc",
    "fc-work-mode": 0,
    "fc-freq": "1850",
}
# pools POOLS[] entry, as captured for the alive pool.
POOL: Final[dict[str, Any]] = {
    "diffs": 0,
    "diffr": 524288,
    "lsdiff": 524288,
    "lstime": "00:00:00",
    "diffa": 524288,
    "accepted": 604803,
    "diff1": 0,
    "stale": 0,
    "diff": "",
    "rejected": 2492,
    "getworks": 607295,
}
POOLS_TOTALS: Final[dict[str, Any]] = {
    "Device Total Rejected": 8888,
    "Device Rejected%": 0.42,
    "Device Total Work": 2103917,
}
