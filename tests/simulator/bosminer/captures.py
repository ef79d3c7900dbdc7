"""What a real Antminer S9 on Braiins OS+ (BOSminer+ 0.2.0, 2020) answers, and the sources.

- RPC reply shapes (field names, order of STATUS/body/id, status codes, messages, the NUL
  after each reply, ``+`` joins and "Access denied" for commands with parameters inside a
  join, "Invalid JSON" for bytes that are not JSON): the firmware's source,
  braiins-os open/protocols/cgminer-api src/{lib.rs,command.rs,support.rs,response.rs,
  response/ext.rs} and open/bosminer/bosminer-am1-s9/src/cgminer.rs (mirrored in
  github.com/xertSuns1/braiins at 134f9958).
- Figures and texts of ``fans``, ``tempctrl``, ``temps``, ``tunerstatus``, ``devdetails``,
  ``pause``, ``resume`` and the Description "BOSminer+ 0.2.0-ea64aec8e": the outputs in
  Braiins' API documentation, tgr-braiins/braiins-os-docs
  braiins-os-plus-en/source/Development/1_api.rst (an S9, July 2020).
- ``/etc/bosminer.toml``: braiins-os package/mining/bosminer/files/bosminer.init (what the
  init script writes on first boot: format 1.0, model 'Antminer S9', two pools) with the
  ``[autotuning]`` section of braiins-os-plus-en Configuration/index_configuration.rst.
- ``miner fault_light on|off`` (silent on success, exit 1 with a message otherwise) and the
  red LED blinking with delay_on/delay_off 50 ms while it is on: braiins-os
  package/mining/miner_tools/files/miner and bosminer_monitor/files/bosminer_monitor.lua.
- ``/etc/bos_version`` in the form of Braiins OS version strings
  ("2022-09-13-0-11012d53-22.08-plus", asic-rs asic-rs-firmwares/braiins/src/test/json/
  v21_09/gql_system.json bos.info.version.full), here for a 20.09 build.
- The web: GET / is OpenWrt's redirect page (braiins/luci bos-release
  modules/luci-base/root/www/index.html); /cgi-bin/luci is titled "Braiins OS+ …"
  (themes/luci-theme-bosminer-plus/luasrc/view/themes/miner/header.htm).
"""

from __future__ import annotations

from typing import Any, Final

SIGNATURE: Final = "BOSminer+"
VERSION: Final = "0.2.0-ea64aec8e"
DESCRIPTION: Final = f"{SIGNATURE} {VERSION}"
API_VERSION: Final = "3.7"
BOS_VERSION: Final = "2020-09-14-0-ea64aec8-20.09-plus"
BOARD_NAME: Final = "am1-s9"

# Status codes (response.rs StatusCode, cgminer.rs / BOS+ custom codes from 1_api.rst).
CODES: Final = {
    "pools": (7, "{n} Pool(s)"),
    "devs": (9, "{n} ASC(s)"),
    "edevs": (9, "{n} ASC(s)"),
    "summary": (11, "Summary"),
    "version": (22, f"{SIGNATURE} versions"),
    "config": (33, f"{SIGNATURE} config"),
    "devdetails": (69, "Device Details"),
    "stats": (70, f"{SIGNATURE} stats"),
    "estats": (70, f"{SIGNATURE} stats"),
    "tempctrl": (200, "Temperature control"),
    "temps": (201, "{n} Temp(s)"),
    "fans": (202, "{n} Fan(s)"),
    "tunerstatus": (203, "Tuner Status"),
    "pause": (204, "Pause"),
    "resume": (205, "Resume"),
}
# Commands that take a parameter: refused inside a join (command.rs handle_single).
WITH_PARAMETER: Final = frozenset(
    {"switchpool", "enablepool", "disablepool", "addpool", "removepool", "asc", "check"}
)
INVALID_COMMAND: Final = (14, "Invalid command")
INVALID_JSON: Final = (23, "Invalid JSON")
MISSING_COMMAND: Final = (24, "Missing JSON 'command'")
ACCESS_DENIED: Final = (45, "Access denied to '{name}' command")

