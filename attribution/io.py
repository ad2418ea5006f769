"""Load articles (.txt, .html, .docx, stdin, pasted text) into a `SourceDoc`.

The text is kept exactly as the user gave it once decoded: a byte-order mark or CRLF line
ends stay in it, so every offset the tool reports indexes the user's own text. Anything the
loader cannot read becomes an `InputError` with a one-line reason, never a traceback.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date as calendar_date
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .model import DocumentMeta, Frozen

MAX_BYTES = 10 * 1024 * 1024
# One analysis holds about half a kilobyte per character of text at its peak (1 M characters:
# 0.5 GB over the models' 0.35 GB), so the text one analysis takes is bounded too: two
# million characters, the length of a long book, a hundred times the longest news article.
MAX_CHARS = 2_000_000
# A .docx is a zip: its parts may expand to this much (XML around the text, pictures), no more,
# so that a small file that unpacks to gigabytes is refused before it is unpacked.
MAX_DOCX_EXPANDED_BYTES = 5 * MAX_BYTES
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm"}
DOCX_SUFFIXES = {".docx"}

# Headers as the desk's archive exports write them: " date 2022-01 <title>" and "08:40 03/01/2022".
_DATE_TITLE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\s+(\S.*?)\s*$")
_TIME_DATE_LINE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s+(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_MAX_TITLE_CHARS = 250
# A page's own charset, <meta charset="…"> or <meta http-equiv="Content-Type" content="…;
# charset=…">, sought in its head: browsers find it there, even after long scripts.
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([-\w.:]+)", re.IGNORECASE)
_HEAD_BYTES = 64 * 1024
# Pages that declare Latin-1 or ASCII are written in windows-1252 (the web's reading of those
# labels): decoded as Latin-1, its “ ” (0x93, 0x94) would become control characters.
_WEB_READING = {"iso8859-1": "cp1252", "ascii": "cp1252"}
_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a UTF-16 pair: no character at all


class SourceDoc(Frozen):
    text: str
    meta: DocumentMeta


def from_text(
    text: str,
    *,
    source: str | None = None,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
) -> SourceDoc:
    """Wrap text that is already decoded (pasted, or from another program)."""
    if not text.strip():
        raise InputError(f"{source or 'input'}: the text is empty")
    if surrogate := _SURROGATE.search(text):  # only a program can pass such a string
        raise InputError(
            f"{source or 'input'}: not Unicode text (a lone surrogate at {surrogate.start()})"
        )
    if len(text) > MAX_CHARS:  # pasted, extracted from HTML, unpacked from a .docx
        raise InputError(
            f"{source or 'input'}: the text has {len(text):,} characters, more than the "
            f"{MAX_CHARS:,} one analysis takes (split it into articles)"
        )
    header_title, header_date = _header(text)
    meta = DocumentMeta(
        source=source,
        url=url,
        title=title or header_title,
        outlet=outlet,
        author=author,
        date=date or header_date,
        sha256=text_sha256(text),
    )
    return SourceDoc(text=text, meta=meta)


def read_source(name: str | Path) -> SourceDoc:
    """An article named on the command line: a web address, or a file."""
    from .web import is_url

    return from_url(str(name)) if is_url(str(name)) else read_path(name)


def from_url(url: str) -> SourceDoc:
    """Fetch the page (see `web.fetch` for the limits) and extract its article and metadata."""
    from .web import fetch

    url = url.split("#", 1)[0]
    page = fetch(url)
    if page.content_type == "text/plain":
        text = decode_text(page.data, source=url, charset=page.charset)
        return from_text(text, source=url, url=url, outlet=_host(page.final_url))
    return from_html(page.data, source=url, url=url, charset=page.charset)


def _host(url: str) -> str | None:
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def read_path(path: str | Path) -> SourceDoc:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    data = read_file_bytes(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return from_html(data, source=str(path))
    if suffix in DOCX_SUFFIXES:
        return from_docx(data, source=str(path))
    return from_text(decode_text(data, source=str(path)), source=str(path))


def read_file_bytes(path: Path) -> bytes:
    """A file's bytes, refused by its size before it is read, and read no further than the
    limit (a device or a pipe such as /dev/zero has no size to check)."""
    try:
        _check_size(path.stat().st_size, source=str(path))
        with path.open("rb") as handle:
            return read_limited(handle, source=str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_bytes(data: bytes, *, name: str) -> SourceDoc:
    """Load an upload by its file name's suffix (the dashboard's path)."""
    _check_size(len(data), source=name)
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return from_html(data, source=name)
    if suffix in DOCX_SUFFIXES:
        return from_docx(data, source=name)
    if suffix not in TEXT_SUFFIXES:
        raise InputError(f"{name}: unsupported file type {suffix!r} (use .txt, .html or .docx)")
    return from_text(decode_text(data, source=name), source=name)


def read_limited(stream: BinaryIO, *, source: str) -> bytes:
    """At most MAX_BYTES of a stream that may never end (a pipe, /dev/zero), or an error."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{source}: more than the {megabytes(MAX_BYTES)} limit")
    return data


