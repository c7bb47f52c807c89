"""Methods ship as JSON files in this folder and are loaded into the database by a data
migration and by `manage.py load_methods` (idempotent: a method is updated by its slug)."""

import json
from pathlib import Path

from django.db import transaction

METHODS_DIR = Path(__file__).resolve().parent


def method_files():
    return sorted(METHODS_DIR.glob("*.json"))


@transaction.atomic
def load_method(data: dict, Method, MethodPhase):
    """Create or update one method from its JSON description. Model classes are passed in
    so the data migration can use its historical models."""
    # an early data migration's Method has no `note_kinds` yet
    has_kinds = any(f.name == "note_kinds" for f in Method._meta.get_fields())
    method, _ = Method.objects.update_or_create(
        slug=data["slug"],
        defaults={
            **({"note_kinds": data.get("note_kinds", [])} if has_kinds else {}),
            "name": data["name"],
            "description": data.get("description", ""),
            "source": data.get("source", ""),
            "is_default": data.get("is_default", False),
            "default_ground_rules": data.get("ground_rules", []),
            "default_checklist": data.get("checklist", []),
        },
    )
    if method.is_default:
        Method.objects.exclude(pk=method.pk).update(is_default=False)
    method.phases.all().delete()
    # an early data migration's MethodPhase has no `config` yet
    has_config = any(f.name == "config" for f in MethodPhase._meta.get_fields())
    MethodPhase.objects.bulk_create(
        MethodPhase(
            method=method,
            order=index,
            name=phase["name"],
            minutes=phase["minutes"],
            tool=phase["tool"],
            instructions=phase.get("instructions", ""),
            participant_prompt=phase.get("participant_prompt", ""),
            materials=phase.get("materials", ""),
            **({"config": phase.get("config", {})} if has_config else {}),
        )
        for index, phase in enumerate(data["phases"], start=1)
    )
    return method


def load_all(Method=None, MethodPhase=None):
    if Method is None:
        from workshops.models import Method, MethodPhase
    return [
        load_method(json.loads(path.read_text(encoding="utf-8")), Method, MethodPhase)
        for path in method_files()
    ]
