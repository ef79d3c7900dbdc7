"""The driver's exception hierarchy: one base class, one subclass per way a miner can fail us."""

from __future__ import annotations


class AsicMinerError(Exception):
    """Base class of every error the driver raises."""


class MinerConnectionError(AsicMinerError):
    """The miner could not be reached, or the connection broke mid-reply."""


class MinerRefusedError(MinerConnectionError):
    """The port refused the connection (ECONNREFUSED): nothing listens there, unlike a
    miner that took the connection and then closed it or stayed silent."""


class ConnectionDroppedError(MinerConnectionError):
    """The miner closed or reset the connection after taking the request (e.g. as it
    reboots); unlike a refusal or silence, the request may have been carried out."""


class MinerTimeoutError(MinerConnectionError):
    """The miner accepted the connection (or not) but did not answer in time."""


def socket_error(host: str, port: int, err: OSError) -> MinerConnectionError:
    """The driver's error for a socket that failed: refused, reset, or otherwise broken."""
    if isinstance(err, ConnectionRefusedError):
        return MinerRefusedError(f"{host}:{port} refused the connection")
    if isinstance(err, (ConnectionResetError, BrokenPipeError)):
        return ConnectionDroppedError(f"{host}:{port} reset the connection")
    return MinerConnectionError(f"{host}:{port}: {err.strerror or err}")


class MinerNotFoundError(AsicMinerError):
    """Something answered at the address, but not a miner the driver supports."""


class MinerAuthenticationError(AsicMinerError):
    """The miner refused our credentials."""


class HostKeyChanged(MinerAuthenticationError):
    """The miner's SSH host key is not the one recorded when it was added (a reflash, or
    another machine at its address): refused until the user confirms the new key."""

    def __init__(self, message: str, *, fingerprint: str) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint  # SHA256 of the key offered now (not a secret)


class MinerProtocolError(AsicMinerError):
    """The miner answered, but with something we cannot use (bad JSON, wrong shape)."""


class MinerCommandError(MinerProtocolError):
    """The miner understood the request and reported an error (STATUS E/F, success false)."""

    def __init__(self, message: str, *, code: int | str | None = None) -> None:
        super().__init__(message)
        self.code = code


class UnsupportedOperation(AsicMinerError):
    """This firmware does not offer the requested control or read."""

    def __init__(self, operation: str, firmware: str) -> None:
        super().__init__(f"{firmware} does not support {operation}")
        self.operation = operation
        self.firmware = firmware


class WriteAccessDenied(AsicMinerError):
    """The miner is reachable and the password is right, but writes are switched off or refused."""


class WriteApiDisabled(WriteAccessDenied):
    """The write API is switched off (Whatsminer as shipped; WhatsMinerTool enables it)."""


class DefaultPasswordInUse(WriteAccessDenied):
    """The firmware refuses writes until its factory password has been changed."""


class PermissionDenied(WriteAccessDenied):
    """The account we log in with may not run this command (Whatsminer code 45, V3 code -4)."""


class TokenLimitReached(AsicMinerError):
    """The miner gives us no more tokens or connections for now.

    Whatsminer code 136 "token over max times" and "over max connect".
    """


class WriteApiLockedByDefaultPassword(DefaultPasswordInUse, WriteApiDisabled):
    """Writes refused ("can't access write cmd") while the factory password is in use.

    Whatsminer V2 answers the same refusal whether its write API is switched off or its
    admin password is still the factory one, so both apply: this error is caught as
    either, and its message tells the user both steps.
    """
