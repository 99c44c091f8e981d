"""The public idea portal and what members do in it."""

import logging
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from home.forms import clean_query
from products.models import ProductPage

from .. import private_files, ratelimit
from ..members.models import Organisation, approved_organisation, awaits_approval
from . import emails, services
from .forms import CommentForm, DraftIdeaForm, FollowForm, IdeaForm, PledgeForm, ReportForm
from .models import (
    CommentReport,
    FollowFrequency,
    Idea,
    IdeaArea,
    IdeaComment,
    IdeaFollow,
    IdeaState,
    LogKind,
)

logger = logging.getLogger(__name__)

IDEAS_PER_PAGE = 12
SORTS = {
    "nyeste": (gettext_lazy("Nyeste"), ["-submitted_at", "-pk"]),
    "opbakning": (
        gettext_lazy("Mest opbakning"),
        [F("support_count").desc(), F("support_amount").desc(nulls_last=True), "-pk"],
    ),
}


def can_moderate(user):
    return user.is_authenticated and user.has_perm("community.change_idea")


def visible_idea(request, pk):
    """The idea if this visitor may see it: public ideas for all, drafts for their submitter, hidden
    ideas for the secretariat and the submitter."""
    idea = get_object_or_404(
        Idea.objects.select_related("state", "organisation", "area", "submitter", "merged_into"),
        pk=pk,
    )
    if not idea.is_visible_to(request.user):
        raise Http404
    return idea


def not_a_member(request):
    return TemplateResponse(request, "community/idea_not_member.html", {}, status=403)


def similar_to(text, exclude=None):
    """Published ideas and products whose texts share words with `text`, best first."""

    query = clean_query(text)
    if not query:
        return [], []
    try:
        ideas = Idea.objects.public().search(query, operator="or")
        ideas = [idea for idea in ideas[:6] if idea.pk != getattr(exclude, "pk", None)][:5]
        products = list(ProductPage.objects.visible_to_public().search(query, operator="or")[:5])
    except Exception:
        # Suggestions are a help, not a requirement: the form works while the search engine is down.
        logger.exception("Similar ideas could not be searched")
        return [], []
    return ideas, products


def idea_list(request):
    ideas = Idea.objects.public().with_support().select_related("state", "organisation", "area")
    states = list(IdeaState.objects.all())
    areas = list(IdeaArea.objects.all())
    organisations = list(
        Organisation.objects.filter(ideas__submitted_at__isnull=False, ideas__is_hidden=False)
        .distinct()
        .order_by("name")
        .only("name", "slug")
    )
    # Control characters (a NUL byte) are dropped: PostgreSQL refuses them in a query.
    selected = {
        key: clean_query(request.GET.get(key, ""))[:100] for key in ("tilstand", "organisation", "omraade")
    }
    if selected["tilstand"]:
        ideas = ideas.filter(state__slug=selected["tilstand"])
    if selected["organisation"]:
        ideas = ideas.filter(organisation__slug=selected["organisation"])
    if selected["omraade"]:
        ideas = ideas.filter(area__slug=selected["omraade"])
    sort = request.GET.get("sortering", "nyeste")
    if sort not in SORTS:
        sort = "nyeste"
    ideas = ideas.order_by(*SORTS[sort][1])

    page_obj = Paginator(ideas, IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in {**selected, "sortering": sort}.items() if value})
    return TemplateResponse(
        request,
        "community/idea_list.html",
        {
            "page_obj": page_obj,
            "states": states,
            "areas": areas,
            "organisations": organisations,
            "selected": selected,
            "sort": sort,
            "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
            "query_string": query,
            "is_filtered": any(selected.values()),
            "member_organisation": approved_organisation(request.user),
            "meta_description": _(
                "Idéer fra OS2’s medlemmer til nye fælles løsninger: se dem, bak op og følg dem."
            ),
        },
    )


def _save_attachments(idea, files):
    for upload in files:
        idea.attachments.create(file=upload, name=upload.name[:200], size=upload.size)


