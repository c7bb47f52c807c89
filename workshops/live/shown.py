"""Which rows the live screens show: every model of the project, one line each.

A row a live screen shows (the wall, the console, a phone) must change through
`live/changes.record()` in the same transaction, or the screens that show it stay stale until
something else moves them. `SHOWN` names each such model with the way from its row to its
workshop (a lookup path, as in a queryset) and the fields no screen shows (changing only
those needs no record); `HIDDEN` names every other model with the reason no live screen
follows it.

tests/record_guard.py holds the code to this: in every test, a shown row of a live workshop
that is saved or deleted by the app in a transaction without a `record()` for its workshop
fails the test. tests/test_record_guard.py fails when a model of the project is in neither
list, so a new model gets its line here when it is made.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Shown:
    workshop: str  # the lookup from the row to its workshop ("pk" for the workshop itself)
    hidden_fields: frozenset[str] = field(default_factory=frozenset)

    def __init__(self, workshop: str, *, hidden_fields=()):
        object.__setattr__(self, "workshop", workshop)
        object.__setattr__(self, "hidden_fields", frozenset(hidden_fields))


SHOWN: dict[str, Shown] = {
    # the workshop: title, unit, phase, timer, settings, ground rules, roles, join code …; the
    # counters are record()'s own, the invitation and the survey round are preparation pages
    "workshops.Workshop": Shown(
        "pk",
        hidden_fields=(
            "revision",
            "phone_revision",
            "updated_at",
            "created_at",
            "invitation_text",
            "round",
        ),
    ),
    "workshops.WorkshopPhase": Shown("workshop"),  # the agenda, the phase and its words
    # the phone's own counter is record()'s; the join time is shown nowhere
    "workshops.Participant": Shown("workshop", hidden_fields=("revision", "joined_at")),
    "workshops.Note": Shown("workshop"),
    "workshops.Theme": Shown("workshop"),
    "workshops.Placement": Shown("theme__workshop"),  # a phase's own sort/matrix
    "workshops.Group": Shown("workshop"),
    "workshops.GroupMember": Shown("group__workshop"),
    "workshops.Vote": Shown("workshop"),
    "workshops.Vote_themes": Shown("vote__workshop"),
    "workshops.VoteMark": Shown("vote__workshop"),
    "workshops.BoardAction": Shown("workshop"),  # the console's undo
    "workshops.ClosingAnswer": Shown("workshop"),  # the count on the wall, the console's summary
    # the arrow: the plan's answers, activities and suggestions on the wall and the console
    # (the follow-ups, the survey themes and an activity's status arrow are the plan page's)
    "actionplans.ActionPlan": Shown(
        "workshop",
        hidden_fields=(
            "follow_up_first",
            "follow_up_second",
            "survey_themes",
            "round",
            "updated_at",
            "created_at",
        ),
    ),
    "actionplans.Activity": Shown(
        "plan__workshop",
        hidden_fields=(
            "stage",
            "stage_reason",
            "stage_changed_at",
            "version",
            "updated_at",
            "created_at",
        ),
    ),
    "actionplans.Suggestion": Shown("plan__workshop"),
}

HIDDEN: dict[str, str] = {
    "workshops.Method": "copied into a workshop when it is made; the screens read the copy",
    "workshops.MethodPhase": "copied into the workshop's phases when it is made",
    "workshops.PrepItem": "the preparation's lists: no live screen shows them",
    "workshops.ChecklistItem": "the trio's checklist: no live screen shows it",
    "workshops.JoinAttempt": "the join throttle's log: no screen shows it",
    "workshops.TopicBallot": "an answer card before the day (Nyborg): preparation pages only",
    "workshops.TopicAnswer": "a theme choice before the day: the planning group's tally",
    "actionplans.Tovholder": "belongs to the unit, not a workshop; named with the activity",
    "actionplans.StatusUpdate": "an activity's history, on the plan page after the day",
    "actionplans.StaffRoomLink": "the staff room's board link: no live screen",
    "actionplans.RaisedItem": "MED's and HR's list of raised items: no live screen",
    "actionplans.SentReminder": "the reminder mails' log",
    "actionplans.ReminderPreference": "a user's mail settings",
    "actionplans.ReminderStop": "an address that asked for no more mails",
    "actionplans.ReminderStopKey": "the key of a mail's stop link",
    "units.Unit": "its name is on the wall, but HR renames a unit outside any workshop",
    "units.Membership": "roles decide access, checked on every request, not shown live",
    "surveys.Round": "the survey round: preparation and overview pages",
    "surveys.SurveyReport": "the survey's figures: preparation and report pages",
    "surveys.ThemeScore": "the survey's figures: preparation and report pages",
    "accounts.AuditEvent": "the security log",
}


def shown(label: str) -> Shown | None:
    """The declaration of a shown model ("app.Model"), or None for a hidden or unknown one."""
    return SHOWN.get(label)
