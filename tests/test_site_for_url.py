"""`Cleaner.site_for_url` reads plain URLs without urlsplit, and caches sites by host.

Both shortcuts must give what the plain code gave for every string: the
reference below is that code, kept as it was. URLs are built from pieces that
hit urlsplit's edges: schemes it does or does not take, user info, IPv6
brackets (closed or not), ports, upper case, trailing dots, tabs and newlines
(which it deletes), leading controls and spaces (which it strips), non-ASCII
letters and characters NFKC turns into separators (which make it raise).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import engine as cleaner_module
from cleaner.cleaner import Cleaner, url_host


def reference_host(url: str) -> str:
    """urlsplit's reading; a URL it cannot read has no host (a broken canonical link must
    not stop a page)."""
    try:
        return (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:
        return ""


def reference_site_for_url(hosts: dict[str, str], url: str) -> str | None:
    """`Cleaner.site_for_url` before the shortcuts."""
    host = reference_host(url).removeprefix("www.")
    if host in hosts:
        return hosts[host]
    while host:
        if f".{host}" in hosts:
            return hosts[f".{host}"]
        host = host.partition(".")[2]
    return None


def outcome(func: object, *args: object) -> tuple[str, object]:
    """What a call returns, or the type and message of what it raises."""
    try:
        return "value", func(*args)  # type: ignore[operator]
    except Exception as exc:
        return "error", (type(exc), str(exc))


SCHEMES = ["", "http:", "https:", "HTTPS:", "ftp:", "a+b.c-d:", "1http:", "ht tp:", "ht\ttp:",
           "é:", "mailto:", " http:", "\x00http:", "\x1fhttps:", "h:", "\xa0http:", "\x85https:",
           "\u2003http:"]
SLASHES = ["//", "/", "", "///", "/\t/", "\\\\", "//\n", " //"]
USERS = ["", "user@", "u:p@", "u:80@", "evil.com:80@", "@", "a@b@", "[::1]@"]
HOSTS = ["euronews.com", "www.euronews.com", "fr.euronews.com", "WWW.EuroNews.COM",
         "news.sky.com", "sky.com", "example.org", "example.org.", ".example.org", "www.",
         "www", "", "localhost", "127.0.0.1", "[::1]", "[fe80::1%eTh0]", "[::1", "::1]",
         "[v1.x]", "[bad]", "xn--bcher-kva.de", "bücher.de", "EXAMPLE.ORG", "exa_mple.org",
         "a..b", "-a-.b", "ex\tample.org", "exa\nmple.org", "example.org\r", "a b.c",
         "\u2100.com", "ex\uff0fample.org", "ex\u0130ample.org", "K\u212aelvin.org", "%41.org"]
PORTS = ["", ":", ":80", ":8080", ":abc", ":-1", ":99999", "::", ":80:81", ":80@x.org"]
RESTS = ["", "/", "/a/b", "?q=1", "#frag", "/x//y", "/a?b#c", " ", "\n", "\t", "/é", "?//",
         "#//", "/\x00", "@x", ":x", "[", "]"]
URL_CHARS = st.sampled_from(list("aZ0.-_:/?#@[]%+ \t\r\n\x00\x0b\x1f\x7f\x85\xa0"
                                 "éİK\u212a\u2100\u2003\uff0f"))


@st.composite
def urls(draw: st.DrawFn) -> str:
    """A URL from pieces (most near a plain one), sometimes with random characters in."""
    parts = [draw(st.sampled_from(options)) for options in (SCHEMES, SLASHES, USERS, HOSTS,
                                                             PORTS, RESTS)]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(parts)))
        parts.insert(at, draw(st.text(URL_CHARS, max_size=4)))
    return "".join(parts)


@pytest.fixture(scope="module")
def hosts(cleaner: Cleaner) -> dict[str, str]:
    return cleaner._hosts


URL_EXAMPLES = ["https://www.euronews.com/2024/11/18/x", "https://fr.euronews.com/x",
                "news.sky.com/story/x", "https://example.org/", "http://[::1", "http://a]/",
                "HTTP://WWW.EURONEWS.COM", "https://euronews.com./", "//euronews.com",
                "euronews.com", "https://user@euronews.com/", "https://euronews.com:443",
                "https://euronews.com\n", " https://euronews.com/", "\thttps://euronews.com",
                "https://euro\tnews.com/", "https://euronews.com?x", "https://euronews.com#x",
                "https://\u2100.euronews.com/", "https://[::1]:80/", "mailto:a@euronews.com",
                "https:euronews.com//", "", "//", ":", "http://", "http://:80/",
                "\xa0https://euronews.com/", "https://u:1@euronews.com/", "1http://euronews.com",
                "https://example.org:80@euronews.com/", "https://u:1@/x"]


@settings(max_examples=max(2000, settings.default.max_examples), deadline=None)
@given(url=st.one_of(urls(), st.text(URL_CHARS, max_size=30), st.text(max_size=30)))
def test_site_for_url_is_the_urlsplit_reading(cleaner: Cleaner, hosts: dict[str, str],
                                              url: str) -> None:
    assert outcome(url_host, url) == outcome(reference_host, url)
    expected = outcome(reference_site_for_url, hosts, url)
    assert outcome(cleaner.site_for_url, url) == expected
    assert outcome(cleaner.site_for_url, url) == expected  # from the cache this time


@pytest.mark.parametrize("url", URL_EXAMPLES)
def test_site_for_url_examples(cleaner: Cleaner, hosts: dict[str, str], url: str) -> None:
    assert outcome(url_host, url) == outcome(reference_host, url)
    assert outcome(cleaner.site_for_url, url) == outcome(reference_site_for_url, hosts, url)


def test_site_for_url_of_an_invalid_url_is_none(cleaner: Cleaner) -> None:
    with pytest.raises(ValueError, match="Invalid IPv6 URL"):
        urlsplit("http://[::1/x")
    assert cleaner.site_for_url("http://[::1/x") is None
    assert cleaner.site_for_url("http://[::1/x.euronews.com") is None


def test_host_cache_stays_bounded(cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cleaner_module, "HOST_CACHE_SIZE", 3)
    for number in range(10):
        assert cleaner.site_for_url(f"https://host{number}.example.org/x") is None
        assert cleaner.site_for_url(f"https://fr.euronews.com/{number}") == "euronews.com"
        assert len(cleaner._host_sites) <= 3
