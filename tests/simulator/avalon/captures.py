"""Replies captured from real Avalon miners, and where each one comes from.

The simulator's replies are these, with the live figures (hashrate, temperatures, uptime,
shares, MAC, DNA) put in their place. Sources:

- Nano 3S (firmware 25021401_56abae7): ``version`` and ``lcd`` from LW10583/AvalonMinerTools
  AVALON_MINER_API_DOCUMENTATION.md ("Real Response Example"); ``estats`` MM ID0 from the
  MinerSentinel data-service test_avalon_parsing.py ("Sample data from the actual device
  response"); the token order is the one Canaan's own driver writes
  (Canaan-Creative/Avalon_Nano3s cg_miner/cgminer/driver-avalon.c, avalon_api_stats);
  ``ascset|0,help`` from Gr33nDrag0n69/AvalonPS7 MD/ASCSET.md ("Clean List from the ascset
  help command on the Nano3S").
- Mini 3 (firmware 25011701_3f53b19): ``version``, ``devdetails`` and ``stats`` in the
  plain-text form from UpstreamData/pyasic issue #312 (the stats capture is cut after
  ``PCOMM``; the rest follows the Avalon Q's capture of the same MM319 firmware family).
- Avalon Q (firmware 25052801_14a19a2): ``version``, ``stats``, ``litestats``, ``summary``,
  ``pools``, ``devs``, ``devdetails`` and the ``ascset`` replies (help, softoff, softon,
  workmode) from 256foundation/asic-rs asic-rs-firmwares/avalonminer/src/test/json/*.json;
  ``estats`` and an unknown command from pyasic issue #350.
- A1566 "AvalonMiner 15-194" (firmware 24102401_25462b2_9ddf522): ``version``, ``devs``,
  ``pools`` and ``stats`` from UpstreamData/pyasic
  tests/miners_tests/backends_tests/avalonminer_tests/version_24102401_25462b2_9ddf522.py;
  ``ascset`` led/reboot/setpool replies from Canaan-Creative/avalon10-docs
  "Universal API/Avalon A10 API manual-EN.md".
- Status messages, codes and the ``ascset``/``setpool``/``switchpool`` error texts from
  Canaan-Creative/Avalon_Nano3s cg_miner/api/api.c (codes[]) and driver-avalon.c.
"""

from __future__ import annotations

from typing import Final

DESCRIPTION: Final = "cgminer 4.11.1"

# -- version (VERSION[0]) ----------------------------------------------------------------

NANO3S_VERSION: Final = {
    "CGMiner": "4.11.1",
    "API": "3.7",
    "PROD": "Avalon Nano3s",
    "MODEL": "Nano3s",
    "HWTYPE": "N_MM1v1_X1",
    "SWTYPE": "MM319",
    "LVERSION": "25021401_56abae7",
    "BVERSION": "25021401_56abae7",
    "CGVERSION": "25021401_56abae7",
    "DNA": "020100003cbe4d15",
    "MAC": "e0e1a93f3053",
    "UPAPI": "2",
}

MINI3_VERSION: Final = {
    "CGMiner": "4.11.1",
    "API": "3.7",
    "PROD": "Avalon Mini3",
    "MODEL": "Mini3",
    "HWTYPE": "M_MM1v1_X1",
    "SWTYPE": "MM319",
    "LVERSION": "25011701_3f53b19",
    "BVERSION": "25011701_3f53b19",
    "CGVERSION": "25011701_3f53b19",
    "MCUVERSION": "Mini3_hb_v1.0",
    "DNA": "020100008644e532",
    "MAC": "e0e1a93e2c7d",
}

Q_VERSION: Final = {
    "API": "3.7",
    "BVERSION": "25052801_14a19a2",
    "CGMiner": "4.11.1",
    "CGVERSION": "25052801_14a19a2",
    "DNA": "01234567890123456789012345678901",
    "FANMCUVERSION": "Q_fb_v1.2",
    "HBMCUVERSION": "Q_hb_v1.1",
    "HWTYPE": "Q_MM1v1_X1",
    "LVERSION": "25052801_14a19a2",
    "MAC": "AA:BB:CC:DD:EE:FF",
    "MODEL": "Q",
    "PROD": "Avalon Q",
    "SWTYPE": "MM319",
}

A1566_VERSION: Final = {
    "CGMiner": "4.11.1",
    "API": "3.7",
    "STM8": "20.08.01",
    "PROD": "AvalonMiner 15-194",
    "MODEL": "15-194",
    "HWTYPE": "MM4v2_X3",
    "SWTYPE": "MM319",
    "VERSION": "24102401_25462b2_9ddf522",
    "LOADER": "d0d779de.00",
    "DNA": "020100008c699117",
    "MAC": "123456789012",
    "UPAPI": "2",
}


def model_name(version: dict[str, str]) -> str:
    return version["PROD"]


# -- ascset|0,help -----------------------------------------------------------------------

NANO3S_ASCSET_HELP: Final = (
    "help", "voltage", "fan-spd", "ledmode", "ledset", "lcd", "nightlamp", "wallpaper",
    "hash-sn-read", "hash-sn-write", "volt-adjust-switch", "workmode", "worklevel",
    "work_mode_lvl", "reboot", "filter-clean", "facopts", "faclock", "frequency", "loop",
    "password", "qr_auth", "target-temp", "smart-speed", "ssdn-pro", "spdlog", "pll-sel",
    "aging-parameter",
)  # fmt: skip

