"""A plan's answers under the arrow's questions, in the words the room saw on the wall and the
phones: the method's (the workshop's arrow phase, else the default method's). The plan page
and the PDF read them here, so the three never word a question differently."""

from workshops.methods.words import default_words, words

from .actions import ANSWER_FIELDS
from .models import ActionPlan


def arrow_words(plan: ActionPlan) -> dict:
    return words(plan.workshop, "arrow") if plan.workshop_id else default_words("arrow")


def answer_sections(plan: ActionPlan) -> list[dict]:
    """[{number, title, activities, answers: [{name, label, text}]}] for the five questions;
    a plan field no question of the method asks for is added to the last question under its
    own label (e.g. how the effect is evaluated)."""
    sections, asked = [], {"title"}
    for number, question in enumerate(arrow_words(plan).get("questions", []), start=1):
        answers = []
        for field in question.get("fields", []):
            if field["name"] in ANSWER_FIELDS:
                asked.add(field["name"])
                answers.append(_answer(plan, field["name"], field["label"]))
        sections.append(
            {
                "number": number,
                "title": question["title"],
                "activities": bool(question.get("activities")),
                "answers": answers,
            }
        )
    rest = [
        _answer(plan, name, str(ActionPlan._meta.get_field(name).verbose_name).capitalize())
        for name in ANSWER_FIELDS
        if name not in asked
    ]
    if sections:
        sections[-1]["answers"] += rest
    for section in sections:
        section["answered"] = any(answer["text"] for answer in section["answers"])
    return sections


def _answer(plan, name, label) -> dict:
    return {"name": name, "label": label, "text": (getattr(plan, name) or "").strip()}
