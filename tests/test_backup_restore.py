"""`manage.py backup` and `manage.py restore`, used as an operator would: a site with the demo and a
few things added by hand (a page, an organisation, an idea, an event sign-up and an uploaded image) is
backed up, the archive is restored into an empty database with empty media, and everything is found
there again, private files (an idea's attachment) included. The archive is readable by its owner only
and holds no session: a restored site has logged everyone out. On SQLite (the backup API) and on PostgreSQL (pg_dump/pg_restore, scratch databases of
its own). Restore refuses a database that is not empty without --force, and a backup of the other
engine."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings

# It starts its own servers and databases, so one run of the suite covers it (see .ci/run).
pytestmark = [pytest.mark.standalone, pytest.mark.services]

BASE_DIR = Path(settings.BASE_DIR)
PG_SERVER = "postgres://postgres@127.0.0.1:5432"

ADD_DATA = """
import io, datetime
from PIL import Image as PILImage
from django.core.files.images import ImageFile
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.images import get_image_model
from home.models import ContentPage, HomePage
from community.models import Organisation, Idea, IdeaArea, EventPage, EventIndexPage
from community.ideas import services
from community.events import registration as event_registration

home = HomePage.objects.get(locale__language_code="da")
home.add_child(instance=ContentPage(title="Gendannet side", slug="gendannet-side"))
organisation = Organisation.objects.create(name="Backupby Kommune", slug="backupby-kommune", kind="kommune")
user = get_user_model().objects.create_user("backup-medlem", "backup@example.dk", "pw-123456789")
idea = Idea.objects.create(
    title="Idé der overlever en gendannelse", need="Et behov", benefit="En gevinst",
    area=IdeaArea.objects.first(), organisation=organisation, submitter=user,
)
services.submit(idea, user)
event = EventPage(
    title="Backuparrangement", slug="backuparrangement", kind=EventPage._meta.get_field("kind").choices[0][0],
    start=timezone.now() + datetime.timedelta(days=30), end=timezone.now() + datetime.timedelta(days=30, hours=2),
    place_name="Dokk1", guests_allowed=True,
)
EventIndexPage.in_default_language().add_child(instance=event)
event.save_revision().publish()
event_registration.register(event, name="Gæst Backup", email="gaest-backup@example.dk")
buffer = io.BytesIO()
PILImage.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
image = get_image_model()(title="Backupbillede", file=ImageFile(buffer, name="backupbillede.png"))
image._set_image_file_metadata()
image.save()
print("IMAGE", image.file.name)
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.files.base import ContentFile
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session.create()
idea.attachments.create(file=ContentFile(b"privat bilag", name="bilag.txt"), name="bilag.txt", size=12)
"""

CHECK_DATA = """
import json
from wagtail.models import Page
from wagtail.images import get_image_model
from django.core.files.storage import default_storage
from django.contrib.sessions.models import Session
from django.core.cache import cache
from community.models import Organisation, Idea, IdeaAttachment, Registration

image = get_image_model().objects.get(title="Backupbillede")
attachment = IdeaAttachment.objects.get(name="bilag.txt")
print(json.dumps({
    "pages": sorted(Page.objects.values_list("url_path", flat=True)),
    "organisations": sorted(Organisation.objects.values_list("slug", flat=True)),
    "ideas": sorted(Idea.objects.values_list("title", flat=True)),
    "signups": sorted(Registration.objects.values_list("email", flat=True)),
    "image": image.file.name,
    "image_bytes": default_storage.open(image.file.name).read().hex(),
    "attachment": attachment.file.read().decode(),
    "sessions": Session.objects.count() + sum(
        cache.get(f"django.contrib.sessions.cached_db{key}") is not None
        for key in Session.objects.values_list("session_key", flat=True)
    ),
}))
"""


def manage(environment, *args, check=True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def site(tmp_path, name, database_url):
    """The environment of a separate site: its own database and its own media folder."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "LIMITS_CACHE_"))
    }
    media = tmp_path / f"{name}-media"
    media.mkdir()
    environment.update(
        DJANGO_SETTINGS_MODULE="os2site.settings.dev",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        PRIVATE_MEDIA_ROOT=str(tmp_path / f"{name}-private"),
        CACHE_URL="locmemcache://backup-test",
        SEARCH_URL="",
        TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        EMAIL_URL="consolemail://",
        DEBUG="false",
    )
    return environment, media


