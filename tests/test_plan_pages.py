"""The trio follows a plan after the session: its page, the arrow's answers, the survey
themes, the follow-ups, the activities and the status arrow with its history."""

import datetime

import pytest
from django.urls import reverse

from actionplans.models import Activity, Stage, StatusUpdate, Tovholder
from tests import factory

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def plan(world):
    plan = factory.action_plan(world.unit, round=factory.survey_round(world.organisation))
    plan.held = factory.activity(plan, tovholder=factory.tovholder(world.unit))
    return plan


def url(name, *args):
    return reverse(f"actionplans:{name}", args=args)


def test_the_trio_sees_the_plan_with_its_progress_arrow_written_out(client, world, plan):
    factory.activity(plan, what="Lydabsorbenter", stage=Stage.DONE)
    client.force_login(world.leader)
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "50 %" in html and "1 af 2 aktiviteter gennemført" in html
    assert "Ret svarene" in html and "Ny aktivitet" in html


@pytest.mark.parametrize("who,status", [("med", 200), ("hr", 200), ("other_leader", 404)])
def test_med_reads_hr_reads_another_units_trio_finds_nothing(client, world, plan, who, status):
    client.force_login(getattr(world, who))
    response = client.get(url("plan_detail", plan.pk))
    assert response.status_code == status
    if who == "med":
        assert "Ret svarene" not in response.content.decode()
        assert client.get(url("plan_answers", plan.pk)).status_code == 403


def test_the_plans_page_lists_every_plan_of_the_unit_in_few_queries(
    client, world, plan, django_assert_max_num_queries
):
    for n in range(5):
        other = factory.action_plan(world.unit, title=f"Plan {n}")
        for _ in range(3):
            factory.activity(other, tovholder=plan.held.tovholder)
    client.force_login(world.leader)
    with django_assert_max_num_queries(20):
        html = client.get(url("plan_list", world.unit.pk)).content.decode()
    assert "6 handleplaner" in html


def test_the_plan_page_costs_the_same_queries_with_many_activities(
    client, world, plan, django_assert_max_num_queries
):
    for _ in range(10):
        activity = factory.activity(plan, tovholder=plan.held.tovholder)
        StatusUpdate.objects.create(activity=activity, stage=Stage.PLANNED, by_name="A")
    client.force_login(world.leader)
    with django_assert_max_num_queries(22):
        assert client.get(url("plan_detail", plan.pk)).status_code == 200


def test_answers_are_saved_and_a_stale_edit_shows_both_texts_and_overwrites_nothing(
    client, world, plan
):
    client.force_login(world.leader)
    data = {"title": plan.title, "change": "Mindre støj", "version": plan.version}
    assert client.post(url("plan_answers", plan.pk), data).status_code == 302
    plan.refresh_from_db()
    assert plan.change == "Mindre støj" and plan.version == 2
    stale = {"title": plan.title, "change": "Mit eget forslag", "version": 1}
    response = client.post(url("plan_answers", plan.pk), stale)
    html = response.content.decode()
    assert response.status_code == 200 and "ændret et andet sted" in html
    assert "Mit eget forslag" in html and "Mindre støj" in html
    plan.refresh_from_db()
    assert plan.change == "Mindre støj"
    assert 'name="version" value="2"' in html  # saving again now overwrites on purpose


def test_an_empty_title_is_refused_in_danish_and_nothing_typed_is_lost(client, world, plan):
    client.force_login(world.leader)
    data = {"title": "", "goal": "Ro ved frokosten", "version": plan.version}
    html = client.post(url("plan_answers", plan.pk), data).content.decode()
    assert "Planen skal have et tema." in html and "Ro ved frokosten" in html


def test_the_plan_is_tagged_with_the_rounds_survey_themes_only(client, world, plan):
    first, second = plan.round.themes[:2]
    client.force_login(world.leader)
    client.post(url("plan_survey_themes", plan.pk), {"themes": [second, first]})
    plan.refresh_from_db()
    assert plan.survey_themes == [first, second]  # the round's order
    response = client.post(url("plan_survey_themes", plan.pk), {"themes": ["Opdigtet"]})
    assert response.status_code == 400
    plan.refresh_from_db()
    assert plan.survey_themes == [first, second]


