"""Data files shipped inside the package (``upr_lens/data/``), read with ``importlib.resources``.

They are read through the package, never through a path computed from the checkout, so they work the same
from a source tree, an editable install and a wheel. A file that is missing or fails its loader's validation
raises :class:`PackageDataError`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:  # importlib.resources.abc is Python 3.11+; annotations only
    from importlib.resources.abc import Traversable


class PackageDataError(ModelError):
    """A data file of the package (lexicon, instrument registry, calendar) is missing or invalid."""


def data_file(name: str) -> Traversable:
    """The packaged data file ``upr_lens/data/<name>``."""
    return files("upr_lens") / "data" / name


def read_data_text(name: str, path: Path | None = None) -> tuple[str, str]:
    """(text, where) of a data file: ``path`` when given (tests, a custom lexicon), else the packaged file."""
    source = Path(path) if path is not None else data_file(name)
    try:
        return source.read_text(encoding="utf-8"), str(source)
    except OSError as e:
        raise PackageDataError(f"cannot read data file {source}: {e.strerror or e}") from e
