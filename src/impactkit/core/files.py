"""Writing the user's files safely: atomically, one writer at a time, and never outside the study.

Every file impactkit changes in a study (the changes file, ``study.yaml``, suggestion files, impact
maps) and every output goes through :func:`atomic_write` or :func:`atomic_file`: the new content
is written to a temporary file in the same folder, flushed and fsynced, then renamed over the
target. A crash, a kill or a full disk at any moment leaves the old file or the new one, never a
mix. Commands that change a study hold :func:`study_lock` so that two of them at once do not lose
each other's writes. :func:`inside` refuses paths that leave the study folder.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import UserError
from .i18n import Text

LOCK_NAME = ".impactkit.lock"
LOCK_WAIT = 30.0
"""Seconds a command waits for another command's lock on the same study before it gives up
(``IMPACTKIT_LOCK_WAIT`` sets another number of seconds, ``0`` not to wait)."""


def lock_wait() -> float:
    """The seconds to wait for a study's lock: ``IMPACTKIT_LOCK_WAIT`` when it is a number ≥ 0,
    else :data:`LOCK_WAIT`."""
    given = os.environ.get("IMPACTKIT_LOCK_WAIT", "").strip()
    try:
        seconds = float(given)
    except ValueError:
        return LOCK_WAIT
    return seconds if 0 <= seconds < float("inf") else LOCK_WAIT


def _refuse_link(path: Path) -> None:
    if path.is_symlink():
        raise UserError(
            f"{path} is a symbolic link; impactkit does not write through links (write to the file it points to "
            "or remove the link)",
            f"{path} is een symbolische koppeling; impactkit schrijft niet via koppelingen (schrijf naar het bestand "
            "waarnaar het verwijst of verwijder de koppeling)",
        )


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened or synced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_file(path: str | Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` for writing; when the block ends without an error it
    replaces ``path`` in one step (keeping ``path``'s permissions), otherwise it is removed and
    ``path`` is untouched. ``path`` may not be a symbolic link."""
    target = Path(path)
    _refuse_link(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:  # no such folder, no right to write in it, a full disk: name the file asked for
        raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, mode, **open_args) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, target.stat().st_mode & 0o7777)
        if not target.exists():
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        if isinstance(exc, OSError) and exc.filename in (None, str(temp), temp_name):
            # a full disk, say: name the file the user knows, not the temporary one
            raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from exc
        raise
    _fsync_dir(folder)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | Path, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_file`); text is encoded as
    ``encoding`` and written as given (no newline translation)."""
    raw = data.encode(encoding) if isinstance(data, str) else data
    with atomic_file(path, "wb") as handle:
        handle.write(raw)


def output_folder(path: str | Path) -> Path:
    """``path`` as a folder to write outputs into, made when missing (with its parents); refused
    with a :class:`UserError` when it is a symbolic link (impactkit never writes through one) or a
    file. Returns the path."""
    folder = Path(path)
    _refuse_link(folder)
    if folder.exists() and not folder.is_dir():
        raise UserError(
            f"{folder} is a file, not a folder; name a folder to write into",
            f"{folder} is een bestand, geen map; geef een map om in te schrijven",
        )
    folder.mkdir(parents=True, exist_ok=True)
    _refuse_link(folder)  # made by someone else between the look and the making
    return folder


def refuse_links(folder: str | Path, names: Iterable[str] = ()) -> None:
    """Refuse (:class:`UserError`) when one of ``names`` in ``folder`` is a symbolic link, or, when
    no names are given, any entry of ``folder`` is: an output folder is impactkit's own, and a link
    in it would take a write elsewhere."""
    base = Path(folder)
    if not base.is_dir():
        return
    entries = [base / name for name in names] if names else list(base.iterdir())
    for entry in entries:
        _refuse_link(entry)


ALLOW_OUTSIDE = "IMPACTKIT_ALLOW_OUTSIDE"
"""Set to ``1`` (by ``impactkit --allow-outside``): read files a study names outside its folder."""


def outside_allowed() -> bool:
    """Whether reading files outside the study folder is allowed for this run (``--allow-outside``)."""
    return os.environ.get(ALLOW_OUTSIDE, "").strip() not in ("", "0")


@contextlib.contextmanager
def allowing_outside() -> Iterator[None]:
    """Allow reading files outside the study folder while the block runs (``--allow-outside``)."""
    before = os.environ.get(ALLOW_OUTSIDE)
    os.environ[ALLOW_OUTSIDE] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ALLOW_OUTSIDE, None)
        else:
            os.environ[ALLOW_OUTSIDE] = before


def outside_text(what: str | Text, target: str | Path, root: str | Path, *, writing: bool = False) -> Text:
    """The words for ``what`` (``target``) lying outside the study folder ``root``: for reading,
    how to allow it; for writing, that impactkit never does."""
    en, nl = (what.en, what.nl) if isinstance(what, Text) else (what, what)
    if writing:
        return Text(
            en=f"{en} '{target}' lies outside the study folder {root}; impactkit never writes a study's files "
            "outside its folder (move the file into it and name it there)",
            nl=f"{nl} '{target}' ligt buiten de studiemap {root}; impactkit schrijft de bestanden van een studie nooit "
            "buiten haar map (verplaats het bestand ernaartoe en noem het daar)",
        )
    return Text(
        en=f"{en} '{target}' lies outside the study folder {root}; impactkit reads a study's files only inside its "
        "folder (move the file into it, or allow reading it with --allow-outside or 'outside: true')",
        nl=f"{nl} '{target}' ligt buiten de studiemap {root}; impactkit leest de bestanden van een studie alleen "
        "binnen haar map (verplaats het bestand ernaartoe, of sta lezen toe met --allow-outside of 'outside: true')",
    )


def inside(
    base: str | Path,
    target: str | Path,
    *,
    allow_outside: bool = False,
    what: str | Text = "file",
    writing: bool = False,
) -> Path:
    """``target`` (relative to ``base`` unless absolute) as a resolved path, refused with a
    :class:`UserError` when it lies outside ``base`` (through ``..``, an absolute path or a
    symbolic link), unless ``allow_outside``. ``what`` names the file in the message (a
    :class:`Text` for each language); ``writing`` words it for a file to be written, which no
    setting allows outside the study."""
    root = Path(base).resolve()
    given = Path(target)
    resolved = (given if given.is_absolute() else root / given).resolve()
    if not allow_outside and not resolved.is_relative_to(root):
        text = outside_text(what, target, root, writing=writing)
        raise UserError(text.en, text.nl)
    return resolved


def _holder(lock: Path) -> str:
    with contextlib.suppress(OSError, ValueError):
        return lock.read_text(encoding="utf-8").strip() or "?"
    return "?"


_HELD: dict[Path, int] = {}
"""The study folders this process holds the lock of, and how many times (the lock is re-entrant)."""


@contextlib.contextmanager
def study_lock(folder: str | Path, *, wait: float | None = None) -> Iterator[Path]:
    """Hold the study in ``folder`` for writing: a second command that changes the same study
    waits up to ``wait`` seconds (default: :func:`lock_wait`) for the first, then stops with a
    message naming the holder's pid.

    The lock is an advisory ``flock`` on ``.impactkit.lock`` in the folder, which holds the
    holder's pid for the message and is removed when the holder lets go (a killed command leaves
    the file, but the system releases its lock, so the study is never left locked). A waiter that
    gets the lock of a file that was removed meanwhile tries again with the new one. Within one
    process the lock is re-entrant: a command that holds it can call a function that takes it
    again.
    """
    lock = Path(folder) / LOCK_NAME
    key = lock.resolve()
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield lock
        finally:
            _HELD[key] -= 1
        return
    fd = _acquire(lock, time.monotonic() + (lock_wait() if wait is None else wait))
    try:
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        _HELD[key] = 1
        try:
            yield lock
        finally:
            _HELD.pop(key, None)
            with contextlib.suppress(OSError):
                lock.unlink()  # before the lock is let go: a waiter on this file then tries the path again
    finally:
        os.close(fd)  # closing releases the flock


def _acquire(lock: Path, deadline: float) -> int:
    """An open file descriptor of ``lock`` holding its exclusive ``flock``."""
    import fcntl

    while True:
        _refuse_link(lock)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        holder = _holder(lock)
                        raise UserError(
                            f"another impactkit command (pid {holder}) is changing this study; try again when it "
                            "has finished",
                            f"een ander impactkit-commando (pid {holder}) wijzigt deze studie; probeer het opnieuw "
                            "als dat klaar is",
                        ) from None
                    time.sleep(0.05)
            try:
                same = os.stat(lock, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            return fd
        os.close(fd)  # the holder removed this file as it let go: the lock is the path's new file


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet program reads as the start of a formula (OWASP: CSV injection)."""


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def neutralise_cell(value: Any) -> Any:
    """A cell for a CSV or XLSX file that people open in Excel: text that a spreadsheet would run as
    a formula (``=HYPERLINK(...)``, ``+1``, ``@SUM``, a leading tab or CR) gets a leading ``'``, so
    it shows as the text it is. Numbers, and text that is a plain number (``-5``), stay as they are;
    :func:`restore_cell` undoes it when impactkit reads the file back."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def restore_cell(value: Any) -> Any:
    """The text :func:`neutralise_cell` was given (a ``'`` it added is removed; any other text is
    left as it is)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        rest = value[1:]
        if not _is_number(rest):
            return rest
    return value


def keep_text(cell: Any) -> None:
    """An openpyxl ``cell`` that holds text keeps it as text: never a formula (openpyxl would make
    ``=…`` one), and text a spreadsheet would run as a formula gets Excel's quote prefix (what a
    ``'`` typed before it gives), so it shows, stays and reads back exactly as written."""
    value = cell.value
    if isinstance(value, str):
        cell.data_type = "s"
        if neutralise_cell(value) != value:
            cell.quotePrefix = True
