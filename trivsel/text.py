"""Shortening a user's text for a message or a heading without cutting a word in half."""


def shorten(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters; else as many whole words as fit, then "…".
    A first word longer than the limit is the one case that is cut inside a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and text[limit - 1] != " ":
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:–-") + "…"
