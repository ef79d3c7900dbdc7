"""Innosilicon's own firmware (innominer, cgminer RPC): the A9 ZMaster on Equihash."""
