"""The board's changes: group the revealed post-its into themes, sort the themes into the
method's columns, place them in the matrix, and undo. Like actions.py, each function is one
transaction that records which screens it refreshes (changes.py).

Undo: every board action first remembers what it is about to change as it was
(`remember`: the themes' fields, the post-its' themes, the votes' states) in a BoardAction;
`undo_last` puts that back. The last UNDO_DEPTH actions can be undone, newest first.

Conflicts: a change to a theme names the version the console showed; when another console
changed the theme since, the change is refused with a ThemeConflict carrying the fresh theme,
never applied over the other change. A post-it's move names the post-it's version likewise.
"""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from ..methods.words import parking_keys, sort_columns, work_on_keys
from ..models import BoardAction, Note, Theme, Vote
from . import placements
from .actions import LiveError, _locked_open, way_on
from .changes import record

UNDO_DEPTH = 20
THEME_FIELDS = ("title", "order", "column", "impact", "influence", "chosen")
VOTE_FIELDS = ("status", "closed_at", "applied_at")
TITLE_WORDS = 6
TITLE_MAX = 60


class ThemeConflict(LiveError):
    """Another console changed the theme first; `theme` is its fresh state."""

    def __init__(self, theme: Theme):
        super().__init__(
            _("»%(title)s« er lige blevet ændret på en anden skærm. Se det nye og prøv igen.")
            % {"title": theme.title}
        )
        self.theme = theme


def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def title_from(workshop, text: str) -> str:
    """A new theme's default name, never a post-it's text cut off (the wall would show it as
    if the room had said so): the first post-it's whole text when it is as short as a
    name (at most TITLE_WORDS words and TITLE_MAX characters), else "Tema N" until renamed."""
    text = " ".join(text.split())
    if text and len(text.split(" ")) <= TITLE_WORDS and len(text) <= TITLE_MAX:
        return text
    titles = set(Theme.objects.filter(workshop=workshop).values_list("title", flat=True))
    number = len(titles) + 1
    while _("Tema %(n)s") % {"n": number} in titles:
        number += 1
    return _("Tema %(n)s") % {"n": number}


# Undo ------------------------------------------------------------------------------------


def remember(workshop, label: str, *, themes=(), notes=(), votes=()) -> BoardAction:
    """Keep the state of what an action is about to change. `themes` may hold ids of themes
    that do not exist yet (made by the action): undo deletes those."""
    theme_ids = {t if isinstance(t, int) else t.pk for t in themes}
    existing = {t.pk: t for t in Theme.objects.filter(pk__in=theme_ids)}
    before = {
        "themes": {
            str(pk): (
                {f: getattr(existing[pk], f) for f in THEME_FIELDS} if pk in existing else None
            )
            for pk in theme_ids
        },
        "notes": {str(n.pk): n.theme_id for n in notes},
        "votes": {
            str(v.pk): {
                "status": v.status,
                "closed_at": v.closed_at.isoformat() if v.closed_at else None,
                "applied_at": v.applied_at.isoformat() if v.applied_at else None,
            }
            for v in votes
        },
    }
    # the phase it was made in: an undo in a later phase of a tool that runs twice goes to
    # that phase's placements (live/placements.py)
    before["phase"] = workshop.current_phase_id
    action = BoardAction.objects.create(workshop=workshop, label=label, before=before)
    stale = BoardAction.objects.filter(workshop=workshop, undone=False).values_list("pk", flat=True)
    BoardAction.objects.filter(pk__in=list(stale[UNDO_DEPTH:])).delete()
    return action


def made(action: BoardAction, theme: Theme) -> None:
    """A theme the action made: undo removes it."""
    action.before["themes"][str(theme.pk)] = None
    action.save(update_fields=["before"])


def undoable(workshop) -> list[BoardAction]:
    return list(
        BoardAction.objects.filter(workshop=workshop, undone=False).order_by("-pk")[:UNDO_DEPTH]
    )


@transaction.atomic
def undo_last(workshop_id: int) -> str:
    """Undo the newest board action not undone yet; every screen sees it."""
    from django.utils.dateparse import parse_datetime

    workshop = _locked_open(workshop_id)
    action = BoardAction.objects.filter(workshop=workshop, undone=False).order_by("-pk").first()
    if action is None:
        raise LiveError(_("Der er ikke mere at fortryde."))
    before = action.before
    made = [int(pk) for pk, fields in before.get("themes", {}).items() if fields is None]
    elsewhere = placements.elsewhere(workshop, before.get("phase"))
    for pk, fields in before.get("themes", {}).items():
        if fields is None:
            continue
        theme = Theme.objects.filter(pk=int(pk), workshop=workshop).first()
        if theme is None:  # merged away: it comes back with its own id
            theme = Theme(pk=int(pk), workshop=workshop, version=0)
        fields, kept = placements.split(elsewhere, fields)
        for field, value in fields.items():
            setattr(theme, field, value)
        theme.version += 1
        theme.save()
        placements.put(theme, elsewhere, kept)
    for pk, theme_id in before.get("notes", {}).items():
        Note.objects.filter(pk=int(pk), workshop=workshop).update(theme_id=theme_id)
    for pk, fields in before.get("votes", {}).items():
        Vote.objects.filter(pk=int(pk), workshop=workshop).update(
            status=fields["status"],
            closed_at=parse_datetime(fields["closed_at"]) if fields["closed_at"] else None,
            applied_at=parse_datetime(fields["applied_at"]) if fields["applied_at"] else None,
        )
    Theme.objects.filter(workshop=workshop, pk__in=made).delete()
    action.undone = True
    action.save(update_fields=["undone"])
    # a vote reopened (or its result taken back) shows on the phones too
    record(workshop, "vote" if before.get("votes") else "board")
    return _("Fortrudt: %(label)s") % {"label": action.label}


