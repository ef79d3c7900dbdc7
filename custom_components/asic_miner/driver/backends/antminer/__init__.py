"""Bitmain Antminer on stock firmware (BMMiner / CGMiner): RPC on 4028 and the digest CGI web."""
