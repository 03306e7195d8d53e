"""The heartbeat says whether customers hear the kiosk (`voice`), from `voice.json`; an HQ
older than the field gets the heartbeat without it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kiosk.services.voicefile import VoiceNote, read_voice, write_voice
from kiosk.sync.hqclient import HqClient
from kiosk.sync.round import heartbeat
from kiosk.sync.state import SyncState
from tests.hq.apikit import FakeEndpoint

OK = (200, json.dumps({"server_time": datetime.now(UTC).isoformat()}).encode())


def beat(tmp_path: Path, replies: list[tuple[int, bytes]]) -> list[dict]:
    with FakeEndpoint() as endpoint:
        endpoint.replies = replies
        client = HqClient(endpoint.url.removesuffix("hook"), "kx-1.secret")
        try:
            heartbeat(client, tmp_path, SyncState(), None, 1.0)
        finally:
            client.close()
    return [json.loads(body) for _, body in endpoint.received]


def test_the_heartbeat_carries_the_voice_status(tmp_path: Path) -> None:
    assert "voice" not in beat(tmp_path, [OK])[0]  # no kiosk has run here: nothing to say
    write_voice(tmp_path, VoiceNote(staff_muted=True, status="mutedByStaff"))
    assert beat(tmp_path, [OK])[0]["voice"] == "mutedByStaff"


def test_an_hq_older_than_the_voice_field_still_gets_the_heartbeat(tmp_path: Path) -> None:
    write_voice(tmp_path, VoiceNote(status="noVoice:zh-CN"))
    older = json.dumps({"error": "the request is not valid", "problems": ["voice: unknown field"]})
    bodies = beat(tmp_path, [(422, older.encode()), OK])
    assert bodies[0]["voice"] == "noVoice:zh-CN" and "voice" not in bodies[1]


def test_the_voice_file_survives_bad_content(tmp_path: Path) -> None:
    (tmp_path / "voice.json").write_text("{not json", encoding="utf-8")
    assert read_voice(tmp_path) == VoiceNote()
    assert write_voice(tmp_path, VoiceNote(staff_muted=True))
    assert read_voice(tmp_path).staff_muted
