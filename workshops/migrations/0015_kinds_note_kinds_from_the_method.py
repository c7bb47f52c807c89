import json

from django.db import migrations, models

# The two kinds every post-it had until now, with the words they were shown with: frozen
# here, so this migration means the same whatever the method files say later.
ALBERTSLUND_KINDS = [
    {"key": "good", "label": "Fungerer godt", "short": "Godt", "sign": "+", "colour": "green",
     "positive": True},
    {"key": "change", "label": "Fungerer mindre godt", "short": "Mindre godt", "sign": "△",
     "colour": "amber"},
]  # fmt: skip


def fill_note_kinds(apps, schema_editor):
    """Methods get their kinds from their files; a workshop with post-its keeps the meaning
    they were written with (good/change: the only values there were), a workshop without
    any takes its method's kinds (a Nyborg workshop prepared before the day)."""
    from workshops.methods import method_files

    Method = apps.get_model("workshops", "Method")
    Workshop = apps.get_model("workshops", "Workshop")
    for path in method_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        Method.objects.filter(slug=data["slug"]).update(note_kinds=data.get("note_kinds", []))
    with_notes = Workshop.objects.filter(notes__isnull=False).values("pk").distinct()
    Workshop.objects.filter(pk__in=with_notes).update(note_kinds=ALBERTSLUND_KINDS)
    for method in Method.objects.all():
        Workshop.objects.filter(method=method, note_kinds=[]).exclude(pk__in=with_notes).update(
            note_kinds=method.note_kinds or ALBERTSLUND_KINDS
        )


class Migration(migrations.Migration):
    """A post-it's kinds come from the method (issue 20): the method's and the workshop's
    `note_kinds`; Note.kind loses its fixed choices (the forms check it against the
    workshop's kinds) and may hold a longer key."""

    dependencies = [("workshops", "0014_groupday_group_work")]

    operations = [
        migrations.AddField(
            model_name="method",
            name="note_kinds",
            field=models.JSONField(blank=True, default=list, verbose_name="slags post-its"),
        ),
        migrations.AddField(
            model_name="workshop",
            name="note_kinds",
            field=models.JSONField(blank=True, default=list, verbose_name="slags post-its"),
        ),
        migrations.AlterField(
            model_name="note",
            name="kind",
            field=models.CharField(max_length=20, verbose_name="slags"),
        ),
        migrations.RunPython(fill_note_kinds, migrations.RunPython.noop),
    ]