def _similar_context(text, idea=None):
    similar_ideas, similar_products = similar_to(text, exclude=idea)
    return {"similar_text": text, "similar_ideas": similar_ideas, "similar_products": similar_products}


def _render_form(request, form, idea=None, similar_text="", files_dropped=False):
    return TemplateResponse(
        request,
        "community/idea_form.html",
        {"form": form, "idea": idea, "files_dropped": files_dropped, **_similar_context(similar_text, idea)},
        status=400 if form.is_bound and form.errors else 200,
    )


def _similar_panel(request, idea=None):
    """The ideas and products like the title typed so far, alone: what the form's script (ideas.js)
    shows while the title is typed. The same view answers the form with it."""
    text = clean_query(request.GET.get("titel", ""))[:200]
    return TemplateResponse(request, "community/idea_similar.html", _similar_context(text, idea))


def _checked(request, idea=None):
    """ "Find lignende" without JavaScript: the form again with everything typed kept and nothing saved
    or checked yet, with the ideas and products like its title. A browser cannot be given chosen files
    back, so the page says to choose them again."""
    if IdeaForm(request.POST).is_bot:
        return redirect("idea_list")
    typed = {name: request.POST.get(name, "") for name in IdeaForm.base_fields if name != "attachments"}
    if not _is_uuid(typed["form_token"]):
        del typed["form_token"]
    form = IdeaForm(initial=typed, instance=idea)
    return _render_form(
        request, form, idea=idea, similar_text=clean_query(typed["title"]), files_dropped=bool(request.FILES)
    )


def _saves_draft(request, idea=None):
    """Only an idea not yet submitted can be saved as a (half-written) draft."""
    return request.POST.get("action") == "draft" and (idea is None or idea.is_draft)


def _form_class(request, idea=None):
    return DraftIdeaForm if _saves_draft(request, idea) else IdeaForm


@login_required
def idea_create(request):
    organisation = approved_organisation(request.user)
    if organisation is None:
        return not_a_member(request)
    if request.method != "POST":
        if request.GET.get("vis") == "lignende":
            return _similar_panel(request)
        title = clean_query(request.GET.get("titel", ""))
        form = IdeaForm(initial={"title": title})
        return _render_form(request, form, similar_text=title)
    if request.POST.get("action") == "check":
        return _checked(request)

    token = request.POST.get("form_token", "")
    existing = (
        Idea.objects.filter(submitter=request.user, form_token=token).first() if _is_uuid(token) else None
    )
    if existing:
        # The same form arrived twice (a double click): show what the first one created.
        return redirect(existing)
    form = _form_class(request)(request.POST, request.FILES)
    if form.is_bot:
        return redirect("idea_list")
    if not form.is_valid():
        return _render_form(request, form, similar_text=request.POST.get("title", ""))
    if not ratelimit.allow("idea-submit", request.user.pk):
        form.add_error(None, _("Du har oprettet mange idéer på kort tid. Vent lidt, og prøv igen."))
        return _render_form(request, form, similar_text=form.cleaned_data["title"])
    idea = form.save(commit=False)
    idea.organisation = organisation
    idea.submitter = request.user
    idea.form_token = form.cleaned_data["form_token"]
    try:
        with transaction.atomic():
            idea.save()
    except IntegrityError:
        existing = Idea.objects.filter(submitter=request.user, form_token=idea.form_token).first()
        if existing:
            return redirect(existing)
        raise
    _save_attachments(idea, form.cleaned_data["attachments"])
    return _after_save(request, idea)


def _after_save(request, idea):
    if idea.is_draft and request.POST.get("action") == "draft":
        messages.success(request, _("Kladden er gemt. Kun du kan se den."))
        return redirect("idea_edit", pk=idea.pk)
    if services.submit(idea, request.user):
        messages.success(request, _("Tak! Idéen er sendt til OS2’s sekretariat."))
    else:
        messages.success(request, _("Idéen er gemt."))
    return redirect(idea)


