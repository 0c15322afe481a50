"""Action.restricted: a copy of its agenda item's restriction, so lists test a column."""

from django.db import migrations, models


def copy_from_items(apps, schema_editor) -> None:
    """Mark the actions of restricted items."""
    Action = apps.get_model("actions", "Action")
    Action.objects.filter(agenda_item__restricted=True).update(restricted=True)


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_notification_planned_at"),
        ("meetings", "0002_agendas"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="restricted",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Copied from its agenda item on save and by item_restrict, so that "
                "lists test a column and check only restricted actions against the items a "
                "person may see.",
            ),
        ),
        migrations.RunPython(copy_from_items, migrations.RunPython.noop),
    ]
