"""LuxOS (Luxor's LUXminer) on Antminers: the cgminer-style RPC on port 4028.

The package imports nothing itself: the model table (``models.py`` of each family) is
read while ``driver.models`` loads, and the backend imports that module.
"""
