"""Readable text for the error codes a Whatsminer reports about itself.

The codes follow MicroBT's error-code list: the leading digits name the kind (1xx fans,
2xx power supply, 3xx temperature, 4xx EEPROM, 5xx hash boards, 6xx environment, 7xx
control board, 20xx pools, 23xx hashrate, 50xx-51xx boards), the last digit often the
slot. Six-digit codes 52xxxx-56xxxx name a board slot and a chip. Unknown codes keep
their number and a generic text.
"""

from __future__ import annotations

from typing import Final

# Exact codes.
_EXACT: Final[dict[int, str]] = {
    100: "fan speed unknown",
    110: "intake fan speed error",
    111: "exhaust fan speed error",
    120: "intake fan speed deviates by more than 2000 RPM",
    121: "exhaust fan speed deviates by more than 2000 RPM",
    130: "intake fan speed deviates by more than 3000 RPM",
    131: "exhaust fan speed deviates by more than 3000 RPM",
    140: "fan speed too high",
    200: "no power supply found",
    201: "power supply does not match the configuration",
    202: "power supply output voltage error",
    203: "power supply protecting: environment too hot",
    204: "power supply current protection: environment too hot",
    205: "power supply current error",
    206: "power supply input voltage too low",
    207: "power supply input current protection (bad input power)",
    208: "power supply power error",
    209: "power supply voltage offset error",
    210: "power supply error",
    211: "power supply output current error, reboot the miner",
    212: "power supply output voltage out of range",
    213: "power supply input and output do not match",
    214: "power supply input power did not change",
    215: "power supply output voltage could not be set",
    216: "power supply readings unchanged for a long time",
    217: "power supply could not be enabled",
    218: "input voltage below 230 V in high power mode",
    219: "power supply input current incorrect",
    233: "power supply output over-temperature protection",
    234: "power supply output over-temperature protection",
    235: "power supply output over-temperature protection",
    236: "power supply output over-current protection",
    237: "power supply output over-current protection",
    238: "power supply output over-current protection",
    239: "power supply output over-voltage protection",
    240: "power supply output under-voltage protection",
    241: "power supply output current imbalance",
    243: "power supply input over-temperature protection",
    244: "power supply input over-temperature protection",
    245: "power supply input over-temperature protection",
    246: "power supply input over-voltage protection",
    247: "power supply input over-voltage protection",
    248: "power supply input over-current protection",
    249: "power supply input over-current protection",
    250: "power supply input under-voltage protection",
    251: "power supply input under-voltage protection",
    253: "power supply fan error",
    254: "power supply fan error",
    255: "power supply output over-power protection",
    256: "power supply output over-power protection",
    257: "power supply primary-side input over-current protection",
    263: "power supply communication warning",
    264: "power supply communication error",
    267: "power supply watchdog protection",
    268: "power supply output over-current protection",
    269: "power supply input over-current protection",
    270: "power supply input over-voltage protection",
    271: "power supply input under-voltage protection",
    272: "power supply output too high",
    273: "power supply input too high",
    274: "power supply fan warning",
    275: "power supply over-temperature warning",
    329: "control board temperature sensor communication error",
    360: "hash board too hot",
    361: "hash board too hot",
    362: "hash board too hot",
    363: "hash board too hot",
    370: "environment temperature fluctuates too much",
    380: "humidity sensor not found",
    381: "humidity sensor read error",
    382: "humidity sensor read error",
    383: "humidity protection",
    400: "EEPROM error",
    500: "hash board error",
    600: "environment temperature too high",
    610: "environment temperature too high for high power mode",
    700: "invalid MAC address",
    701: "control board does not support the chips",
    710: "control board rebooted unexpectedly",
    711: "control board rebooted unexpectedly; CPU clock reduced, update the firmware",
    712: "control board rebooted unexpectedly",
    713: "network unstable",
    800: "btminer checksum error",
    801: "system monitor checksum error",
    802: "remote daemon checksum error",
    2000: "no pool configured",
    2010: "all pools disabled",
    2030: "high share rejection rate",
    2040: "pool does not support AsicBoost",
    2310: "hashrate too low",
    2320: "hashrate too low",
    2330: "hashrate loss too high",
    2340: "hashrate loss too high",
    2350: "hashrate loss",
    5080: "chip temperature calibration failed; restore the factory settings",
    8400: "firmware too old",
    8410: "software version error",
}

# Codes whose last digit is a slot (board) or pool number: code // 10 → text.
_NUMBERED: Final[dict[int, str]] = {
    30: "board {n}: temperature sensor not detected",
    32: "board {n}: temperature reading error",
    35: "board {n}: temperature protection",
    41: "board {n}: EEPROM not detected",
    42: "board {n}: EEPROM parse error",
    43: "board {n}: chip bin type error",
    44: "board {n}: EEPROM chip count error",
    45: "board {n}: EEPROM transfer error",
    51: "board {n}: miner type error",
    52: "board {n}: bin type error",
    53: "board {n}: not found",
    54: "board {n}: cannot read chip IDs",
    55: "board {n}: bad chips",
    56: "board {n}: power imbalance",
    57: "board {n}: chip transfer error",
    58: "board {n}: reset error",
    59: "board {n}: frequency too low",
    72: "control board: slot {n} frame error",
    202: "pool {n}: connection failed",
    501: "board {n}: chip voltage too low",
    502: "board {n}: chip voltage changed",
    503: "board {n}: chip temperature spread too large",
    504: "board {n}: hottest chip temperature spread too large",
    505: "board {n}: stopped hashing, chip temperature protection",
    507: "board {n}: abnormal water flow",
    509: "board {n}: chip temperature calibration unbalanced",
    511: "board {n}: frequency ramp-up timed out",
    512: "board {n}: too many CRC errors",
    513: "board {n}: unstable",
    517: "board {n}: frequency ramp-up timed out",
}

# Six-digit chip codes KKSCCC: kind KK, slot S, chip CCC.
_CHIP: Final[dict[int, str]] = {
    52: "board {n}: chip {c} returns wrong nonces",
    53: "board {n}: chip {c} returns too few nonces",
    54: "board {n}: chip {c} temperature protection",
    55: "board {n}: chip {c} was reset",
    56: "board {n}: chip {c} returns no nonces",
}
_CHIP_CODE_DIGITS: Final = 6


def error_text(code: int) -> str:
    """A short English description of a Whatsminer error code."""
    if code in _EXACT:
        return _EXACT[code]
    digits = str(code)
    if len(digits) == _CHIP_CODE_DIGITS and int(digits[:2]) in _CHIP:
        return _CHIP[int(digits[:2])].format(n=digits[2], c=int(digits[3:]))
    template = _NUMBERED.get(code // 10)
    if template is not None:
        return template.format(n=code % 10)
    return f"error code {code}"
