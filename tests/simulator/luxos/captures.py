"""Replies captured from LuxOS (LUXminer) miners, and where each comes from.

- ASIC_RS: an Antminer S19k Pro on LUXminer 2025.4.8.220305-57b389c7, mining on profile
  290MHz with ATM on: version, config, summary, stats, devs, temps, fans, power, profiles,
  pools (256foundation/asic-rs asic-rs-firmwares/luxminer/src/test/json/v1/<command>.json);
  events from a miner on 2025.9.8.152528 (the same directory, events.json).
- DOCS: the LuxOS API documentation's examples (docs.luxor.tech/firmware/api/luxminer/
  <command>): logon, session, curtail, profileset, atm, atmset, reboot (a board), and the
  TEMPCTRL body of tempctrlset's (docs.luxor88.com/firmware/api/luxminer/tempctrlset).
- ASIC_RS_TEST: the groups reply of asic-rs's LuxOS pool test (asic-rs-firmwares/luxminer/
  src/backends/v1/mod.rs, test_set_lux_pools_config_allows_empty_groups).
- PV_MINER: what Solar-TechNick/PV-Miner (custom_components/pv_miner/luxos_api.py,
  CLAUDE.md) met on real LuxOS miners: a refused session answers "Invalid session_id"; a
  board reboot while asleep "curtail mode is idle or sleep"; enableboard / disableboard
  answer "Board enabled" / "Board disabled" on 2025.10.15.191043 and change nothing.

The simulator copies these shapes and scales their figures with its own state.
"""

from __future__ import annotations

from typing import Any, Final


def _status(code: int, description: str, msg: str, when: int) -> dict[str, Any]:
    """The one STATUS entry of a LuxOS reply that succeeded ("S")."""
    return {"Code": code, "Description": description, "Msg": msg, "STATUS": "S", "When": when}


def _reply(status: dict[str, Any], **sections: Any) -> dict[str, Any]:
    """A LuxOS reply: its sections, its STATUS and id 1, with the keys in the order the
    captured files have them (sorted)."""
    return dict(sorted({**sections, "STATUS": [status], "id": 1}.items()))


def _profile(
    frequency: int,
    hashrate: float,
    step: str,
    voltage: float,
    watts: int,
    *,
    name: str | None = None,
    tuned: bool = False,
) -> dict[str, Any]:
    """One row of the profiles capture (a profile is named by its frequency but one)."""
    return {
        "CanRestore": True,
        "Frequency": frequency,
        "HasOverrides": False,
        "Hashrate": hashrate,
        "IsDynamic": True,
        "IsTuned": tuned,
        "Profile Name": name or f"{frequency}MHz",
        "Step": step,
        "Voltage": voltage,
        "Watts": watts,
    }


# stats chain_acs{n}: one "o" per healthy chip, in groups of four (77 chips).
CHIP_STATES: Final = " " + " ".join(["oooo"] * 19) + " o"

# ASIC_RS version.json
VERSION: Final = _reply(
    _status(22, "LUXminer 2025.4.8.220305-57b389c7", "LUXminer versions", 1760242394),
    VERSION=[
        {
            "API": "3.7",
            "CompileTime": "Tue Apr  8 22:05:35 UTC 2025",
            "LUXminer": "2025.4.8.220305-57b389c7",
            "Miner": "2025.4.8.220305",
            "Type": "Antminer S19k Pro",
        }
    ],
)

