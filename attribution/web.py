"""Fetch an article page by its address, without becoming a way into the desk's own network.

Desks paste links to the articles they check, and the fetcher runs on the desk's server: every
address is a request made from inside the desk's network. A link, or a redirect it leads to,
aimed at 127.0.0.1, 10.0.0.0/8 or the cloud's 169.254.169.254 would read what only that server
may read. So each hop is refused unless all of its host's addresses are public, the connection
goes to the very address that was checked (a second DNS lookup could answer 127.0.0.1: DNS
rebinding), and one deadline and one size limit bound the whole fetch. Every failure is an
`InputError` with a one-line reason, never a socket's traceback.
"""

from __future__ import annotations

import contextlib
import http.client
import io as stdio
import ipaddress
import re
import socket
import ssl
import time
from urllib.parse import quote, urljoin, urlsplit

from . import settings
from .errors import InputError
from .io import MAX_BYTES, megabytes
from .model import Frozen

ALLOW_PRIVATE_ENV = settings.variable("allow_private_urls")
TIMEOUT_SECONDS = 20.0  # the whole fetch, all redirects included
MAX_REDIRECTS = 5

_REDIRECTS = {301, 302, 303, 307, 308}
_PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
_CHUNK = 64 * 1024
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # IPv6 addresses a gateway turns into IPv4 ones
# What a request line may carry as it is; anything else (a space, "ë") is percent-encoded.
_PATH_SAFE = "!#$%&'()*+,/:;=?@[]~"


class Page(Frozen):
    """A page's bytes as the server sent them, with what is needed to decode them."""

    url: str  # the address asked for
    final_url: str  # where the redirects led
    content_type: str  # "text/html", "application/xhtml+xml" or "text/plain"
    charset: str | None  # as the server declared it, lower case
    data: bytes


class _Failed(Exception):
    """Why one request failed, said plainly; `fetch` puts the address in front."""


class _Deadline:
    """One clock for the whole fetch, all redirects included: each wait gets the time left."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left, or TimeoutError once there are none."""
        left = self._end - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left


def is_url(text: str) -> bool:
    """Whether pasted text is a link to fetch rather than an article's own text."""
    return _URL.fullmatch(text) is not None


def address_problem(ip: str) -> str | None:
    """None for an address anyone on the internet can reach, else the kind it is.

    An IPv4 address inside an IPv6 one (::ffff:10.0.0.1, 6to4, NAT64) is judged as the IPv4
    address, since that is where the connection ends up.
    """
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        address = _embedded_ipv4(address) or address
    for kind in ("loopback", "link-local", "unspecified", "multicast", "reserved", "private"):
        if getattr(address, "is_" + kind.replace("-", "_")):
            return kind
    return None if address.is_global else "not public"


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.ipv4_mapped or address.sixtofour


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    allow_private: bool | None = None,
) -> Page:
    """The page at `url`, following at most `max_redirects` redirects, each checked like `url`.

    `allow_private` None defers to ATTRIBUTION_ALLOW_PRIVATE_URLS=1: a desk whose archive is on
    its own network sets it, and no pasted link can.
    """
    if allow_private is None:
        allow_private = settings.current().allow_private_urls
    deadline = _Deadline(timeout)
    address = url
    for _ in range(max_redirects + 1):
        try:
            answer = _fetch_once(address, deadline, max_bytes, allow_private)
        except _Failed as failure:
            where = url if address == url else f"{url}: redirected to {address}"
            raise InputError(_one_line(f"{where}: {failure}")) from None
        if isinstance(answer, Page):
            return answer.model_copy(update={"url": url})
        address = answer
    raise InputError(_one_line(f"{url}: too many redirects (more than {max_redirects})"))


def _fetch_once(
    address: str, deadline: _Deadline, max_bytes: int, allow_private: bool
) -> Page | str:
    """One request: the page, or the address the server redirects to."""
    https, host, port, path = _parse(address)
    addresses = _checked_addresses(host, port, allow_private)
    connection_class = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
    try:
        with (
            contextlib.closing(connection_class(host, port, addresses, deadline)) as connection,
            _send(connection, path) as response,  # http.client may hand it the socket: close it
        ):
            location = response.getheader("Location")
            if response.status in _REDIRECTS and location:
                return urljoin(address, location)
            return _page(address, response, max_bytes)
    except TimeoutError:
        raise _Failed(f"timed out after {deadline.seconds:g} s") from None
    except ssl.SSLError as exc:
        raise _Failed(f"TLS error: {_tls_reason(exc)}") from None
    except http.client.HTTPException as exc:
        reason = str(exc)[:80] or type(exc).__name__
        raise _Failed(f"the server's answer is broken ({reason})") from None
    except OSError as exc:
        raise _Failed(f"the connection failed ({_plain(exc)})") from None


