"""Auradine Teraflux miners (FluxOS with GCMiner): the token-guarded REST API on 8080 and
GCMiner's cgminer-style RPC on 4028.

The backend is ``backend.Auradine``; this package imports nothing itself, so the model
table can read ``models.py`` before the backends are loaded.
"""