# Grouping --------------------------------------------------------------------------------


def _check_version(theme: Theme, version: int | None) -> None:
    if version is not None and theme.version != version:
        raise ThemeConflict(theme)


def _locked_theme(workshop, theme_id: int) -> Theme:
    theme = Theme.objects.select_for_update().filter(workshop=workshop, pk=theme_id).first()
    if theme is None:
        raise LiveError(_("Temaet findes ikke længere – en anden har måske lagt det sammen."))
    return theme


def _locked_note(workshop, note_id: int, version: int | None) -> Note:
    note = Note.objects.revealed().select_for_update().filter(workshop=workshop, pk=note_id).first()
    if note is None:
        raise LiveError(_("Den post-it er ikke vist på væggen."))
    if version is not None and note.version != version:
        raise LiveError(
            _("»%(text)s« er lige blevet flyttet på en anden skærm. Se det nye og prøv igen.")
            % {"text": short(note.text)}
        )
    return note


def _touch(*themes: Theme) -> None:
    for theme in themes:
        theme.version += 1
        theme.save(update_fields=["version"])


def _new_theme(workshop, title: str) -> Theme:
    last = Theme.objects.filter(workshop=workshop).aggregate(m=Max("order"))["m"]
    return Theme.objects.create(workshop=workshop, title=title, order=(last or 0) + 1)


def _drop_if_empty(theme: Theme | None) -> bool:
    if theme is not None and not theme.notes.kept().exists():
        theme.delete()
        return True
    return False


def _move(workshop, notes: list[Note], target) -> tuple[str, Note]:
    """Move post-its into a theme (`target` a theme id), into a new theme ("new", named
    from the first of them), or out of their theme (None). A theme left empty goes. The
    answer speaks of the last post-it (the one the facilitator moved)."""
    olds = {n.theme_id for n in notes if n.theme_id}
    old_themes = list(Theme.objects.filter(pk__in=olds))
    if target == "new":
        action = remember(workshop, "", themes=old_themes, notes=notes)
        theme = _new_theme(workshop, title_from(workshop, notes[0].text))
        made(action, theme)
    elif target is None:
        if not old_themes:
            raise LiveError(_("Den post-it ligger ikke i et tema."))
        action = remember(workshop, "", themes=old_themes, notes=notes)
        theme = None
    else:
        theme = _locked_theme(workshop, int(target))
        if all(n.theme_id == theme.pk for n in notes):
            raise LiveError(
                _("Den post-it ligger allerede i »%(title)s«.") % {"title": theme.title}
            )
        action = remember(workshop, "", themes=[*old_themes, theme], notes=notes)
    for note in notes:
        note.theme = theme
        note.version += 1
        note.save(update_fields=["theme", "version", "updated_at"])
    if theme is not None:
        _touch(theme)
    for old in old_themes:
        if not _drop_if_empty(old):
            _touch(old)
    moved = notes[-1]
    if theme is None:
        message = _("»%(note)s« taget ud af »%(theme)s«.") % {
            "note": short(moved.text),
            "theme": old_themes[0].title,
        }
    else:
        message = _("»%(note)s« flyttet til »%(theme)s«.") % {
            "note": short(moved.text),
            "theme": theme.title,
        }
    action.label = message
    action.save(update_fields=["label"])
    record(workshop, "board")
    return message, moved


@transaction.atomic
def move_note(workshop_id: int, note_id: int, target, *, version=None) -> tuple[str, Note]:
    """ "Flyt til …": into a theme, a new theme ("new") or out of its theme (None)."""
    workshop = _locked_open(workshop_id)
    return _move(workshop, [_locked_note(workshop, note_id, version)], target)


@transaction.atomic
def move_onto(workshop_id: int, note_id: int, onto_id: int, *, version=None) -> tuple[str, Note]:
    """A post-it dropped on another: into the other's theme, or both into a new theme
    named from the other. One action for the room: one undo takes it back."""
    if onto_id == note_id:
        raise LiveError(_("Vælg en anden post-it at lægge den på."))
    workshop = _locked_open(workshop_id)
    note = _locked_note(workshop, note_id, version)
    onto = _locked_note(workshop, onto_id, None)
    if onto.theme_id:
        return _move(workshop, [note], onto.theme_id)
    return _move(workshop, [onto, note], "new")


