"""Nyborg TalSammen, before the day (seed 004, steps 1–7, Bilag 1–3).

The planning group makes answer cards, one per employee; each employee answers on the
card's link without an account: one trivselstema and one ledelsestema with why they matter.
A card answers once and the answer is not linked to it. The planning group sees the tally
with the reasons, picks one theme of each kind, and the invitation names both and asks for
an everyday example of each. The follow-up timeline is dated from the dialogue's date and
the planning group moves its steps."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from workshops import topic_choice
from workshops.methods import load_all
from workshops.models import Method, TopicAnswer, TopicBallot, Workshop
from workshops.preparation import create_workshop, current_invitation

DAY = datetime.date(2026, 10, 6)


def nyborg(unit, **fields):
    if not Method.objects.filter(slug="nyborg-talsammen").exists():
        load_all()
    fields.setdefault("date", DAY)
    return create_workshop(
        unit=unit, method=Method.objects.get(slug="nyborg-talsammen"), title="TalSammen", **fields
    )


def answer_data(trivsel="social-stoette", ledelse="borgeren", **extra):
    return {
        "trivsel": trivsel,
        "trivsel_why": "Vi når ikke at hjælpe hinanden, når det brænder på.",
        "trivsel_core": "Beboerne mærker det, når vi ikke hænger sammen.",
        "ledelse": ledelse,
        "ledelse_why": "Vi skal tale mere om, hvad beboerne selv ønsker.",
        "ledelse_core": "",
        **extra,
    }


def card(workshop):
    return topic_choice.add_ballots(workshop, 1)[0]


def ballot_url(ballot):
    return reverse("topic_ballot", args=[ballot.token])


# --- the method's themes and timeline reach the workshop ---------------------------------


def test_the_method_file_brings_bilag_1s_themes_and_the_timeline_into_the_workshop(world):
    workshop = nyborg(world.unit)

    trivsel = topic_choice.topics_of(workshop, "trivsel")
    ledelse = topic_choice.topics_of(workshop, "ledelse")
    assert [t["title"] for t in trivsel][:3] == [
        "Social støtte og tillid",
        "Indflydelse og involvering",
        "Mening og retning",
    ]
    assert len(trivsel) == 10 and len(ledelse) == 7  # each with "Valgfrit tema"
    assert all(t["description"] for t in trivsel + ledelse)
    assert [t["title"] for t in trivsel + ledelse if t.get("own_text")] == ["Valgfrit tema"] * 2
    steps = topic_choice.timeline(workshop)
    dialogue = next(step for step in steps if step.days == 0)
    assert dialogue.date == DAY
    assert steps[0].title == "Plan for Udviklingsdialog" and steps[0].date < DAY


def test_albertslunds_workshop_offers_no_themes_and_says_so(client, world):
    from . import factory

    workshop = factory.live_workshop(world.unit)
    client.force_login(world.leader)

    page = client.get(reverse("workshops:topic_choice", args=[workshop.pk]))

    assert workshop.topic_choices == [] and workshop.timeline == []
    assert "ingen temaer, der skal vælges på forhånd" in page.content.decode()
    assert (
        "Temavalg"
        not in client.get(reverse("workshops:agenda", args=[workshop.pk])).content.decode()
    )


# --- the employee's answer card ---------------------------------------------------------


def test_an_employee_answers_on_the_cards_link_without_an_account(client, world):
    workshop = nyborg(world.unit)
    ballot = card(workshop)

    page = client.get(ballot_url(ballot))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Social støtte og tillid" in html and "Oplevelsen af at føle sig værdsat" in html
    assert "Borgeren i centrum" in html

    thanks = client.post(ballot_url(ballot), answer_data())

    assert "Tak for dit svar" in thanks.content.decode()
    answer = TopicAnswer.objects.get()
    assert (answer.trivsel, answer.ledelse) == ("social-stoette", "borgeren")
    assert answer.workshop == workshop


def test_a_card_answers_once(client, world):
    workshop = nyborg(world.unit)
    ballot = card(workshop)
    client.post(ballot_url(ballot), answer_data())

    again = client.post(ballot_url(ballot), answer_data(trivsel="balance"))

    assert "Kortet er brugt" in again.content.decode()
    assert TopicAnswer.objects.count() == 1
    assert "Kortet er brugt" in client.get(ballot_url(ballot)).content.decode()
    # the domain function too: a second answer through a stale card object is refused
    stale = TopicBallot.objects.get(pk=ballot.pk)
    stale.used = False
    assert topic_choice.answer(stale, answer_data()) is False
    assert TopicAnswer.objects.count() == 1


def test_the_answer_is_not_linked_to_the_card_or_a_person(client, world):
    workshop = nyborg(world.unit)
    ballot = card(workshop)
    client.force_login(world.leader)  # even a logged-in colleague's answer names nobody
    client.post(ballot_url(ballot), answer_data())

    fields = {f.name for f in TopicAnswer._meta.get_fields()}
    assert not {"ballot", "token", "author", "user", "participant", "created_at"} & fields
    ballot_fields = {f.name for f in TopicBallot._meta.get_fields()}
    assert ballot_fields == {"id", "workshop", "token", "used"}
    answer = TopicAnswer.objects.get()
    assert ballot.token not in str(answer.__dict__)


def test_a_wrong_answer_is_told_in_danish_and_nothing_is_saved(client, world):
    workshop = nyborg(world.unit)
    ballot = card(workshop)

    page = client.post(ballot_url(ballot), {"trivsel": "trivsel-valgfrit", "ledelse": "nope"})

    html = page.content.decode()
    assert page.status_code == 400
    assert "Skriv dit eget tema, når du vælger “Valgfrit tema”." in html
    assert "Vælg et af temaerne på listen." in html
    assert "Skriv kort, hvorfor temaet er vigtigt for dig." in html
    assert not TopicAnswer.objects.exists()
    assert not TopicBallot.objects.get().used


def test_valgfrit_tema_keeps_the_employees_own_words(client, world):
    workshop = nyborg(world.unit)
    client.post(
        ballot_url(card(workshop)),
        answer_data(trivsel="trivsel-valgfrit", trivsel_own="Arbejdsmiljø om natten"),
    )
    # own words typed before another theme was chosen are not kept
    client.post(ballot_url(card(workshop)), answer_data(trivsel_own="Skal ikke gemmes"))

    assert list(TopicAnswer.objects.values_list("trivsel_own", flat=True)) == [
        "Arbejdsmiljø om natten",
        "",
    ]


def test_an_unknown_card_is_not_found_and_a_picked_workshops_card_is_closed(client, world):
    workshop = nyborg(world.unit)
    ballot = card(workshop)
    assert client.get(reverse("topic_ballot", args=["ikke-et-kort"])).status_code == 404

    topic_choice.pick(workshop, {"trivsel": ("balance", ""), "ledelse": ("helhed", "")})
    page = client.post(ballot_url(ballot), answer_data())

    assert "Temavalget er lukket" in page.content.decode()
    assert not TopicAnswer.objects.exists()


# --- the planning group: cards, tally, pick ------------------------------------------------


def test_the_planning_group_makes_cards_and_prints_them_with_qr_codes(client, world):
    workshop = nyborg(world.unit)
    client.force_login(world.leader)
    url = reverse("workshops:topic_choice", args=[workshop.pk])
    assert "Der er ingen svarkort endnu" in client.get(url).content.decode()

    client.post(reverse("workshops:topic_ballots_add", args=[workshop.pk]), {"count": 15})

    assert workshop.topic_ballots.count() == 15
    assert "0 af 15 svarkort er besvaret" in client.get(url).content.decode()
    slips = client.get(reverse("workshops:topic_slips", args=[workshop.pk])).content.decode()
    assert slips.count("<svg") == 15
    assert all(b.token in slips for b in workshop.topic_ballots.all())


def test_too_many_cards_is_refused_in_danish(client, world):
    workshop = nyborg(world.unit)
    client.force_login(world.leader)

    page = client.post(reverse("workshops:topic_ballots_add", args=[workshop.pk]), {"count": 999})

    assert page.status_code == 400
    assert f"Højst {topic_choice.MAX_BALLOTS} svarkort." in page.content.decode()
    assert not workshop.topic_ballots.exists()


def test_the_tally_counts_the_choices_and_shows_the_reasons(client, world):
    workshop = nyborg(world.unit)
    for trivsel, why in [
        ("balance", "Vi løber for stærkt"),
        ("balance", "For mange vagter i træk"),
        ("social-stoette", "Vi skal hjælpe hinanden"),
    ]:
        client.post(ballot_url(card(workshop)), answer_data(trivsel=trivsel, trivsel_why=why))
    card(workshop)  # one card not answered

    tally = topic_choice.tally(workshop)
    assert [(row.key, row.count) for row in tally["trivsel"][:3]] == [
        ("balance", 2),
        ("social-stoette", 1),
        ("indflydelse", 0),
    ]
    assert tally["ledelse"][0].key == "borgeren" and tally["ledelse"][0].count == 3

    client.force_login(world.leader)
    html = client.get(reverse("workshops:topic_choice", args=[workshop.pk])).content.decode()
    assert "3 af 4 svarkort er besvaret" in html
    assert "For mange vagter i træk" in html and "2 stemmer" in html


def test_the_empty_tally_says_nobody_has_answered(client, world):
    workshop = nyborg(world.unit)
    card(workshop)
    client.force_login(world.leader)

    html = client.get(reverse("workshops:topic_choice", args=[workshop.pk])).content.decode()

    assert "Ingen har svaret endnu" in html


def test_the_planning_group_picks_one_of_each_and_the_invitation_names_both(client, world):
    workshop = nyborg(world.unit, place="Mødelokalet")
    client.force_login(world.tr)  # an employee representative of the planning group

    client.post(
        reverse("workshops:topic_pick", args=[workshop.pk]),
        {"trivsel": "balance", "ledelse": "ledelse-valgfrit", "ledelse_own": "Vagtplanen"},
    )

    workshop.refresh_from_db()
    assert workshop.topics["trivsel"] == {
        "key": "balance",
        "title": "Balance og overskud",
        "description": topic_choice.topic(workshop, "balance")["description"],
    }
    assert workshop.topics["ledelse"]["title"] == "Vagtplanen"
    text = current_invitation(workshop)
    assert "Trivselstema: Balance og overskud" in text
    assert "Ledelsestema: Vagtplanen" in text
    assert text.count("Forbered et konkret hverdagseksempel") == 2
    assert "trivselstema “Balance og overskud”" in text
    assert "ledelsestema “Vagtplanen”" in text
    assert "Mødelokalet" in text
    page = client.get(reverse("workshops:invitation", args=[workshop.pk])).content.decode()
    assert "Balance og overskud" in page


def test_before_the_pick_the_invitation_says_the_themes_are_to_be_chosen(world):
    workshop = nyborg(world.unit)

    text = current_invitation(workshop)

    assert "Trivselstema: (vælges af planlægningsgruppen)" in text


def test_a_pick_without_a_theme_or_own_title_is_refused_in_danish(client, world):
    workshop = nyborg(world.unit)
    client.force_login(world.leader)

    page = client.post(
        reverse("workshops:topic_pick", args=[workshop.pk]), {"trivsel": "trivsel-valgfrit"}
    )

    html = page.content.decode()
    assert page.status_code == 400
    assert "Skriv temaets titel, når I vælger “Valgfrit tema”." in html
    assert "Vælg ét ledelsestema." in html
    workshop.refresh_from_db()
    assert workshop.topics == {}


def test_the_pick_can_be_undone(client, world):
    workshop = nyborg(world.unit)
    topic_choice.pick(workshop, {"trivsel": ("balance", ""), "ledelse": ("helhed", "")})
    client.force_login(world.leader)

    client.post(reverse("workshops:topic_pick", args=[workshop.pk]), {"clear": "1"})

    workshop.refresh_from_db()
    assert workshop.topics == {}


@pytest.mark.parametrize(
    "who,status", [("med", 403), ("facilitator", 404), ("other_leader", 404), ("hr", 200)]
)
def test_the_reasons_are_the_planning_groups_only(client, world, who, status):
    workshop = nyborg(world.unit, facilitator=world.facilitator)
    client.post(ballot_url(card(workshop)), answer_data(trivsel_why="Hemmelig begrundelse"))
    client.force_login(getattr(world, who))

    page = client.get(reverse("workshops:topic_choice", args=[workshop.pk]))

    assert page.status_code == status
    assert ("Hemmelig begrundelse" in page.content.decode()) == (status == 200)


def test_med_reading_the_preparation_sees_no_temavalg_link(client, world):
    workshop = nyborg(world.unit)
    client.force_login(world.med)

    html = client.get(reverse("workshops:agenda", args=[workshop.pk])).content.decode()

    assert reverse("workshops:topic_choice", args=[workshop.pk]) not in html
    assert reverse("workshops:timeline", args=[workshop.pk]) in html


# --- the follow-up timeline ---------------------------------------------------------------


def _timeline_post(workshop, changes=None, extra=None):
    steps = sorted(topic_choice.timeline(workshop), key=lambda s: s.index)
    rows = [{"title": s.title, "who": s.who, "date": s.date.isoformat()} for s in steps]
    for index, change in (changes or {}).items():
        rows[index].update(change)
    rows.append(extra or {"title": "", "who": "", "date": ""})
    data = {"step-TOTAL_FORMS": len(rows), "step-INITIAL_FORMS": len(rows) - 1}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"step-{index}-{key}"] = value
    return data


def test_the_planning_group_moves_a_step_adds_one_and_removes_one(client, world):
    workshop = nyborg(world.unit)
    client.force_login(world.leader)
    steps_before = len(workshop.timeline)

    client.post(
        reverse("workshops:timeline_edit", args=[workshop.pk]),
        _timeline_post(
            workshop,
            changes={0: {"date": "2026-08-03"}, 1: {"title": ""}},
            extra={"title": "Temamøde med HR", "who": "Lederen", "date": "30-11-2026"},
        ),
    )

    workshop.refresh_from_db()
    assert len(workshop.timeline) == steps_before  # one removed, one added
    steps = topic_choice.timeline(workshop)
    plan = next(s for s in steps if s.title == "Plan for Udviklingsdialog")
    assert plan.date == datetime.date(2026, 8, 3) and plan.set_by_hand
    assert "Information til medarbejderne" not in [s.title for s in steps]
    added = next(s for s in steps if s.title == "Temamøde med HR")
    assert added.date == datetime.date(2026, 11, 30) and added.who == "Lederen"
    page = client.get(reverse("workshops:timeline", args=[workshop.pk])).content.decode()
    assert "Temamøde med HR" in page and "sat af planlægningsgruppen" in page


def test_steps_not_set_by_hand_follow_the_dialogues_date(client, world):
    workshop = nyborg(world.unit)
    client.force_login(world.leader)
    client.post(
        reverse("workshops:timeline_edit", args=[workshop.pk]),
        _timeline_post(workshop, changes={0: {"date": "2026-08-03"}}),
    )
    workshop.refresh_from_db()

    workshop.date = DAY + datetime.timedelta(days=7)
    workshop.save()

    steps = {s.title: s for s in topic_choice.timeline(workshop)}
    assert steps["Plan for Udviklingsdialog"].date == datetime.date(2026, 8, 3)
    assert steps["Selve Udviklingsdialogen"].date == workshop.date
    assert steps["Opfølgning efter 3 måneder"].date == workshop.date + datetime.timedelta(91)


def test_a_wrong_date_is_told_in_danish_and_the_timeline_is_kept(client, world):
    workshop = nyborg(world.unit)
    before = list(workshop.timeline)
    client.force_login(world.leader)

    page = client.post(
        reverse("workshops:timeline_edit", args=[workshop.pk]),
        _timeline_post(workshop, changes={0: {"date": "31-02-2026"}}),
    )

    assert page.status_code == 400
    assert "Skriv datoen som dag-måned-år, fx 30-06-2026." in page.content.decode()
    workshop.refresh_from_db()
    assert workshop.timeline == before


def test_the_timeline_resets_to_the_methods_steps(client, world):
    workshop = nyborg(world.unit)
    workshop.timeline = []
    workshop.save()
    client.force_login(world.leader)
    assert "Der er ingen trin i tidsplanen endnu." in (
        client.get(reverse("workshops:timeline", args=[workshop.pk])).content.decode()
    )

    client.post(reverse("workshops:timeline_edit", args=[workshop.pk]), {"reset": "1"})

    workshop.refresh_from_db()
    assert len(workshop.timeline) == len(workshop.method.timeline)


def test_med_reads_the_timeline_but_cannot_edit_it(client, world):
    workshop = nyborg(world.unit)
    client.force_login(world.med)

    page = client.get(reverse("workshops:timeline", args=[workshop.pk]))
    edit = client.get(reverse("workshops:timeline_edit", args=[workshop.pk]))

    assert page.status_code == 200 and "Selve Udviklingsdialogen" in page.content.decode()
    assert "Ret tidsplanen" not in page.content.decode()
    assert edit.status_code == 403


def test_a_workshop_keeps_its_copied_themes_when_the_method_changes(world):
    workshop = nyborg(world.unit)
    method = workshop.method
    method.topics = []
    method.save()

    workshop = Workshop.objects.get(pk=workshop.pk)
    assert len(workshop.topic_choices) == 17


# --- the demo ----------------------------------------------------------------------------


def test_the_demo_has_ahornhaven_preparing_nyborg_with_14_of_15_cards_answered(client, db):
    call_command("demo")
    workshop = Workshop.objects.get(unit__code="BK-SS-01-A")
    assert workshop.method.slug == "nyborg-talsammen"
    assert topic_choice.ballot_counts(workshop) == (14, 15)
    assert workshop.topics == {} and workshop.date > datetime.date.today()
    assert workshop.facilitator.get_full_name() == "Jens Winther"

    client.force_login(get_user_model().objects.get(username="plejeleder"))
    html = client.get(reverse("workshops:topic_choice", args=[workshop.pk])).content.decode()
    assert "14 af 15 svarkort er besvaret" in html
    assert "Balance og overskud" in html and "Vagtplanlægning" in html
    slips = client.get(reverse("workshops:topic_slips", args=[workshop.pk])).content.decode()
    assert slips.count("<svg") == 1  # the one card not answered

    # both rounds' tables are formed ahead, 3–4 at each, round 2 at new tables
    tables = client.get(reverse("workshops:groups", args=[workshop.pk])).content.decode()
    assert "Anne Kristensen" in tables
    for round_number in (1, 2):
        sizes = [g.members.count() for g in workshop.groups.filter(round_number=round_number)]
        assert sum(sizes) == 15 and set(sizes) <= {3, 4}


def test_a_pick_warns_when_the_invitation_was_rewritten_by_hand(client, world):
    workshop = nyborg(world.unit, invitation_text="Vores egen invitation")
    client.force_login(world.leader)

    page = client.post(
        reverse("workshops:topic_pick", args=[workshop.pk]),
        {"trivsel": "balance", "ledelse": "helhed"},
        follow=True,
    )

    assert "I har rettet invitationen selv, så temaerne står ikke i den" in page.content.decode()


def test_the_overview_tells_how_far_the_theme_choice_has_come(client, world):
    workshop = nyborg(world.unit)
    client.force_login(world.leader)
    url = reverse("workshops:workshop_detail", args=[workshop.pk])
    assert "Medarbejderne har ikke fået svarkort endnu." in client.get(url).content.decode()

    client.post(ballot_url(card(workshop)), answer_data())
    card(workshop)
    assert "1 af 2 svarkort er besvaret" in client.get(url).content.decode()

    topic_choice.pick(workshop, {"trivsel": ("balance", ""), "ledelse": ("helhed", "")})
    html = client.get(url).content.decode()
    assert "Balance og overskud" in html and "Helhed og tværgående samarbejde" in html
