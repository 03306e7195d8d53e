"""WebVTT subtitles: parse cue timings and text, enough for promo-video captions.

Cue settings and styling are ignored; tags such as <b> are stripped. Raises SubtitleError
with the line number when the file is not WebVTT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.errors import KioskError

_TIMING = re.compile(r"^\s*((?:\d+:)?\d{2}:\d{2}\.\d{3})\s+-->\s+((?:\d+:)?\d{2}:\d{2}\.\d{3})(?:\s+.*)?$")
_TAG = re.compile(r"<[^>]+>")


class SubtitleError(KioskError, ValueError):
    """Text that is not WebVTT; the message gives the line.

    Also a ValueError: readers of subtitles treat it as one more bad value to skip.
    """


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str


def _ms(stamp: str) -> int:
    parts = stamp.split(":")
    seconds = float(parts[-1])
    minutes = int(parts[-2])
    hours = int(parts[0]) if len(parts) == 3 else 0
    return round(((hours * 60 + minutes) * 60 + seconds) * 1000)


def parse_vtt(text: str) -> list[Cue]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        raise SubtitleError("line 1: a WebVTT file must start with 'WEBVTT'")
    cues: list[Cue] = []
    i = 1
    while i < len(lines):
        m = _TIMING.match(lines[i])
        if not m:
            if "-->" in lines[i]:
                raise SubtitleError(f"line {i + 1}: '{lines[i].strip()}' is not a cue timing")
            i += 1
            continue
        start, end = _ms(m.group(1)), _ms(m.group(2))
        if end <= start:
            raise SubtitleError(f"line {i + 1}: the cue ends before it starts")
        body = []
        i += 1
        while i < len(lines) and lines[i].strip():
            body.append(_TAG.sub("", lines[i]).strip())
            i += 1
        cues.append(Cue(start, end, "\n".join(body)))
    return cues


def cue_at(cues: list[Cue], position_ms: int) -> str:
    """The text on screen at `position_ms`, or '' between cues."""
    return "\n".join(c.text for c in cues if c.start_ms <= position_ms < c.end_ms)