def _check_size(size: int, *, source: str) -> None:
    if size > MAX_BYTES:
        raise InputError(f"{source}: {megabytes(size)} is over the {megabytes(MAX_BYTES)} limit")


def megabytes(size: int) -> str:
    """A size as people read it: binary megabytes, so the 10 MB limit is said as 10 MB."""
    whole, part = divmod(size, 2**20)
    return f"{whole} MB" if not part else f"{size / 2**20:.1f} MB"


def decode_text(data: bytes, *, source: str, charset: str | None = None) -> str:
    """UTF-8 (with or without BOM), or UTF-16 (with a BOM, or recognisably without one), or
    else the `charset` the server or the page declares. Valid UTF-8 is taken as UTF-8 even
    where another charset is declared: servers often name a default their pages do not use,
    and UTF-8 text is almost never valid by chance."""
    if not data.strip():
        raise InputError(f"{source}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: broken UTF-16 text ({exc.reason})") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(f"{source}: looks like a binary file, not text")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if charset is None:
            raise InputError(
                f"{source}: not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again"
            ) from None
    return _decode_declared(data, charset, source=source)


def _decode_declared(data: bytes, charset: str, *, source: str) -> str:
    """Strictly: a byte the charset has no character for is an error, not a `?` in a quote."""
    unknown = InputError(f"{source}: declares the charset {charset!r}, not a known text encoding")
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise unknown from None
    try:
        return data.decode(_WEB_READING.get(codec, codec))
    except LookupError:  # a codec of bytes to bytes, such as base64: no text encoding
        raise unknown from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source}: not {charset!r} text as it declares (byte {exc.start})"
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """Text some Windows tools save as UTF-16 with no byte-order mark. Albanian letters, even
    ë and ç, have a zero high byte, so one byte in two is zero on the high side; the text is
    taken when it decodes to printable characters only (a binary file decodes to controls)."""
    if len(data) % 2:
        return None
    for encoding, high_bytes in (("utf-16-le", data[1::2]), ("utf-16-be", data[::2])):
        if high_bytes.count(0) < len(high_bytes) / 2:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(c.isprintable() or c in "\n\r\t" for c in text):
            return text
    return None


def from_html(
    data: bytes, *, source: str, url: str | None = None, charset: str | None = None
) -> SourceDoc:
    """The article of a page, with what the page says of itself: title, site name, author,
    date, and its canonical address where it gives none other.

    The page is decoded here, not by trafilatura, which guesses an encoding from the bytes and
    ignores the declared one. The server's `charset` comes first, then the page's own.
    """
    import trafilatura

    html = decode_text(data, source=source, charset=charset or _meta_charset(data))
    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        raise InputError(f"{source}: no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    found = {
        name: (getattr(meta, name, None) or None) if meta else None
        for name in ("title", "date", "sitename", "author", "url")
    }
    return from_text(
        text,
        source=source,
        url=url or found["url"],
        title=found["title"],
        date=found["date"],
        outlet=found["sitename"] or (_host(url) if url else None),
        author=found["author"],
    )


