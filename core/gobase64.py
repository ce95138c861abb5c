"""Base64 as Go's ``encoding/json`` reads a ``[]byte`` field (Secret ``data``, ConfigMap
``binaryData``): ``base64.StdEncoding``, padding required, CR and LF ignored.

A bad value fails the whole request with Go's ``CorruptInputError`` text, ``illegal
base64 data at input byte N``; N follows Go's decoder exactly (it is the offset users
are told to look at), which Python's ``binascii`` does not report.
"""

from __future__ import annotations

import base64

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_VALUES = {ord(ch): i for i, ch in enumerate(_ALPHABET)}
_PAD = ord("=")


class Base64Error(ValueError):
    def __init__(self, offset: int) -> None:
        super().__init__(f"illegal base64 data at input byte {offset}")
        self.offset = offset


def _skip_newlines(src: bytes, si: int) -> int:
    while si < len(src) and src[si] in b"\r\n":
        si += 1
    return si


def decode(text: str) -> bytes:
    """Decode like Go's ``base64.StdEncoding.DecodeString`` (raises :class:`Base64Error`).

    Offsets count bytes of the UTF-8 text, as Go's do.
    """
    src = text.encode("utf-8")
    out = bytearray()
    si = 0
    while True:
        quantum: list[int] = []
        end = False
        while len(quantum) < 4:
            if si == len(src):
                if not quantum:
                    return bytes(out)
                # Padding is required: a short final quantum is corrupt where it began.
                raise Base64Error(si - len(quantum))
            ch = src[si]
            si += 1
            if ch in _VALUES:
                quantum.append(_VALUES[ch])
                continue
            if ch in b"\r\n":
                continue
            if ch != _PAD:
                raise Base64Error(si - 1)
            j = len(quantum)
            if j in (0, 1):
                raise Base64Error(si - 1)
            if j == 2:
                si = _skip_newlines(src, si)
                if si == len(src):
                    raise Base64Error(len(src))
                if src[si] != _PAD:
                    raise Base64Error(si - 1)
                si += 1
            si = _skip_newlines(src, si)
            if si < len(src):
                raise Base64Error(si)
            end = True
            break
        value = 0
        for digit in quantum + [0] * (4 - len(quantum)):
            value = value << 6 | digit
        chunk = value.to_bytes(3, "big")
        out.extend(chunk[:len(quantum) - 1])
        if end:
            return bytes(out)


def is_valid(src: str) -> bool:
    try:
        decode(src)
    except Base64Error:
        return False
    return True


def encode(data: bytes | str) -> str:
    """``base64.StdEncoding.EncodeToString`` (text is encoded as UTF-8 first)."""
    raw = data.encode() if isinstance(data, str) else data
    return base64.b64encode(raw).decode("ascii")


def decoded_text(src: str) -> str:
    """The bytes of a stored value as text for a file in a container (invalid UTF-8 replaced)."""
    try:
        return decode(src).decode("utf-8", errors="replace")
    except Base64Error:
        return ""


def decoded_len(src: str) -> int:
    try:
        return len(decode(src))
    except Base64Error:
        return 0
