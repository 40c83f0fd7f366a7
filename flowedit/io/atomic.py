"""Atomic file replacement: a failed or interrupted save never damages the previous file."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from flowedit.i18n import N_, _
from flowedit.io.errors import FlowReadOnlyError, FlowSaveError

#: A temporary file of ours older than this was left by a save that was killed (kill -9, power
#: cut); a save in progress renames its file within seconds.
STALE_SECONDS = 120.0
#: What tempfile.mkstemp puts between our prefix and suffix.
_TEMP_MIDDLE = re.compile(r"[a-z0-9_]{8}")

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

    Keeps the permissions of the file it replaces; a new file gets the permissions the umask
    allows. A symbolic link stays a link: the file it points to is replaced. Raises
    FlowSaveError saying why it failed.
    """
    write_atomic_stream(path, lambda handle: handle.write(data))


def write_atomic_stream(path: str | os.PathLike[str],
                        write: Callable[[BinaryIO], object]) -> None:
    """`write_atomic` for a file made as it is written (a PNG encoded strip by strip): `write`
    gets the temporary file and writes everything into it. Whatever it raises (an OSError
    becomes FlowSaveError) removes the temporary file and leaves `path` as it was."""
    target = _through_links(Path(path))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        info = os.stat(target)
        mode = stat.S_IMODE(info.st_mode)
    except FileNotFoundError:
        info = None
        mode = None
    except OSError as error:
        raise FlowSaveError(target, describe_os_error(error)) from error
    if target.is_dir():
        raise FlowSaveError(target, _("the path is a folder"))
    if info is not None and is_read_only(target, info):
        raise FlowReadOnlyError(target, _("the file is read-only; save your version under "
                                          "another name with Save As…, or make the file "
                                          "writable first"))
    remove_stale_temporaries(target)
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            write(handle)
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


def is_read_only(target: Path, info: os.stat_result) -> bool:
    """Whether the file's permissions forbid changing it. The rename of an atomic save would
    replace it anyway (it needs only the folder's permission), so this is asked first. The mode
    bits decide even for root, who may write anything: a file marked read-only (chmod a-w, 444)
    is one its owner asked not to be changed."""
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    return not os.access(target, os.W_OK)


def remove_stale_temporaries(target: str | os.PathLike[str]) -> list[Path]:
    """Removes the temporary files a killed save of `target` left beside it (`.NAME.xxxxxxxx.tmp`,
    as write_atomic names them) and returns them. Only ours: the exact name pattern, a regular
    file owned by this user, and older than STALE_SECONDS, so a save in progress in another
    window keeps its file. Failures are ignored: cleaning up never stops a save or an open."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    prefix, suffix = f".{target.name}.", ".tmp"
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(suffix)
                and _TEMP_MIDDLE.fullmatch(name[len(prefix):-len(suffix)])):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if (not stat.S_ISREG(info.st_mode) or now - info.st_mtime < STALE_SECONDS
                    or (hasattr(os, "geteuid") and info.st_uid != os.geteuid())):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


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
