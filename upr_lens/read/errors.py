"""Errors raised while reading or recognising a document (defined in :mod:`upr_lens.errors`)."""

from __future__ import annotations

from upr_lens.errors import DocumentError

__all__ = ["DocumentError"]
