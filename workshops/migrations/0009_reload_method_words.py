from django.db import migrations


def reload_methods(apps, schema_editor):
    """The method file's words changed (issue 18: "Tema", no "(rummets ord)"): a deploy gets
    them into the methods without a manual `load_methods`. Workshops made before keep the
    words they were copied with."""
    from workshops.methods import load_all

    load_all(apps.get_model("workshops", "Method"), apps.get_model("workshops", "MethodPhase"))


class Migration(migrations.Migration):
    dependencies = [("workshops", "0008_workshop_closed_at")]

    operations = [migrations.RunPython(reload_methods, migrations.RunPython.noop)]
