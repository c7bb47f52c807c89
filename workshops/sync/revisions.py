"""The live session's "anything new?" answers: one indexed read each.

Used by the sync views and by the WSGI fast path (workshops/sync/fastpath.py), so both answer the
same question the same way. Written as plain SQL on purpose: this is the hot path of the
whole product (every screen, every 1.5 s), and building the equivalent ORM query costs about
0.5 ms of Python per call against 0.04 ms for the statement itself (measured on SQLite,
docs/performance.md). Table names come from the models, parameters are bound, never
formatted in."""

from django.db import connection

from ..converters import is_token
from ..models import GroupMember, Participant, Workshop

PARTICIPANTS = Participant._meta.db_table
WORKSHOPS = Workshop._meta.db_table
GROUP_MEMBERS = GroupMember._meta.db_table
MAX_TOKENS = 20

PHONE_SQL = (
    f"SELECT w.phone_revision, p.revision FROM {PARTICIPANTS} p "  # noqa: S608 - model tables
    f"JOIN {WORKSHOPS} w ON w.id = p.workshop_id "
    "WHERE w.join_token = %s AND p.token IN ({tokens}) LIMIT 1"
)
SCREEN_SQL = f"SELECT revision FROM {WORKSHOPS} WHERE id = %s"  # noqa: S608 - model table


def cookie_tokens(cookies: dict) -> list[str]:
    """The participant tokens a phone sent. The cookie is named after the workshop's id,
    which a phone's URLs do not carry, so every `tp…` cookie is read; each is scoped to its
    workshop's path (permissions.participant_cookie_path), so a browser sends one, however
    many workshops it joined. MAX_TOKENS bounds what a made-up request can make us look up
    (and covers cookies set before the scoping, for the week they live)."""
    tokens = (value for name, value in cookies.items() if name.startswith("tp"))
    return [token for token in tokens if is_token(token)][:MAX_TOKENS]


def phone_revision(join_token: str, tokens: list[str]) -> str | None:
    """What a participant's phone should show, as "<workshop phones>.<own post-its>";
    None when none of the tokens belongs to the workshop."""
    if not tokens:
        return None
    tokens = tokens[:MAX_TOKENS]
    sql = PHONE_SQL.format(tokens=", ".join(["%s"] * len(tokens)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [join_token, *tokens])
        seen = cursor.fetchone()
    return None if seen is None else f"{seen[0]}.{seen[1]}"


def screen_revision(workshop_id: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(SCREEN_SQL, [workshop_id])
        row = cursor.fetchone()
    return None if row is None else str(row[0])


def group_phones_sql(count: int) -> str:
    """The participants seated at `count` groups (bound ids): the GROUP audience's phones.
    Its ORM definition is `live.visibility.group_phones`; tests/test_group_audience.py holds
    the two equal."""
    marks = ", ".join(["%s"] * count)
    return (
        f"SELECT participant_id FROM {GROUP_MEMBERS} "  # noqa: S608 - model table
        f"WHERE group_id IN ({marks}) AND participant_id IS NOT NULL"
    )


def group_phone_ids(group_ids: list[int]) -> list[int]:
    if not group_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(group_phones_sql(len(group_ids)), list(group_ids))
        return sorted({row[0] for row in cursor.fetchall()})


def bump(
    workshop_id: int, *, phones: bool, participant_ids: list[int], group_ids: list[int] = ()
) -> tuple[int, dict]:
    """The counters' side of Workshop.bump: two bound UPDATEs, on every write's path.
    Returns the workshop's new phone revision and the participants' new revisions, as the
    database has them (RETURNING), so a write can tell its phone exactly where it stands.
    `group_ids`: also every participant seated at these groups (a subquery in the same
    UPDATE, so a group's change costs no extra round trip)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {WORKSHOPS} SET revision = revision + 1, "  # noqa: S608 - model table
            "phone_revision = phone_revision + %s WHERE id = %s RETURNING phone_revision",
            [int(phones), workshop_id],
        )
        phone_revision = cursor.fetchone()[0]
        participant_revisions = {}
        if participant_ids or group_ids:
            marks = ", ".join(["%s"] * len(participant_ids)) or "NULL"
            seated = f" OR id IN ({group_phones_sql(len(group_ids))})" if group_ids else ""
            cursor.execute(
                f"UPDATE {PARTICIPANTS} SET revision = revision + 1 "  # noqa: S608 - model table
                f"WHERE id IN ({marks}){seated} RETURNING id, revision",
                [*participant_ids, *group_ids],
            )
            participant_revisions = dict(cursor.fetchall())
    return phone_revision, participant_revisions