# ASIC_RS config.json
CONFIG: Final = _reply(
    _status(33, "LUXminer 2025.4.8.220305-57b389c7", "LUXminer config", 1760242394),
    CONFIG=[
        {
            "ASC Count": 3,
            "BcastAddr": "192.168.86.255",
            "ControlBoardType": "cvitek",
            "Cooling": "Air",
            "CurtailMode": "None",
            "DHCP": True,
            "DNS Servers": "",
            "Device Code": "",
            "FPGABuildIdHex": "0x18351835",
            "FPGABuildIdStr": "2018-35-18 35:00",
            "FeeStatus": "Ok",
            "Gateway": "192.168.86.1",
            "GreenLed": "auto",
            "Hostname": "UrlacherS19k",
            "Hotplug": "None",
            "IPAddr": "192.168.86.46",
            "ImmersionMode": False,
            "IsAtmEnabled": True,
            "IsPowerSupplyOn": True,
            "IsSingleVoltage": True,
            "IsTuning": True,
            "Log Interval": 0,
            "LogFileLevel": "info",
            "MACAddr": "62:f7:5e:b7:10:46",
            "Model": "Antminer S19k Pro",
            "NameplateTHS": 121.8,
            "Netmask": "255.255.255.0",
            "OS": "LuxOS",
            "PGA Count": 0,
            "PSUHwVersion": "75",
            "PSULabel": "APW121215e",
            "Pool Count": 4,
            "Profile": "290MHz",
            "ProfileStep": "-12",
            "RedLed": "auto",
            "SerialNumber": "JYZZB0UBDJABF06RB",
            "Strategy": "Failover",
            "SystemStatus": "Normal",
            "UpdateOnStartup": "off",
            "UpdateOnTimeout": "off",
            "UpdateOnUser": "full",
            "UpdateSource": "https://storage.googleapis.com/luxor-firmware/stable",
            "UpdateTimeout": 60,
        }
    ],
)

# ASIC_RS summary.json
SUMMARY: Final = _reply(
    _status(11, "LUXminer 2025.4.8.220305-57b389c7", "Summary", 1760242394),
    SUMMARY=[
        {
            "Accepted": 1483,
            "Best Share": 32768,
            "Device Hardware%": 0.0,
            "Device Rejected%": 0.0,
            "Difficulty Accepted": 42323968,
            "Difficulty Rejected": 32768,
            "Difficulty Stale": 0,
            "Discarded": 0,
            "Elapsed": 3453,
            "Found Blocks": 0,
            "GHS 15m": 61506.37,
            "GHS 1m": 60829.48,
            "GHS 24h": 55400.8,
            "GHS 30m": 61154.22,
            "GHS 5m": 61589.5,
            "GHS 5s": 59756.06,
            "GHS av": 56917.91,
            "Get Failures": 0,
            "Getworks": 656,
            "Hardware Errors": 0,
            "Last getwork": 1760242390,
            "Local Work": 0,
            "Network Blocks": 0,
            "Pool Rejected%": 0.0773,
            "Pool Stale%": 0.0,
            "Rejected": 1,
            "Remote Failures": 0,
            "Stale": 0,
            "Total MH": 56917916.07165668,
            "Utility": 26.03,
            "Work Utility": 11.5,
        }
    ],
)

# ASIC_RS stats.json
STATS: Final = _reply(
    _status(70, "LUXminer 2025.4.8.220305-57b389c7", "LUXminer stats", 1760242394),
    STATS=[
        {
            "CompileTime": "Tue Apr  8 22:05:35 UTC 2025",
            "Miner": "2025.4.8.220305",
            "Type": "Antminer S19k Pro",
        },
        {
            "Calls": 0,
            "Elapsed": 3453,
            "GHS 5s": 59756.06,
            "GHS av": 56917.91,
            "ID": "BTM_SOC0",
            "Max": 0,
            "Min": 99999999,
            "Mode": 2,
            "STATS": 0,
            "Wait": 0,
            "chain_acn1": 77,
            "chain_acn2": 77,
            "chain_acn3": 77,
            "chain_acn4": 0,
            "chain_acs1": CHIP_STATES,
            "chain_acs2": CHIP_STATES,
            "chain_acs3": CHIP_STATES,
            "chain_acs4": "",
            "chain_hw1": 0,
            "chain_hw2": 0,
            "chain_hw3": 0,
            "chain_hw4": 0,
            "chain_rate1": "18910.28",
            "chain_rate2": "18939.95",
            "chain_rate3": "19067.67",
            "chain_rate4": "0",
            "fan1": 1920,
            "fan2": 1920,
            "fan3": 2340,
            "fan4": 2340,
            "fan_num": 4,
            "freq1": 300.0,
            "freq2": 300.0,
            "freq3": 300.0,
            "freq4": 0.0,
            "frequency": 300,
            "miner_count": 3,
            "miner_id": "62f75eb71046",
            "miner_version": "2025.4.8.220305",
            "no_matching_work": 0,
            "rate_30m": 61154.22,
            "rate_unit": "GH",
            "temp1": 47.0,
            "temp2": 47.0,
            "temp2_1": 47.0,
            "temp2_2": 47.0,
            "temp2_3": 47.0,
            "temp3": 47.0,
            "temp_chip1": "47-34-34-47",
            "temp_chip2": "47-33-33-47",
            "temp_chip3": "47-34-34-47",
            "temp_chip4": "0-0-0-0",
            "temp_max": 47.0,
            "temp_num": 3,
            "temp_pcb1": "47-34-34-47",
            "temp_pcb2": "47-33-33-47",
            "temp_pcb3": "47-34-34-47",
            "temp_pcb4": "0-0-0-0",
            "temp_pic1": "47-34-34-47",
            "temp_pic2": "47-33-33-47",
            "temp_pic3": "47-34-34-47",
            "temp_pic4": "0-0-0-0",
            "total rate": 18972.63,
            "total_acn": 4,
            "total_freqavg": 300.0,
            "total_rateideal": 61954.2,
        },
    ],
)

