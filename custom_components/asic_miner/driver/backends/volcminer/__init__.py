"""VolcMiner Scrypt miners (D1): the "blackMiner" firmware Hammer's miners run too."""
