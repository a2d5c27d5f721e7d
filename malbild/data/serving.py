"""Who serves the report database: a lock file beside it that every app process holds while it serves the file.

DuckDB's read-only connections take no lock another process would see, so a rebuild cannot tell that an app has
the file open. Each app process therefore holds a shared lock (flock) on `.<name>.serving` beside the database for
as long as it serves it; `python -m malbild.data.build` (`make db`, `make clean`) takes the exclusive lock first
and refuses while any app holds the shared one. The kernel drops the locks of a process that ends, so a killed
app never leaves a stale lock behind. flock works between processes on one machine (not over NFS).
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOG = logging.getLogger("malbild.data.serving")


class Served(Exception):
    """A running app serves the database; it must not be replaced now."""


def lock_path(db: Path) -> Path:
    """Return the lock file of a database: .<name>.serving beside it."""
    return db.with_name(f".{db.name}.serving")


class Serving:
    """A shared lock on the database's lock file, held while this process serves the database."""

    def __init__(self, db: Path) -> None:
        self.fd: int | None = None
        try:
            self.fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self.fd, fcntl.LOCK_SH)
        except OSError:  # a read-only folder: nothing can rebuild it there either
            LOG.warning("cannot hold %s; a rebuild cannot see that this app serves %s", lock_path(db), db)
            self.release()

    def release(self) -> None:
        """Stop holding the lock (the database is no longer served by this process)."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


@contextmanager
def not_served(db: Path) -> Iterator[None]:
    """Hold the exclusive lock while the database is replaced or removed; raise Served when an app serves it."""
    try:
        fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # cannot even create the lock file: the build cannot write there either and says so
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Served(f"{db} is served by a running Målbild app") from None
        yield
    finally:
        os.close(fd)
