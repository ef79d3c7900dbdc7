"""Tests of the Home Assistant side, against simulated miners over loopback sockets."""
