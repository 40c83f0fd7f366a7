"""Atomic file replacement: a failed or interrupted save never damages the previous file."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from flowedit.i18n import N_, _
from flowedit.io.errors import FlowSaveError

_REASONS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOENT: N_("the folder does not exist (any more)"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EISDIR: N_("the path is a folder"),
    errno.ENAMETOOLONG: N_("the file name is too long"),
}


def describe_os_error(error: OSError) -> str:
    reason = _REASONS.get(error.errno or 0)
    return _(reason) if reason else error.strerror or str(error)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Writes to a temporary file beside `path`, syncs it, then renames it over `path`.

    Keeps the permissions of the file it replaces. Raises FlowSaveError saying why it failed.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise FlowSaveError(target, describe_os_error(error)) from error
    if target.is_dir():
        raise FlowSaveError(target, _("the path is a folder"))
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
        temp_name = None
        _sync_folder(folder)
    except OSError as error:
        raise FlowSaveError(target, describe_os_error(error)) from error
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself durable; not every platform can open a folder, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