def _is_uuid(value):

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@login_required
def idea_edit(request, pk):
    # An idea this person may not see (hidden, someone else's draft) answers as one that does not exist.
    idea = visible_idea(request, pk)
    if not idea.is_editable_by(request.user):
        raise PermissionDenied
    if approved_organisation(request.user) is None:
        return not_a_member(request)
    if request.method != "POST":
        if request.GET.get("vis") == "lignende":
            return _similar_panel(request, idea)
        return _render_form(request, IdeaForm(instance=idea), idea=idea, similar_text=idea.title)
    if request.POST.get("action") == "check":
        return _checked(request, idea)
    form = _form_class(request, idea)(request.POST, request.FILES, instance=idea)
    if form.is_bot:
        return redirect("idea_list")
    if not form.is_valid():
        return _render_form(request, form, idea=idea, similar_text=request.POST.get("title", ""))
    if not ratelimit.allow("idea-edit", request.user.pk):
        form.add_error(None, ratelimit.TOO_MANY)
        return _render_form(request, form, idea=idea, similar_text=form.cleaned_data["title"])
    idea = form.save()
    _save_attachments(idea, form.cleaned_data["attachments"])
    return _after_save(request, idea)


@login_required
def my_ideas(request):
    ideas = (
        Idea.objects.filter(submitter=request.user)
        .with_support()
        .select_related("state", "organisation")
        .order_by(F("submitted_at").desc(nulls_first=True), "-created_at")
    )
    follows = (
        IdeaFollow.objects.filter(user=request.user, idea__submitted_at__isnull=False, idea__is_hidden=False)
        .exclude(idea__submitter=request.user)
        .select_related("idea", "idea__state")
        .order_by("-created_at")
    )
    return TemplateResponse(request, "community/idea_mine.html", {"ideas": ideas, "follows": follows})


def idea_detail(request, pk, **forms):
    idea = visible_idea(request, pk)
    user = request.user
    organisation = approved_organisation(user)
    pledges = list(idea.pledges.select_related("organisation").order_by("created_at"))
    own_pledge = next((p for p in pledges if organisation and p.organisation_id == organisation.pk), None)
    follow = IdeaFollow.objects.filter(idea=idea, user=user).first() if user.is_authenticated else None
    comments = list(idea.comments.select_related("author", "organisation"))
    reported = (
        set(CommentReport.objects.filter(user=user, comment__idea=idea).values_list("comment_id", flat=True))
        if user.is_authenticated
        else set()
    )
    totals = {
        "count": len(pledges),
        "amount": sum(p.amount or 0 for p in pledges),
    }
    state = idea.state
    can_pledge = bool(
        organisation and state and state.is_open_for_support and not own_pledge and not idea.is_hidden
    )
    can_change_pledge = bool(own_pledge and not idea.pledges_are_binding and not idea.is_hidden)
    context = {
        "idea": idea,
        "meta_object": idea,
        # Back to this idea after logging in.
        "login_url": f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': idea.get_absolute_url()})}",
        "state": state,
        "log": idea.log.filter(kind__in=LogKind.public()).select_related("to_state", "organisation"),
        "pledges": pledges,
        "totals": totals,
        "threshold": _threshold(state, totals),
        "own_pledge": own_pledge,
        "member_organisation": organisation,
        "awaits_approval": awaits_approval(user),
        "can_pledge": can_pledge,
        "pledge_form": forms.get("pledge_form") or (PledgeForm() if can_pledge else None),
        # A refused change shows again with what was typed, so nothing is lost.
        "change_pledge_form": forms.get("change_pledge_form")
        or (PledgeForm(initial=_pledge_fields(own_pledge)) if can_change_pledge else None),
        "can_withdraw_pledge": can_change_pledge,
        "pledge_refusal": forms.get("pledge_refusal"),
        "comments": comments,
        "comment_form": forms.get("comment_form") or (CommentForm() if organisation else None),
        "follow": follow,
        "follow_form": forms.get("follow_form")
        or FollowForm(initial={"frequency": follow.frequency if follow else FollowFrequency.INSTANT}),
        "reported": reported,
        "attachments": idea.attachments.all(),
        "can_edit": idea.is_editable_by(user),
        "can_moderate": can_moderate(user),
        "merged_ideas": idea.merged_ideas.public(),
        **_what_it_became(idea),
    }
    return TemplateResponse(request, "community/idea.html", context, status=forms.get("status", 200))


