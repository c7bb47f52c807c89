from django.apps import AppConfig
from django.core.management.base import CommandError
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def load_methods_after_migrate(sender, *, apps=None, using="default", **kwargs):
    """Every migrate (and a test's flush) loads new and changed method files, so a deploy
    gets them without a manual command. A file with a problem stops the migrate with the
    problem, in Danish; nothing is loaded then."""
    from .methods import MethodFileError, load_files

    if apps is None:  # a flush sends no migration state: the models as they are
        from django.apps import apps
    try:
        Method = apps.get_model("workshops", "Method")
        MethodPhase = apps.get_model("workshops", "MethodPhase")
    except LookupError:  # the app is not migrated (yet)
        return
    if not any(f.name == "checksum" for f in Method._meta.get_fields()):
        return  # migrated back to before methods had versions
    try:
        load_files(Method, MethodPhase, using=using)
    except MethodFileError as error:
        raise CommandError(
            "Metodefilerne kan ikke indlæses:\n" + "\n".join(error.problems)
        ) from None


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Trivselsdialoger")

    def ready(self):
        post_migrate.connect(
            load_methods_after_migrate, sender=self, dispatch_uid="workshops_load_methods"
        )
