"""Backing up and restoring the whole site: the database, with the engine's own tools (SQLite's online
backup API; pg_dump and pg_restore for PostgreSQL), every media file and every private file, in one
.tar.gz archive with a manifest that says when, from which engine, and at which migrations the backup
was taken.

The archive holds password hashes, personal data and signed agreements, so only its owner may read it
(mode 0600). Sessions are left out (the rows of the session table and of cache tables in the database,
where sessions and rate limits may be kept): a restored site logs everyone out, and a stolen backup
holds no live login.

Archive layout:
    manifest.json
    database.sqlite3 | database.pgdump
    media/<the media storage's own names>
    private/<the private storage's own names>
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import storages
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT_VERSION = 1
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """Said to the person running the command, as it is."""


def _vendor(connection):
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            f"The database engine {connection.vendor!r} is not supported (SQLite or PostgreSQL)."
        )
    return connection.vendor


def _pg_environment(connection):
    """pg_dump/pg_restore reach the database the site uses: the DATABASES settings as libpq variables."""
    params = connection.settings_dict
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if params.get(key):
            environment[variable] = str(params[key])
    return environment


def _pg_tool(name):
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is needed for a PostgreSQL backup: install the PostgreSQL client tools.")
    return path


def _run(command, environment):
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def applied_migrations(connection):
    recorder = MigrationRecorder(connection)
    applied = {}
    for app, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _media_names(storage, folder=""):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _media_names(storage, f"{folder}/{directory}" if folder else directory)


# Folders of the archive and the storages they hold.
STORAGE_FOLDERS = {"media": "default", "private": "private"}


def _stored_files(alias):
    storage = storages[alias]
    return sorted(_media_names(storage)) if _storage_has_root(storage) else []


def session_tables():
    """Tables whose rows are live logins: Django's sessions and the caches kept in the database."""
    caches = [
        cache["LOCATION"] for cache in settings.CACHES.values() if cache["BACKEND"].endswith("DatabaseCache")
    ]
    return ["django_session", *caches]


def _private_file(path):
    """A new file only its owner may read or write, open for writing in binary."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # also when it existed already
    return os.fdopen(descriptor, "wb")


def backup(target, using="default"):
    """Writes one archive and returns its path. `target` is a file name, or a folder in which a
    dated name is chosen."""
    connection = connections[using]
    vendor = _vendor(connection)
    now = datetime.datetime.now(datetime.UTC)
    names_folder = str(target).endswith(("/", os.sep))
    target = Path(target)
    if target.is_dir() or names_folder:
        target.mkdir(parents=True, exist_ok=True)
        target = target / f"os2site-{now:%Y%m%d-%H%M%S}.tar.gz"
    target.parent.mkdir(parents=True, exist_ok=True)

    files = {folder: _stored_files(alias) for folder, alias in STORAGE_FOLDERS.items()}
    with tempfile.TemporaryDirectory(prefix="os2site-backup-") as scratch:
        database_file = Path(scratch) / DATABASE_FILES[vendor]
        if vendor == "sqlite":
            connection.ensure_connection()
            destination = sqlite3.connect(database_file)
            try:
                connection.connection.backup(destination)
                existing = set(connection.introspection.table_names())
                for table in session_tables():
                    if table in existing:
                        destination.execute(f'DELETE FROM "{table}"')  # noqa: S608 - names from settings
                destination.commit()
                destination.execute("VACUUM")  # so the deleted rows are not left in free pages
            finally:
                destination.close()
        else:
            _run(
                [
                    _pg_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    *[f"--exclude-table-data={table}" for table in session_tables()],
                    f"--file={database_file}",
                    connection.settings_dict["NAME"],
                ],
                _pg_environment(connection),
            )
        manifest = {
            "format": FORMAT_VERSION,
            "created": now.isoformat(timespec="seconds"),
            "engine": vendor,
            "database_file": DATABASE_FILES[vendor],
            "migrations": applied_migrations(connection),
            "media_files": len(files["media"]),
            "private_files": len(files["private"]),
        }
        partial = target.with_name(target.name + ".partial")
        with _private_file(partial) as output, tarfile.open(fileobj=output, mode="w:gz") as archive:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(now.timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(database_file, arcname=DATABASE_FILES[vendor])
            for folder, alias in STORAGE_FOLDERS.items():
                for name in files[folder]:
                    with storages[alias].open(name, "rb") as handle:
                        content = handle.read()
                    info = tarfile.TarInfo(f"{folder}/{name}")
                    info.size = len(content)
                    info.mtime = int(now.timestamp())
                    archive.addfile(info, io.BytesIO(content))
        # Only a finished archive gets the name asked for: a failed run never looks like a backup.
        partial.replace(target)
    return target, manifest


def _storage_has_root(storage):
    try:
        storage.listdir("")
    except FileNotFoundError:
        return False
    return True


def read_manifest(archive_path):
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            return json.load(archive.extractfile("manifest.json"))
    except (OSError, KeyError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"{archive_path} is not a backup made by `manage.py backup` ({error}).") from error


def database_is_empty(connection):
    return not connection.introspection.table_names()


def restore(archive_path, using="default", force=False):
    """Puts the archive's database and media files in place of the current ones; returns the
    manifest."""
    connection = connections[using]
    vendor = _vendor(connection)
    manifest = read_manifest(archive_path)
    if manifest.get("engine") != vendor:
        raise BackupError(
            f"This backup is of a {manifest.get('engine')} database, but the site is configured for "
            f"{vendor}. Restore it into a {manifest.get('engine')} database (set DATABASE_URL), or move "
            "the data with `manage.py dumpdata`/`loaddata`."
        )
    if not force and not database_is_empty(connection):
        raise BackupError(
            f"The database {connection.settings_dict['NAME']!s} is not empty. Restoring would replace "
            "everything in it: run again with --force to do that."
        )
    with tempfile.TemporaryDirectory(prefix="os2site-restore-") as scratch:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(scratch, filter="data")
        database_file = Path(scratch) / manifest["database_file"]
        if vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(database_file)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            connection.close()
            _run(
                [
                    _pg_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    f"--dbname={connection.settings_dict['NAME']}",
                    str(database_file),
                ],
                _pg_environment(connection),
            )
        for folder, alias in STORAGE_FOLDERS.items():
            storage = storages[alias]
            root = Path(scratch) / folder
            if not root.is_dir():
                continue
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                name = path.relative_to(root).as_posix()
                if storage.exists(name):
                    storage.delete(name)
                with path.open("rb") as handle:
                    storage.save(name, File(handle, name=name))
    connection.close()
    return manifest