def _what_it_became(idea):
    """Its published projects with the product each became (once visitors may open it), and the
    product the idea became directly, unless a project already names it."""
    projects = [
        (project, _visible_product(project.product_id))
        for project in idea.projects.filter(live=True).order_by("started_on")
    ]
    named = {product.pk for _project, product in projects if product}
    became_product = None if idea.became_product_id in named else _visible_product(idea.became_product_id)
    return {"projects": projects, "became_product": became_product}


def _visible_product(pk):
    """The product an idea became, unless visitors may not open it (a draft or restricted page)."""

    return ProductPage.objects.visible_to_public().filter(pk=pk).first() if pk else None


def _pledge_fields(pledge):
    return {"kind": pledge.kind, "amount": pledge.amount, "note": pledge.note}


def _threshold(state, totals):
    """How far the idea is from the support its state asks for, or None when the state sets no goal."""
    if not state or not (state.support_threshold_organisations or state.support_threshold_amount):
        return None
    goal_count = state.support_threshold_organisations or 0
    goal_amount = state.support_threshold_amount or 0
    reached = totals["count"] >= goal_count and totals["amount"] >= goal_amount
    return {
        "organisations": goal_count,
        "amount": goal_amount,
        "reached": reached,
        "percent": min(100, int(100 * totals["count"] / goal_count)) if goal_count else None,
    }


def _member_action(request, pk):
    """The idea and the organisation a member acts for; raises for visitors who may not act."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    idea = visible_idea(request, pk)
    if idea.is_draft:
        raise Http404
    return idea, approved_organisation(request.user)


def _sent_pledge_form(request, pk, form_name):
    """The pledge form as sent, and the idea's page again with the form under `form_name` when it is not
    taken: invalid (400) or one of too many pledges in a short time (429)."""
    form = PledgeForm(request.POST)
    if not form.is_valid():
        return form, idea_detail(request, pk, **{form_name: form}, status=400)
    if not ratelimit.allow("idea-pledge", request.user.pk):
        form.add_error(None, _("Du har givet mange tilsagn på kort tid. Vent lidt, og prøv igen."))
        return form, idea_detail(request, pk, **{form_name: form}, status=429)
    return form, None


@require_POST
def idea_pledge(request, pk):
    idea, organisation = _member_action(request, pk)
    if organisation is None:
        raise PermissionDenied
    if not (idea.state and idea.state.is_open_for_support) or idea.is_hidden:
        messages.error(request, _("Idéen er ikke åben for opbakning."))
        return redirect(idea)
    if idea.pledges.filter(organisation=organisation).exists():
        messages.error(
            request, _("%(organisation)s bakker allerede op om idéen.") % {"organisation": organisation}
        )
        return redirect(idea)
    form, refusal = _sent_pledge_form(request, pk, "pledge_form")
    if refusal:
        return refusal
    try:
        services.add_pledge(idea, request.user, organisation, **form.cleaned_data)
    except IntegrityError:
        messages.error(
            request, _("%(organisation)s bakker allerede op om idéen.") % {"organisation": organisation}
        )
        return redirect(idea)
    messages.success(
        request, _("Tak! %(organisation)s bakker nu op om idéen.") % {"organisation": organisation}
    )
    return redirect(idea.get_absolute_url() + "#opbakning")


def _own_pledge(request, pk):
    """The idea and the pledge of the member's organisation (None when it has not pledged)."""
    idea, organisation = _member_action(request, pk)
    if organisation is None:
        raise PermissionDenied
    return idea, idea.pledges.select_related("idea__state").filter(organisation=organisation).first()


