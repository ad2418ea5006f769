"""A local web server for articles by link: real HTTP on 127.0.0.1, pages a test can edit.

Links to it are loopback addresses, which the tool refuses unless
ATTRIBUTION_ALLOW_PRIVATE_URLS=1: the tests that fetch from it set that variable.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Site:
    """The pages being served, by path; change `pages` to publish an edit."""

    def __init__(self, base: str):
        self.base = base
        self.pages: dict[str, bytes] = {}

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def article_page(text: str, *, title: str, outlet: str, author: str, date: str) -> bytes:
    """An article page as outlets publish them: the metadata in the head, paragraphs in the
    body, and the site's chrome around them."""
    paragraphs = "".join(
        f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip()
    )
    return (
        "<!DOCTYPE html><html lang='sq'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)} | {html.escape(outlet)}</title>"
        f"<meta property='og:title' content='{html.escape(title)}'>"
        f"<meta property='og:site_name' content='{html.escape(outlet)}'>"
        f"<meta name='author' content='{html.escape(author)}'>"
        f"<meta property='article:published_time' content='{date}'>"
        "</head><body><nav><a href='/'>Ballina</a> <a href='/bota'>Bota</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
        "<footer>© Të gjitha të drejtat e rezervuara.</footer></body></html>"
    ).encode()


@contextmanager
def serving() -> Iterator[Site]:
    site: Site

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = site.pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # the test output stays quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site = Site(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
