from wagtail import hooks

from .directory import directory_members


@hooks.register("site_search_querysets")
def members_in_site_search():
    """Member organisations are found by site search too (only those the directory lists)."""
    return directory_members()
