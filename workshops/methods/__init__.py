"""Methods ship as JSON files in this folder. They are checked (validate.py) and loaded into
the database after every `migrate` (a post_migrate handler, workshops/apps.py), so a deploy
gets new and changed methods without a manual step, and by `manage.py load_methods`.

Besides its phases, a method file may carry (both optional, empty lists when absent):

- `topics`: the themes employees choose from before the day (Nyborg's Bilag 1), a list of
  {"key": a short slug unique in the file, "kind": "trivsel" or "ledelse", "title",
  "description", "own_text": true for "Valgfrit tema", where the employee writes their own}.
  Each kind the method uses is one theme the planning group picks (workshops/topic_choice.py).
- `timeline`: the follow-up timeline's steps (Nyborg's steps 1–12), a list of {"key", "title",
  "who", "description", "days": the default offset in days from the workshop's date,
  negative before it}. The planning group moves each step's date on /tidsplan/.

A method is versioned data: the file says its `version`, the database keeps the version and
a checksum of the content it loaded. A file whose content changed under the same version is
refused ("hæv versionen"), and so is a lower version than the one loaded: what a workshop
was copied from (Workshop.method_version) always means one content. Loading is all or
nothing: one file with a problem, and no file is loaded."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

METHODS_DIR = Path(__file__).resolve().parent


def method_files():
    return sorted(METHODS_DIR.glob("*.json"))


class MethodFileError(Exception):
    """One or more method files cannot be loaded; `problems` are Danish lines."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def checksum(data: dict) -> str:
    """The content's fingerprint: the same data in any layout gives the same sum."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Loaded:
    method: object
    status: str  # "new", "updated" or "unchanged"
    phases: int = 0


def version_problem(data: dict, Method, using: str = "default") -> str | None:
    """Why this content may not replace the method loaded under its slug (None: it may)."""
    loaded = Method._default_manager.using(using).filter(slug=data["slug"]).first()
    if loaded is None or not loaded.checksum:  # new, or loaded before methods had versions
        return None
    version = data["version"]
    if version < loaded.version:
        return _(
            "version %(version)s er lavere end den indlæste version %(loaded)s: en metode går "
            "aldrig tilbage – hæv versionen til %(next)s"
        ) % {"version": version, "loaded": loaded.version, "next": loaded.version + 1}
    if version == loaded.version and checksum(data) != loaded.checksum:
        return _(
            "indholdet er ændret, men version er stadig %(version)s: hæv versionen til "
            "%(next)s (en dialog, der er kopieret fra version %(version)s, skal kunne se, "
            "hvad den var)"
        ) % {"version": version, "next": version + 1}
    return None


def check(data, Method=None, using: str = "default") -> list[str]:
    """Every problem of one method's data: its shape, then its version against the loaded."""
    from .validate import problems

    found = problems(data)
    if not found and Method is not None:
        problem = version_problem(data, Method, using)
        if problem:
            found.append(f"version: {problem}")
    return found


def check_files(Method=None, using: str = "default") -> tuple[list[dict], list[str]]:
    """The data of every method file, and every problem, each line naming its file."""
    from .validate import read

    found, problems, slugs = [], [], {}
    for path in method_files():
        data, file_problems = read(path)
        if not file_problems and Method is not None:
            file_problems = check(data, Method, using)
        if not file_problems and data["slug"] in slugs:
            file_problems = [
                _("slug: '%(slug)s' bruges også af %(other)s")
                % {"slug": data["slug"], "other": slugs[data["slug"]]}
            ]
        problems.extend(f"{path.name}: {problem}" for problem in file_problems)
        if data is not None and not file_problems:
            slugs[data["slug"]] = path.name
            found.append(data)
    return found, problems


def _store(data: dict, Method, MethodPhase, using: str) -> Loaded:
    methods = Method._default_manager.using(using)
    loaded = methods.filter(slug=data["slug"]).first()
    sum_ = checksum(data)
    if loaded is not None and loaded.checksum == sum_ and loaded.version == data["version"]:
        return Loaded(loaded, "unchanged", loaded.phases.count())
    method, created = methods.update_or_create(
        slug=data["slug"],
        defaults={
            # a test that migrates back loads into a Method that has no kinds yet
            **(
                {"note_kinds": data.get("note_kinds", [])}
                if any(f.name == "note_kinds" for f in Method._meta.get_fields())
                else {}
            ),
            "name": data["name"],
            "description": data.get("description", ""),
            "source": data["source"],
            "version": data["version"],
            "checksum": sum_,
            "is_default": data.get("is_default", False),
            "default_ground_rules": data.get("ground_rules", []),
            "default_checklist": data.get("checklist", []),
            **(
                {"topics": data.get("topics", []), "timeline": data.get("timeline", [])}
                if any(f.name == "topics" for f in Method._meta.get_fields())
                else {}
            ),
        },
    )
    if method.is_default:
        methods.exclude(pk=method.pk).update(is_default=False)
    MethodPhase._default_manager.using(using).filter(method=method).delete()
    MethodPhase._default_manager.using(using).bulk_create(
        MethodPhase(
            method=method,
            order=index,
            name=phase["name"],
            minutes=phase["minutes"],
            tool=phase["tool"],
            source=phase["source"],
            instructions=phase.get("instructions", ""),
            participant_prompt=phase.get("participant_prompt", ""),
            materials=phase.get("materials", ""),
            config=phase.get("config", {}),
        )
        for index, phase in enumerate(data["phases"], start=1)
    )
    return Loaded(method, "new" if created else "updated", len(data["phases"]))


def _models(Method, MethodPhase):
    if Method is None:
        from workshops.models import Method, MethodPhase
    return Method, MethodPhase


def load_method(data: dict, Method=None, MethodPhase=None, *, using: str = "default"):
    """Check one method's data and create or update it; MethodFileError when it may not."""
    Method, MethodPhase = _models(Method, MethodPhase)
    problems = check(data, Method, using)
    if problems:
        raise MethodFileError(problems)
    with transaction.atomic(using=using):
        return _store(data, Method, MethodPhase, using).method


def load_files(Method=None, MethodPhase=None, *, using: str = "default") -> list[Loaded]:
    """Check every method file and load them all, or none (MethodFileError)."""
    Method, MethodPhase = _models(Method, MethodPhase)
    found, problems = check_files(Method, using)
    if problems:
        raise MethodFileError(problems)
    with transaction.atomic(using=using):
        return [_store(data, Method, MethodPhase, using) for data in found]


def load_all(Method=None, MethodPhase=None, *, using: str = "default"):
    """Every method file, checked and loaded (the methods, in file order)."""
    return [loaded.method for loaded in load_files(Method, MethodPhase, using=using)]
