"""Fetching a page by its address: real sockets against a local server, no mocked network.

What is checked is what a desk relies on: a pasted link cannot reach the desk's own network,
a hostile server cannot hold the fetch past its deadline or past the size limit, and every
failure is one line that starts with the address.
"""

from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from attribution import InputError, __version__, io, web

LIMIT = 2**20  # the max_bytes the size tests pass: 1 MB
ARTICLE = (
    "<!doctype html><html><head><title>Rama: Do të votojmë më 30 korrik</title></head>"
    "<body><p>“Jemi gati”, tha ministri i Jashtëm. Kryeministri tha se zgjedhjet "
    "do të mbahen në kohë.</p></body></html>"
)
# A page in windows-1252: “ ” ë ç are one byte each, no UTF-8. {meta} is where it may say so.
WINDOWS_1252 = (
    "<html><head>{meta}<title>Ujësjellësi</title></head><body><article>"
    "<h1>Uji në Korçë</h1><p>"
    + " ".join(["Bashkia e Korçës tha se uji do të ndërpritet në disa lagje të qytetit."] * 4)
    + "</p><p>“Punimet përfundojnë të premten”, tha drejtori i ujësjellësit.</p>"
    "</article></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    """Serves by path; the ones that misbehave do so on purpose, like a hostile server."""

    def do_GET(self) -> None:
        routes = {
            "/article": self.article,
            "/plain": self.plain,
            "/headers": self.echo_headers,
            "/redirect": lambda: self.redirect(302, "/article"),
            "/loop": lambda: self.redirect(302, "/loop"),
            "/to-ftp": lambda: self.redirect(302, "ftp://example.com/file"),
            "/to-credentials": lambda: self.redirect(302, "http://user:pw@example.com/"),
            "/pdf": lambda: self.reply(200, b"%PDF-1.4", content_type="application/pdf"),
            "/gzip": self.gzipped,
            "/big": lambda: self.reply(200, b"", length=3 * LIMIT),
            "/short": lambda: self.reply(200, b"<p>cut</p>", length=1000),
            "/big-no-length": self.big_without_length,
            "/big-chunked": self.big_chunked,
            "/slow": self.slow_body,
            "/slow-headers": self.slow_headers,
            "/1252-in-header": lambda: self.windows_1252("", "text/html; charset=windows-1252"),
            "/1252-in-meta": lambda: self.windows_1252('<meta charset="windows-1252">'),
            "/1252-header-over-meta": lambda: self.windows_1252(
                '<meta charset="iso-8859-2">', "text/html; charset=windows-1252"
            ),
            "/1252-plain": lambda: self.reply(
                200,
                "Kreu i bashkisë tha: “Jemi gati”.".encode("cp1252"),
                content_type="text/plain; charset=windows-1252",
            ),
        }
        for status in web._REDIRECTS:
            routes[f"/redirect-{status}"] = lambda status=status: self.redirect(status, "article")
        try:
            routes.get(self.path, lambda: self.reply(404, b"<p>no</p>"))()
        except OSError:  # the client hung up, as fetch does on purpose
            self.close_connection = True

    def log_message(self, *args) -> None:
        pass

    def reply(self, status, body, *, content_type="text/html; charset=utf-8", length=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def article(self) -> None:
        self.reply(200, ARTICLE.encode())

    def windows_1252(self, meta: str, content_type: str = "text/html") -> None:
        self.reply(200, WINDOWS_1252.format(meta=meta).encode("cp1252"), content_type=content_type)

    def plain(self) -> None:
        self.reply(200, "Kryeministri tha se …".encode(), content_type="text/plain")

    def echo_headers(self) -> None:
        self.reply(200, str(self.headers).encode(), content_type="text/plain")

    def redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.end_headers()

    def gzipped(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(gzip.compress(ARTICLE.encode()))

    def big_without_length(self) -> None:
        """HTTP/1.0 with no Content-Length: the body ends when the server closes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(2 * LIMIT // 65536):
            self.wfile.write(b"x" * 65536)

    def big_chunked(self) -> None:
        self.protocol_version = "HTTP/1.1"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        for _ in range(2 * LIMIT // 65536):
            self.wfile.write(b"10000\r\n" + b"x" * 65536 + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def slow_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.drip()

    def slow_headers(self) -> None:
        """A header line that never ends: the socket's timeout alone would never fire."""
        self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Drip: ")
        self.drip()

    def drip(self) -> None:
        for _ in range(40):
            self.wfile.write(b"x")
            time.sleep(0.5)


def _serve(server: ThreadingHTTPServer):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def port():
    yield from _serve(ThreadingHTTPServer(("127.0.0.1", 0), Handler))


@pytest.fixture(scope="module")
def server(port) -> str:
    return f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """(port, certificate) of an HTTPS server whose self-signed certificate names localhost."""
    if not shutil.which("openssl"):
        pytest.skip("no openssl command to make a certificate with")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    make = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1"
    names = ["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"]
    files = ["-keyout", str(key), "-out", str(cert)]
    subprocess.run([*make.split(), *names, *files], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    for tls_port in _serve(server):
        yield tls_port, cert


def refusal(url: str, **options) -> str:
    """The message fetch fails with, checked to be one line that starts with the address."""
    options = {"allow_private": True, "max_bytes": LIMIT, "timeout": 5.0, **options}
    with pytest.raises(InputError) as caught:
        web.fetch(url, **options)
    message = str(caught.value)
    assert len(message.splitlines()) == 1, message
    assert message.startswith(f"{url}: "), message
    return message


def test_article_is_fetched(server):
    page = web.fetch(f"{server}/article", allow_private=True)
    assert page.url == page.final_url == f"{server}/article"
    assert (page.content_type, page.charset) == ("text/html", "utf-8")
    assert page.data.decode(page.charset) == ARTICLE


def test_plain_text_without_charset(server):
    page = web.fetch(f"{server}/plain", allow_private=True)
    assert (page.content_type, page.charset) == ("text/plain", None)
    assert page.data.decode() == "Kryeministri tha se …"


@pytest.mark.parametrize("path", ["/1252-in-header", "/1252-in-meta", "/1252-header-over-meta"])
def test_a_page_is_read_in_the_charset_it_declares(server, monkeypatch, path):
    """The server's Content-Type first, then the page's <meta>: iso-8859-2 would make “ ”
    control characters, so the last page is read right only if the server's word wins."""
    monkeypatch.setenv(web.ALLOW_PRIVATE_ENV, "1")
    source = io.from_url(f"{server}{path}")
    assert "“Punimet përfundojnë të premten”, tha drejtori" in source.text
    assert "Bashkia e Korçës tha" in source.text
    assert source.meta.title == "Uji në Korçë"


def test_plain_text_is_read_in_the_charset_the_server_declares(server, monkeypatch):
    monkeypatch.setenv(web.ALLOW_PRIVATE_ENV, "1")
    assert io.from_url(f"{server}/1252-plain").text == "Kreu i bashkisë tha: “Jemi gati”."


def test_request_headers_and_host_name(port):
    """The connection goes to the checked address, but the Host header stays the name."""
    text = web.fetch(f"http://localhost:{port}/headers", allow_private=True).data.decode()
    assert f"Host: localhost:{port}\n" in text
    assert f"User-Agent: attribution/{__version__}\n" in text
    assert "Accept: text/html,application/xhtml+xml,text/plain;q=0.8\n" in text
    assert "Accept-Encoding: identity\n" in text


@pytest.mark.parametrize("status", sorted(web._REDIRECTS))
def test_redirect_is_followed(server, status):
    page = web.fetch(f"{server}/redirect-{status}", allow_private=True)
    assert page.url == f"{server}/redirect-{status}"
    assert page.final_url == f"{server}/article"
    assert page.data.decode() == ARTICLE


def test_redirects_are_counted(server):
    assert web.fetch(f"{server}/redirect", allow_private=True, max_redirects=1).data
    message = refusal(f"{server}/redirect", max_redirects=0)
    assert message == f"{server}/redirect: too many redirects (more than 0)"


def test_redirect_loop(server):
    message = refusal(f"{server}/loop")
    assert message == f"{server}/loop: too many redirects (more than 5)"


@pytest.mark.parametrize(
    ("path", "target", "reason"),
    [
        ("/to-ftp", "ftp://example.com/file", "only http:// and https:// addresses are fetched"),
        ("/to-credentials", "http://user:pw@example.com/", "the address carries a user name"),
    ],
)
def test_each_redirect_is_checked_again(server, path, target, reason):
    message = refusal(f"{server}{path}")
    assert message.startswith(f"{server}{path}: redirected to {target}: refused: {reason}")


def test_content_length_over_the_limit_is_refused_before_reading(server):
    message = refusal(f"{server}/big")
    assert message == f"{server}/big: 3 MB is over the 1 MB limit"


@pytest.mark.parametrize("path", ["/big-no-length", "/big-chunked"])
def test_body_over_the_limit_is_cut(server, path):
    assert refusal(f"{server}{path}") == f"{server}{path}: more than the 1 MB limit"


def test_body_shorter_than_its_length(server):
    message = refusal(f"{server}/short")
    assert message.endswith(": the server closed the connection before the whole page arrived")


@pytest.mark.parametrize("path", ["/slow", "/slow-headers"])
def test_trickling_server_cannot_outlast_the_deadline(server, path):
    start = time.monotonic()
    message = refusal(f"{server}{path}", timeout=1.5)
    assert time.monotonic() - start < 3.0
    assert message == f"{server}{path}: timed out after 1.5 s"


def test_error_status(server):
    assert refusal(f"{server}/missing") == f"{server}/missing: the server answered 404 Not Found"


def test_not_a_web_page(server):
    message = refusal(f"{server}/pdf")
    assert message == f"{server}/pdf: not a web page (Content-Type: application/pdf)"


def test_compressed_answer_is_refused(server):
    message = refusal(f"{server}/gzip")
    assert message == f"{server}/gzip: the server sent gzip-compressed data though asked not to"


def test_connection_refused():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{unused.getsockname()[1]}/"
    assert refusal(url) == f"{url}: cannot connect (connection refused)"


def test_loopback_is_refused_unless_allowed(server, monkeypatch):
    monkeypatch.delenv(web.ALLOW_PRIVATE_ENV, raising=False)
    message = refusal(f"{server}/article", allow_private=None)
    assert message == (
        f"{server}/article: refused: 127.0.0.1 is a loopback address "
        "(set ATTRIBUTION_ALLOW_PRIVATE_URLS=1 to allow it)"
    )


def test_environment_allows_private_addresses(server, monkeypatch):
    monkeypatch.setenv(web.ALLOW_PRIVATE_ENV, "1")
    assert web.fetch(f"{server}/article").data.decode() == ARTICLE
    assert "loopback" in refusal(f"{server}/article", allow_private=False)


@pytest.mark.parametrize("value", ["0", "true", "yes", ""])
def test_only_1_in_the_environment_allows(server, monkeypatch, value):
    monkeypatch.setenv(web.ALLOW_PRIVATE_ENV, value)
    assert "127.0.0.1 is a loopback address" in refusal(f"{server}/article", allow_private=None)


@pytest.mark.parametrize(
    ("ip", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("64:ff9b::7f00:1", "loopback"),  # NAT64: 127.0.0.1
        ("2002:a01:203::", "private"),  # 6to4: 10.1.2.3
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("::ffff:192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("100.64.0.1", "not public"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("93.184.216.34", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
        ("::ffff:93.184.216.34", None),
    ],
)
def test_address_problem(ip, kind):
    assert web.address_problem(ip) == kind


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://x", "refused: only http:// and https:// addresses are fetched"),
        ("file:///etc/passwd", "refused: only http:// and https:// addresses are fetched"),
        ("http://user:pw@example.com/", "refused: the address carries a user name or password"),
        ("http://user@example.com/", "refused: the address carries a user name or password"),
        ("http:///nohost", "refused: the address names no host"),
        ("http://[::1/", "refused: not a valid web address"),
        ("http://example.com:99999/", "refused: not a valid web address"),
        ("http://a..b/", "no such host"),
    ],
)
def test_refused_before_any_connection(url, reason):
    assert refusal(url) == f"{url}: {reason}"


def test_message_stays_one_line():
    """An address pasted with a line break in it is shown escaped: the error is still one line."""
    with pytest.raises(InputError) as caught:
        web.fetch("gopher://x/\n\u2028")
    assert (
        str(caught.value)
        == r"gopher://x/\n\u2028: refused: only http:// and https:// addresses are fetched"
    )


def test_untrusted_certificate(tls, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    message = refusal(f"https://localhost:{tls[0]}/article")
    assert ": TLS error: certificate verify failed: self" in message  # "self-signed certificate"


def test_https_with_a_trusted_certificate(tls, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls[1]))
    page = web.fetch(f"https://localhost:{tls[0]}/redirect", allow_private=True)
    assert page.final_url == f"https://localhost:{tls[0]}/article"
    assert page.data.decode() == ARTICLE


def test_https_checks_the_host_name_though_the_address_is_pinned(tls, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls[1]))
    message = refusal(f"https://127.0.0.1:{tls[0]}/article")
    assert ": TLS error: certificate verify failed: IP address mismatch" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://example.com", True),
        ("HTTPS://Shqip.al/lajme/rama-do-te-votojme?id=3", True),
        ("https://lajme.al/artikull/votë", True),
        ("example.com", False),
        ("ftp://example.com", False),
        ("http://", False),
        (" http://example.com", False),
        ("http://example .com", False),
        ("http://example.com\n", False),
        ("“Jemi gati”, tha ministri.", False),
        ("", False),
    ],
)
def test_is_url(text, expected):
    assert web.is_url(text) is expected
