"""The cleaning engine: rules compiled once, applied to many documents, from many threads.

Compiled by mypyc in wheels. The public class is its subclass `cleaner.cleaner.Cleaner`,
which stays Python so that its docstrings show in ``help()`` (mypyc drops them).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from mypy_extensions import mypyc_attr

from cleaner.blocks import check_output_format
from cleaner.config import CleanerConfig, check_profile
from cleaner.lines.document import Document
from cleaner.result import Removal, Repair, Result
from cleaner.rules.catalogue import Catalogue
from cleaner.rules.compile import LineMatcher
from cleaner.rules.load import RuleSet, load_rules
from cleaner.rules.model import HtmlRule, Rule, Site
from cleaner.steps.plan import Plan
from cleaner.steps.run import run_steps
from cleaner.text.decode import decode_bytes
from cleaner.text.lang import detect_language
from cleaner.text.repair import merge_repairs, repair_text
from cleaner.typography.profiles import apply_typography

RulesArg = RuleSet | Path | str | Sequence[Path | str] | None

HOST_CACHE_SIZE = 4096
# A profile's output read again and typeset again is the same after one round, two when
# the language changed with the removals; this many rounds end a pathological swing.
TYPESET_ROUNDS = 4
_NOT_WORD = re.compile(r"\W+")

# A URL whose host `urlsplit` would read as the text between "//" and the first of
# ":/?#" or the end: a plain ASCII scheme and host, no user, no brackets, no tab or
# newline (which urlsplit deletes), nothing before the scheme. Any other URL goes
# through urlsplit itself, so that odd ones (and invalid ones, which raise) behave
# exactly as before.
_PLAIN_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//([A-Za-z0-9.-]*)(?::[0-9]*)?(?=[/?#]|\Z)")


class UnknownSiteError(ValueError):
    """`site=` named a site no rule file declares."""


# Compiled by mypyc in wheels; `cleaner.cleaner.Cleaner` (Python) subclasses it. Its methods
# call each other as `Engine.method(self, ...)`: compiled, that is a direct call, where
# `self.method(...)` first looks for a Python subclass's override. `clean` is the one
# method subclasses override, and it is called as `self.clean`.
@mypyc_attr(allow_interpreted_subclasses=True)
class Engine:
    """Clean article text with a compiled rule set (the documented class: `Cleaner`).

    `rules` is a loaded `RuleSet`, or an extra rule directory (a str or
    Path), or a list of them, added to the bundled ones and those in
    ``CLEANER_RULES`` (None: just those). A Cleaner is immutable once built
    except for its cache of compiled plans, which is guarded by a lock: share
    one across threads. It pickles and deep-copies as its rules and config
    (datatrove, Dask, Spark and Ray ship it to workers that way).
    """

    def __init__(self, rules: RulesArg = None, *, config: CleanerConfig | None = None) -> None:
        if isinstance(rules, (str, Path)):
            rules = [rules]  # one directory, not a sequence of one-letter paths
        self.ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules or ())
        self.config = config or CleanerConfig()
        self._plans: dict[tuple[tuple[str, ...], str | None], Plan] = {}
        self._langs = set(self.ruleset.langs.values())
        self._lock = threading.Lock()
        self._hosts = _host_table(self.ruleset.sites.values())
        # host -> site: a batch sees the same few hosts again and again.
        self._host_sites: dict[str, str | None] = {}
        self._catalogues = [Catalogue(path) for path in self.ruleset.catalogues]
        self._fingerprints = LineMatcher(
            (site.name, site.fingerprints) for site in self.ruleset.sites.values()
            if site.fingerprints
        )

    def __reduce__(self) -> tuple[Callable[..., Engine], tuple[type[Engine], RuleSet,
                                                               CleanerConfig]]:
        """Pickled (and deep-copied) as its rules and config; the compiled plans, caches
        and lock are rebuilt on the other side, on first use."""
        return _rebuild, (type(self), self.ruleset, self.config)

    @property
    def sites(self) -> list[str]:
        """Names of every site the rules know."""
        return sorted(self.ruleset.sites)

    def plan(self, sites: Sequence[str] = (), lang: str | None = None) -> Plan:
        """The compiled plan for generic rules plus `sites` (built once, then cached).

        Generic rules of the document's language come first, so that when two
        rules claim the same line the explanation names the one of its language.
        """
        key = (tuple(sites), lang if lang in self._langs else None)
        plan = self._plans.get(key)
        if plan is None:
            with self._lock:
                plan = self._plans.get(key)
                if plan is None:
                    plan = Plan(self._rules_for(*key))
                    self._plans[key] = plan
        return plan

    def _rules_for(self, sites: Sequence[str], lang: str | None) -> Iterable[tuple[str, Rule]]:
        langs = self.ruleset.langs
        generic = sorted(self.ruleset.generic, key=lambda r: langs.get(r.id) != lang)
        for rule in generic:
            yield "generic", rule
        for name in sites:
            for rule in self.ruleset.site_rules.get(name, ()):
                yield name, rule

    def site_for_url(self, url: str) -> str | None:
        """The site whose hosts cover the URL's host (subdomains by a leading dot)."""
        host = url_host(url)
        sites = self._host_sites
        if host in sites:
            return sites[host]
        if len(sites) >= HOST_CACHE_SIZE:
            sites.clear()  # a crawl of many hosts: start again rather than grow
        site = sites[host] = self._site_for_host(host)
        return site

    def _site_for_host(self, host: str) -> str | None:
        host = host.removeprefix("www.")
        if host in self._hosts:
            return self._hosts[host]
        while host:
            if f".{host}" in self._hosts:
                return self._hosts[f".{host}"]
            host = host.partition(".")[2]
        return None

    def imported_rules(self, url: str) -> list[tuple[str, tuple[HtmlRule, ...]]]:
        """The imported site rules covering the URL's host: (scope, rules) per catalogue
        (`rules/imported/<source>/`), the file read on first use. The scope names the
        source and the file: ``ftr:example.com``."""
        host = url_host(url)
        found = []
        for catalogue in self._catalogues:
            rule_file = catalogue.file_for(host)
            if rule_file is not None and rule_file.html:
                found.append((f"{catalogue.directory.name}:{rule_file.path.stem}",
                              rule_file.html))
        return found

    def detect_sites(self, doc: Document) -> list[str]:
        """Sites whose fingerprints (lines only they print) appear often enough."""
        if not self._fingerprints:
            return []
        hits: dict[str, set[str]] = {}
        candidates = doc.candidates("fingerprints", self._fingerprints.candidates)
        for index in range(len(doc.lines)) if candidates is None else sorted(candidates):
            line = doc.lines[index]
            for owner in self._fingerprints.match_all(line.key, line.folded_if_known):
                hits.setdefault(owner, set()).add(line.key)
        found = [(len(keys), name) for name, keys in hits.items()
                 if len(keys) >= self.ruleset.sites[name].min_fingerprints]
        return [name for _, name in sorted(found, key=lambda item: (-item[0], item[1]))]

    def _resolve_sites(self, doc: Document, url: str | None,
                       site: str | Sequence[str] | None) -> list[str]:
        if site:
            names = [site] if isinstance(site, str) else list(site)
            unknown = [n for n in names if n not in self.ruleset.sites]
            if unknown:
                raise UnknownSiteError(f"unknown site {unknown[0]!r}; known sites: "
                                       f"{', '.join(self.sites) or 'none'}")
            return names
        sites = []
        if url:
            by_host = Engine.site_for_url(self, url)
            if by_host:
                sites.append(by_host)
        for name in Engine.detect_sites(self, doc):
            if name not in sites:
                sites.append(name)
        return sites

    def _read(self, text: str, lang: str | None, extracted: bool) -> Document:
        doc = Document.from_text(text, fix_punct=self.config.fix_punctuation,
                                 nfc=not self.config.repair.nfc, repair=self.config.repair)
        doc.classify, doc.lang, doc.whole_page = self.config.classify, lang, not extracted
        return doc

    def _exposed_sites(self, doc: Document, sites: Sequence[str]) -> list[str]:
        """Sites not in `sites` that the kept lines, as inline cuts left them, show.

        Only a cut line can show a site the whole text did not: unless one
        matches another site's fingerprint, there is nothing to look for.
        """
        cut = [line for line in doc.cut if line.kept]
        if not cut or not any(self._fingerprints.match_all(line.key, line.folded_if_known)
                              - set(sites) for line in cut):
            return []
        kept = Document([line for line in doc.lines if line.kept])
        return [name for name in Engine.detect_sites(self, kept) if name not in sites]

    def _settle(self, doc: Document, sites: list[str], profile: str, extracted: bool) -> str:
        """The kept lines typeset, read again until a second cleaning would keep them.

        A second cleaning reads the output afresh: it repairs it (with '¡' gone,
        'Ã¸' may read as mojibake), detects its language (the kept text's may
        not be the input's, and the classifier reads by it), and its rules see
        the typeset lines ("Image :" has one word more than "Image:"). What that
        reading removes goes here too, from the line it came from, and the
        profile is applied again to what is left. `auto` follows the language
        of the kept text's words alone: a profile's spacing and quotes change
        which words a vote sees ("more!" or "more !"), so the language, so the
        profile.
        """
        words_lang = _words_language(doc.text(), profile)
        text = apply_typography(doc.text(), profile, words_lang)
        for _round in range(TYPESET_ROUNDS):
            repaired, _ = repair_text(text, self.config.repair)
            lang = detect_language(repaired)
            reread = Engine._read(self, repaired, lang, extracted)
            kept = doc.kept_lines()
            if len(reread.lines) != len(kept):
                break  # the lines no longer map one to one: nothing to carry back
            if lang != doc.lang or any(
                    new.key != old.key for new, old in zip(reread.lines, kept, strict=True)):
                run_steps(reread, Engine.plan(self, sites, lang))
                origin = {new.number: old for new, old in zip(reread.lines, kept, strict=True)}
                for removal in reread.removals:
                    if not removal.fragment:
                        doc.remove(origin[removal.line], removal.rule, removal.detail)
            body = reread.text()
            if body == text:
                break  # read as it was written: the profile, applied again, leaves it
            if reread.removals:  # the words changed: so may their language
                words_lang = _words_language(body, profile)
            again = apply_typography(body, profile, words_lang)
            if again == text:
                break
            text = again
        return text

    def clean(self, text: str, *, url: str | None = None,
              site: str | Sequence[str] | None = None,
              typography: str | None = None, extracted: bool = False,
              output_format: str = "text") -> Result:
        """Clean one document (see `Cleaner.clean`): repair, the removal steps on lines,
        then the typography profile on what is kept."""
        return Engine._clean(self, text, url, site, typography, extracted, output_format)

    def _clean(self, text: str, url: str | None, site: str | Sequence[str] | None,
               typography: str | None, extracted: bool, output_format: str) -> Result:
        """`clean`, every argument by position: compiled code reads those faster than
        keywords, and the Python `Cleaner.clean` calls this once per document."""
        profile = check_profile(typography or self.config.typography)
        check_output_format(output_format)
        original = text
        text, repairs = repair_text(text, self.config.repair)
        lang = detect_language(text)
        doc = Engine._read(self, text, lang, extracted)
        sites = Engine._resolve_sites(self, doc, url, site)
        run_steps(doc, Engine.plan(self, sites, lang))
        # A line an inline cut rewrote may now be a site's fingerprint, which a second
        # cleaning would detect: the site's rules apply in this one already.
        while not site and (exposed := Engine._exposed_sites(self, doc, sites)):
            sites = [*sites, *exposed]
            doc = Engine._read(self, text, lang, extracted)
            run_steps(doc, Engine.plan(self, sites, lang))
        if doc.repairs:
            repairs = merge_repairs(repairs, doc.repairs)
        body = doc.text()
        # The classifier's decisions may depend on the language, which a second cleaning
        # detects on this output.
        if profile != "preserve" or (doc.lang_matters and detect_language(body) != lang):
            body = Engine._settle(self, doc, sites, profile, extracted)
        removed = tuple(sorted(doc.removals, key=_removal_order)) if doc.removals else ()
        result = Result(
            text=body,
            removed=removed,
            site=sites[0] if sites else None,
            sites=tuple(sites),
            lang=lang,
            repairs=tuple(repairs),
            warnings=tuple(doc.warnings),
            title=doc.title,
            kept=(doc.headline,) if doc.headline else (),
        )
        if output_format == "text":
            return result
        from cleaner.structure.build import with_text_blocks  # loads when asked for

        return with_text_blocks(result, original, text, output_format)

    def clean_bytes(self, data: bytes, *, url: str | None = None,
                    site: str | Sequence[str] | None = None,
                    typography: str | None = None, output_format: str = "text") -> Result:
        """Decode bytes in any common encoding, then `clean` (see `Cleaner.clean_bytes`)."""
        text, encoding = decode_bytes(data)
        result = self.clean(text, url=url, site=site, typography=typography,
                            output_format=output_format)
        if encoding not in ("utf-8", "ascii"):
            result = replace(result, repairs=(Repair("decode", 1, encoding), *result.repairs))
        return result

    def clean_html(self, html: str | bytes, *, url: str | None = None,
                   site: str | Sequence[str] | None = None,
                   typography: str | None = None, output_format: str = "text",
                   links: bool = False) -> Result:
        """Clean one web page (see `Cleaner.clean_html`)."""
        from cleaner.html.pipeline import PageRules, clean_html  # trafilatura loads when used

        def clean_text(text: str, page_url: str | None) -> Result:
            return self.clean(text, url=page_url, site=site, typography=typography,
                              extracted=True)

        rules = PageRules(self.ruleset.html, self.ruleset.sites, self.site_for_url,
                          self.imported_rules)
        return clean_html(html, clean_text, rules, url=url, site=site, config=self.config.html,
                          output_format=check_output_format(output_format), links=links)


