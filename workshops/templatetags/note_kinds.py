"""`{% kind_badge note %}`: a post-it's kind as the method says it, everywhere a kind is
shown (phone, wall, console, plan page, pink post-its page, PDF). A sign and a word, so the
meaning is never in the colour alone; the colour is the palette's `.kind--<colour>`.

`{% kind_badge note short=True %}` says the short label ("Godt"); the argument may also be a
kind's key or a workshops.kinds.Kind. The kinds are the workshop's: the template's
`workshop` when it is the post-it's, else the post-it's own (read once per workshop)."""

from django import template
from django.utils.html import format_html

from .. import kinds

register = template.Library()


def _workshop(context, note=None):
    workshop = context.get("workshop")
    workshop_id = getattr(note, "workshop_id", None)
    if workshop is not None and (workshop_id is None or workshop.pk == workshop_id):
        return workshop
    if workshop_id is None:
        return None
    cache = context.render_context.setdefault("note_kinds_workshops", {})
    if workshop_id not in cache:
        cache[workshop_id] = note.workshop
    return cache[workshop_id]


def kind_for(context, value) -> kinds.Kind:
    """The Kind that `value` (a post-it, a key or a Kind) stands for in this context."""
    if isinstance(value, kinds.Kind):
        return value
    note = None if isinstance(value, str) else value
    key = value if note is None else note.kind
    workshop = _workshop(context, note)
    found = kinds.kind_of(workshop, key) if workshop is not None else None
    if found is None:
        found = next((k for k in kinds.parse(None) if k.key == key), None)
    return found or kinds.Kind(key, key, key, "", "grey")


@register.simple_tag(takes_context=True)
def kind_badge(context, value, short=False):
    kind = kind_for(context, value)
    sign = (
        format_html('<span aria-hidden="true" class="sign kind__sign">{}</span> ', kind.sign)
        if kind.sign
        else ""
    )
    return format_html(
        '<span class="kind-badge kind--{}" data-kind="{}">{}'
        '<span class="kind__word postit__kind-word">{}</span></span>',
        kind.colour,
        kind.key,
        sign,
        kind.short if short else kind.label,
    )


@register.simple_tag(takes_context=True)
def kind_label(context, value, short=False):
    """The kind's words alone (plain text), e.g. in a count or a sentence."""
    kind = kind_for(context, value)
    return kind.short if short else kind.label


@register.simple_tag
def kinds_of(workshop):
    """The workshop's kinds in the method's order: `{% kinds_of workshop as kinds %}`."""
    return kinds.kinds_of(workshop)
