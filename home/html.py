"""Small pieces of HTML built in Python where a template loop would be too slow."""

import html

from django.utils.safestring import mark_safe


def link_items(links):
    """The <li><a> elements of a list of links (url, name, and optionally a note after the link and
    the note's language, `note_lang`, when it is not the page's),
    escaped and built in one pass: a product can be used by hundreds of organisations, which a template
    loop renders many times slower."""
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<li><a href="{html.escape(str(link["url"]))}">{html.escape(str(link["name"]))}</a>'
            + (f" – {note(link['note'], link.get('note_lang'))}" if link.get("note") else "")
            + "</li>"
            for link in links
        )
    )


def note(text, lang=None):
    text = html.escape(str(text))
    return f'<span lang="{html.escape(lang)}">{text}</span>' if lang else text
