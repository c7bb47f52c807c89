from django.db import migrations


def load(apps, schema_editor):
    from workshops.methods import load_all

    load_all(apps.get_model("workshops", "Method"), apps.get_model("workshops", "MethodPhase"))


class Migration(migrations.Migration):
    dependencies = [("workshops", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
