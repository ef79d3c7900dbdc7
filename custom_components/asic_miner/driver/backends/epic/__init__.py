"""ePIC PowerPlay (UMC OS) on Antminer control boards: HTTP REST on port 4028
(``backend.Epic``; not imported here: the model table imports this package first)."""
