"""Stored text made safe where a format has rules of its own (issue 19, item 5): a sheet
title, a file name, a mail header. A unit or a round is named by HR ("Børnehaven
Spiren/Mariehønen", "APV 2026: Trivsel"), and whatever was stored before the admin refused
control characters must still make a workbook, a download and a mail, never a 500 or a
reminder run that stops. One small function each; the text stays recognisable."""

from __future__ import annotations

import re
import unicodedata

from trivsel.validators import CONTROL

# Excel refuses these in a sheet title (openpyxl raises ValueError), at most 31 characters,
# and "History" is Excel's own
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
SHEET_TITLE_LENGTH = 31
SHEET_TITLE_RESERVED = {"history"}


def _one_line(text: str) -> str:
    """Every control character (line breaks too) a space, the spaces collapsed."""
    return " ".join(CONTROL.sub(" ", str(text or "")).split())


def sheet_title(text: str, *, taken=(), fallback: str = "Ark") -> str:
    """A title Excel and openpyxl take: no / \\ ? * [ ] :, at most 31 characters, not
    beginning or ending with an apostrophe, unique (case-insensitive) among `taken`."""
    title = _one_line(SHEET_TITLE_FORBIDDEN.sub("-", _one_line(text)))
    title = title.strip("'").strip()[:SHEET_TITLE_LENGTH].strip().strip("'") or fallback
    if title.lower() in SHEET_TITLE_RESERVED:
        title = fallback
    used = {str(name).lower() for name in taken}
    candidate, number = title, 1
    while candidate.lower() in used:
        number += 1
        suffix = f" ({number})"
        candidate = title[: SHEET_TITLE_LENGTH - len(suffix)].rstrip() + suffix
    return candidate


def filename_part(text: str) -> str:
    """A piece of a download's file name: letters (æ, ø and å kept) and digits, the rest a
    single hyphen; lower case; never a path, a quote or a line break."""
    normal = unicodedata.normalize("NFC", _one_line(text)).lower()
    return "-".join(re.findall(r"[^\W_]+", normal))[:80].strip("-")


def header_text(text: str, *, length: int = 250) -> str:
    """A mail header's text (a subject): one line, no control characters (Django refuses a
    line break in a header with BadHeaderError), at most `length` characters."""
    return _one_line(text)[:length]
