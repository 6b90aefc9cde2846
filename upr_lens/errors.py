"""The errors upr_lens raises on purpose: each carries one line a person can act on.

``UprLensError`` is the root; the CLI turns any of these into that one line and a non-zero exit. Anything
else that escapes is a bug and surfaces with its traceback.
"""

from __future__ import annotations


class UprLensError(Exception):
    """An expected failure: the message is one line saying what is wrong and, where known, what to do."""


class DocumentError(UprLensError):
    """A document that cannot be used; the message says why, in one line, without the path."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class StoreError(UprLensError):
    """The database file cannot be used (missing, damaged, another program's, newer schema, locked)."""


class InputError(UprLensError, ValueError):
    """A value or input file given by the user is invalid (unknown State, bad option value, bad CSV).

    Also a ``ValueError``, so code that caught the ValueError these sites raised before keeps working."""


class ModelError(UprLensError):
    """A trained model is missing, damaged, tampered with or does not match this version of upr_lens."""