# ASIC_RS devs.json
DEVS: Final = _reply(
    _status(9, "LUXminer 2025.4.8.220305-57b389c7", "3 ASC(s)", 1760242394),
    DEVS=[
        {
            "ASC": 2,
            "Accepted": 499,
            "Board": "BHB56903",
            "Connector": "J8",
            "ControllerIPVersionHex": "0x18351835",
            "ControllerIPVersionStr": "N/A",
            "Device Elapsed": 3428,
            "Device Hardware%": 0,
            "Device Rejected%": 0,
            "Diff1 Work": 14290944,
            "Difficulty Accepted": 14290944,
            "Difficulty Rejected": 0,
            "Enabled": "Y",
            "Hardware Error MHS 15m": 0,
            "Hardware Errors": 0,
            "ID": 2,
            "IsRamping": False,
            "IsUserShutdown": False,
            "Last Share Difficulty": 32768,
            "Last Share Pool": 3,
            "Last Share Time": 1760242393,
            "Last Valid Work": 1760242393,
            "MHS 15m": 20581707.53531604,
            "MHS 1m": 20635064.434732575,
            "MHS 30m": 20493265.756300416,
            "MHS 5m": 20698876.036386784,
            "MHS 5s": 20751652.263361264,
            "MHS 60m": 19010712.80173061,
            "MHS av": 19067677.327556245,
            "Name": "",
            "Nominal MHS": 20651400.0,
            "Profile": "290MHz",
            "Rejected": 0,
            "SerialNumber": "JYZZYRSBDJEBI06ZR",
            "Status": "Alive",
            "Temperature": 47.0,
            "Total MH": 19067677.327556245,
            "Utility": 0,
        },
        {
            "ASC": 0,
            "Accepted": 479,
            "Board": "BHB56903",
            "Connector": "J7",
            "ControllerIPVersionHex": "0x18351835",
            "ControllerIPVersionStr": "N/A",
            "Device Elapsed": 3433,
            "Device Hardware%": 0,
            "Device Rejected%": 0,
            "Diff1 Work": 13594624,
            "Difficulty Accepted": 13594624,
            "Difficulty Rejected": 0,
            "Enabled": "Y",
            "Hardware Error MHS 15m": 0,
            "Hardware Errors": 0,
            "ID": 0,
            "IsRamping": False,
            "IsUserShutdown": False,
            "Last Share Difficulty": 32768,
            "Last Share Pool": 1,
            "Last Share Time": 1760242393,
            "Last Valid Work": 1760242393,
            "MHS 15m": 20458100.291392103,
            "MHS 1m": 20076541.533197526,
            "MHS 30m": 20327073.130063575,
            "MHS 5m": 20422741.307151325,
            "MHS 5s": 19773825.71692016,
            "MHS 60m": 18860300.030351024,
            "MHS av": 18910284.94591701,
            "Name": "",
            "Nominal MHS": 20651400.0,
            "Profile": "290MHz",
            "Rejected": 0,
            "SerialNumber": "JYZZYRSBDJEBI06Z5",
            "Status": "Alive",
            "Temperature": 47.0,
            "Total MH": 18910284.94591701,
            "Utility": 0,
        },
        {
            "ASC": 1,
            "Accepted": 505,
            "Board": "BHB56903",
            "Connector": "J9",
            "ControllerIPVersionHex": "0x18351835",
            "ControllerIPVersionStr": "N/A",
            "Device Elapsed": 3433,
            "Device Hardware%": 0,
            "Device Rejected%": 0,
            "Diff1 Work": 14471168,
            "Difficulty Accepted": 14438400,
            "Difficulty Rejected": 32768,
            "Enabled": "Y",
            "Hardware Error MHS 15m": 0,
            "Hardware Errors": 0,
            "ID": 1,
            "IsRamping": False,
            "IsUserShutdown": False,
            "Last Share Difficulty": 32768,
            "Last Share Pool": 3,
            "Last Share Time": 1760242388,
            "Last Valid Work": 1760242388,
            "MHS 15m": 20466566.820347924,
            "MHS 1m": 20117883.2979288,
            "MHS 30m": 20333889.466016926,
            "MHS 5m": 20467887.352198485,
            "MHS 5s": 19230588.7466751,
            "MHS 60m": 18889513.521303467,
            "MHS av": 18939953.79818343,
            "Name": "",
            "Nominal MHS": 20651400.0,
            "Profile": "290MHz",
            "Rejected": 1,
            "SerialNumber": "JYZZYRSBDJEBI06ZM",
            "Status": "Alive",
            "Temperature": 47.0,
            "Total MH": 18939953.79818343,
            "Utility": 0,
        },
    ],
)

