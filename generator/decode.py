"""Bytes -> text: detect the encoding a source was saved in, or refuse it."""

from __future__ import annotations

import codecs
import re

from .messages import t


class InputError(Exception):
    """A source that cannot be converted; the message is one line for the user."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# C0 control characters that do not occur in text (tab, newline, form feed do).
_CONTROLS = tuple(chr(c) for c in range(32) if chr(c) not in "\n\t\f")
_CONTROL = re.compile(f"[{''.join(_CONTROLS)}]")


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte of ASCII-range text is NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes) -> str:
    """Decode a source file: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030."""
    if not data.strip():
        raise InputError(t("empty_file") if not data else t("blank_file"))
    text = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(t("broken_text", enc=enc, byte=exc.start)) from None
            break
    if text is None:
        enc16 = _guess_utf16(data)
        if enc16:
            try:
                text = data.decode(enc16, errors="strict")
            except UnicodeDecodeError:
                raise InputError(t("binary")) from None
        elif b"\0" in data:
            raise InputError(t("binary"))
        else:
            for enc in ("utf-8", "gb18030"):
                try:
                    text = data.decode(enc)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise InputError(t("unknown_encoding"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    controls = len(_CONTROL.findall(text))  # one pass in C (a count per character was the hot spot)
    if controls > max(8, len(text) // 100):
        raise InputError(t("binary"))
    if not text.strip():
        raise InputError(t("blank_file"))
    return text
