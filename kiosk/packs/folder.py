"""The pack folder: its JSON files read, and the media files items refer to found in it.

`PackReader` is the field-table `Checker` of one pack folder. Reading a file records why it
cannot be read (missing, too large, not UTF-8, not JSON) instead of raising. One walk of the
folder answers "is this a file inside the pack" for every media reference; only links are
resolved, and refused when they lead out of the folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.packs import media
from kiosk.packs.fields import Checker, FieldError
from kiosk.packs.media import Use

MAX_JSON_BYTES = 8 * 1024 * 1024

#: What `PackReader.read_json` gives for a file that is absent or could not be read.
MISSING = object()


class PackReader(Checker):
    """Holds the pack root, what is known about its files, and the problems found so far."""

    def __init__(self, root: Path, check_media: bool = True, checks: media.MediaChecks | None = None) -> None:
        super().__init__()
        self.root = root
        self.real_root = root.resolve()
        self.check_media = check_media
        self.checks = checks or media.MediaChecks()
        self._files: dict[str, os.stat_result] | None = None

    def read_json(self, name: str, required: bool = False) -> Any:
        """The JSON in the pack's file `name`, or MISSING (with the reason recorded)."""
        path = self.root / name
        if not path.exists():
            if required:
                self.problem(name, "", "is missing: every pack needs a manifest")
            return MISSING
        if not path.is_file():
            self.problem(name, "", "is not a file")
            return MISSING
        try:
            if path.stat().st_size > MAX_JSON_BYTES:
                self.problem(name, "", f"is larger than {MAX_JSON_BYTES // 1024 // 1024} MB")
                return MISSING
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            self.problem(name, "", f"is not UTF-8 text (byte {e.start})")
            return MISSING
        except OSError as e:
            self.problem(name, "", f"cannot be read: {e.strerror}")
            return MISSING
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            self.problem(name, f"line {e.lineno} column {e.colno}", f"is not valid JSON: {e.msg}")
            return MISSING
        except RecursionError:
            self.problem(name, "", "is nested too deeply to read")
            return MISSING

    def _plain_files(self) -> dict[str, os.stat_result]:
        """Every regular file in the pack that is reached without a link, by relative path.

        One walk of the folder answers "is this path a file inside the pack" for thousands of
        references without resolving each one; only links need `resolve()`.
        """
        if self._files is None:
            self._files = {}
            stack = [("", str(self.root))]
            while stack:
                prefix, folder = stack.pop()
                with os.scandir(folder) as entries:
                    for e in entries:
                        if e.is_symlink():
                            continue
                        if e.is_dir():
                            stack.append((prefix + e.name + "/", e.path))
                        elif e.is_file():
                            self._files[prefix + e.name] = e.stat()
        return self._files

    def media_file(self, value: Any, use: Use) -> Path:
        """The absolute path of the pack file `value` names, checked for `use`; FieldError if not."""
        if not isinstance(value, str) or not value.strip():
            raise FieldError('must be a path to a file inside the pack, such as "media/x.jpg"')
        if "\\" in value:
            raise FieldError(f"'{value}' uses '\\'; write paths with '/'")
        rel = PurePosixPath(value)
        if rel.is_absolute() or ".." in rel.parts:
            raise FieldError(f"'{value}' leads outside the pack folder")
        full = self.root / rel
        st = self._plain_files().get(str(rel))
        if st is None:
            try:
                full.resolve().relative_to(self.real_root)
            except ValueError:
                raise FieldError(f"'{value}' leads outside the pack folder (through a link)") from None
            if not full.is_file():
                raise FieldError(f"'{value}' does not exist in the pack")
            st = full.stat()
        if self.check_media:
            reason = self.checks.check(full, use, st).reason
            if reason:
                raise FieldError(f"'{value}' {reason}")
        return full
