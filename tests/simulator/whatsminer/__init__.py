"""Simulated Whatsminers: API V2 on 4028, API V3 on 4433, LuCI web on 80/443."""
