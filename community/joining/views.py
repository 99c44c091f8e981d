import uuid

from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .. import ratelimit
from . import emails
from .forms import ApplicationForm
from .models import ApplicationPath, JoinApplication


def apply(request, join_page, application_path):
    """The application form of one way in. A valid application is saved once (a double click finds the
    first by its submission key), the applicant gets a receipt and the secretariat an alert."""
    if application_path not in ApplicationPath.values:
        raise Http404
    path = ApplicationPath(application_path)
    thanks_url = join_page.url + join_page.reverse_subpage("thanks")
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, path=path)
        if form.is_valid():
            if form.is_bot():
                return redirect(thanks_url)
            if JoinApplication.objects.filter(submission_key=form.cleaned_data["submission_key"]).exists():
                return redirect(thanks_url)
            if not ratelimit.allow_request("join-application", request):
                form.add_error(None, ratelimit.TOO_MANY)
                return _render(request, join_page, form, path, status=429)
            try:
                with transaction.atomic():
                    application = form.save()
            except IntegrityError:
                return redirect(thanks_url)
            emails.application_received(application)
            return redirect(thanks_url)
    else:
        form = ApplicationForm(path=path, initial={"submission_key": uuid.uuid4()})
    return _render(request, join_page, form, path)


def _render(request, join_page, form, path, status=200):
    return TemplateResponse(
        request,
        "community/join_page_apply.html",
        {"page": join_page, "form": form, "application_path": path, "self": join_page},
        status=status,
    )