# devdetails of the S9 capture, per chain: (ID, Frequency, Voltage).
DEVDETAILS_CHAINS: Final = (
    (6, 799682118, 8.416799545288086),
    (7, 809812285, 8.36398983001709),
    (8, 770406487, 8.575228691101074),
)
DEVDETAILS_MODEL: Final = "Bitmain Antminer S9"
CHIPS: Final = 63
CORES_PER_CHIP: Final = 114  # 7182 / 63 in the capture (bm1387::NUM_CORES_ON_CHIP)

# temps of the capture: (ID, Board, Chip).
TEMPS: Final = ((6, 81.875, 104.625), (7, 85.875, 108.9375), (8, 84.4375, 105.4375))
# fans of the capture: RPM at Speed 100 (an S9 has two fans; the other two read 0).
FAN_RPM: Final = (5340, 4620, 0, 0)
TEMPCTRL: Final = {"Dangerous": 110, "Hot": 100, "Mode": "Automatic", "Target": 89}

# tunerstatus of the capture: PowerLimit 1420, the miner ~1419 W, the chains 1344 W.
POWER_LIMIT: Final = 1420
CONTROL_BOARD_WATTS: Final = 75  # 1419 - 1344: what the miner draws beside the chains
TUNER_STATUS: Final = "Tuning individual chips"
TUNER_STABLE: Final = "Stable"
TUNER_CHAIN_FIELDS: Final = ("Iteration", "LoadedProfileCreatedOn", "StageElapsed", "TuningElapsed")

INDEX_PAGE: Final = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Cache-Control" content="no-cache" />
<meta http-equiv="refresh" content="0; URL=/cgi-bin/luci" />
</head>
<body style="background-color: white">
<a style="color: black; font-family: arial, helvetica, sans-serif;" href="/cgi-bin/luci">LuCI - Lua Configuration Interface</a>
</body>
</html>
"""  # noqa: E501  (the pages as served)

LUCI_LOGIN_PAGE: Final = """<!DOCTYPE html>
<html lang="en">
	<head>
		<meta charset="utf-8">
		<title>Braiins OS+ </title>
	</head>
	<body class="lang_en">
		<header>
			<div class="fill">
				<div class="container">
					<a class="brand" id="braiins_os_logo" href="#" title="Braiins OS+ | Open-source system for cryptocurrency devices"></a>
				</div>
			</div>
		</header>
		<form method="post" action="/cgi-bin/luci">
			<input name="luci_username" type="text" value="root" />
			<input name="luci_password" type="password" />
		</form>
	</body>
</html>
"""  # noqa: E501


def bosminer_toml(worker: str, power_limit: int = POWER_LIMIT) -> str:
    """bosminer.init's first-boot file (its default pool host and Slush Pool's V1 pool),
    the tuner on at the S9's 1420 W as the BOS+ installer sets it."""
    return f"""[format]
version = '1.0'
model = 'Antminer S9'
generator = 'init_script'
timestamp = 1600000000

[[group]]
name = 'Default'

[[group.pool]]
url = 'stratum2+tcp://v2.stratum.slushpool.com/u95GEReVMjK6k5YqiSFNqqTnKU4ypU2Wm8awa6tmbmDmk1bWt'
user = '{worker}'

[[group.pool]]
url = 'stratum+tcp://stratum.slushpool.com:3333'
user = '{worker}'
password = 'secret'

[autotuning]
enabled = true
psu_power_limit = {power_limit}
"""


def status(code: int, message: str, when: int, letter: str = "S") -> dict[str, Any]:
    """STATUS[0] (response.rs StatusInfo: STATUS, When, Code, Msg, Description)."""
    return {
        "STATUS": letter,
        "When": when,
        "Code": code,
        "Msg": message,
        "Description": DESCRIPTION,
    }
