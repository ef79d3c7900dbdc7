"""The model table: what each known miner model should have, as data.

Hashrates are nominal TH/s; power is the stock range in W. ``generation`` matters where one
make runs differently shaped firmware: Antminer "old" (S9/S17/T17: STATS[1] chain fields,
form-encoded CGI) versus "modern" (X19 and later: ``stats`` new_api, JSON CGI).
Facts from the vendors' spec sheets and pyasic's model classes.

Whatsminer rows are families ("M50S", "M30S+"); the firmware reports a bin variant
("M50S_VH30", "M30S+_VE45") that is normalised to the variant (``M30S+VE40``) and then to
its family row (docs/protocols.md §3.1). Their power range is the range the firmware
accepts for a power limit (``adjust_power_limit`` / ``set.miner.power_limit``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

ANTMINER: Final = "Antminer"
WHATSMINER: Final = "Whatsminer"

OLD: Final = "old"
MODERN: Final = "modern"


@dataclass(frozen=True, slots=True)
class ModelInfo:
    make: str
    name: str  # as the vendor writes it, without the make: "S19j Pro"
    boards: int
    chips_per_board: int
    fans: int
    hashrate_ths: float
    power_min_w: int
    power_max_w: int
    generation: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.make} {self.name}"

    @property
    def expected_chips(self) -> int:
        return self.boards * self.chips_per_board


# name, boards, chips per board, fans, nominal TH/s, power min W, power max W, generation
_ANTMINER_ROWS: Final[tuple[tuple[str, int, int, int, float, int, int, str], ...]] = (
    # X9 (old firmware)
    ("S9", 3, 63, 2, 13.5, 1300, 1400, OLD),
    ("S9i", 3, 63, 2, 14.0, 1300, 1400, OLD),
    ("S9j", 3, 63, 2, 14.5, 1300, 1400, OLD),
    ("T9", 3, 57, 2, 12.5, 1450, 1600, OLD),
    ("T9+", 3, 54, 2, 10.5, 1300, 1450, OLD),
    # X17 (old firmware)
    ("S17", 3, 48, 4, 56.0, 2300, 2520, OLD),
    ("S17 Pro", 3, 48, 4, 53.0, 1950, 2400, OLD),
    ("S17+", 3, 65, 4, 73.0, 2700, 2920, OLD),
    ("S17e", 3, 135, 4, 64.0, 2700, 2880, OLD),
    ("T17", 3, 30, 4, 40.0, 2000, 2200, OLD),
    ("T17+", 3, 44, 4, 64.0, 3000, 3200, OLD),
    ("T17e", 3, 78, 4, 53.0, 2700, 2915, OLD),
    # X19
    ("S19", 3, 76, 4, 95.0, 3000, 3250, MODERN),
    ("S19 Pro", 3, 114, 4, 110.0, 3000, 3250, MODERN),
    ("S19i", 3, 80, 4, 91.0, 2900, 3100, MODERN),
    ("S19+", 3, 80, 4, 104.0, 3000, 3150, MODERN),
    ("S19 Pro+", 3, 120, 4, 120.0, 3200, 3355, MODERN),
    ("S19a", 3, 72, 4, 96.0, 3000, 3250, MODERN),
    ("S19a Pro", 3, 100, 4, 110.0, 3000, 3250, MODERN),
    ("S19j", 3, 114, 4, 90.0, 2900, 3100, MODERN),
    ("S19j+", 3, 108, 4, 100.0, 3000, 3250, MODERN),
    ("S19j Pro", 3, 126, 4, 100.0, 2950, 3250, MODERN),
    ("S19j Pro+", 3, 120, 4, 122.0, 3300, 3400, MODERN),
    ("S19j XP", 3, 110, 4, 151.0, 3000, 3247, MODERN),
    ("S19k Pro", 3, 77, 4, 120.0, 2600, 2760, MODERN),
    ("S19L", 3, 76, 4, 95.0, 3000, 3250, MODERN),
    ("S19 XP", 3, 110, 4, 140.0, 2900, 3010, MODERN),
    ("S19 XP+", 3, 108, 4, 141.0, 2900, 3050, MODERN),
    ("S19 Hydro", 4, 104, 0, 158.0, 5100, 5451, MODERN),
    ("S19 Pro Hydro", 4, 180, 0, 177.0, 5000, 5221, MODERN),
    ("S19 Pro+ Hydro", 4, 180, 0, 198.0, 5200, 5445, MODERN),
    ("S19 XP Hydro", 3, 204, 0, 255.0, 5200, 5304, MODERN),
    ("T19", 3, 76, 4, 84.0, 3000, 3150, MODERN),
    # X21
    ("S21", 3, 108, 4, 200.0, 3300, 3500, MODERN),
    ("S21 Pro", 3, 65, 4, 234.0, 3300, 3510, MODERN),
    ("S21+", 3, 55, 4, 216.0, 3400, 3564, MODERN),
    ("S21 XP", 3, 91, 4, 270.0, 3500, 3645, MODERN),
    ("T21", 3, 108, 4, 190.0, 3400, 3610, MODERN),
)

# name, boards, chips per board, fans, nominal TH/s, power-limit min W, power-limit max W.
# Chips per board are those of the family's most common bin; hydro and immersion models
# (no fans of their own) carry 0 fans; the M53/M63 hydro families have 4 boards.
_WHATSMINER_ROWS: Final[tuple[tuple[str, int, int, int, float, int, int], ...]] = (
    # M2x
    ("M20", 3, 66, 2, 45.0, 1800, 3360),
    ("M20S", 3, 66, 2, 68.0, 2000, 3600),
    ("M20S+", 3, 66, 2, 70.0, 2000, 3600),
    ("M21", 3, 105, 2, 31.0, 1500, 2800),
    ("M21S", 3, 105, 2, 56.0, 2000, 3600),
    ("M21S+", 3, 105, 2, 60.0, 2000, 3600),
    # M3x
    ("M30", 3, 105, 2, 70.0, 2000, 3600),
    ("M30S", 3, 148, 2, 88.0, 2200, 3600),
    ("M30S+", 3, 156, 2, 100.0, 2400, 3600),
    ("M30S++", 3, 111, 2, 112.0, 2400, 3800),
    ("M31", 3, 70, 2, 70.0, 2000, 3600),
    ("M31S", 3, 78, 2, 76.0, 2000, 3600),
    ("M31S+", 3, 78, 2, 80.0, 2000, 3600),
    ("M32", 3, 78, 2, 62.0, 2200, 3600),
    ("M32S", 3, 78, 2, 66.0, 2200, 3600),
    ("M33S", 4, 240, 0, 142.0, 3500, 7600),
    ("M33S+", 4, 240, 0, 202.0, 3500, 7600),
    ("M33S++", 4, 240, 0, 242.0, 3500, 7800),
    ("M36S", 3, 222, 0, 146.0, 3000, 7000),
    ("M36S+", 3, 222, 0, 156.0, 3000, 7000),
    ("M36S++", 3, 222, 0, 170.0, 3000, 7000),
    ("M39", 3, 111, 0, 150.0, 3000, 7000),
    # M5x
    ("M50", 3, 105, 2, 114.0, 2000, 3600),
    ("M50S", 3, 156, 2, 126.0, 2000, 3600),
    ("M50S+", 3, 117, 2, 134.0, 2000, 3700),
    ("M50S++", 3, 117, 2, 150.0, 2000, 3700),
    ("M52S", 3, 111, 2, 138.0, 2000, 3700),
    ("M52S++", 3, 111, 2, 150.0, 2000, 3700),
    ("M53", 4, 198, 0, 226.0, 3500, 7200),
    ("M53S", 4, 198, 0, 260.0, 3500, 7200),
    ("M53S+", 4, 198, 0, 276.0, 3500, 7400),
    ("M53S++", 4, 198, 0, 300.0, 3500, 7600),
    ("M54S++", 4, 198, 0, 320.0, 3500, 7600),
    ("M56", 4, 152, 0, 194.0, 3500, 6000),
    ("M56S", 4, 152, 0, 212.0, 3500, 6000),
    ("M56S+", 4, 152, 0, 230.0, 3500, 6200),
    ("M56S++", 4, 152, 0, 254.0, 3500, 6400),
    ("M59", 3, 128, 0, 240.0, 3500, 6200),
    # M6x
    ("M60", 3, 215, 2, 172.0, 2200, 3800),
    ("M60S", 3, 245, 2, 186.0, 2200, 3800),
    ("M60S+", 3, 245, 2, 190.0, 2200, 3800),
    ("M60S++", 3, 245, 2, 226.0, 2200, 4000),
    ("M61", 3, 245, 2, 166.0, 2200, 4000),
    ("M61S", 3, 245, 2, 174.0, 2200, 4000),
    ("M62S+", 3, 245, 0, 200.0, 3000, 6000),
    ("M63", 4, 288, 0, 334.0, 4000, 9600),
    ("M63S", 4, 350, 0, 390.0, 4000, 9600),
    ("M63S+", 4, 350, 0, 424.0, 4000, 9600),
    ("M63S++", 4, 350, 0, 464.0, 4000, 9600),
    ("M64", 3, 245, 0, 218.0, 3000, 6000),
    ("M64S", 3, 245, 0, 234.0, 3000, 6000),
    ("M65S", 3, 245, 2, 236.0, 3000, 6000),
    ("M66", 3, 384, 0, 266.0, 3500, 6200),
    ("M66S", 3, 384, 0, 298.0, 3500, 6200),
    ("M66S+", 3, 384, 0, 318.0, 3500, 6400),
    ("M66S++", 3, 384, 0, 348.0, 3500, 6600),
    ("M67S", 3, 384, 0, 330.0, 3500, 6600),
    # M7x
    ("M70", 3, 232, 2, 258.0, 2400, 3800),
    ("M70S", 3, 232, 2, 270.0, 2400, 3800),
    ("M73S", 4, 288, 0, 450.0, 4000, 9600),
    ("M76S", 3, 384, 0, 380.0, 3500, 6800),
    ("M79S", 3, 384, 0, 460.0, 3500, 9000),
)

MODELS: Final[tuple[ModelInfo, ...]] = tuple(
    ModelInfo(ANTMINER, *row) for row in _ANTMINER_ROWS
) + tuple(ModelInfo(WHATSMINER, *row) for row in _WHATSMINER_ROWS)

# Words that name the make; stripped before comparing model names.
_MAKE_WORDS = ("ANTMINER", "BITMAIN", "WHATSMINER", "MICROBT")
# Suffix spellings that mean the same model.
_SYNONYMS = (("HYDRO", "HYD"), ("PLUS", "+"))
_SEPARATORS = re.compile(r"[\s_\-.]+")
# Whatsminer bin variants after the family name: "M50S+" + "VK30", "M30S+" + "VE45".
_WHATSMINER_VARIANT = re.compile(r"^(?P<family>M\d{2}[A-Z+]*?)(?P<variant>V[A-Z]\d{2})$")


def normalise(name: str) -> str:
    """A comparison key: 'Antminer S19 Pro', 'S19 Pro', 'ANTMINER S19PRO' → 'S19PRO'.

    Anything after ' (' is dropped (``version`` Type: 'Antminer S19 Pro (88T)').
    """
    key = name.split(" (", 1)[0].upper()
    for word in _MAKE_WORDS:
        key = key.replace(word, "")
    key = _SEPARATORS.sub("", key)
    for long, short in _SYNONYMS:
        key = key.replace(long, short)
    return key


_BY_KEY: Final[dict[str, ModelInfo]] = {normalise(model.name): model for model in MODELS}


def lookup(name: str | None, make: str | None = None) -> ModelInfo | None:
    """The table entry for a model name in any common spelling, or None when unknown."""
    if not name:
        return None
    model = next((_BY_KEY[key] for key in candidate_keys(name) if key in _BY_KEY), None)
    if model is None or (make is not None and model.make.upper() != make.upper()):
        return None
    return model


def whatsminer_variant(name: str) -> str | None:
    """A Whatsminer model string as its variant key: 'M30S+_VE45' → 'M30S+VE40'.

    The last digit only tells bins of one variant apart; None when ``name`` has no variant.
    """
    match = _WHATSMINER_VARIANT.match(normalise(name))
    if match is None:
        return None
    variant = match.group("variant")
    return match.group("family") + variant[:-1] + "0"


def whatsminer_family(name: str) -> str | None:
    """The family of a Whatsminer model string: 'M50S_VH35' → 'M50S'; None without a variant."""
    match = _WHATSMINER_VARIANT.match(normalise(name))
    return match.group("family") if match else None


def candidate_keys(name: str) -> list[str]:
    """Table keys to try for a name, most specific first (exact, variant, family)."""
    keys = [normalise(name)]
    for key in (whatsminer_variant(name), whatsminer_family(name)):
        if key is not None and key not in keys:
            keys.append(key)
    return keys
