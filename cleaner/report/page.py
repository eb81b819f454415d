"""The review report: one self-contained HTML page of what the rules removed from a corpus.

Per rule: how many lines it removed, in how many documents, a few of them,
its description and examples. Per site: documents and lines removed. Per
document (the `max_documents` where the most was removed): its text, each
removed line struck through in its rule's colour, the rule id on hover.
Filters by rule and by site. Style and script are inline (`cleaner.report.assets`)
and a Content-Security-Policy allows those two alone: the page loads nothing and,
should some text escape its escaping, no script of a document could run.
Every piece of document text goes through `html.escape`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from cleaner.report.assets import PALETTE, SCRIPT, STYLE, palette_css
from cleaner.report.catalogue import RuleInfo, describe
from cleaner.report.corpus import Corpus, RuleCount, SiteCount
from cleaner.report.document import ReportDocument, Span, shown_lines

MAX_LINES = 2000  # lines of one document shown in full; the rest is counted


def build_report(documents: Iterable[ReportDocument], catalogue: Mapping[str, RuleInfo], *,
                 max_documents: int = 100, samples: int = 5, title: str = "Cleaning report"
                 ) -> str:
    """The report page of `documents`, with each rule's entry from `catalogue`
    (`cleaner.report.catalogue.rule_catalogue`)."""
    corpus = Corpus(max_documents, samples)
    for document in documents:
        corpus.add(document)
    return render(corpus, catalogue, title=title)


def render(corpus: Corpus, catalogue: Mapping[str, RuleInfo], *,
           title: str = "Cleaning report") -> str:
    """The report page of what `corpus` counted."""
    ranked = corpus.ranked_rules()
    colours = {rule: f"c{index % len(PALETTE)}" for index, (rule, _) in enumerate(ranked)}
    style = STYLE + palette_css()
    policy = (f"default-src 'none'; style-src '{_digest(style)}'; "
              f"script-src '{_digest(SCRIPT)}'")
    shown = corpus.documents
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n",
        _header(corpus, title, len(shown)),
        "<main>\n",
        _rules_section(ranked, catalogue, colours),
        _unused_section(corpus, catalogue),
        _sites_section(corpus.sites),
        _documents_section(shown, corpus.left_out, colours),
        f"</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _digest(text: str) -> str:
    """The CSP source that allows exactly this inline style or script."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _header(corpus: Corpus, title: str, shown: int) -> str:
    removed = sum(count.lines for count in corpus.rules.values())
    pruned = sum(count.elements for count in corpus.rules.values())
    also = f", {_n(pruned, 'HTML element')} pruned" if pruned else ""
    left = (f"; the {_n(corpus.left_out, 'document')} with the fewest removals "
            f"{'is' if corpus.left_out == 1 else 'are'} left out (--max-documents)"
            if corpus.left_out else "")
    rules = [(rule, rule) for rule, _ in corpus.ranked_rules()]
    sites = [(site, f"{site} ({count.documents})") for site, count in sorted(corpus.sites.items())]
    sorts = [("removed", "most removed"), ("share", "share removed"), ("name", "name"),
             ("order", "input order")]
    return (
        f"<header>\n<h1>{escape(title)}</h1>\n"
        f"<p class=\"summary\">{_n(corpus.count, 'document')}: {_n(removed, 'line')} "
        f"removed by {_n(len(corpus.rules), 'rule')}{also}. {shown} shown in full{left}. "
        "Hover a struck line for its rule; click a rule or a site to filter.</p>\n"
        "<nav class=\"filters\">\n"
        f"<label>Rule <select id=\"f-rule\">{_options(rules, 'every rule')}</select></label>\n"
        f"<label>Site <select id=\"f-site\">{_options(sites, 'every site')}</select></label>\n"
        f"<label>Sort <select id=\"f-sort\">{_options(sorts)}</select></label>\n"
        "<label><input type=\"checkbox\" id=\"f-kept\"> removed lines only</label>\n"
        "<span id=\"f-count\" aria-live=\"polite\"></span>\n</nav>\n</header>\n")


def _options(choices: Sequence[tuple[str, str]], every: str | None = None) -> str:
    first = f"<option value=\"\">{escape(every)}</option>" if every is not None else ""
    return first + "".join(f"<option value=\"{escape(value)}\">{escape(label)}</option>"
                           for value, label in choices)


