"""ePIC PowerPlay (UMC OS) on Antminer control boards: HTTP REST on port 4028
(``backend.Epic``)."""
