"""upr_lens: an atrocity-prevention lens on the UN Universal Periodic Review."""

from __future__ import annotations


def package_version() -> str:
    """The installed upr_lens version, as provenance records it ("unknown" for a checkout that is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("upr_lens")
    except PackageNotFoundError:
        return "unknown"
