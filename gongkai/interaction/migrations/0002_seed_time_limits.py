"""Seed the time-limit table with typical local 12345 values (not national law; edit the rows)."""

from django.db import migrations

# A copy of constants.DEFAULT_TIME_LIMITS as of this migration (migrations must not follow code changes).
TIME_LIMITS = (
    ("", "urgent", 1, "紧急诉求：本版按1个工作日计（常见地方规定以小时计，待支持）"),
    ("consultation", "normal", 5, ""),
    ("help", "normal", 5, ""),
    ("complaint", "normal", 10, ""),
    ("report", "normal", 15, ""),
    ("suggestion", "normal", 15, ""),
    ("praise", "normal", 5, ""),
    ("other", "normal", 10, ""),
)


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule = apps.get_model("interaction", "TimeLimitRule")
    for ticket_type, urgency, days, note in TIME_LIMITS:
        rule.objects.get_or_create(
            ticket_type=ticket_type, urgency=urgency, defaults={"working_days": days, "note": note}
        )


class Migration(migrations.Migration):
    dependencies = [("interaction", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
