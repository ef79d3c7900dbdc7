"""Hammer Scrypt miners (D10): ccminer's RPC and an Antminer-like "blackMiner" digest web."""
