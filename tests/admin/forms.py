"""Filling in an admin form as a person would: open it, keep what it shows, change some fields, save."""

from bs4 import BeautifulSoup


def form_values(html):
    """The values the admin's edit form would send as it is rendered (its main form, with method POST)."""
    soup = BeautifulSoup(html, "html.parser")
    # The edit form is the POST form with the most fields (the page also has search and logout forms).
    forms = [f for f in soup.find_all("form") if (f.get("method") or "").lower() == "post"]
    form = max(forms, key=lambda f: len(f.find_all(["input", "select", "textarea"])))
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = [
                o.get("value", o.get_text()) for o in field.find_all("option") if o.has_attr("selected")
            ]
            if field.has_attr("multiple"):
                data[name] = chosen
            else:
                data[name] = chosen[0] if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                if field.get("type") == "checkbox" and name in data:
                    data[name] = [
                        *([data[name]] if isinstance(data[name], str) else data[name]),
                        field.get("value", "on"),
                    ]
                else:
                    data[name] = field.get("value", "on")
        elif field.get("type") in ("submit", "button", "file"):
            continue
        else:
            data[name] = field.get("value", "")
    return data


def submit(client, url, changes, remove=()):
    """GETs the form at `url`, applies `changes` (a value of None unticks a checkbox), POSTs it back."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    data = form_values(response.content)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    for name in remove:
        data.pop(name, None)
    return client.post(url, data)
