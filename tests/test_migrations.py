"""The test database built from the models is the database `migrate` builds, schema and rows; the
migrations that change only what editors read: the same state as field by field, and no SQL."""

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, migrations
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from os2site.migration_operations import AlterFieldTexts
from tests.database import build_test_database

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


@pytest.mark.factories
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


PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.standalone
@pytest.mark.factories
def test_the_test_database_is_the_database_the_migrations_build(request, tmp_path, django_db_blocker):
    """The suite's SQLite database is built from the models (tests/database.py); `migrate` builds this
    one. The same tables, columns, constraints, indexes and triggers, and the same rows, told apart by
    what they hold rather than by their ids (which the order of creation gives). Not compared: the
    order of columns (a migration adds a column last) and the names of the indexes on foreign keys (a
    renamed table keeps those of its old name); Django names the columns it reads and never an index
    of a test database."""
    migrated = migrated_database(request.config, tmp_path)
    built = tmp_path / "from-the-models.sqlite3"
    with django_db_blocker.unblock(), database_of_its_own("from_the_models", built) as connection:
        build_test_database(connection)
    migrated_db, built_db = sqlite3.connect(migrated), sqlite3.connect(built)
    try:
        assert schema(built_db) == schema(migrated_db)
        assert rows(built_db) == rows(migrated_db)
    finally:
        migrated_db.close()
        built_db.close()


@contextlib.contextmanager
def database_of_its_own(alias, path):
    """A connection besides the test database, to an SQLite file whatever DATABASE_URL says."""
    file = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "TEST": {"NAME": str(path), "DEPENDENCIES": []},
    }
    connections.settings[alias] = connections.configure_settings({DEFAULT_DB_ALIAS: {}, alias: file})[alias]
    try:
        yield connections[alias]
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def migrate_in_a_process_of_its_own(database):
    """Wagtail's data migrations write through the default database, so `migrate` runs where that is
    the SQLite file `database`."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "os2site.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])),
    }
    for name in ("TEST_POSTGRES_URL", "CACHE_URL", "LIMITS_CACHE_URL"):
        environment.pop(name, None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--run-syncdb", "--no-input", "--verbosity", "0"],
        cwd=PROJECT,
        env=environment,
        check=True,
    )


def migrated_database(config, tmp_path):
    """Migrating takes ~15 s, so the migrated database is kept in pytest's cache, named by a digest of
    every migration and of the settings; a new or changed migration migrates again."""
    cache = getattr(config, "cache", None)
    path = (cache.mkdir("migrated-database") if cache else tmp_path) / f"{migrations_digest()}.sqlite3"
    if not path.exists():
        partial = tmp_path / "migrated.sqlite3"
        migrate_in_a_process_of_its_own(partial)
        shutil.copyfile(partial, path.with_suffix(".partial"))
        path.with_suffix(".partial").replace(path)
    return path


def migrations_digest():
    """Of every installed app's migration files, the settings, and the Python that runs them."""
    from django.apps import apps

    digest = hashlib.sha256(sys.version.encode())
    sources = [(app.label, Path(app.path).glob("migrations/*.py")) for app in apps.get_app_configs()]
    sources.append(("settings", (PROJECT / "os2site" / "settings").glob("*.py")))
    for label, paths in sorted(sources, key=lambda source: source[0]):
        for path in sorted(paths):
            digest.update(f"{label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def schema(db):
    """Each table's column and constraint definitions (in any order), its indexes by their columns, and
    the triggers."""
    described = {}
    for kind, name, sql in db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ):
        if kind == "table":
            described[name] = {
                "statement": " ".join(sql[: sql.index("(")].split()),
                "definitions": definitions(sql),
                "indexes": sorted(
                    (unique, origin, columns_of(db, index), condition_of(db, index))
                    for _seq, index, unique, origin, _partial in db.execute(f'PRAGMA index_list("{name}")')
                ),
            }
        elif kind == "trigger":
            described[f"trigger {name}"] = " ".join(sql.split())
    return described


def definitions(sql):
    """The comma-separated definitions of a CREATE TABLE statement, sorted."""
    body = sql[sql.index("(") + 1 : sql.rindex(")")]
    parts, depth, start = [], 0, 0
    for position, character in enumerate(body):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == "," and depth == 0:
            parts.append(body[start:position])
            start = position + 1
    parts.append(body[start:])
    return sorted(" ".join(part.split()) for part in parts)


def columns_of(db, index):
    return tuple(name for _seqno, _cid, name in db.execute(f'PRAGMA index_info("{index}")'))


def condition_of(db, index):
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (index,)).fetchone()
    return row and row[0] and " ".join(row[0].partition(" WHERE ")[2].split())


# Random on each side: a page's translation key (a new UUID), when a migration was applied.
VOLATILE = {("wagtailcore_page", "translation_key"), ("django_migrations", "applied")}


def rows(db):
    """Every table's rows, each as its columns by name; a foreign key as the row it points to, a few
    links deep, and an id of its own left out."""
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    tables = [name for name in tables if not name.startswith("sqlite_")]  # sqlite_sequence: the ids
    keys = {
        table: {row[1] for row in db.execute(f'PRAGMA table_info("{table}")') if row[5]} for table in tables
    }
    links = {
        table: {row[3]: (row[2], row[4]) for row in db.execute(f'PRAGMA foreign_key_list("{table}")')}
        for table in tables
    }

    def described(table, cursor, row, depth):
        names = [column[0] for column in cursor.description]
        return tuple(
            sorted(
                (name, linked(*links[table][name], value, depth) if name in links[table] else value)
                for name, value in zip(names, row, strict=True)
                if (table, name) not in VOLATILE and (name not in keys[table] or name in links[table])
            )
        )

    def linked(table, column, value, depth):
        if value is None or depth == 3:
            return value is not None
        cursor = db.execute(f'SELECT * FROM "{table}" WHERE "{column}" = ?', (value,))  # noqa: S608 (names from the schema)
        return described(table, cursor, cursor.fetchone(), depth + 1)

    contents = {}
    for table in tables:
        cursor = db.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the schema)
        contents[table] = sorted(repr(described(table, cursor, row, 0)) for row in cursor.fetchall())
    return contents
