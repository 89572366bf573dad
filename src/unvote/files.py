"""Writing a file so that nothing half-written is ever left behind: a temporary file in the same folder, renamed
into place (the snapshot, a folder of files, is swapped in by :mod:`unvote.build` instead)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from unvote.errors import UserError


def write_atomically(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call ``write`` on a temporary path beside ``path``, then rename it to ``path``; on failure ``path`` is untouched.

    >>> write_atomically("/tmp/unvote-example.txt", lambda tmp: tmp.write_text("116-20-53")).read_text()
    '116-20-53'
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o644)  # mkstemp's private 0600 would hide the file from a web server or a colleague
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
