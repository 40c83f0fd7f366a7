"""Atomic saves keep a symlinked file a symlink (the file it points to is replaced), and never
change the process's umask, not even for a moment (issue 12)."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from flowedit.io.atomic import write_atomic

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and modes")


def test_saving_through_a_symlink_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "shared" / "process.yaml"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "process.yaml"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["process.yaml"]


def test_a_dangling_symlink_is_written_through_too(tmp_path):
    real = tmp_path / "process.yaml"
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_new_file_gets_the_umask_without_the_umask_being_changed(tmp_path, monkeypatch):
    previous = os.umask(0o027)
    try:
        def no_umask_changes(mask: int) -> int:
            raise AssertionError(f"os.umask({mask:o}) called while saving")

        monkeypatch.setattr(os, "umask", no_umask_changes)
        write_atomic(tmp_path / "new.yaml", b"data")
    finally:
        monkeypatch.undo()
        os.umask(previous)
    assert stat.S_IMODE(os.stat(tmp_path / "new.yaml").st_mode) == 0o640


def test_an_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "process.yaml"
    target.write_bytes(b"old")
    target.chmod(0o604)
    write_atomic(target, b"new")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o604


def test_the_umask_is_learned_the_same_way_without_proc(tmp_path, monkeypatch):
    import builtins

    from flowedit.io import atomic

    real_open = builtins.open

    def no_proc(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).startswith("/proc/"):
            raise FileNotFoundError(file)
        return real_open(file, *args, **kwargs)

    previous = os.umask(0o037)
    try:
        monkeypatch.setattr(builtins, "open", no_proc)
        assert atomic.current_umask(tmp_path) == 0o037
    finally:
        monkeypatch.undo()
        os.umask(previous)
    assert list(tmp_path.iterdir()) == [], "the probe file is gone"
