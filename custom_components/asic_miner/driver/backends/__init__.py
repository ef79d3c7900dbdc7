"""Firmware backends: one package per firmware family.

Each package holds its backend (``Miner`` subclasses), reply parsers, identification
(``family.py``: markers and resolver) and, where the make has several models, its rows of
the model table (``models.py``). Adding a family adds a package and its name below.
"""

# In the order their markers are listed within one rank (family.py).
FAMILY_PACKAGES: tuple[str, ...] = (
    "vnish",
    "luxos",
    "marathon",
    "hiveon",
    "mskminer",
    "goldshell",
    "elphapex",
    "hammer",
    "volcminer",
    "epic",
    "braiins",
    "antminer",
    "whatsminer",
    "espminer",
    "avalon",
    "auradine",
    "sealminer",
    "iceriver",
    "innosilicon",
)
