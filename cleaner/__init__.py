"""cleaner: scraped article text in, clean normalised body text out.

>>> from cleaner import clean
>>> clean("PUBLICITÉ\\nLe président a parlé.\\nPartager cet article")
'Le président a parlé.\\n'
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.batch import clean_records
from cleaner.cleaner import Cleaner, UnknownSiteError, default_cleaner
from cleaner.config import CleanerConfig
from cleaner.html import HtmlConfig, HTMLError, HTMLTimeout, HTMLTooLarge, NotHTML
from cleaner.result import Removal, Repair, Result
from cleaner.rules.load import RuleSet, load_rules
from cleaner.rules.model import RuleError
from cleaner.text.config import RepairConfig
from cleaner.text.decode import DecodeError

__all__ = [
    "BUILD",
    "COMPILED",
    "Cleaner",
    "CleanerConfig",
    "DecodeError",
    "HTMLError",
    "HTMLTimeout",
    "HTMLTooLarge",
    "HtmlConfig",
    "NotHTML",
    "Removal",
    "Repair",
    "RepairConfig",
    "Result",
    "RuleError",
    "RuleSet",
    "UnknownSiteError",
    "clean",
    "clean_bytes",
    "clean_html",
    "clean_records",
    "clean_text",
    "default_cleaner",
    "load_rules",
]
__version__ = "0.1.0"


def _is_compiled() -> bool:
    from cleaner.lines import document

    return not document.__file__.endswith(".py")


# True when the engine runs as mypyc-compiled modules (a wheel built by `pip install .`),
# False for pure Python (an editable install, or a machine without a C compiler).
COMPILED: bool = _is_compiled()
BUILD = "compiled with mypyc" if COMPILED else "pure Python"

def clean_text(text: str, *, url: str | None = None,
               site: str | Sequence[str] | None = None, typography: str | None = None) -> str:
    """Clean one article's text with the bundled rules; see `Cleaner.clean` for details."""
    return default_cleaner().clean(text, url=url, site=site, typography=typography).text


# The short name for the everyday call: ``from cleaner import clean``.
clean = clean_text


def clean_bytes(data: bytes, *, url: str | None = None,
                site: str | Sequence[str] | None = None, typography: str | None = None) -> str:
    """Decode bytes in any common encoding and clean them; `DecodeError` if they are not text.

    >>> clean_bytes("PUBLICITÉ\\nLe président a parlé.".encode("cp1252"))
    'Le président a parlé.\\n'
    """
    return default_cleaner().clean_bytes(data, url=url, site=site, typography=typography).text


def clean_html(html: str | bytes, *, url: str | None = None,
               site: str | Sequence[str] | None = None, typography: str | None = None) -> str:
    """The article body of a web page (str, or bytes in any encoding); see `Cleaner.clean_html`.

    >>> clean_html("<html><body><article><h1>Titre</h1><p>Le président a parlé hier soir "
    ...            "devant les députés réunis.</p><div class='share'>Partager</div>"
    ...            "</article></body></html>")
    'Le président a parlé hier soir devant les députés réunis.\\n'
    """
    return default_cleaner().clean_html(html, url=url, site=site, typography=typography).text
