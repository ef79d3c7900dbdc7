"""Hiveon, Hive OS's firmware for Antminers: the stock firmware's RPC and CGI web, with power."""
