"""One word for one thing: the arrow's questions read the same on the wall, the plan page,
the plan's edit form and the PDF (all from the method's words); the method speaks of themes
as the rest of the application does; a pink post-it is "pink" everywhere."""

from pathlib import Path

from django.urls import reverse

from actionplans.actions import save_answers
from actionplans.exports import pdf as pdfs
from workshops.live import arrow

from . import factory
from .test_export_pdf import pdf_text, squeezed

ROOT = Path(__file__).resolve().parents[1]


def test_the_arrows_questions_read_the_same_on_wall_plan_page_form_and_pdf(client, world):
    workshop = factory.summary_workshop(world.unit)
    plan = workshop.plans.get()
    save_answers(
        plan.pk,
        version=plan.version,
        change="Mindre larm",
        goal="Ro ved frokost",
        barriers="Små rum",
        actions_text="Stille hjørne",
        follow_up_text="Til marts",
    )
    questions = arrow.questions(workshop)
    assert [q["number"] for q in questions] == [1, 2, 3, 4, 5]
    client.force_login(world.leader)
    page = client.get(reverse("actionplans:plan_detail", args=[plan.pk])).content.decode()
    form = client.get(reverse("actionplans:plan_answers", args=[plan.pk])).content.decode()
    text = squeezed(pdf_text(pdfs.workshop_summary_pdf(workshop)))
    for question in questions:
        title = f"{question['number']}. {question['title']}"
        assert title in page, title
        assert squeezed(title) in text, title
        for field in question["fields"]:
            assert field["label"] in form, field["label"]


def test_the_method_speaks_of_themes_and_pink_post_its_as_the_pages_do():
    method = (ROOT / "workshops/methods/albertslund.json").read_text(encoding="utf-8")
    assert '"theme_label": "Tema"' in method  # "Tema 1 af 3" on the wall, "Tema på pilen"
    assert "(rummets ord)" not in method
    for path in [*ROOT.joinpath("templates").rglob("*.html"), ROOT / "workshops/methods"]:
        if path.is_file():
            assert "lyserød" not in path.read_text(encoding="utf-8").lower(), path
