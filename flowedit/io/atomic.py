"""Atomic file replacement: a failed or interrupted save never damages the previous file."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from flowedit.io.errors import FlowSaveError

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist (any more)",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "the path is a folder",
    errno.ENAMETOOLONG: "the file name is too long",
}


def describe_os_error(error: OSError) -> str:
    reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
    return reason


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Writes to a temporary file beside `path`, syncs it, then renames it over `path`.

    Keeps the permissions of the file it replaces; a new file gets the permissions the umask
    allows. A symbolic link stays a link: the file it points to is replaced. Raises
    FlowSaveError saying why it failed.
    """
    target = _through_links(Path(path))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise FlowSaveError(target, describe_os_error(error)) from error
    if target.is_dir():
        raise FlowSaveError(target, "the path is a folder")
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode if mode is not None else 0o666 & ~current_umask(folder))
        os.replace(temp_name, target)
        temp_name = None
        _sync_folder(folder)
    except OSError as error:
        raise FlowSaveError(target, describe_os_error(error)) from error
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def _through_links(path: Path) -> Path:
    """The file a symbolic link points to (resolved hop by hop, relative to the link's folder),
    so that the rename replaces that file and not the link; `path` itself when it is no link.
    A dangling link gives the file it would point to: saving creates it."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def current_umask(folder: Path) -> int:
    """The process's umask, learned without changing it (os.umask can only read it by setting
    it, for the whole process and every thread, for a moment): from /proc/self/status where
    the system has it (Linux), else from the mode the system gives a probe file created with
    all permissions in `folder`."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    fd, probe = tempfile.mkstemp(prefix=".flowedit-umask.", dir=folder)
    os.close(fd)
    os.unlink(probe)
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o777)
    try:
        return 0o777 & ~stat.S_IMODE(os.fstat(fd).st_mode)
    finally:
        os.close(fd)
        os.unlink(probe)


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