# ASIC_RS temps.json
TEMPS: Final = _reply(
    _status(201, "LUXminer 2025.4.8.220305-57b389c7", "3 Temp(s)", 1760242394),
    METADATA=[
        {
            "BottomLeft": {"Label": "Board Exhaust (bottom)", "Position": [1, 0]},
            "BottomRight": {"Label": "Board Intake (bottom)", "Position": [1, 1]},
            "TopLeft": {"Label": "Board Exhaust (top)", "Position": [0, 0]},
            "TopRight": {"Label": "Board Intake (top)", "Position": [0, 1]},
        }
    ],
    TEMPS=[
        {
            "BottomLeft": 47.0,
            "BottomRight": 34.0,
            "ID": 0,
            "TEMP": 0,
            "TopLeft": 47.0,
            "TopRight": 34.0,
        },
        {
            "BottomLeft": 47.0,
            "BottomRight": 33.0,
            "ID": 1,
            "TEMP": 1,
            "TopLeft": 47.0,
            "TopRight": 33.0,
        },
        {
            "BottomLeft": 47.0,
            "BottomRight": 34.0,
            "ID": 2,
            "TEMP": 2,
            "TopLeft": 47.0,
            "TopRight": 34.0,
        },
    ],
)

# ASIC_RS fans.json
FANS: Final = _reply(
    _status(202, "LUXminer 2025.4.8.220305-57b389c7", "4 Fan(s)", 1760242394),
    FANCTRL=[{"MinFans": 3, "PowerOffSpeed": 20}],
    FANS=[
        {"FAN": "FAN4", "ID": 0, "RPM": 1920, "Speed": 20},
        {"FAN": "FAN2", "ID": 1, "RPM": 1920, "Speed": 20},
        {"FAN": "FAN1", "ID": 2, "RPM": 2340, "Speed": 20},
        {"FAN": "FAN3", "ID": 3, "RPM": 2340, "Speed": 20},
    ],
)

# ASIC_RS power.json
POWER: Final = _reply(
    _status(311, "LUXminer 2025.4.8.220305-57b389c7", "Power usage", 1760242394),
    POWER=[{"PSU": False, "Watts": 1051}],
)

# ASIC_RS profiles.json: 25 profiles, each restorable, dynamic, without overrides; the one
# in use (290MHz) tuned; 590MHz named "default".
PROFILES: Final = _reply(
    _status(323, "LUXminer 2025.4.8.220305-57b389c7", "List profiles", 1760242394),
    PROFILES=[
        _profile(190, 39.2, "-16", 11.88, 784),
        _profile(215, 44.4, "-15", 11.88, 879),
        _profile(240, 49.5, "-14", 11.88, 978),
        _profile(265, 54.7, "-13", 11.88, 1080),
        _profile(290, 59.8, "-12", 11.88, 1188, tuned=True),
        _profile(315, 65.0, "-11", 11.88, 1299),
        _profile(340, 70.2, "-10", 12.0, 1414),
        _profile(365, 75.3, "-9", 12.15, 1533),
        _profile(390, 80.5, "-8", 12.3, 1657),
        _profile(415, 85.7, "-7", 12.45, 1785),
        _profile(440, 90.8, "-6", 12.6, 1916),
        _profile(465, 96.0, "-5", 12.75, 2052),
        _profile(490, 101.1, "-4", 12.9, 2192),
        _profile(515, 106.3, "-3", 13.05, 2336),
        _profile(540, 111.5, "-2", 13.2, 2485),
        _profile(565, 116.6, "-1", 13.35, 2637),
        _profile(590, 121.8, "0", 13.5, 2794, name="default"),
        _profile(615, 127.0, "1", 13.65, 2954),
        _profile(640, 132.1, "2", 13.8, 3119),
        _profile(665, 137.3, "3", 13.95, 3288),
        _profile(690, 142.4, "4", 14.1, 3461),
        _profile(715, 147.6, "5", 14.25, 3638),
        _profile(740, 152.8, "6", 14.4, 3820),
        _profile(765, 157.9, "7", 14.55, 4005),
        _profile(790, 163.1, "8", 14.7, 4195),
    ],
)