def snapshot(environment):
    return json.loads(manage(environment, "shell", "-c", CHECK_DATA).stdout.strip().splitlines()[-1])


def round_trip(tmp_path, source_url, target_url):
    source, source_media = site(tmp_path, "source", source_url)
    manage(source, "migrate", "--no-input")
    manage(source, "load_demo", "--no-admin")
    manage(source, "shell", "-c", ADD_DATA)
    before = snapshot(source)

    archive = tmp_path / "backups"
    out = manage(source, "backup", str(archive) + "/").stdout
    (archive_file,) = archive.glob("os2site-*.tar.gz")
    assert str(archive_file) in out
    assert archive_file.stat().st_mode & 0o777 == 0o600
    with tarfile.open(archive_file) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert "community" in manifest["migrations"] and manifest["created"]
    assert f"media/{before['image']}" in names

    target, target_media = site(tmp_path, "target", target_url)
    assert not any(target_media.iterdir())
    restored = manage(target, "restore", str(archive_file))
    assert "Restored the" in restored.stdout
    after = snapshot(target)
    assert before["sessions"] >= 1 and after["sessions"] == 0
    assert after == {**before, "sessions": 0}
    assert after["attachment"] == "privat bilag"
    assert any(path.endswith("/gendannet-side/") for path in after["pages"])
    assert "backupby-kommune" in after["organisations"]
    assert "Idé der overlever en gendannelse" in after["ideas"]
    assert "gaest-backup@example.dk" in after["signups"]
    assert (target_media / after["image"]).read_bytes() == (source_media / before["image"]).read_bytes()

    # A second restore onto the now filled database is refused unless forced.
    refused = manage(target, "restore", str(archive_file), check=False)
    assert refused.returncode != 0 and "is not empty" in refused.stderr and "--force" in refused.stderr
    manage(target, "restore", "--force", str(archive_file))
    assert snapshot(target) == {**before, "sessions": 0}
    return archive_file, manifest


def test_backup_and_restore_on_sqlite(tmp_path):
    archive, manifest = round_trip(
        tmp_path, f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'target.sqlite3'}"
    )
    assert manifest["engine"] == "sqlite" and manifest["database_file"] == "database.sqlite3"

    # A PostgreSQL site refuses the SQLite backup, saying why.
    other, _media = site(tmp_path, "other", f"{PG_SERVER}/os2site_robust_other")
    refused = manage(other, "restore", str(archive), check=False)
    assert refused.returncode != 0
    assert "backup is of a sqlite database, but the site is configured for postgresql" in refused.stderr


@pytest.fixture
def scratch_databases():
    """Two scratch PostgreSQL databases, empty, dropped afterwards."""
    names = ["os2site_robust_src", "os2site_robust_dst"]

    def psql(sql):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c", sql],
            check=True,
            capture_output=True,
        )

    for name in names:
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        psql(f"CREATE DATABASE {name}")
    yield [f"{PG_SERVER}/{name}" for name in names]
    for name in names:
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_backup_and_restore_on_postgresql(tmp_path, scratch_databases):
    source_url, target_url = scratch_databases
    archive, manifest = round_trip(tmp_path, source_url, target_url)
    assert manifest["engine"] == "postgresql" and manifest["database_file"] == "database.pgdump"

    sqlite_site, _media = site(tmp_path, "other", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    refused = manage(sqlite_site, "restore", str(archive), check=False)
    assert "backup is of a postgresql database, but the site is configured for sqlite" in refused.stderr
