"""Elphapex Scrypt miners (DG1, DG1+, DG1 Home): a digest-protected CGI web, Antminer-like."""