# asic-rs test/json/ascset_help.json (the same list AvalonPS7 shows for the Q).
Q_ASCSET_HELP: Final = (
    "help", "voltage", "fan-spd", "lcd", "hash-sn-read", "hash-sn-write", "volt-tuning",
    "workmode", "worklevel", "work_mode_lvl", "reboot", "softon", "softoff", "filter-clean",
    "facopts", "faclock", "activate", "solo-allowed", "frequency", "loop", "password",
    "qr_auth", "time",
)  # fmt: skip

# No capture of the Mini 3's list: the Q's (same MM319 firmware family) with target-temp,
# which every Mini 3 tool uses (exergyheat, mkeller0815, AvalonPS7
# Set-AvalonMinerTargetTemperature.ps1).
MINI3_ASCSET_HELP: Final = (*Q_ASCSET_HELP[:10], "target-temp", *Q_ASCSET_HELP[10:])

# No capture of an A-series list: the options the A10 manual documents (led, reboot,
# workmode, setpool, hashpower) and those pyasic sends to the A-series (softoff, softon,
# worklevel).
A_SERIES_ASCSET_HELP: Final = (
    "help", "led", "reboot", "workmode", "worklevel", "setpool", "hashpower", "softon",
    "softoff",
)  # fmt: skip

# -- status messages (api.c codes[]) ------------------------------------------------------

MSG_INVALID_COMMAND: Final = (14, "Invalid command")  # E, and no Description (pyasic #350)
MSG_MISSING_ID: Final = (15, "Missing device id parameter")
MSG_INVALID_JSON: Final = (23, "Invalid JSON")
MSG_MISSING_POOL_ID: Final = (25, "Missing pool id parameter")
MSG_INVALID_POOL_ID: Final = (26, "Invalid pool id {id} - range is 0 - {max}")
MSG_SWITCHING_POOL: Final = (27, "Switching to pool {id}:'{url}'")
MSG_ACCESS_DENIED: Final = (45, "Access denied to '{command}' command")
MSG_MISSING_ASC_OPTION: Final = (116, "Missing option after ASC number")
MSG_ASC_SET_INFO: Final = (118, "ASC {id} set info: {text}")  # severity I
MSG_ASC_SET_OK: Final = (119, "ASC {id} set OK")  # severity S
MSG_ASC_SET_FAILED: Final = (120, "ASC {id} set failed: {text}")  # severity E
MSG_POOL_SET_ERROR: Final = (132, "Pool set error: {text}")
MSG_POOL_SET: Final = (133, "Pool set info: {text}")
MSG_STATS: Final = (70, "CGMiner stats")
MSG_VERSION: Final = (22, "CGMiner versions")
MSG_SUMMARY: Final = (11, "Summary")
MSG_DEVS: Final = (9, "{count} ASC(s)")
MSG_POOLS: Final = (7, "{count} Pool(s)")
MSG_DEVDETAILS: Final = (69, "Device Details")
MSG_LCD: Final = (125, "LCD")

# ascset texts (driver-avalon.c, and the Q's softoff/softon replies in asic-rs).
SOFTOFF_OK: Final = "success softoff:{ts}"
SOFTON_OK: Final = "success softon:{ts}"
FAN_INVALID: Final = "invalid fan value, valid range 15-100 for stable pwm,-1 for auto adjust"
WORKMODE_TOO_HIGH: Final = "error:1 not support set workmode max_mode[{max}]"
WORKMODE_BAD: Final = "error:2 parameter error"
WORKLEVEL_BAD: Final = "worklevel unknown argument"
REBOOT_RANGE: Final = "reboot value should be 0~300 seconds"
REBOOT_MISSING: Final = "missing reboot value"
FILTER_BAD: Final = "Input param error."
LED_SET_OK: Final = "led set ok"
LED_PARAM_WRONG: Final = "led parameter wrong"
LED_NOT_DAY: Final = "not in (day)mode now"
UNKNOWN_OPTION: Final = "Unknown option: {option}"
MISSING_SETTING: Final = "missing {option} setting"
# No capture of a refused target-temp or softoff: worded as the firmware words its other
# range errors (fan-spd above, worklevel).
TARGET_TEMP_INVALID: Final = "invalid target temperature, valid range {low}-{high}"
SOFT_BAD: Final = "{option} unknown argument"
# A10 manual: ``ascset|0,led,1-255`` queries, ``1-1``/``1-0`` switch.
LED_STATE: Final = "LED[{state}]"
LED_BAD: Final = "Invalid led value"
# api.c setpool(); the A10 manual's ascset form answers the same lines without the number.
POOL_SET_OK: Final = (
    "\npool {n} success set to {url}\nworker is {user}\nworkerpassword is {password}\n"
    "Please reboot miner to make config work.\n"
)
A10_POOL_SET_OK: Final = (
    "\npool success set to {url}\nworker is {user}\nworkerpassword is {password}\n"
    "Please reboot miner to make config work.\n"
)
POOL_USER_ERR: Final = "username err"
POOL_PASS_ERR: Final = "userpass err"
POOL_NUM_ERR: Final = "pool num must between 0 and 2 , your input is {n}"
POOL_ARGS_ERR: Final = "we need 5 | 6 arguments, your input is {n} arguments."
POOL_NO_PARAMS: Final = "no params"
