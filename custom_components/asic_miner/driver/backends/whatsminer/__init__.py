"""MicroBT Whatsminer: API V2 (4028) and API V3 (4433)."""
