"""The demo's ideas tell a history that could have happened: every pledge was given, and logged, before
the board approved the idea it backs."""

from community.models import Idea, LogKind


def test_the_demo_pledges_are_in_their_ideas_history_before_the_approval(demo):
    pledged = Idea.objects.public().filter(pledges__isnull=False).distinct()
    approvals = 0
    assert pledged.exists()
    for idea in pledged:
        given = idea.log.filter(kind=LogKind.PLEDGE_GIVEN)
        assert given.count() == idea.pledges.count(), idea
        approval = idea.log.filter(kind=LogKind.STATE, to_state__slug="godkendt-som-projekt").first()
        if approval:
            approvals += 1
            assert all(entry.created_at < approval.created_at for entry in given), idea
    assert approvals