# ASIC_RS pools.json: group 0's pools (the one in use, alive; the other dead)
_GROUP0_ALIVE: Final[dict[str, Any]] = {
    "Accepted": 724,
    "AsicBoost": True,
    "Bad Work": 0,
    "Best Share": 32768,
    "Current Block Height": 0,
    "Current Block Version": 536870912,
    "Diff": "32K",
    "Diff1 Shares": 20627456,
    "Difficulty Accepted": 20627456,
    "Difficulty Rejected": 0,
    "Difficulty Stale": 0,
    "Discarded": 0,
    "GROUP": 0,
    "Get Failures": 0,
    "Getworks": 328,
    "Has GBT": False,
    "Has Stratum": True,
    "Has Vmask": True,
    "Last Share Difficulty": 32768,
    "Last Share Time": "00:00:01",
    "Long Pool": "N",
    "POOL": 0,
    "Pool Rejected%": 0.0,
    "Pool Stale%": 0.0,
    "Priority": 0,
    "Proxy": "",
    "Proxy Type": "",
    "Quota": 1.0,
    "Rejected": 0,
    "Remote Failures": 0,
    "Stale": 0,
    "Status": "Alive",
    "Stratum Active": True,
    "Stratum Difficulty": 32768,
    "Stratum URL": "ca.stratum.braiins.com:3333",
    "URL": "stratum+tcp://ca.stratum.braiins.com:3333",
    "User": "asic-rs.user1",
    "Work Difficulty": 32768,
    "Works": 0,
}
_GROUP0_DEAD: Final[dict[str, Any]] = {
    "Accepted": 0,
    "AsicBoost": True,
    "Bad Work": 0,
    "Best Share": 0,
    "Current Block Height": 0,
    "Current Block Version": 0,
    "Diff": "0",
    "Diff1 Shares": 0,
    "Difficulty Accepted": 0,
    "Difficulty Rejected": 0,
    "Difficulty Stale": 0,
    "Discarded": 0,
    "GROUP": 0,
    "Get Failures": 0,
    "Getworks": 0,
    "Has GBT": False,
    "Has Stratum": True,
    "Has Vmask": True,
    "Last Share Difficulty": 0,
    "Last Share Time": "00:57:33",
    "Long Pool": "N",
    "POOL": 1,
    "Pool Rejected%": 0.0,
    "Pool Stale%": 0.0,
    "Priority": 1,
    "Proxy": "",
    "Proxy Type": "",
    "Quota": 1.0,
    "Rejected": 0,
    "Remote Failures": 0,
    "Stale": 0,
    "Status": "Dead",
    "Stratum Active": False,
    "Stratum Difficulty": 0,
    "Stratum URL": "stratum.braiins.com:3333",
    "URL": "stratum+tcp://stratum.braiins.com:3333",
    "User": "asic-rs.user1",
    "Work Difficulty": 0,
    "Works": 0,
}

# ASIC_RS pools.json
POOLS: Final = _reply(
    _status(7, "LUXminer 2025.4.8.220305-57b389c7", "4 Pool(s)", 1760242394),
    POOLS=[
        _GROUP0_ALIVE,
        _GROUP0_DEAD,
        # group 1: the same two pools for another user, the alive one with its own counts
        {
            **_GROUP0_ALIVE,
            "Accepted": 759,
            "Diff1 Shares": 21729280,
            "Difficulty Accepted": 21696512,
            "Difficulty Rejected": 32768,
            "GROUP": 1,
            "POOL": 2,
            "Pool Rejected%": 0.1508,
            "Priority": 2,
            "Rejected": 1,
            "User": "asic-rs.user2",
        },
        {**_GROUP0_DEAD, "GROUP": 1, "POOL": 3, "Priority": 3, "User": "asic-rs.user2"},
    ],
)

