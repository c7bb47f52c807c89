"""A component's stylesheet comes with it: every page that shows the progress arrow
(actionplans/_arrow.html, an inline SVG that is drawn as a huge black shape without its
CSS) links static/css/plans.css. The test walks every URL of the project as the trio and as
HR, so a new page that includes the arrow without its stylesheet fails here."""

from django.urls import reverse

from .test_access import ALL_URLS, KWARGS

ARROW = "actionplans/_arrow.html"
PLANS_CSS = "css/plans.css"


def test_every_page_with_the_progress_arrow_loads_its_stylesheet(client, world):
    plan = KWARGS["plan_id"](world)
    world.plan.held.stage = "under_way"
    world.plan.held.save(update_fields=["stage"])
    assert plan
    missing, seen = [], []
    for person in (world.leader, world.hr):
        client.force_login(person)
        for name, entry in ALL_URLS:
            if getattr(entry.callback, "access_method", "GET") != "GET":
                continue
            kwargs = {key: KWARGS[key](world) for key in entry.pattern.converters}
            response = client.get(reverse(name, kwargs=kwargs))
            if ARROW not in [t.name for t in response.templates]:
                continue
            seen.append(name)
            if PLANS_CSS not in response.content.decode():
                missing.append(name)
    assert {"unit_detail", "actionplans:plan_list", "staff_board"} <= set(seen)
    assert missing == [], f"pages with the arrow but without {PLANS_CSS}: {sorted(set(missing))}"
