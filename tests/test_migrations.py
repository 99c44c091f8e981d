"""The migrations that change only what editors read: the same state as field by field, and no SQL."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, migrations
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from os2site.migration_operations import AlterFieldTexts

TEXT_MIGRATIONS = [
    ("community", "0016_help_texts"),
    ("products", "0008_help_texts"),
    ("home", "0004_help_texts"),
]


def fields_of(state, app_label):
    return {
        (model, name): field.deconstruct()[1:]
        for (app, model), model_state in state.models.items()
        if app == app_label
        for name, field in model_state.fields.items()
    }


@pytest.mark.parametrize(("app_label", "name"), TEXT_MIGRATIONS)
def test_the_texts_change_the_state_as_one_alter_field_a_field_would(app_label, name):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    migration = loader.graph.nodes[(app_label, name)]
    (operation,) = migration.operations
    assert isinstance(operation, AlterFieldTexts)
    before = loader.project_state([parent.key for parent in loader.graph.node_map[(app_label, name)].parents])
    assert before.apps  # rendered, as during `migrate`
    by_texts, by_fields = before.clone(), before.clone()
    operation.state_forwards(app_label, by_texts)
    for model_name, field_name, field in operation.fields:
        migrations.AlterField(model_name, field_name, field).state_forwards(app_label, by_fields)
    assert fields_of(by_texts, app_label) == fields_of(by_fields, app_label)
    assert fields_of(by_texts, app_label) != fields_of(before, app_label)
    for model_name, field_name, field in operation.fields:
        rendered = by_texts.apps.get_model(app_label, model_name)._meta.get_field(field_name)
        assert rendered.help_text == field.help_text


@pytest.mark.django_db
@pytest.mark.factories
@pytest.mark.parametrize(("app_label", "name"), TEXT_MIGRATIONS)
def test_the_texts_ask_nothing_of_the_database(app_label, name):
    # A connection of its own, outside the test's transaction: SQLite's schema editor will not start
    # inside one.
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        executor = MigrationExecutor(other)
        migration = executor.loader.graph.nodes[(app_label, name)]
        statements = [
            line
            for line in executor.loader.collect_sql([(migration, False)])
            if line.strip() and not line.startswith("--")
        ]
    finally:
        other.close()
    assert statements == [], other.vendor
