"""Elphapex Scrypt miners (DG1, DG1+, DG Home 1): a digest-protected CGI web, Antminer-like."""
