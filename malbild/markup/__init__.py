"""The one way HTML is written: Jinja2 templates (malbild/markup/templates/*.html), autoescaped.

Every value a template shows is text: it goes through `shown()` (an invisible format character, category Cf, is
written out as "[U+XXXX]") and is then escaped by Jinja2's autoescaping, in text and in attributes alike, so no text
from the report, a file, a URL or a person is ever read as markup. A block made by another template is passed on as
`Markup` (`block()`), never as a string to be trusted. A missing name in a template is an error (StrictUndefined),
not an empty string.

    from malbild.markup import render
    render("note.html", text=t("some_key", lang))

The app's blocks (malbild/ui/blocks.py) and the snapshot (malbild/export/snapshot.py, templates/snapshot/) render
through here; the charts layer gives them data (malbild/charts/tables.py), never markup. To add a block: a template
here, a function in malbild/ui/blocks.py that renders it, and a hostile-text probe in tests/test_markup.py (which
fails for a template without one). `escape()` is what a template does with a value, for tests and the rare text
built outside a template (none in the app today).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from malbild.texts.safe import shown


def _finalize(value: Any) -> Any:
    """Each `{{ value }}` as shown: a rendered block as it is, everything else as text with Cf characters written
    out (None as '')."""
    if hasattr(value, "__html__"):
        return value
    return shown(value)


ENV = Environment(
    loader=PackageLoader("malbild.markup", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    finalize=_finalize,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,
)
ENV.filters["shown"] = shown


def render(template: str, **context: Any) -> str:
    """Render a template with `context` (text is shown as text); the result is HTML for st.html or a file."""
    return ENV.get_template(template).render(**context)


def block(html: str) -> Markup:
    """An HTML block made by render(), to be placed inside another template as it is."""
    return Markup(html)  # nosec: only ever the output of render()


_VALUE = ENV.from_string("{{ value }}")


def escape(value: object) -> str:
    """A value as HTML text (shown, escaped): what a template does with `{{ value }}`."""
    return _VALUE.render(value=value)
