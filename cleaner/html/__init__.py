"""HTML input: decode, prune the DOM by the rules' selectors, extract the article, then clean it.

Importing this package is cheap; trafilatura loads with `cleaner.html.pipeline`,
the first time a page is cleaned.
"""

from cleaner.html.config import HtmlConfig
from cleaner.html.errors import HTMLError, HTMLTimeout, HTMLTooLarge, NotHTML

__all__ = ["HTMLError", "HTMLTimeout", "HTMLTooLarge", "HtmlConfig", "NotHTML"]
