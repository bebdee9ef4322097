"""The web tests' constants: the token and the hostile report."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TOKEN = "test-token-0f9a"
HOSTILE_TITLE = 'Shelling <script>alert("title")</script> <img src=x onerror=alert(1)> in Deir ez-Zor'
HOSTILE_SOURCE = "<b onmouseover=alert(3)>Hostile Wire</b>"
HOSTILE_TEXT = (
    "DEIR EZ-ZOR, Oct 19 (Hostile Wire) - Syrian government forces shelled the city of Deir ez-Zor on "
    'Wednesday, killing five civilians <script>alert("text")</script> and wounding 12 others. '
    "<img src=x onerror=alert(2)> Islamic State fighters attacked an army checkpoint in Al Mayadin "
    "on Tuesday, killing three soldiers."
)