@transaction.atomic
def rename_theme(workshop_id: int, theme_id: int, title: str, *, version=None) -> str:
    workshop = _locked_open(workshop_id)
    theme = _locked_theme(workshop, theme_id)
    _check_version(theme, version)
    label = _("»%(old)s« omdøbt til »%(new)s«.") % {"old": theme.title, "new": title}
    return _set_fields(workshop, theme, label, title=title)


@transaction.atomic
def merge_themes(workshop_id: int, theme_id: int, into_id: int, *, version=None) -> str:
    """Put every post-it of one theme into another; the first goes."""
    if theme_id == into_id:
        raise LiveError(_("Vælg et andet tema at lægge det sammen med."))
    workshop = _locked_open(workshop_id)
    theme = _locked_theme(workshop, theme_id)
    into = _locked_theme(workshop, into_id)
    _check_version(theme, version)
    notes = list(theme.notes.all())
    action = remember(workshop, "", themes=[theme, into], notes=notes)
    Note.objects.filter(pk__in=[n.pk for n in notes]).update(theme=into)
    theme.delete()
    _touch(into)
    action.label = _("»%(theme)s« lagt sammen med »%(into)s«.") % {
        "theme": theme.title,
        "into": into.title,
    }
    action.save(update_fields=["label"])
    record(workshop, "board")
    return action.label


# Sorting ---------------------------------------------------------------------------------


def _work_on_way(workshop, theme: Theme, columns: dict) -> dict | None:
    """The way on for a krænkelse theme someone tried to park: into the first column the
    room works on (Albertslund: »Forandre«)."""
    work_on = work_on_keys(workshop)
    key = next((k for k in columns if k in work_on), None)
    if key is None or theme.column == key:
        return None
    return way_on(
        _("Sæt »%(title)s« i »%(column)s«") % {"title": theme.title, "column": columns[key]},
        reverse("workshops:tool_action", args=[workshop.pk, "sort"]),
        theme=theme.pk,
        column=key,
        version=theme.version,
    )


def has_kraenkelse(theme: Theme) -> bool:
    return theme.notes.kraenkelse().exists()


@transaction.atomic
def sort_theme(workshop_id: int, theme_id: int, column: str, *, version=None) -> str:
    """Put a theme in one of the method's columns ("" takes it out again). A theme with a
    post-it about krænkelser cannot be parked: some problems always require action
    (seed 000)."""
    workshop = _locked_open(workshop_id)
    theme = _locked_theme(workshop, theme_id)
    _check_version(theme, version)
    columns = {c["key"]: c["label"] for c in sort_columns(workshop)}
    if column and column not in columns:
        raise LiveError(_("Den kolonne findes ikke i denne metode."))
    if column in parking_keys(workshop) and has_kraenkelse(theme):
        raise LiveError(
            _(
                "»%(title)s« kan ikke parkeres: den har en post-it om krænkelser, og "
                "krænkelser kræver altid handling. Den går videre til pilen."
            )
            % {"title": theme.title},
            way_on=_work_on_way(workshop, theme, columns),
        )
    if column:
        label = _("»%(title)s« sat i »%(column)s«.") % {
            "title": theme.title,
            "column": columns[column],
        }
    else:
        label = _("»%(title)s« taget ud af kolonnerne.") % {"title": theme.title}
    return _set_fields(workshop, theme, label, column=column)


# The matrix ------------------------------------------------------------------------------


def _set_fields(workshop, theme: Theme, label: str, **fields) -> str:
    """One remembered change of a theme's own fields, said in `label`."""
    remember(workshop, label, themes=[theme])
    for name, value in fields.items():
        setattr(theme, name, value)
    theme.version += 1
    theme.save(update_fields=[*fields, "version"])
    record(workshop, "board")
    return label


@transaction.atomic
def place_theme(workshop_id: int, theme_id: int, impact, influence, *, version=None) -> str:
    """Place a theme in the matrix (0..1 on each axis), or take it off (None, None)."""
    workshop = _locked_open(workshop_id)
    theme = _locked_theme(workshop, theme_id)
    _check_version(theme, version)
    if impact is None:
        label = _("»%(title)s« taget ud af matrixen.") % {"title": theme.title}
    else:
        label = _("»%(title)s« placeret i matrixen.") % {"title": theme.title}
    return _set_fields(workshop, theme, label, impact=impact, influence=influence)


@transaction.atomic
def choose_theme(workshop_id: int, theme_id: int, chosen: bool, *, version=None) -> str:
    """A theme goes on to the arrow (or not)."""
    workshop = _locked_open(workshop_id)
    theme = _locked_theme(workshop, theme_id)
    _check_version(theme, version)
    if not chosen and has_kraenkelse(theme):
        raise LiveError(
            _(
                "»%(title)s« går altid videre til pilen: den har en post-it om krænkelser, og "
                "krænkelser kræver altid handling."
            )
            % {"title": theme.title}
        )
    if chosen:
        label = _("»%(title)s« går videre til pilen.") % {"title": theme.title}
    else:
        label = _("»%(title)s« går ikke videre til pilen.") % {"title": theme.title}
    return _set_fields(workshop, theme, label, chosen=chosen)
