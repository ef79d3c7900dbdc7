"""Goldshell's models: one row each, the algorithm it mines and its rated figures.

Rates count 10^12 of the algorithm's work per second (a Mini Doge's 185 MH/s is
0.000185). Each row names its source beside it. "pyasic X" is pyasic's device table
(pyasic/miners/device/models/goldshell/X: boards, chips per board, fans, algorithm);
"gbox" is crProductGuy/goldshell-box-tools-productguy gbox/models.py and its
tests/fixtures (read from real units). Where no public source could be found for a rated
rate or power the row says "rated figure unsourced": the figure is kept, not invented
anew. A model without a row here (LT5, LT6, KD6, CK6, SC5 Pro II …) still mines the coin
its name says: ``algorithm_of`` reads it from the name's series.
"""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "Goldshell"

MODELS: Final[tuple[ModelInfo, ...]] = (
    # pyasic mini_doge/mini_doge.py: 1 board of 40, 2 fans, Scrypt; rated figure unsourced
    ModelInfo(MAKE, "Mini Doge", 1, 40, 2, 0.000185, 233, 233, algorithm=Algorithm.SCRYPT),
    # pyasic XBox/KDBox.py KDBoxII: 1 board of 36, 2 fans, Kadena; rated figure unsourced
    ModelInfo(MAKE, "KD Box II", 1, 36, 2, 5.0, 400, 400, algorithm=Algorithm.BLAKE2S),
    # pyasic XBox/KDBox.py KDBoxPro: 1 board of 16, 2 fans, Kadena; rated figure unsourced
    ModelInfo(MAKE, "KD Box Pro", 1, 16, 2, 2.6, 230, 230, algorithm=Algorithm.BLAKE2S),
    # pyasic X5/KD5.py: 4 boards of 46, 4 fans, Kadena; rated figure unsourced
    ModelInfo(MAKE, "KD5", 4, 46, 4, 18.0, 2250, 2250, algorithm=Algorithm.BLAKE2S),
    # pyasic XMax/KDMax.py: 3 boards of 84, 4 fans, Kadena; rated figure unsourced
    ModelInfo(MAKE, "KD Max", 3, 84, 4, 40.2, 3350, 3350, algorithm=Algorithm.BLAKE2S),
    # pyasic X5/CK5.py: 4 boards of 46, 4 fans, Eaglesong; rated figure unsourced
    ModelInfo(MAKE, "CK5", 4, 46, 4, 12.0, 2400, 2400, algorithm=Algorithm.EAGLESONG),
    # pyasic X5/HS5.py: 4 boards of 46, 4 fans, Handshake; rated figure unsourced
    ModelInfo(MAKE, "HS5", 4, 46, 4, 2.7, 2650, 2650, algorithm=Algorithm.BLAKE2B_SHA3),
    # gbox fixtures dbg_icinfo.json (a real SC-BOX): 1 board of 16; gbox models.py
    # Goldshell-SCBox: 2 fans, rated 900 GH/s and 200 W ("Goldshell spec via retailer listings")
    ModelInfo(MAKE, "SC Box", 1, 16, 2, 0.9, 200, 200, algorithm=Algorithm.BLAKE2B),
    # gbox fixtures sclite/dbg_icinfo.json: 4 boards of 46; gbox models.py Goldshell-SCLITE:
    # 4 fans, rated 4.4 TH/s and 950 W (its goldshell.company/sclite spec table)
    ModelInfo(MAKE, "SC Lite", 4, 46, 4, 4.4, 950, 950, algorithm=Algorithm.BLAKE2B),
)

# Goldshell names each series after its coin: Mini Doge / LT (Scrypt), KD (Kadena), CK
# (Nervos), HS (Handshake), SC (Sia), LB (LBRY), AL (Alephium), E-KA (Kaspa).
_SERIES: Final[tuple[tuple[str, Algorithm], ...]] = (
    ("MINIDOGE", Algorithm.SCRYPT),
    ("LT", Algorithm.SCRYPT),
    ("KD", Algorithm.BLAKE2S),
    ("CK", Algorithm.EAGLESONG),
    ("HS", Algorithm.BLAKE2B_SHA3),
    ("SC", Algorithm.BLAKE2B),
    ("LB", Algorithm.LBRY),
    ("AL", Algorithm.BLAKE3),
    ("EKA", Algorithm.KHEAVYHASH),
)


def algorithm_of(name: str | None) -> Algorithm | None:
    """The coin a Goldshell model's name says it mines ("LT6" → Scrypt); None if unknown."""
    key = "".join(ch for ch in (name or "").upper() if ch.isalnum())
    return next((algo for prefix, algo in _SERIES if key.startswith(prefix)), None)
