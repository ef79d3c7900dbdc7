"""Canaan Avalon on stock firmware (Nano 3/3S, Mini 3, Avalon Q, A10xx-A15xx): cgminer RPC
on TCP 4028, JSON or its plain-text form."""
