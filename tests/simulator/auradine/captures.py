"""Replies of real Auradine miners, as captured; the simulator's replies are built from these.

Source of every capture below unless it says otherwise: asic-rs (256foundation/asic-rs and
b-rowan/asic-rs, the same files) ``asic-rs-firmwares/auradine/src/test/json/v1/<name>.json``
of an AT1500 on FluxOS 2023-12.27 with GCMiner 2023-05.24 (some replies from earlier
GCMiner builds, as their Descriptions say). Figures the simulation changes (rates, uptime,
the power target, the light) are filled in by replies.py; the keys, types and units
("58.94W", "245.00V") stay as captured.
"""

from __future__ import annotations

from typing import Any, Final

# summary.json
SUMMARY_DESCRIPTION: Final = "GCMiner-2023-05.24-0ce5e7cc93a3815240fa189d0beb44b8c834936c"
SUMMARY: Final[dict[str, Any]] = {
    "Accepted": 3310,
    "Difficulty Accepted": 829210624,
    "Difficulty Rejected": 32768,
    "Elapsed": 56696,
    "Hardware Errors": 0,
    "Last getwork": 0,
    "MHS 15m": 8245002.419711528,
    "MHS 1m": 10256844.54901739,
    "MHS 5m": 8778584.71373768,
    "MHS 5s": 20599767.1774699,
    "MHS av": 7970630.042671183,
    "Rejected": 1,
    "Total MH": 451890758070,
    "Utility": 3.5035376205973425,
}

# devs.json: three boards, IDs from 1
DEV_ENTRY: Final[dict[str, Any]] = {
    "DEV": 1,
    "Enabled": True,
    "ID": 1,
    "MHS 5s": 6800000.0,
    "Name": "ASICBoard",
    "Status": "Alive",
    "Temperature": 28.25,
}
DEV_TEMPERATURES: Final = (28.25, 29.06, 30.12)

# pools.json (GCMiner's RPC pools)
POOLS_DESCRIPTION: Final = "GCMiner-0.5-devsbXXX"
POOL_ENTRY: Final[dict[str, Any]] = {
    "Accepted": 10,
    "POOL": 0,
    "Priority": 0,
    "Quota": 1,
    "Rejected": 1,
    "Status": "Alive",
    "Stratum Active": True,
    "URL": "stratum+tcp://btc.viabtc.io:3333",
    "User": "username.suffix",
}

# version.json
VERSION: Final[dict[str, Any]] = {"API": "1.0", "GCMiner": "0.5"}
VERSION_DESCRIPTION: Final = "GCMiner-0.5-devsbXXX"

# ipreport.json (web)
FLUXOS_DESCRIPTION: Final = "FluxOS-2023-12.27-9bf070ee4408866329c93a70f2dfdc6248938aaa"
IPREPORT: Final[dict[str, Any]] = {
    "CBSerialNo": "AU23200006",
    "ChassisSerialNo": "000020",
    "HBSerialNo": ["QAHB01230908001X", "QAHB01230908001Y", "QAHB01230908001Z"],
    "InternalType": "T0",
    "SerialNo": "AU23200006",
    "command": "ipreport",
    "hostname": "teraflux-01",
    "ip": "192.168.1.50",
    "mac": "1c:00:00:0e:3b:2b",
    "model": "AT1500",
    "version": "2023-12.27",
}

# psu.json (web), taken while the miner slept: 58.94 W drawn
PSU_DESCRIPTION: Final = "GCMiner-2023-04.14-a2b42b45e25194dcdf799c07cbb51d18c6c7ed51"
PSU: Final[dict[str, Any]] = {
    "FanSpeed1": "4052.00 RPM",
    "FanSpeed2": "4144.00 RPM",
    "Iin": "0.28A",
    "Iout": "0.00A",
    "PoutMax": "3452.00W",
    "PowerIn": "58.94W",
    "PowerOut": "0.00W",
    "Vin": "245.00V",
    "Vout": "11.53V",
    "VoutSet": "11.50V",
}

# mode.json (web); its Msg is captured as it is, naming 'normal' while Mode says custom
MODE: Final[dict[str, Any]] = {"Mode": "custom", "Power": 2000, "Sleep": "off", "Ths": 160}
MODE_MSG: Final = "Operating mode: 'normal', sleep: 'false'"

# fan.json (web)
FAN_ENTRY: Final[dict[str, Any]] = {"ID": 1, "Max": 7700, "Speed": 7080, "Target": 7000}
FAN_SPEEDS: Final = (7080, 7020, 7100, 7020)
FAN_DESCRIPTION: Final = SUMMARY_DESCRIPTION

# led.json (web): Code 2 "Normal"; pyasic's AuradineLEDCodes name 3 LOCATE_MINER
LED_DESCRIPTION: Final = "GCMiner-2022-12.21-38b82d1466eedb609a7920339f8baa83b78a93c2"
LED: Final[dict[str, Any]] = {"Code": 2, "LED1": 1, "LED2": 1, "Msg": "Normal"}
LED_MESSAGES: Final = {2: "Normal", 3: "Locate miner"}  # 3's text: pyasic's code name

# Status codes of the captures: summary 11, devs 9, pools 7, version 22, ipreport 620,
# psu 570, mode 540, fan 510, led 530.
CODES: Final = {
    "summary": 11,
    "devs": 9,
    "pools": 7,
    "version": 22,
    "ipreport": 620,
    "psu": 570,
    "mode": 540,
    "fan": 510,
    "led": 530,
}

# NOT CAPTURED. No public capture exists of these; each is built from the fields the
# peers document and read, and no more:
# - the token answer: ``Token[0].Token`` beside a STATUS (pyasic web/auradine.py auth,
#   asic-rs v1/web.rs authenticate, which checks the STATUS first);
# - a refused token: HTTP 401 (asic-rs v1/web.rs renews on it);
# - the answer to a change (mode, led, restart, fan, updatepools): a STATUS "S" (both peers
#   check only it);
# - PEER_POOLS: FluxOS's web ``pools`` GET, which pyasic's get_config reads with
#   PoolConfig.from_api: POOLS[] of POOL, URL and User (no password), beside a STATUS;
# - PEER_UPDATEPOOLS: ``POST updatepools {"pools": [{"url", "user", "pass"}, …]}`` (pyasic
#   web/auradine.py update_pools with Pool.as_auradine; asic-rs v1 set_pools_config, at most
#   three, "x" for an empty password), after which GCMiner's ``pools`` lists the new ones;
# - PEER_MODE: ``POST mode {"mode": "normal"}`` (pyasic MiningModeNormal.as_auradine, which
#   its send_config sends with every configuration); mode's Mode then reads "normal", the
#   name the captured mode Msg gives and pyasic's MiningModeConfig.from_auradine knows;
# - PEER_FAN: ``POST fan {"percentage": P}`` sets every fan (pyasic FanModeManual.as_auradine;
#   its set_fan adds an "index", but no source says whether it counts from 0 or 1, so the
#   simulator refuses an index); the fans' Target becomes P % of their Max, as pyasic's
#   FanModeConfig.from_auradine reads it back;
# - RPC devdetails: ``DEVDETAILS[0].Model`` (pyasic miners/factory.py
#   get_miner_model_auradine, asic-rs firmware.rs get_model).