def _meta_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data, 0, _HEAD_BYTES)
    return found.group(1).decode("ascii") if found else None


def from_docx(data: bytes, *, source: str) -> SourceDoc:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_expanded_size(data, source=source)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise InputError(f"{source}: not a readable .docx file ({exc})") from None
    except SyntaxError as exc:  # lxml's XMLSyntaxError: a part cut short or not XML
        raise InputError(f"{source}: not a readable .docx file (broken XML: {exc.msg})") from None
    paragraphs = [text for text in _paragraphs(document.element.body) if text.strip()]
    if not paragraphs:
        raise InputError(f"{source}: the document has no text")
    title = document.core_properties.title or None
    return from_text("\n\n".join(paragraphs), source=source, title=title)


def _paragraphs(element) -> Iterator[str]:
    """The text of every paragraph in reading order: a table's cells row by row, a table
    inside a cell where it stands, content controls (w:sdt) opened. Each cell paragraph is a
    paragraph of its own, so the words of neighbouring cells never run together. A cell that
    spans columns is one w:tc, read once (python-docx's row.cells repeats it). The recursion
    is bounded: python-docx's parser refuses XML nested deeper than 256 elements."""
    from docx.oxml.ns import qn

    paragraph = qn("w:p")
    for child in element.iterchildren(
        paragraph, qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt"), qn("w:sdtContent")
    ):
        if child.tag == paragraph:
            yield child.text
        else:
            yield from _paragraphs(child)


def _check_expanded_size(data: bytes, *, source: str) -> None:
    """Refuse a .docx whose parts, unpacked, would take more memory than any article needs
    (a zip bomb); a file that is no zip at all is left for python-docx to name."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile:
        return
    if expanded > MAX_DOCX_EXPANDED_BYTES:
        raise InputError(
            f"{source}: the .docx unpacks to {megabytes(expanded)}, over the "
            f"{megabytes(MAX_DOCX_EXPANDED_BYTES)} limit"
        )


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _header(text: str) -> tuple[str | None, str | None]:
    """Title and date from the first lines, where the article carries them."""
    title = date = None
    lines = [line for line in text.lstrip("\ufeff").splitlines()[:6] if line.strip()]
    for line in lines[:3]:
        if (found := _DATE_TITLE_LINE.match(line)) and _is_calendar_date(found.group(1)):
            date, title = found.group(1), found.group(2)
        elif found := _TIME_DATE_LINE.match(line):
            date = _time_and_date(*(int(g) for g in found.groups())) or date
    if title is None and lines and len(lines[0]) <= _MAX_TITLE_CHARS:
        first = lines[0].strip()
        if not first.endswith("."):  # a headline carries no full stop; a lead paragraph does
            title = first
    return title, date


def _is_calendar_date(text: str) -> bool:
    """Whether `2022-01` or `2022-01-03` names a real month or day: `2022-13` is a number, not
    a date, and would reach the reports and ClaimReview's datePublished."""
    try:
        calendar_date.fromisoformat(text if len(text) > 7 else f"{text}-01")
    except ValueError:
        return False
    return True


def _time_and_date(hour: int, minute: int, day: int, month: int, year: int) -> str | None:
    """`08:40 03/01/2022` as 2022-01-03T08:40, or None where it names no real moment
    (45/99/2022, 30/02, 25:00): the article then carries no date rather than a wrong one."""
    try:
        return datetime(year, month, day, hour, minute).isoformat(timespec="minutes")
    except ValueError:
        return None
