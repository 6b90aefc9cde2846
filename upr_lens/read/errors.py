"""Errors raised while reading or recognising a document: one clear line for a person."""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot be used; the message says why, in one line, without the path."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
