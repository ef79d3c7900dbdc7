"""Simulated stock-firmware Antminers: cgminer RPC on 4028 and the digest CGI web on 80."""
