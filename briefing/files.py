"""Reading a file whole, with a size limit: the one way the check and its fingerprint read a file
(kept apart from the loader so that replaying a verdict imports nothing of the checks)."""

from __future__ import annotations

import os

MAX_FILE_BYTES = 1024 * 1024  # records, source texts and pages: larger is a mistake or an attack


class FileTooLarge(OSError):
    """A file over MAX_FILE_BYTES, refused unread (its size is all the check needs to say)."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size:,} bytes")
        self.size = size


def read_file(path: str, limit: int | None = MAX_FILE_BYTES) -> bytes:
    """A file's bytes through the os module: a third of the time `open().read()` takes on thousands
    of small files (no buffered reader object per file). A file over `limit` bytes is not read:
    FileTooLarge says how large it is."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        if limit is not None and (size := os.fstat(fd).st_size) > limit:
            raise FileTooLarge(size)
        chunks: list[bytes] = []
        got = 0
        while chunk := os.read(fd, 1 << 20 if chunks else 1 << 16):
            chunks.append(chunk)
            got += len(chunk)
            if limit is not None and got > limit:  # it grew, or its size was not told
                raise FileTooLarge(got)
        return b"".join(chunks)
    finally:
        os.close(fd)


__all__ = ["MAX_FILE_BYTES", "FileTooLarge", "read_file"]
