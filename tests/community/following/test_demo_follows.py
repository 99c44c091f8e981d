"""The demo members follow products, so Min side shows follows to change, and the demo's projects have
news and events on their pages."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from community.following.demo import FOLLOWS
from community.members.demo import DEMO_MEMBERS
from community.models import ProductFollow, Project

pytestmark = pytest.mark.django_db


def test_a_demo_member_sees_the_products_they_follow_on_min_side(client, demo):
    mette = get_user_model().objects.get(email=DEMO_MEMBERS[0][2])
    client.force_login(mette)
    page = BeautifulSoup(client.get("/min-side/").content, "html.parser")
    section = page.select_one("section[aria-labelledby=follows]")
    assert sorted(a.get_text(strip=True) for a in section.select("h3 a")) == ["OS2forms", "OS2iot"]
    assert ProductFollow.objects.count() == len(FOLLOWS)


def test_the_demo_projects_pages_list_their_news_and_events(client, demo):
    running = Project.objects.get(title="Vagtplaner til valgtilforordnede")
    page = BeautifulSoup(client.get(running.get_absolute_url()).content, "html.parser")
    headings = [h2.get_text(strip=True) for h2 in page.find_all("h2")]
    assert "Kommende arrangementer om projektet" in headings and "Nyheder om projektet" in headings


def test_the_secretariat_sees_the_demo_follows_in_the_admin(client, demo):
    from community.members.demo import DEMO_SECRETARIAT

    client.force_login(get_user_model().objects.get(email=DEMO_SECRETARIAT[2]))
    response = client.get("/admin/snippets/community/productfollow/")
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
    assert len(rows) == len(FOLLOWS)
    assert any("OS2iot" in row.get_text() for row in rows)
    # Seen, not changed: members choose their own follows.
    assert client.get("/admin/snippets/community/productfollow/add/").status_code in (302, 403)
    follow = ProductFollow.objects.first()
    assert client.get(f"/admin/snippets/community/productfollow/edit/{follow.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/snippets/community/productfollow/inspect/{follow.pk}/").status_code == 200