def test_follow_ups_default_to_three_and_six_months_and_the_second_comes_after(client, world, plan):
    workshop = factory.live_workshop(world.unit, date=datetime.date(2026, 5, 19))
    made = client.force_login(world.leader) or client.post(
        url("plan_create", world.unit.pk), {"title": "Ny plan"}
    )
    assert made.status_code == 302
    new = workshop.plans.get(title="Ny plan")
    assert (new.follow_up_first, new.follow_up_second) == (
        datetime.date(2026, 8, 19),
        datetime.date(2026, 11, 19),
    )
    bad = client.post(
        url("plan_follow_ups", new.pk), {"first": "2026-09-01", "second": "2026-08-01"}
    )
    assert bad.status_code == 400 and "efter den første" in bad.content.decode()


def test_upcoming_follow_ups_are_shown_on_the_unit_page(client, world, plan):
    plan.follow_up_first = datetime.date.today() + datetime.timedelta(days=10)
    plan.save()
    client.force_login(world.tr)
    html = client.get(reverse("unit_detail", args=[world.unit.pk])).content.decode()
    assert "Kommende opfølgninger" in html and plan.title in html


def test_an_activity_gets_a_member_or_a_free_text_tovholder(client, world, plan):
    client.force_login(world.leader)
    base = {"what": "Ny vagtplan", "level": "ledelse", "deadline": "2026-12-01"}
    client.post(url("activity_create", plan.pk), {**base, "tovholder_member": world.tr.pk})
    client.post(url("activity_create", plan.pk), {**base, "tovholder_name": "  Sofie  Dam "})
    holders = [a.tovholder for a in plan.activities.order_by("pk")[1:]]
    assert holders[0].user == world.tr
    assert holders[1].name == "Sofie Dam" and holders[1].user is None
    both = {**base, "tovholder_member": world.tr.pk, "tovholder_name": "Sofie Dam"}
    html = client.post(url("activity_create", plan.pk), both).content.decode()
    assert "ikke begge" in html
    assert Tovholder.objects.filter(unit=world.unit).count() == 3


def test_the_activity_form_explains_each_iglo_level(client, world, plan):
    client.force_login(world.leader)
    html = client.get(url("activity_create", plan.pk)).content.decode()
    assert "Det, der skal løftes videre til MED/HR og organisationen." in html
    refused = client.post(url("activity_create", plan.pk), {"what": ""}).content.decode()
    assert "Skriv hvad der skal gøres." in refused and "Vælg et IGLO-niveau." in refused


def test_deleting_an_activity_asks_first(client, world, plan):
    client.force_login(world.leader)
    page = client.get(url("activity_delete", plan.pk, plan.held.pk))
    assert "Vil du slette aktiviteten" in page.content.decode()
    assert Activity.objects.filter(pk=plan.held.pk).exists()
    client.post(url("activity_delete", plan.pk, plan.held.pk))
    assert not Activity.objects.filter(pk=plan.held.pk).exists()


def test_an_activity_of_another_plan_is_not_found_through_this_one(client, world, plan):
    other = factory.action_plan(world.unit, title="Anden")
    client.force_login(world.leader)
    assert client.get(url("activity_edit", other.pk, plan.held.pk)).status_code == 404


def test_one_click_moves_the_arrow_and_keeps_the_move_in_the_history(client, world, plan):
    client.force_login(world.leader)
    field = f"a{plan.held.pk}"
    client.post(url("activity_stage", plan.pk, plan.held.pk), {f"{field}-stage": "under_way"})
    client.post(
        url("activity_stage", plan.pk, plan.held.pk),
        {f"{field}-stage": "under_way", f"{field}-comment": "Godt i gang"},
    )
    plan.held.refresh_from_db()
    assert plan.held.stage == Stage.UNDER_WAY
    updates = list(plan.held.updates.order_by("pk"))
    assert [(u.previous_stage, u.stage, u.comment) for u in updates] == [
        ("not_started", "under_way", ""),
        ("under_way", "under_way", "Godt i gang"),
    ]
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "Historik (2 opdateringer)" in html and "Godt i gang" in html


def test_dropping_an_activity_needs_a_reason(client, world, plan):
    client.force_login(world.leader)
    field = f"a{plan.held.pk}"
    response = client.post(
        url("activity_stage", plan.pk, plan.held.pk),
        {f"{field}-stage": "dropped"},
        headers={"HX-Request": "true"},
    )
    assert "Skriv en begrundelse" in response.content.decode()
    plan.held.refresh_from_db()
    assert plan.held.stage == Stage.NOT_STARTED and not plan.held.updates.exists()


