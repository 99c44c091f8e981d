"""Files only some people may see: signed membership agreements (on the application and on the
organisation's agreement), signed joining agreements of products, and the files attached to ideas.
They live in their own storage (STORAGES["private"]: a folder outside the media folder, or a private
bucket with signed, short-lived URLs), which no web server serves, and reach people only through
views that check who asks.

`private_file` is the admin's way to them: the private storage's own addresses point at it
(`base_url` /admin/privat/), so every link the admin draws to a private file (a form's "currently",
an inspect view) asks for permission first. Each app says in its admin module which of its models
keep private files and who may see them: a `register_private_files` hook returns
(model, file field, `may_see(request, owner)`) triples. The idea page links to its own view instead
(`community.ideas.views.idea_attachment`), which follows the idea's visibility.
"""

from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from wagtail import hooks

PRIVATE_URL = "/admin/privat/"


def private_storage():
    """The storage of private files (a callable, so the models' migrations name it, not a folder)."""
    return storages["private"]


def with_permission(permission):
    """Who may see a private file, for files every holder of a model permission may see."""
    return lambda request, owner: request.user.has_perm(permission)


def download(field_file, filename=None, content_type=None):
    """A private file as a download that no cache (browser or proxy) keeps. Always an attachment, never
    shown in the site's origin, so an uploaded file cannot run there."""
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=filename or field_file.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def private_file(request, name):
    """A private file by its name in the storage, to those its owning record lets see it; 404 for
    everyone else, so nobody learns which names exist."""
    for owners in hooks.get_hooks("register_private_files"):
        for model, field, may_see in owners():
            owner = model.objects.filter(**{field: name}).first()
            if owner is not None and may_see(request, owner):
                return download(getattr(owner, field))
    raise Http404
