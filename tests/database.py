"""The test database on SQLite, built from the models rather than by running every migration.

Running the ~250 migrations of Django, Wagtail and the site into a new database took ~13 s of a cold
test run (Django renders the historical models again and again); creating the tables straight from the
models, as Django does with the test database's MIGRATE setting off, takes well under a second. What
the migrations add beyond the models' tables is added here: Wagtail's full-text table for SQLite, the
record of every migration as applied, and the rows a new database starts with (the root page and the
front page, the default site, language and collection, and Wagtail's Moderators and Editors groups with
their permissions and approval workflow).

`tests/test_migrations.py` runs the real migrations and compares the two databases, schema and rows,
so this cannot drift from what `migrate` builds. On PostgreSQL the test database is migrated for real
(`tests/conftest.py`), which keeps the migrations run there too.
"""

import importlib

from django.db.migrations import RunSQL, SeparateDatabaseAndState


def build_test_database(connection):
    """The test database of `connection` (on SQLite an in-memory one unless its TEST NAME names a file)
    from the models, then what the migrations add."""
    from django.test.utils import setup_databases

    test_settings = connection.settings_dict["TEST"]
    test_settings["MIGRATE"] = False
    try:
        databases = setup_databases(
            verbosity=0, interactive=False, aliases={connection.alias}, serialized_aliases=set()
        )
    finally:
        test_settings["MIGRATE"] = True
    add_what_the_migrations_add(connection)
    return databases


def add_what_the_migrations_add(connection):
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()  # a table of its own making, outside any transaction on SQLite
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            for operation in sqlite_full_text_index():
                cursor.execute(operation.reverse_sql)
            for operation in sqlite_full_text_index():
                cursor.execute(operation.sql)
        record_every_migration_as_applied(recorder)
        create_initial_rows(connection.alias)
    ContentType.objects.clear_cache()


def sqlite_full_text_index():
    """Wagtail's database search keeps an FTS5 table of the index entries, filled by triggers. The model
    that reads it makes an ordinary table of that name; the migration's own statements, taken from it,
    drop that and create the FTS5 table and its triggers."""
    migration = importlib.import_module("wagtail.search.migrations.0006_customise_indexentry").Migration
    return [
        operation
        for outer in migration.operations
        if isinstance(outer, SeparateDatabaseAndState)
        for operation in outer.database_operations
        if isinstance(operation, RunSQL)
    ]


def record_every_migration_as_applied(recorder):
    """As `migrate` leaves it: every migration on disk applied (a squashed one and those it replaces)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    recorder.migration_qs.bulk_create(
        recorder.Migration(app=app, name=name) for app, name in sorted(loader.disk_migrations)
    )


def create_initial_rows(using):
    """The rows Wagtail's data migrations and `home/migrations/0002_create_homepage.py` leave in a new
    database, written as a migration writes them (see `insert_row`)."""
    from django.conf import settings
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Locale,
        Page,
        Site,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    from home.models import HomePage

    def insert(instance):
        return insert_row(instance, using)

    def content_type(model):
        return ContentType.objects.db_manager(using).get_for_model(model)

    locale = insert(Locale(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)))

    def live_page(model, title, slug, path, numchild, url_path, **fields):
        # Both pages the migrations make are live, in the default language, with their draft title set.
        return insert(
            model(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type(model),
                path=path,
                depth=len(path) // Page.steplen,
                numchild=numchild,
                url_path=url_path,
                live=True,
                locale=locale,
                **fields,
            )
        )

    root = live_page(Page, "Root", "root", "0001", 1, "/")
    home = live_page(
        HomePage,
        "Forside",
        "forside",
        "00010001",
        0,
        "/forside/",
        hero_heading="Vi udvikler og deler open source-software til den offentlige sektor",
        introduction="",
    )
    insert(Site(hostname="localhost", port=80, is_default_site=True, root_page=home))

    # Wagtail's two groups: both may use the admin and add and change images and documents; Moderators
    # may also publish, lock and unlock pages, and approve what Editors submit.
    collection = insert(Collection(name="Root", path="0001", depth=1, numchild=0))
    moderators, editors = insert(Group(name="Moderators")), insert(Group(name="Editors"))

    def permissions(app_label, *codenames):
        return list(
            Permission.objects.using(using).filter(content_type__app_label=app_label, codename__in=codenames)
        )

    images = permissions("wagtailimages", "add_image", "change_image", "choose_image")
    documents = permissions("wagtaildocs", "add_document", "change_document", "choose_document")
    deleting = permissions("wagtailimages", "delete_image") + permissions("wagtaildocs", "delete_document")
    moderating = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
    for group, on_pages in ((moderators, moderating), (editors, moderating[:2])):
        for permission in permissions("wagtailadmin", "access_admin") + images + documents + deleting:
            insert(Group.permissions.through(group=group, permission=permission))
        for permission in images + documents:
            insert(GroupCollectionPermission(group=group, collection=collection, permission=permission))
        for permission in permissions("wagtailcore", *on_pages):
            insert(GroupPagePermission(group=group, page=root, permission=permission))

    task = insert(
        GroupApprovalTask(
            name="Moderators approval", active=True, content_type=content_type(GroupApprovalTask)
        )
    )
    insert(GroupApprovalTask.groups.through(groupapprovaltask=task, group=moderators))
    workflow = insert(Workflow(name="Moderators approval", active=True))
    insert(WorkflowTask(workflow=workflow, task=task, sort_order=0))
    insert(WorkflowPage(workflow=workflow, page=root))

    # `migrate` names permissions after the models as the migrations describe them; the migration of
    # Wagtail's FTS model gives it no verbose name, so its permissions are named after the model's name.
    named = Permission.objects.using(using).filter(
        content_type__app_label="wagtailsearch", content_type__model="sqliteftsindexentry"
    )
    for permission in named:
        action = permission.codename.partition("_")[0]
        named.filter(pk=permission.pk).update(name=f"Can {action} sqliteftsindexentry")


def insert_row(instance, using):
    """The instance's row (a page type's after its Page row) in the database `using`, as a migration writes it: without the
    model's save() and the signals it sends, so nothing is put in the search or reference index."""
    model = type(instance)
    for table in [*reversed(model._meta.get_parent_list()), model]:
        for parent, link in table._meta.parents.items():
            setattr(instance, link.attname, getattr(instance, parent._meta.pk.attname))
        fields = [
            field
            for field in table._meta.local_concrete_fields
            if not (field.primary_key and getattr(instance, field.attname) is None)
        ]
        returning = table._meta.db_returning_fields
        inserted = table._base_manager.db_manager(using)._insert(
            [instance], fields=fields, returning_fields=returning, using=using
        )
        for row in inserted:
            for field, value in zip(returning, row, strict=True):
                setattr(instance, field.attname, value)
    instance._state.db, instance._state.adding = using, False  # saved, as save() leaves it
    return instance
