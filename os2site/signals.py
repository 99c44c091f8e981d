"""What starts a new page cache generation, and what only records community activity (see
os2site.page_cache for why). Connected once the apps are ready (os2site.apps), since it names
Wagtail's image models and signals."""

from django.core.signals import setting_changed
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from django_tasks.signals import task_finished
from wagtail.images.models import AbstractRendition
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from .page_cache import (
    ACTIVITY_MODELS,
    ACTIVITY_WHEN_CREATED,
    IGNORED_MODELS,
    QUIET_TASKS,
    activity,
    activity_now_and_after_commit,
    invalidate,
    invalidate_now_and_after_commit,
)


@receiver(post_save, dispatch_uid="page_cache_save")
@receiver(post_delete, dispatch_uid="page_cache_delete")
def model_changed(sender, instance=None, using=None, update_fields=None, created=False, **kwargs):
    label = sender._meta.label_lower
    if label in IGNORED_MODELS:
        return
    if label in ACTIVITY_MODELS or (created and label in ACTIVITY_WHEN_CREATED):
        # A login records its time and nothing else anyone sees.
        if not (update_fields and set(update_fields) <= {"last_login"}):
            activity_now_and_after_commit(using)
        return
    if isinstance(instance, AbstractRendition):
        return
    # A login records its time and nothing else anyone sees.
    if update_fields and set(update_fields) <= {"last_login"}:
        return
    invalidate_now_and_after_commit(using)


@receiver(m2m_changed, dispatch_uid="page_cache_m2m")
def relation_changed(sender, instance=None, action="", using=None, **kwargs):
    if not action.startswith("post_"):
        return
    # A member's groups and permissions show on no page.
    if instance is not None and instance._meta.label_lower in ACTIVITY_MODELS | IGNORED_MODELS:
        return
    invalidate_now_and_after_commit(using)


# Moves rewrite descendants' paths with bulk updates, which send no save signals.
@receiver(
    [page_published, page_unpublished, post_page_move, published, unpublished], dispatch_uid="page_cache_page"
)
def page_changed(sender, instance=None, **kwargs):
    invalidate_now_and_after_commit()


# What a worker did in the background (search indexes) may show on pages, e.g. search results.
@receiver(task_finished, dispatch_uid="page_cache_task_finished")
def task_done(sender, task_result=None, **kwargs):
    task = getattr(task_result, "task", None)
    if getattr(task, "module_path", None) in QUIET_TASKS:
        return
    # A search index update names its object (app label, model name, pk): community activity's shows in
    # search results within the activity bound, like the activity itself.
    args = list(getattr(task_result, "args", None) or [])
    if len(args) >= 2 and f"{args[0]}.{args[1]}".lower() in ACTIVITY_MODELS:
        activity()
        return
    invalidate()


# Data migrations may change content without sending save signals.
post_migrate.connect(invalidate, dispatch_uid="page_cache_migrate")
# Settings change only in tests, and what a page shows may depend on them.
setting_changed.connect(invalidate, dispatch_uid="page_cache_setting_changed")
