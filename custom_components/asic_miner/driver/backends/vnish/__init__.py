"""VNish (AnthillOS) on Antminers: the REST API under ``/api/v1`` on port 80."""

from .backend import Vnish

__all__ = ["Vnish"]
