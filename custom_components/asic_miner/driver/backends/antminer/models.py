"""Antminer rows of the model table (stock figures from Bitmain's spec sheets and pyasic).

``generation``: "old" (S9/S17/T17: STATS[1] chain fields, form-encoded CGI) or "modern"
(X19 and later: ``stats`` new_api, JSON CGI).
"""

from __future__ import annotations

from typing import Final

from ...model_info import ModelInfo

MAKE: Final = "Antminer"
OLD: Final = "old"
MODERN: Final = "modern"

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
    # Hydro X21: boards, chips and fans as pyasic (device/models/antminer/X21/S21.py);
    # TH/s and W from Bitmain's product pages.
    ("S21 Hydro", 3, 216, 0, 335.0, 5000, 5360, MODERN),
    ("S21+ Hydro", 3, 95, 0, 358.0, 5100, 5370, MODERN),
    ("S21 XP", 3, 91, 4, 270.0, 3500, 3645, MODERN),
    ("T21", 3, 108, 4, 190.0, 3400, 3610, MODERN),
)

MODELS: Final[tuple[ModelInfo, ...]] = tuple(ModelInfo(MAKE, *row) for row in _ANTMINER_ROWS)
