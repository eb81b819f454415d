"""Importing community site rules: XPath to CSS, the converters, the command, the bundle."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html
from selectolax.lexbor import LexborHTMLParser

from cleaner import Cleaner
from cleaner.bundled import bundled_rules_dir
from cleaner.cli.main import main
from cleaner.importers.ftr import convert_file
from cleaner.importers.model import Counts
from cleaner.importers.run import import_rules
from cleaner.rules.catalogue import Catalogue, read_index
from cleaner.rules.imported import INDEX, catalogue_dirs
from cleaner.rules.load import RuleError, load_file
from cleaner.rules.xpath import to_css

TRANSLATED = [
    ("//div[@class='x']", 'div[class="x"]'),
    ('//*[@id="main"]', '[id="main"]'),
    ("//*[contains(@class, 'ad')]", '[class*="ad"]'),
    ("//div[starts-with(@id, 'story-ad-')]", 'div[id^="story-ad-"]'),
    ("//div[contains(concat(' ',normalize-space(@class),' '),' story ')]",
     'div[class~="story"]'),
    ("//aside", "aside"),
    ("//div[@id='a']//p", 'div[id="a"] p'),
    ("//header/figure[contains(@class, 'big')]", 'header > figure[class*="big"]'),
    ("//section[@name='body'] | //p[@id='sum']", 'section[name="body"], p[id="sum"]'),
    ("//span[contains(@class,'a') or contains(@class,'b')]",
     'span[class*="a"], span[class*="b"]'),
    ("//div[@data-x and @role='note']", 'div[data-x][role="note"]'),
    ("//div[@class=\"it's\"]", "div[class=\"it's\"]"),
]
KEPT_AS_XPATH = [
    "//article[1]",
    "//p[contains(text(), 'Credit')]",
    "//figure//span[.='Image']",
    "/html/body/div",
    "//div[not(@id)]",
    "//picture/following-sibling::noscript[1]",
    "//*[contains(@class, '')]",
    "//DIV[@id='x']",
    "//meta[@name='x']/@content",
]


@pytest.mark.parametrize(("xpath", "css"), TRANSLATED)
def test_simple_xpaths_translate_to_css(xpath: str, css: str) -> None:
    assert to_css(xpath) == css


@pytest.mark.parametrize("xpath", KEPT_AS_XPATH)
def test_other_xpaths_are_not_translated(xpath: str) -> None:
    assert to_css(xpath) is None


PROBE = """<html><body>
<div class="x">1</div><div class="x y">2</div><div class=" x ">3</div><div class="ad-box">4</div>
<div id="main"><p>5</p><section><p>6</p></section></div><div id="story-ad-1">7</div>
<aside><p class="header">8</p></aside><header><figure class="big-one">9</figure></header>
<section name="body">10</section><p id="sum">11</p>
<span class="a">12</span><span class="b c">13</span>
<div data-x="" role="note">14</div><div role="note">15</div><div class="story  lead">16</div>
<div class="it's">17</div><div id="a"><div><p>18</p></div></div>
</body></html>"""


@pytest.mark.parametrize(("xpath", "css"), TRANSLATED)
def test_a_translation_matches_exactly_what_the_xpath_matches(xpath: str, css: str) -> None:
    by_xpath = [e.text_content() for e in lxml_html.document_fromstring(PROBE).xpath(xpath)]
    by_css = [n.text() for n in LexborHTMLParser(PROBE).css(css)]
    assert by_css == by_xpath


FTR_FILE = """# a comment
title: //h1
author: //span[@class='by']
body: //div[@id='story']
body: //article[1]
strip: //div[@class='share']
strip: //p[contains(text(), 'Advertisement')]
strip_id_or_class: ad
find_string: <p class="x">
replace_string: <div class="x">
replace_string(<br><br>): </p><p>
login_uri: https://example.com/login
tidy: no
test_url: https://example.com/a.html
test_contains: The first words
"""


def test_an_ftr_file_converts_its_directives_and_keeps_provenance() -> None:
    counts = Counts()
    site = convert_file(FTR_FILE, "example.com", "example.com.txt", counts)
    table = {r["id"]: {k: v for k, v in r.items() if k not in ("id", "description")}
             for r in site.rules}
    assert table == {
        "ftr.example.com.body-1": {"container": ['div[id="story"]'],
                                   "origin": "body: //div[@id='story']"},
        "ftr.example.com.body-2": {"container_xpath": ["//article[1]"],
                                   "origin": "body: //article[1]"},
        "ftr.example.com.strip-1": {"remove": ['div[class="share"]'],
                                    "origin": "strip: //div[@class='share']"},
        "ftr.example.com.strip-2": {"remove_xpath": ["//p[contains(text(), 'Advertisement')]"],
                                    "origin": "strip: //p[contains(text(), 'Advertisement')]"},
        "ftr.example.com.strip-3": {"remove": ['[class~="ad"], [id="ad"]'],
                                    "origin": "strip_id_or_class: ad"},
    }
    assert site.fields == {"title": ["//h1"], "author": ["//span[@class='by']"],
                           "find_string": ['<p class="x">', "<br><br>"],
                           "replace_string": ['<div class="x">', "</p><p>"],
                           "test_url": ["https://example.com/a.html"],
                           "test_contains": ["The first words"]}
    assert (counts.css, counts.xpath, counts.rules) == (3, 2, 5)


def test_strip_id_or_class_substring_form() -> None:
    site = convert_file("strip_id_or_class: ad", "example.com", "example.com.txt", Counts(),
                        "substring")
    assert site.rules[0]["remove"] == ['[class*="ad"], [id*="ad"]']


def write_ftr_checkout(root: Path) -> Path:
    source = root / "ftr"
    source.mkdir()
    (source / "example.com.txt").write_text(FTR_FILE, encoding="utf-8")
    (source / "www.example.com.txt").write_text("body: //main", encoding="utf-8")
    (source / ".blog.example.org.txt").write_text("strip: //nav\nbody: //div[@id='post']",
                                                  encoding="utf-8")
    (source / "README.md").write_text("not a rule file", encoding="utf-8")
    (source / "LICENSE.txt").write_text("public domain", encoding="utf-8")
    return source


def test_clean_rules_import_ftr_writes_files_an_index_and_provenance(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_ftr_checkout(tmp_path)
    out = tmp_path / "out"
    status = main(["rules", "import", "ftr", str(source), "-o", str(out), "--commit", "abc"])
    report = capsys.readouterr().out
    assert status == 0
    assert "2 hosts in 2 files, 7 rules: 5 selectors as CSS, 2 kept as XPath" in report
    assert "1 files for a host already converted" in report
    assert read_index(out / INDEX) == {"example.com": "example.com.toml",
                                       ".blog.example.org": "_.blog.example.org.toml"}
    converted = load_file(out / "example.com.toml")
    assert converted.imported is not None
    assert converted.imported["commit"] == "abc"
    assert converted.imported["source"] == "fivefilters/ftr-site-config"
    assert converted.imported["file"] == "example.com.txt"
    assert all(rule.origin for rule in converted.html)
    assert main(["rules", "check", str(out)]) == 0
    assert "7 imported HTML rules for 2 hosts in 2 files" in capsys.readouterr().out


POSTLIGHT_JS = """export const ExampleExtractor = {
  domain: 'www.example.net',
  supportedDomains: ['example.info'],
  title: { selectors: ['h1.title', ['meta[name="og:title"]', 'value']] },
  content: {
    // the article
    selectors: ['div.article-body', ['.lede', '.body']],
    transforms: { 'img.lazy': $node => { $node.attr('src', $node.attr('data-src')); } },
    clean: ['.related', "aside[data-x='promo']"],
  },
};
"""


def test_clean_rules_import_postlight(tmp_path: Path) -> None:
    folder = tmp_path / "parser" / "src" / "extractors" / "custom" / "www.example.net"
    folder.mkdir(parents=True)
    (folder / "index.js").write_text(POSTLIGHT_JS, encoding="utf-8")
    (folder / "index.test.js").write_text("const url = 'https://www.example.net/a';",
                                          encoding="utf-8")
    counts = import_rules("postlight", tmp_path / "parser", tmp_path / "out", commit="def")
    assert (counts.hosts, counts.rules, counts.css) == (2, 3, 3)
    assert counts.skipped["content.selectors entries that join several selectors"] == 1
    converted = load_file(tmp_path / "out" / "example.net.toml")
    assert [(r.id, r.container or r.remove) for r in converted.html] == [
        ("postlight.example.net.body-1", ("div.article-body",)),
        ("postlight.example.net.strip-1", (".related",)),
        ("postlight.example.net.strip-2", ("aside[data-x='promo']",)),
    ]
    assert converted.imported is not None
    assert converted.imported["test_url"] == ["https://www.example.net/a"]
    assert converted.imported["title"] == ["h1.title", 'meta[name="og:title"] @value']
    index = read_index(tmp_path / "out" / INDEX)
    assert index["example.info"] == index[".example.info"] == "example.net.toml"


def test_hosts_match_as_upstream(tmp_path: Path) -> None:
    out = tmp_path / "out"
    import_rules("ftr", write_ftr_checkout(tmp_path), out, commit="abc")
    catalogue = Catalogue(out)
    assert catalogue.file_name("example.com") == "example.com.toml"
    assert catalogue.file_name("www.example.com") == "example.com.toml"
    assert catalogue.file_name("news.example.com") is None  # no leading dot: the host only
    assert catalogue.file_name("a.blog.example.org") == "_.blog.example.org.toml"
    assert catalogue.file_name("x.a.blog.example.org") == "_.blog.example.org.toml"
    assert catalogue.file_name("blog.example.org") is None  # ".host" is not the host itself


def test_an_imported_file_needs_provenance_and_valid_xpath(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text('[imported]\nsource = "s"\nlicence = "l"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="needs 'commit'"):
        load_file(path)
    path.write_text('[imported]\nsource = "s"\ncommit = "c"\nlicence = "l"\n[[html]]\n'
                    'id = "s.x"\ndescription = "D."\nremove_xpath = ["//div[@id=\'a\'"]\n',
                    encoding="utf-8")
    with pytest.raises(RuleError, match=r"x.toml:5: rule 's.x': XPath .* does not compile"):
        load_file(path)


def test_a_rule_of_ones_own_still_needs_examples_for_an_xpath_removal(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text('[[html]]\nid = "s.x"\ndescription = "D."\nremove_xpath = ["//nav"]\n',
                    encoding="utf-8")
    with pytest.raises(RuleError, match=r"examples\.remove"):
        load_file(path)


def test_the_bundle_loads_compiles_and_covers_two_thousand_hosts() -> None:
    folders = list(catalogue_dirs(bundled_rules_dir()))
    assert [f.name for f in folders] == ["ftr", "postlight"]
    hosts: set[str] = set()
    rules = 0
    for folder in folders:
        index = read_index(folder / INDEX)
        hosts |= {key.lstrip(".") for key in index}
        for name in sorted(set(index.values())):
            loaded = load_file(folder / name)  # every selector and XPath compiled
            assert loaded.imported is not None and loaded.imported["commit"]
            assert all(rule.origin for rule in loaded.html)
            rules += len(loaded.html)
    assert len(hosts) >= 2000 and rules > 10_000
    assert (bundled_rules_dir() / "imported" / "NOTICE").is_file()


def test_the_bundled_catalogues_are_read_lazily_and_match_hosts_as_upstream() -> None:
    cleaner = Cleaner()
    assert all(c._index is None for c in cleaner._catalogues)  # nothing read to clean text
    assert cleaner.imported_rules("https://www.nytimes.com/2020/a.html")
    ftr = next(c for c in cleaner._catalogues if c.directory.name == "ftr")
    assert ftr.file_name("someone.blogspot.com") == "_.blogspot.com.toml"
    assert ftr.file_name("blogspot.com") is None  # .blogspot.com.txt: subdomains only
    postlight = next(c for c in cleaner._catalogues if c.directory.name == "postlight")
    assert postlight.file_name("someone.blogspot.com") == "blogspot.com.toml"  # base domain
    assert not cleaner.imported_rules("https://no-such-site.example/")
