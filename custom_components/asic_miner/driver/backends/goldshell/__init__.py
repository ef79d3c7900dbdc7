"""Goldshell's stock firmware (the "cloud-box" web UI): reads and controls over ``/mcb/``."""
