"""Build fixtures/warc/seeds.warc.gz: the seed articles as small web pages in a crawl.

    python -m tests.make_warc_fixture

Each seed input becomes an HTML response (paragraphs in an <article>, with a
menu and a footer around it); the crawl also holds a request, a robots.txt
(text/plain) and an image, which a reader must skip. Deterministic: the same
bytes every time.
"""

from __future__ import annotations

import html
from pathlib import Path

from tests import warcs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
URLS = {
    "euronews": "https://fr.euronews.com/2024/11/18/ukraine-zelensky",
    "aggregator-ap": "https://news.example.net/ap/2024/11/18/ukraine",
    "aggregator-cnn": "https://news.example.net/cnn/2024/11/18/ukraine",
    "aggregator-skynews": "https://news.example.net/sky/2024/11/18/ukraine",
    "seneplus": "https://www.seneplus.com/politique/2024/11/18/article",
}


def page(title: str, text: str) -> bytes:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (f"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title></head><body>"
            f"<nav><a href=\"/\">Accueil</a> <a href=\"/monde\">Monde</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>\n{paragraphs}\n</article>"
            f"<footer>© 2024 Tous droits réservés</footer></body></html>").encode()


def build() -> bytes:
    records = [warcs.warcinfo()]
    for path in sorted((FIXTURES / "seeds" / "input").glob("*.txt")):
        url = URLS[path.stem]
        text = path.read_text(encoding="utf-8")
        records.append(warcs.request(url))
        records.append(warcs.response(url, page(text.split("\n", 1)[0], text)))
    records.append(warcs.response("https://news.example.net/robots.txt", b"User-agent: *\n",
                                  content_type="text/plain"))
    records.append(warcs.response("https://news.example.net/logo.png", b"\x89PNG\r\n\x1a\n",
                                  content_type="image/png"))
    return warcs.gzipped(records)


if __name__ == "__main__":
    target = FIXTURES / "warc" / "seeds.warc.gz"
    target.write_bytes(build())
    print(f"{target}: {target.stat().st_size} bytes")
