"""Bitdeer SealMiner on its stock firmware (BDMiner): the cgminer-style RPC on 4028 and the
PHP web on 80 behind a session cookie, as asic-rs firmwares/sealminer reads them.

The backend is ``backend.SealMiner``; this package imports nothing itself, so the model
table can read ``models.py`` before the backends are loaded.
"""
