from django.db import migrations


class Migration(migrations.Migration):
    """The thresholds of each programme year now live in the criteria catalogue (0004 copied them)."""

    dependencies = [
        ("regions", "0004_criteria_catalogue_data"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='screeningrule',
            name='updated_by',
        ),
        migrations.DeleteModel(
            name='ScreeningRule',
        ),
    ]
