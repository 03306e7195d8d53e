"""Local media files as the URLs QML loads."""

from __future__ import annotations

from pathlib import Path

# What QUrl.fromLocalFile(...).toString() escapes in a path; everything else, non-ASCII
# included, stays as it is, so the URLs are the ones Qt itself would write.
_ESCAPED = {c: f"%{ord(c):02X}" for c in '"#%<>?[\\]^`{|}\x7f'} | {chr(i): f"%{i:02X}" for i in range(32)}
_TABLE = str.maketrans(_ESCAPED)


def media_url(path: Path | None) -> str:
    """A local file as a URL QML can load; '' for none."""
    if path is None:
        return ""
    text = path.as_posix().translate(_TABLE)
    return "file://" + (text if text.startswith("/") else "/" + text)
