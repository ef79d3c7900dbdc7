"""MARA firmware (MaraFW, "KaonSu") on Antminers: the digest-protected ``/kaonsu/v1/`` API.

The backend is ``backend.Marathon``; this package imports nothing itself, so the model
table can read ``models.py`` before the backends are loaded.
"""
