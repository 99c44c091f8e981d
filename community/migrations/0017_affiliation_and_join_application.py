"""Membership is renamed Affiliation (an account's link to the organisation it acts for) and
MembershipApplication JoinApplication (an organisation's application to join OS2), so "member" means
OS2 membership only. The tables are renamed, not recreated: every row stays. The model permissions
are renamed with them, so the groups that had them (the secretariat) keep their rights."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# (old model name, new model name, old verbose name, new verbose name) as the permissions' codenames
# ("add_membership") and names ("Can add medlemskonto") spell them.
RENAMED_PERMISSIONS = [
    ("membership", "affiliation", "medlemskonto", "tilknytning"),
    ("membershipapplication", "joinapplication", "medlemsansøgning", "medlemsansøgning"),
]


def rename_permissions(apps, renames):
    """Give the permissions of a renamed model their new codenames and names. Where the new
    permission already exists (created after the rename by a `migrate` of its own), the groups and
    users that had the old one get the new one and the old one goes."""
    Permission = apps.get_model("auth", "Permission")
    for old_model, new_model, old_label, new_label in renames:
        suffix = f"_{old_model}"
        for old in Permission.objects.filter(content_type__app_label="community", codename__endswith=suffix):
            action = old.codename.removesuffix(suffix)
            codename = f"{action}_{new_model}"
            name = old.name.replace(old_label, new_label)
            new = Permission.objects.filter(content_type=old.content_type, codename=codename).first()
            if new is None:
                old.codename, old.name = codename, name
                old.save(update_fields=["codename", "name"])
                continue
            for group in old.group_set.all():
                group.permissions.add(new)
            for user in old.user_set.all():
                user.user_permissions.add(new)
            old.delete()


def forwards(apps, schema_editor):
    rename_permissions(apps, RENAMED_PERMISSIONS)


def backwards(apps, schema_editor):
    rename_permissions(
        apps, [(new, old, new_label, old_label) for old, new, old_label, new_label in RENAMED_PERMISSIONS]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("community", "0016_help_texts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Membership", new_name="Affiliation"),
        migrations.AlterModelOptions(
            name="affiliation",
            options={
                "ordering": ["-requested_at"],
                "verbose_name": "tilknytning",
                "verbose_name_plural": "tilknytninger",
            },
        ),
        migrations.AlterField(
            model_name="affiliation",
            name="user",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="affiliation",
                to=settings.AUTH_USER_MODEL,
                verbose_name="bruger",
            ),
        ),
        migrations.AlterField(
            model_name="affiliation",
            name="organisation",
            field=models.ForeignKey(
                help_text="Den organisation, medlemmet er ansat i.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="affiliations",
                to="community.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.RenameModel(old_name="MembershipApplication", new_name="JoinApplication"),
        # Only approved accounts may be chosen here: the lookup follows the renamed relation.
        migrations.AlterField(
            model_name="workinggroup",
            name="contact_user",
            field=models.ForeignKey(
                blank=True,
                help_text="Kontaktpersonen, hvis vedkommende har en konto: godkender eller afviser anmodninger om at komme med i gruppen. Uden konto gør sekretariatet det. Vælg blandt gruppens medlemmer.",
                limit_choices_to={"affiliation__status": "godkendt"},
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="contact_for_working_groups",
                to=settings.AUTH_USER_MODEL,
                verbose_name="kontaktpersonens brugerkonto",
            ),
        ),
        migrations.AlterField(
            model_name="workinggroupmember",
            name="user",
            field=models.ForeignKey(
                blank=True,
                help_text="Personens konto på sitet. Vælg den, eller skriv et navn nedenfor.",
                limit_choices_to={"affiliation__status": "godkendt"},
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="working_group_memberships",
                to=settings.AUTH_USER_MODEL,
                verbose_name="brugerkonto",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