@require_POST
def idea_pledge_change(request, pk):
    idea, pledge = _own_pledge(request, pk)
    if pledge is None:
        messages.error(request, _("Din organisation har ikke givet tilsagn til idéen."))
        return redirect(idea)
    form, refusal = _sent_pledge_form(request, pk, "change_pledge_form")
    if refusal:
        return refusal
    try:
        services.change_pledge(pledge, request.user, **form.cleaned_data)
    except services.PledgeIsBinding as refusal:
        form.add_error(None, refusal)
        return idea_detail(request, pk, change_pledge_form=form, status=409)
    messages.success(request, _("Tilsagnet er ændret."))
    return redirect(idea.get_absolute_url() + "#opbakning")


@require_POST
def idea_pledge_withdraw(request, pk):
    idea, pledge = _own_pledge(request, pk)
    if pledge is not None:
        try:
            services.withdraw_pledge(pledge, request.user)
        except services.PledgeIsBinding as refusal:
            return idea_detail(request, pk, pledge_refusal=refusal.message, status=409)
        messages.success(request, _("Tilsagnet er trukket tilbage."))
    return redirect(idea.get_absolute_url() + "#opbakning")


@require_POST
def idea_comment(request, pk):
    idea, organisation = _member_action(request, pk)
    if organisation is None:
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_bot:
        return redirect(idea)
    if not form.is_valid():
        return idea_detail(request, pk, comment_form=form, status=400)
    if not ratelimit.allow("idea-comment", request.user.pk):
        form.add_error(None, _("Du har skrevet mange kommentarer på kort tid. Vent lidt, og prøv igen."))
        return idea_detail(request, pk, comment_form=form, status=429)
    comment = services.add_comment(idea, request.user, organisation, form.cleaned_data["body"])
    messages.success(request, _("Din kommentar er tilføjet."))
    return redirect(idea.get_absolute_url() + f"#kommentar-{comment.pk}")


@require_POST
def idea_follow(request, pk):
    idea, organisation = _member_action(request, pk)
    if organisation is None:
        raise PermissionDenied
    if request.POST.get("action") == "unfollow":
        IdeaFollow.objects.filter(idea=idea, user=request.user).delete()
        messages.success(request, _("Du følger ikke længere idéen."))
        return redirect(idea)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return idea_detail(request, pk, follow_form=form, status=400)
    IdeaFollow.objects.update_or_create(
        idea=idea, user=request.user, defaults={"frequency": form.cleaned_data["frequency"]}
    )
    messages.success(
        request,
        _("Du følger idéen. E-mails: %(frequency)s.")
        % {"frequency": FollowFrequency(form.cleaned_data["frequency"]).label.lower()},
    )
    return redirect(idea)


@require_POST
def comment_report(request, pk, comment_pk):
    idea, organisation = _member_action(request, pk)
    if organisation is None:
        raise PermissionDenied
    comment = get_object_or_404(IdeaComment, pk=comment_pk, idea=idea)
    form = ReportForm(request.POST)
    if not form.is_valid() or not ratelimit.allow("idea-report", request.user.pk):
        messages.error(request, _("Anmeldelsen kunne ikke modtages. Prøv igen senere."))
        return redirect(idea)
    report, created = CommentReport.objects.get_or_create(
        comment=comment, user=request.user, defaults={"reason": form.cleaned_data["reason"]}
    )
    if created and not comment.reports.filter(resolved=False).exclude(pk=report.pk).exists():
        emails.comment_reported(report)
    messages.success(request, _("Tak. Sekretariatet ser på kommentaren."))
    return redirect(idea.get_absolute_url() + f"#kommentar-{comment.pk}")


def idea_attachment(request, pk, attachment_pk):
    idea = visible_idea(request, pk)
    attachment = get_object_or_404(idea.attachments, pk=attachment_pk)
    return private_files.download(attachment.file, filename=attachment.name)