def _rules_section(ranked: Sequence[tuple[str, RuleCount]], catalogue: Mapping[str, RuleInfo],
                   colours: Mapping[str, str]) -> str:
    rows = []
    for rule, count in ranked:
        info = describe(rule, catalogue, count.scope)
        kind = f" · {escape(info.kind)}" if info.kind else ""
        where = f"<div class=\"tag\">{escape(info.source)}</div>" if info.source else ""
        rows.append(
            f"<tr data-rule=\"{escape(rule)}\" class=\"{colours[rule]}\">"
            f"<td class=\"rule\"><div class=\"id\"><span class=\"sw\"></span><button "
            f"class=\"pick\" type=\"button\" data-rule=\"{escape(rule)}\" title=\"show the "
            f"documents it removed from\">{escape(rule)}</button></div>"
            f"<div class=\"tag\">{escape(info.scope)}{kind}</div>{where}</td>"
            f"<td class=\"n\">{_removed(count)}</td><td class=\"n\">{count.documents}</td>"
            f"<td>{_about(rule, info, count, colours[rule])}</td></tr>\n")
    return ("<section id=\"rules\"><h2>Rules</h2>\n<table>\n<colgroup><col class=\"rule\">"
            "<col class=\"n\"><col class=\"n\"><col></colgroup>\n<thead><tr><th>Rule</th>"
            "<th class=\"n\">Removed</th><th class=\"n\">Documents</th>"
            "<th>What it is for, and what it removed here</th></tr></thead>\n"
            f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</section>\n")


def _removed(count: RuleCount) -> str:
    """What a rule removed, in words: lines (of which fragments), HTML elements.

    >>> _removed(RuleCount(lines=3, fragments=1, elements=2))
    '3 lines (1 fragment), 2 elements'
    """
    parts = []
    if count.lines or not count.elements:
        fragments = f" ({_n(count.fragments, 'fragment')})" if count.fragments else ""
        parts.append(_n(count.lines, "line") + fragments)
    if count.elements:
        parts.append(_n(count.elements, "element"))
    return ", ".join(parts)


def _about(rule: str, info: RuleInfo, count: RuleCount, colour: str) -> str:
    """A rule's description, its first sample; the other samples and its examples folded."""
    text = f"<p class=\"desc\">{escape(info.description)}</p>"
    samples = [f"<del class=\"{colour}\" data-rule=\"{escape(rule)}\">{escape(sample)}</del>"
               f"<span class=\"from\">{escape(name)}</span>" for sample, name in count.samples]
    if samples:
        text += f"<div class=\"first\">{samples[0]}</div>"
    examples = [("removes", example) for example in info.remove_examples] + [
        ("keeps", example) for example in info.keep_examples]
    folded = []
    if len(samples) > 1:
        folded.append(_n(len(samples) - 1, "more sample"))
    if examples:
        folded.append(_n(len(examples), "example"))
    if folded:
        more = "".join(f"<li>{sample}</li>" for sample in samples[1:])
        shown = "".join(f"<li><span class=\"tag\">{verb}:</span> {escape(example)}</li>"
                        for verb, example in examples)
        text += (f"<details><summary>{' · '.join(folded)}</summary>"
                 f"<ul class=\"samples\">{more}</ul><ul class=\"examples\">{shown}</ul>"
                 "</details>")
    return text


def _unused_section(corpus: Corpus, catalogue: Mapping[str, RuleInfo]) -> str:
    unused = sorted(rule for rule in catalogue if rule not in corpus.rules)
    if not unused:
        return ""
    items = ", ".join(f"<code title=\"{escape(catalogue[rule].description)}\">{escape(rule)}"
                      "</code>" for rule in unused)
    return (f"<details class=\"legend\"><summary>{_n(len(unused), 'loaded rule')} removed "
            f"nothing in this corpus</summary><p>{items}</p></details>\n")


def _sites_section(sites: Mapping[str, SiteCount]) -> str:
    rows = "".join(
        f"<tr data-site=\"{escape(site)}\"><td><button class=\"pick\" type=\"button\" "
        f"data-site=\"{escape(site)}\">{escape(site)}</button></td>"
        f"<td class=\"n\">{count.documents}</td><td class=\"n\">{count.lines}</td>"
        f"<td class=\"n\">{count.removed}</td><td class=\"n\">{_share(count.removed, count.lines)}"
        f"</td><td class=\"n\">{count.pruned}</td></tr>\n"
        for site, count in sorted(sites.items(), key=lambda item: (-item[1].removed, item[0])))
    return ("<section id=\"sites\"><h2>Sites</h2>\n<table>\n<colgroup><col class=\"site\">"
            + "<col class=\"n\">" * 5 + "</colgroup>\n<thead><tr><th>Site</th>"
            "<th class=\"n\">Documents</th><th class=\"n\">Lines</th><th class=\"n\">Removed</th>"
            "<th class=\"n\">Share</th><th class=\"n\" title=\"HTML elements pruned\">Pruned</th>"
            "</tr></thead>\n"
            f"<tbody>\n{rows}</tbody>\n</table>\n"
            "</section>\n")


def _documents_section(documents: Sequence[ReportDocument], left_out: int,
                       colours: Mapping[str, str]) -> str:
    note = (f"<p class=\"legend\">{_n(left_out, 'more document')} counted above, not shown "
            "(raise --max-documents to see them).</p>\n" if left_out else "")
    articles = "".join(_document(order, document, colours)
                       for order, document in enumerate(documents))
    return (f"<section><h2>Documents</h2>\n{note}<div id=\"docs\">\n{articles}</div>\n"
            "</section>\n")


def _document(order: int, document: ReportDocument, colours: Mapping[str, str]) -> str:
    result = document.result
    rules = sorted({r.rule for r in result.removed} | {p.rule for p in result.pruned})
    lines = document.lines
    facts = [f"site {document.site}", f"{document.removed_lines} of {_n(lines, 'line')} removed"]
    if result.pruned:
        facts.append(f"{_n(len(result.pruned), 'HTML element')} pruned")
    if result.sites:
        facts.append("rules of " + ", ".join(result.sites))
    if result.lang:
        facts.append(f"language {result.lang}")
    head = (f"<article class=\"doc\" data-rules=\"{escape(' '.join(rules))}\" "
            f"data-site=\"{escape(document.site)}\" data-removed=\"{document.removed}\" "
            f"data-share=\"{document.share:.4f}\" "
            f"data-name=\"{escape(document.name)}\" data-order=\"{order}\">\n"
            f"<header><h3>{escape(document.name)}</h3>"
            f"<p class=\"meta\">{escape(' · '.join(facts))}</p>")
    head += "".join(f"<p class=\"meta warn\">warning: {escape(w)}</p>" for w in result.warnings)
    head += "</header>\n"
    pruned = "".join(f"<p class=\"pruned\">pruned before extraction: "
                     f"{_span(Span(p.text, p.rule), colours)}</p>\n" for p in result.pruned)
    return f"{head}{pruned}<div class=\"text\">\n{_text(document, colours)}</div>\n</article>\n"


def _text(document: ReportDocument, colours: Mapping[str, str]) -> str:
    rows = []
    lines = shown_lines(document.source, document.result.removed)
    blank = False
    for number, spans in enumerate(lines[:MAX_LINES], start=1):
        if len(spans) == 1 and spans[0].rule is None and not spans[0].text.strip():
            if not blank:  # a run of blank lines shows as one
                rows.append(f"<div class=\"l\" data-n=\"{number}\"></div>\n")
            blank = True
            continue
        blank = False
        mark = ""
        if any(span.rule for span in spans):
            whole = len(spans) == 1
            mark = f" x {colours.get(spans[0].rule or '', '')}" if whole else " f"
        body = "".join(_span(span, colours) for span in spans)
        rows.append(f"<div class=\"l{mark}\" data-n=\"{number}\">{body}</div>\n")
    if len(lines) > MAX_LINES:
        rows.append(f"<div class=\"more\">{_n(len(lines) - MAX_LINES, 'more line')} "
                    "not shown</div>\n")
    return "".join(rows)


def _span(span: Span, colours: Mapping[str, str]) -> str:
    if span.rule is None:
        return escape(span.text)
    rule = escape(span.rule)
    return (f"<del class=\"{colours.get(span.rule, 'c0')}\" data-rule=\"{rule}\" "
            f"title=\"{rule}\">{escape(span.text)}</del>")


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def _n(count: int, noun: str) -> str:
    """
    >>> _n(1, "line"), _n(3, "line")
    ('1 line', '3 lines')
    """
    return f"{count} {noun}{'' if count == 1 else 's'}"