# ASIC_RS events.json, LUXminer 2025.9.8
EVENTS: Final = _reply(
    _status(357, "LUXminer 2025.9.8.152528-e04420b4b", "Miner Events", 1775756069),
    EVENTS=[
        {
            "Code": "NOPIC_PROTECTION",
            "CreatedAt": "2026-04-08T03:38:27+00:00",
            "Description": "Miner shutdown due to NOPIC protection.",
            "DocUrl": "https://docs.luxor.tech/firmware/kb/eventstroubleshooting#nopic-protection",
            "Target": "MINER",
        },
        {
            "Code": "REBOOT_NOT_HASHING",
            "CreatedAt": "2026-04-08T03:38:27+00:00",
            "Description": "Board reboot due to it not hashing.",
            "DocUrl": "https://docs.luxor.tech/firmware/kb/eventstroubleshooting#reboot-not-hashing",
            "ID": 0,
            "Target": "BOARD",
        },
    ],
)

# DOCS logon
LOGON: Final = _reply(
    _status(316, "LUXminer 0.1.0-15436f7140", "Session created", 1667917312),
    SESSION=[{"SessionID": "yJN2nlj1"}],
)

# DOCS session
SESSION: Final = _reply(
    _status(319, "LUXminer 0.1.0-15436f7140", "Session information", 1667917088),
    SESSION=[{"SessionID": ""}],
)

# DOCS curtail (sleep; wakeup answers "wake up")
CURTAIL: Final = _reply(
    _status(335, "LUXminer 0.1.0-15436f7140", "Curtailment command sent", 1681332079),
    CURTAIL=[{"Action": "sleep mode"}],
)

# DOCS profileset
PROFILESET: Final = _reply(
    _status(321, "LUXminer 2024.1.26.143259-2d8448bf", "Profile Set", 1706294726),
    PROFILE=[{"Board": 0, "FrequencyStep": 5, "Profile": "default", "VoltageStep": 0.05}],
)

# DOCS atm
ATM: Final = _reply(
    _status(339, "LUXminer 2026.3.17.214510-ec0d952a9", "ATM configuration values", 1773855642),
    ATM=[
        {
            "ChipTempWindow": 8.0,
            "Enabled": False,
            "MaxProfile": "default",
            "MaxProfileStep": "0",
            "MinProfile": "",
            "PostRampMinutes": 15,
            "StartupMinutes": 15,
            "TempWindow": 5.0,
            "WaterInletTempWindow": 7.0,
        }
    ],
)

# DOCS reboot (board 1)
REBOOT: Final = _reply(
    _status(305, "LUXminer 0.1.0-e7a2d8acd0", "Reboot Scheduled", 1668111832),
    REBOOT=[{"Board": 1, "IsShutdown": False}],
)

# DOCS atmset: the STATUS of its example (Code 340; the Msg as pyasic rpc/luxminer.py's
# atmset docstring quotes it).
ATMSET_STATUS: Final[dict[str, Any]] = {
    "Code": 340,
    "Msg": "Advanced Thermal Management configuration updated",
}
# PV_MINER: the messages named in the module docstring.
INVALID_SESSION: Final = "Invalid session_id"
ASLEEP: Final = "curtail mode is idle or sleep"
BOARD_ENABLED: Final = "Board enabled"
BOARD_DISABLED: Final = "Board disabled"

# ASIC_RS_TEST groups: one entry per pool group (the capture's pools are in groups 0 and 1).
GROUPS: Final[list[dict[str, Any]]] = [
    {"GROUP": 0, "Name": "default", "Quota": 1.0},
    {"GROUP": 1, "Name": "backup", "Quota": 1.0},
]
# DOCS tempctrlset: the temperature control values it answers with.
TEMPCTRL: Final[dict[str, Any]] = {
    "ChipDangerous": 85,
    "ChipHot": 80,
    "Dangerous": 75,
    "Hot": 70,
    "Target": 65,
    "WaterInletDangerous": 55,
}