def test_an_htmx_move_answers_with_the_activity_and_the_plans_arrow(client, world, plan):
    client.force_login(world.leader)
    response = client.post(
        url("activity_stage", plan.pk, plan.held.pk),
        {f"a{plan.held.pk}-stage": "done"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert f'id="activity-{plan.held.pk}-stage"' in html
    assert 'id="plan-arrow" class="plan-arrow-box" hx-swap-oob="true"' in html
    assert "100 %" in html and "<html" not in html


def test_med_cannot_move_the_arrow(client, world, plan):
    client.force_login(world.med)
    response = client.post(
        url("activity_stage", plan.pk, plan.held.pk), {f"a{plan.held.pk}-stage": "done"}
    )
    assert response.status_code == 403


def test_hostile_text_is_shown_as_text_everywhere(client, world, plan):
    plan.title = HOSTILE
    plan.change = HOSTILE
    plan.save()
    plan.held.what = HOSTILE
    plan.held.save()
    StatusUpdate.objects.create(
        activity=plan.held, stage=Stage.PLANNED, comment=HOSTILE, by_name=HOSTILE
    )
    link = factory.board_link(world.unit)
    client.force_login(world.leader)
    for page in (
        url("plan_detail", plan.pk),
        url("plan_list", world.unit.pk),
        url("tovholder_list", world.unit.pk),
        reverse("staff_board", args=[link.token]),
    ):
        html = client.get(page).content.decode()
        assert HOSTILE not in html, page
        assert "&lt;script&gt;" in html, page


def test_the_themes_post_its_are_shown_without_authors_in_anonymous_mode(client, world):
    from workshops.models import Note, Participant, Theme

    workshop = factory.live_workshop(world.unit, anonymous=True)
    theme = Theme.objects.create(workshop=workshop, title="Støj")
    person = Participant.objects.create(workshop=workshop, number=1, display_name="Karin")
    factory.yellow_note(person, text="For meget larm", theme=theme, revealed_at="2026-05-19T10:00Z")
    factory.pink_note(
        workshop,
        text="Lav score på støj",
        theme=theme,
        presenter_name="Lise",
        revealed_at="2026-05-19T10:00Z",
    )
    factory.pink_note(workshop, text="Aldrig vist", theme=theme)
    plan = factory.action_plan(world.unit, theme=theme, workshop=workshop)
    client.force_login(world.leader)
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "For meget larm" in html and "Lav score på støj" in html
    assert "Aldrig vist" not in html
    assert "Karin" not in html and "Lise" not in html
    workshop.anonymous = False
    workshop.save()
    html = client.get(url("plan_detail", plan.pk)).content.decode()
    assert "Karin" in html and "Lise" in html
    assert Note.objects.count() == 3


def test_a_plan_made_by_mistake_is_deleted_after_a_confirmation(client, world, plan):
    from actionplans.models import ActionPlan, RaisedItem

    answered = factory.raised_item(world.unit, activity=plan.held, status="answered", answer="Ja")
    client.force_login(world.leader)
    page = client.get(url("plan_delete", plan.pk)).content.decode()
    assert "Vil du slette handleplanen" in page and "1 aktivitet og dens historik" in page
    assert ActionPlan.objects.filter(pk=plan.pk).exists()  # asking deletes nothing
    response = client.post(url("plan_delete", plan.pk))
    assert response.status_code == 302 and response.url == url("plan_list", world.unit.pk)
    assert not ActionPlan.objects.filter(pk=plan.pk).exists()
    assert not Activity.objects.filter(pk=plan.held.pk).exists()
    kept = RaisedItem.objects.get(pk=answered.pk)  # an answer from MED/HR stays a record
    assert kept.activity is None and kept.answer == "Ja"


def test_med_cannot_delete_a_plan_and_a_krænkelse_themes_plan_is_kept(client, world, plan):
    from actionplans.actions import plan_for_theme
    from actionplans.models import ActionPlan
    from workshops.models import Theme

    client.force_login(world.med)
    assert client.post(url("plan_delete", plan.pk)).status_code == 403
    workshop = factory.live_workshop(world.unit)
    theme = Theme.objects.create(workshop=workshop, title="Tonen på vagtskift")
    factory.pink_note(workshop, text="Uønsket seksuel opmærksomhed", harassment=True, theme=theme)
    kept = plan_for_theme(theme)
    client.force_login(world.leader)
    response = client.post(url("plan_delete", kept.pk), follow=True)
    assert "skal altid have en handleplan" in response.content.decode()
    assert ActionPlan.objects.filter(pk=kept.pk).exists()
