"""Turning an input's bytes into text, or into the reason they are not text."""

from __future__ import annotations

import codecs
import re

BOM = codecs.BOM_UTF8
SNIFF_BYTES = 8192
MAX_CONTROL_RATIO = 0.05
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


class NotText(ValueError):
    """The bytes are not readable text; the message is the reason."""


def is_blank(data: bytes) -> bool:
    """True when the bytes hold nothing but whitespace (and a byte-order mark)."""
    return not data.removeprefix(BOM).strip()


def is_binary(data: bytes) -> bool:
    """True when the first 8 KB hold a NUL byte or many control characters."""
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if (b < 32 or b == 127) and b not in _ALLOWED_CONTROLS)
    return bool(head) and controls / len(head) > MAX_CONTROL_RATIO


def check_text(data: bytes) -> None:
    """Raise NotText when the bytes are empty, binary or UTF-16."""
    if is_blank(data):
        raise NotText("empty file")
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise NotText("UTF-16 text, not UTF-8 (convert the file to UTF-8)")
    if is_binary(data):
        raise NotText("binary file, not text")


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 (dropping a byte-order mark) or raise NotText saying where it fails."""
    check_text(data)
    skip = len(BOM) if data.startswith(BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = skip + err.start
        raise NotText(f"not valid UTF-8 text (byte 0x{data[offset]:02x} at offset {offset})") from None


def declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML or XML document declares in its first 2 KB, if it is known."""
    head = data[:2048]
    match = _XML_ENCODING.search(head) or _CHARSET.search(head)
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_markup(data: bytes) -> str:
    """Decode HTML: UTF-8, or else the charset the page declares."""
    try:
        return decode_utf8(data)
    except NotText as err:
        charset = declared_charset(data)
        if str(err).startswith("not valid UTF-8") and charset and charset != "utf-8":
            try:
                return data.decode(charset)
            except UnicodeDecodeError:
                raise NotText(f"not valid {charset} text, as the page declares") from None
        raise