def _parse(address: str) -> tuple[bool, str, int, str]:
    """(https?, host, port, path and query) of an address that may be fetched, else why not."""
    try:
        parts = urlsplit(address)
        port = parts.port
    except ValueError:  # "http://[::1", "http://host:99999"
        raise _Failed("refused: not a valid web address") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _Failed("refused: only http:// and https:// addresses are fetched")
    if parts.username is not None or parts.password is not None:
        raise _Failed("refused: the address carries a user name or password")
    if not parts.hostname:
        raise _Failed("refused: the address names no host")
    https = scheme == "https"
    path = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=_PATH_SAFE)
    return https, parts.hostname, port or (443 if https else 80), path


def _checked_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """The host's addresses, every one of them public unless private ones are allowed."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        if exc.errno == socket.EAI_NONAME:
            raise _Failed("no such host") from None
        raise _Failed(f"cannot look up {host} ({_plain(exc)})") from None
    except ValueError:  # a name DNS cannot carry: "a..b", a NUL
        raise _Failed("no such host") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    for ip in [] if allow_private else addresses:
        if kind := address_problem(ip):
            what = "not a public address" if kind == "not public" else f"{_a(kind)} {kind} address"
            raise _Failed(f"refused: {ip} is {what} (set {ALLOW_PRIVATE_ENV}=1 to allow it)")
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the addresses that were checked, never to a new lookup of the host name,
    and reads the answer within the fetch's deadline."""

    def __init__(self, host: str, port: int, addresses: list[str], deadline: _Deadline) -> None:
        super().__init__(host, port)
        self._addresses = addresses
        self._deadline = deadline

    def connect(self) -> None:
        # Like socket.create_connection: the first address that answers, the last one's error.
        *others, last = self._addresses
        for ip in others:
            with contextlib.suppress(OSError):
                self.sock = socket.create_connection((ip, self.port), self._deadline.left())
                return
        self.sock = socket.create_connection((last, self.port), self._deadline.left())

    def response_class(self, sock: socket.socket, **kwargs) -> http.client.HTTPResponse:
        """http.client's hook for reading the answer: read it through the deadline."""
        return http.client.HTTPResponse(_DeadlineReader(sock, self._deadline), **kwargs)


class _PinnedHTTPSConnection(_PinnedHTTPConnection, http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        context = ssl.create_default_context()  # not http.client's: an env var can unverify that
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


class _DeadlineReader(stdio.RawIOBase):
    """The socket's bytes, each read waiting no longer than the time left.

    http.client reads the status line, the headers and chunk sizes by many small reads, each
    one within the socket's timeout; a server that trickles a byte a second would never hit it.
    Bounding every read by the time left is what holds the whole fetch to its deadline.
    """

    def __init__(self, sock: socket.socket, deadline: _Deadline) -> None:
        self._sock = sock
        self._stream = sock.makefile("rb", buffering=0)  # keeps the socket open while it is read
        self._deadline = deadline

    def makefile(self, mode: str) -> stdio.BufferedReader:
        """What HTTPResponse asks the socket it is given for."""
        return stdio.BufferedReader(self)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int | None:
        self._sock.settimeout(self._deadline.left())
        return self._stream.readinto(buffer)

    def close(self) -> None:
        self._stream.close()
        super().close()


def _send(connection: _PinnedHTTPConnection, path: str) -> http.client.HTTPResponse:
    from . import __version__  # here: the package's modules import this one as it starts

    try:
        connection.connect()
    except (TimeoutError, ssl.SSLError):
        raise
    except OSError as exc:
        raise _Failed(f"cannot connect ({_plain(exc)})") from None
    headers = {
        "User-Agent": f"attribution/{__version__}",
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8",
        "Accept-Encoding": "identity",
    }
    connection.request("GET", path, headers=headers)
    return connection.getresponse()


def _page(address: str, response: http.client.HTTPResponse, max_bytes: int) -> Page:
    if not 200 <= response.status < 300:
        raise _Failed(f"the server answered {response.status} {response.reason}".rstrip())
    content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in _PAGE_TYPES:
        shown = f"Content-Type: {content_type}" if content_type else "no Content-Type"
        raise _Failed(f"not a web page ({shown})")
    encoding = response.getheader("Content-Encoding", "identity").strip().lower()
    if encoding != "identity":
        raise _Failed(f"the server sent {encoding}-compressed data though asked not to")
    if response.length is not None and response.length > max_bytes:
        raise _Failed(f"{megabytes(response.length)} is over the {megabytes(max_bytes)} limit")
    data = _read_body(response, max_bytes)
    charset = response.headers.get_content_charset()
    return Page(
        url=address, final_url=address, content_type=content_type, charset=charset, data=data
    )


def _read_body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """The body, stopped as soon as it passes the limit: with no Content-Length (chunked, or
    until the server closes) nothing else bounds it."""
    chunks, size = [], 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _Failed(f"more than the {megabytes(max_bytes)} limit")
        chunks.append(chunk)
    if response.length:  # what Content-Length promised and never came
        raise _Failed("the server closed the connection before the whole page arrived")
    return b"".join(chunks)


def _tls_reason(exc: ssl.SSLError) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"certificate verify failed: {exc.verify_message}"
    return str(getattr(exc, "reason", None) or exc).replace("_", " ").lower()


def _plain(exc: OSError) -> str:
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _one_line(message: str) -> str:
    """The message with line breaks and control characters escaped: it is shown as one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
