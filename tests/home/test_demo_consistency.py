"""The demo tells one consistent story, whatever day it is built: an idea comes before the product it
became, no organisation joins a product before it joined OS2, no meeting falls on a holiday or a
weekend, the products are assessed on their own days with the assessors' own notes, and news of a
level reached follows the assessment that reached it."""

import datetime
import re
from collections import Counter

import pytest
from django.db.models import F, Min
from django.utils import timezone

from community.events.recurrence import is_working_day
from community.models import EventPage, Idea, IdeaLogEntry, Milestone, MilestoneStatus, NewsPage
from products.governance import governance_for
from products.models import CriterionAssessment, GovernanceLevel, JoiningAgreement, ProductPage

pytestmark = pytest.mark.calendar


def test_no_organisation_joins_a_product_before_it_joined_os2(demo):
    joinings = JoiningAgreement.objects.filter(organisation__member_since__isnull=False)
    assert joinings.count() > 100
    early = joinings.filter(joined_on__lt=F("organisation__member_since"))
    assert list(early.values_list("organisation__name", "product__title", "joined_on")) == []


def test_an_idea_comes_before_the_product_it_became(demo):
    became = Idea.objects.filter(became_product__isnull=False)
    assert became.exists()
    for idea in became:
        first_users = idea.became_product.joining_agreements.aggregate(first=Min("joined_on"))["first"]
        log = IdeaLogEntry.objects.filter(idea=idea)
        last_step = max(entry.created_at for entry in log).date()
        assert idea.submitted_at.date() < first_users, idea
        assert last_step <= first_users, idea
        assert log.filter(to_state__slug="blev-til-produkt").exists()
        # The project between them started when the idea was approved and ended when it became one.
        for project in idea.projects.all():
            assert project.started_on <= project.became_product_on <= first_users, project
            assert all(
                project.started_on <= milestone.due_on <= project.became_product_on
                for milestone in project.milestones.all()
            ), project


def test_no_event_or_meeting_falls_on_a_holiday_or_a_weekend(demo):
    events = EventPage.objects.live().prefetch_related("exceptions")
    days = [start.date() for event in events for start, _end in event.occurrences()]
    assert len(days) > len(events)  # the monthly meeting repeats
    assert [day for day in days if not is_working_day(day)] == []
    # The meeting a holiday would have taken is skipped, and says why.
    series = next(event for event in events if event.recurrence)
    assert series.exceptions.exists()
    for exception in series.exceptions.all():
        assert exception.note


def test_products_are_assessed_on_their_own_days_with_varied_notes(demo):
    assessments = CriterionAssessment.objects.all()
    products = ProductPage.objects.count()
    dates = set(assessments.values_list("assessed_on", flat=True))
    assert len(dates) >= products
    notes = Counter(note for note in assessments.values_list("note", flat=True) if note)
    assert len(notes) >= 8
    assert notes.most_common(1)[0][1] <= sum(notes.values()) / 3
    # Each product's rounds: the criteria gone through together, on the product's own day.
    for product in ProductPage.objects.all():
        rounds = sorted(set(product.assessments.values_list("assessed_on", flat=True)))
        assert len(rounds) <= 2, product
        assert all(day <= timezone.localdate() for day in rounds)


def test_news_of_a_level_reached_follows_the_assessment(demo):
    pattern = re.compile(r"er nu på niveau (Sandkasse|N1|N2|N3)")
    labels = {str(level.label): level for level in GovernanceLevel}
    articles = [article for article in NewsPage.objects.live() if pattern.search(article.title)]
    assert articles
    for article in articles:
        level = labels[pattern.search(article.title).group(1)]
        (product,) = article.related_products.all()
        history = governance_for([product])[product.pk].history()
        reached = next(change.date for change in history if change.level == level)
        assert history[0].level == level, article.title
        assert reached <= article.date <= reached + datetime.timedelta(days=30), article.title


def test_news_and_events_about_a_project_come_after_it_started(demo):
    from community.models import Project

    projects = Project.objects.live().exclude(news=None, events=None)
    assert projects.count() >= 2
    for project in projects:
        for article in project.news.live():
            assert project.started_on <= article.date <= timezone.localdate(), article
        for event in project.events.live():
            assert project.started_on <= event.start.date(), event


def test_a_milestone_is_reached_only_once_its_day_has_come(demo):
    today = timezone.localdate()
    milestones = Milestone.objects.filter(project__live=True)
    assert milestones.filter(status=MilestoneStatus.REACHED).exists()
    assert not milestones.filter(status=MilestoneStatus.REACHED, due_on__gt=today).exists()
    assert not milestones.exclude(status=MilestoneStatus.REACHED).filter(due_on__lt=today).exists()
