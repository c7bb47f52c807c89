"""The name a downloaded file is saved under: Danish letters kept (RFC 6266's `filename*`, in
UTF-8), with a plain-ASCII `filename` for the few programs that read only that one."""

import unicodedata
from urllib.parse import quote

DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def ascii_name(filename: str) -> str:
    """The same name in ASCII: æ → ae, ø → oe, å → aa, other accents dropped."""
    decomposed = unicodedata.normalize("NFKD", filename.translate(DANISH))
    return decomposed.encode("ascii", "ignore").decode() or "eksport"


def attachment(filename: str) -> str:
    """A Content-Disposition value that saves the file as `filename`."""
    fallback = ascii_name(filename).replace("\\", "").replace('"', "")
    if fallback == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
