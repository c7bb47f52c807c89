from django.db import migrations


class Migration(migrations.Migration):
    """A post-it's "polarity" (works well / less well) becomes its kind: the word every method
    can use (Nyborg: vigtig pointe / ønsket handling). Values are unchanged."""

    dependencies = [("workshops", "0010_groups_and_topics")]

    operations = [migrations.RenameField("note", "polarity", "kind")]
