"""Plans stored before plans followed their workshop into a round (a workshop with no round)
had no round, so HR's overview of a round counted none of them. Each gets the round the app
now assigns (workshops.preparation.plans_round): the workshop's own round, else the unit's
current round on the day the workshop was held (today while it has no date).

The rule of `Round.objects.current_for` is re-implemented here on plain values
(`current_round_id`), so that this migration keeps meaning what it meant when later code
changes; tests/test_plans_into_their_round.py holds it against the live rule."""

from django.db import migrations
from django.utils import timezone


def current_round_id(rounds, ancestor_ids, day):
    """The round a unit works in on `day`, from plain values. `rounds` holds tuples
    (pk, organisation_id, survey_opens, ends) where ends is the deadline for plans, else the
    end of the workshops, else the survey's close (None when it has none of them). The newest
    round whose period covers the day, else the newest opened by then; None before the
    unit's first round opens."""
    opened = [r for r in rounds if r[1] in ancestor_ids and (r[2] is None or r[2] <= day)]
    opened.sort(key=lambda r: (r[2] is None, -r[2].toordinal() if r[2] else 0, -r[0]))
    covering = [r for r in opened if r[3] is None or r[3] >= day]
    chosen = (covering or opened or [None])[0]
    return chosen[0] if chosen else None


def ancestor_ids(path):
    return {int(part) for part in path.strip("/").split("/") if part}


def plans_into_their_round(apps, schema_editor):
    ActionPlan = apps.get_model("actionplans", "ActionPlan")
    Round = apps.get_model("surveys", "Round")
    rounds = [
        (
            r.pk,
            r.organisation_id,
            r.survey_opens,
            r.action_plan_deadline or r.workshops_until or r.survey_closes,
        )
        for r in Round.objects.all()
    ]
    today = timezone.localdate()
    orphans = ActionPlan.objects.filter(round__isnull=True, workshop__isnull=False)
    chosen = {}
    for plan in orphans.select_related("workshop__unit").iterator():
        workshop = plan.workshop
        round_id = workshop.round_id or current_round_id(
            rounds, ancestor_ids(workshop.unit.path), workshop.date or today
        )
        if round_id:
            chosen.setdefault(round_id, []).append(plan.pk)
    for round_id, plan_ids in chosen.items():
        ActionPlan.objects.filter(pk__in=plan_ids).update(round_id=round_id)


class Migration(migrations.Migration):
    dependencies = [
        ("actionplans", "0005_text_limits"),
        ("surveys", "0002_reports"),
        ("workshops", "0009_reload_method_words"),
    ]

    operations = [
        migrations.RunPython(plans_into_their_round, migrations.RunPython.noop),
    ]