def _rebuild(cls: type[Engine], ruleset: RuleSet, config: CleanerConfig) -> Engine:
    return cls(ruleset, config=config)


def _words_language(text: str, profile: str) -> str | None:
    """The language `auto` typesets `text` for: that of its words, punctuation aside."""
    return detect_language(_NOT_WORD.sub(" ", text)) if profile == "auto" else None


def _removal_order(removal: Removal) -> tuple[int, bool]:
    return removal.line, removal.fragment


def url_host(url: str) -> str:
    """The host of a URL, lower case ("" when it has none), as `urlsplit` reads it.

    A URL without "//" is read as starting with its host. Plain URLs are read by
    one regular expression (urlsplit is pure Python, about 10 us a call); the
    rest by urlsplit. A URL urlsplit cannot read (an unclosed ``[``) has no host:
    a page's broken canonical link must not stop its cleaning.

    >>> url_host("https://WWW.Example.org:8080/a?b"), url_host("news.sky.com/story")
    ('www.example.org', 'news.sky.com')
    >>> url_host("http://user@[::1]:80/"), url_host("example.org/a//b"), url_host("http://[::1")
    ('::1', '', '')
    """
    if "//" not in url:
        url = f"//{url}"
    plain = _PLAIN_URL.match(url)
    if plain is not None:
        return plain.group(1).lower()
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _host_table(sites: Iterable[Site]) -> dict[str, str]:
    table: dict[str, str] = {}
    for site in sites:
        for host in site.hosts:
            # "euronews.com" covers itself and www.; ".euronews.com" every subdomain too.
            table.setdefault(host.lower().removeprefix("www."), site.name)
    return table
