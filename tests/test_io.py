"""Loading articles: offsets stay in the user's text; bad input is one clear error."""

from __future__ import annotations

import io as stdio
import json
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement

from attribution import analyze, io

from .conftest import SEED, run_cli


def test_seed_header_becomes_title_and_date():
    source = io.read_path(SEED)
    assert source.meta.title == "Putin dhe Erdogan zotohen për thellim të raporteve"
    assert source.meta.date == "2022-01-03T08:40"
    assert source.text == SEED.read_text(encoding="utf-8")
    assert len(source.meta.sha256) == 64


def test_headline_without_header_is_the_title():
    source = io.from_text("Rama: Do të votojmë më 30 korrik\n\nKryeministri tha se …")
    assert source.meta.title == "Rama: Do të votojmë më 30 korrik"


def test_bom_and_crlf_are_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff“Po”, tha ai.\r\n".encode())
    source = io.read_path(path)
    assert source.text == "\ufeff“Po”, tha ai.\r\n"


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("“Po”, tha ai.".encode("utf-16"))
    assert io.read_path(path).text == "“Po”, tha ai."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Tha se është gati".encode("cp1250"), "not UTF-8"),
    ],
)
def test_unreadable_text_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(io.InputError, match=message):
        io.read_path(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(io.InputError, match="no such file"):
        io.read_path(tmp_path / "nope.txt")
    with pytest.raises(io.InputError, match="folder"):
        io.read_path(tmp_path)


def test_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("a" * 200, encoding="utf-8")
    with pytest.raises(io.InputError, match="limit"):
        io.read_path(path)


def test_html_main_text_is_extracted(tmp_path):
    path = tmp_path / "a.html"
    body = " ".join(["Kryeministri tha se qeveria do të ulë taksat për bizneset e vogla."] * 5)
    path.write_text(
        "<html><head><title>Taksat</title><script>alert(1)</script></head><body>"
        "<nav>Ballina | Lajme</nav><article><h1>Taksat ulen</h1>"
        f"<p>{body}</p><p>“Do t’i ulim”, tha ai.</p></article></body></html>",
        encoding="utf-8",
    )
    source = io.read_path(path)
    assert "qeveria do të ulë taksat" in source.text
    assert "alert(1)" not in source.text
    assert source.meta.title == "Taksat ulen"  # the headline of the article, not the tab


def test_docx_paragraphs_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("Titulli i lajmit")
    document.add_paragraph("“Jemi gati”, tha ministri.")
    path = tmp_path / "a.docx"
    document.save(path)
    source = io.read_path(path)
    assert source.text == "Titulli i lajmit\n\n“Jemi gati”, tha ministri."


def test_docx_tables_are_read_where_they_stand(tmp_path):
    """Cells row by row, each paragraph of a cell a paragraph, a merged cell once, a table
    inside a cell after the cell's own text, then the paragraph after the table."""
    document = docx.Document()
    document.add_paragraph("Deklaratat e javës")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Ministri i Jashtëm"
    table.cell(0, 1).text = "“Jemi gati për bisedime”, tha ai."
    table.cell(0, 1).add_paragraph("Burimi: konferenca")
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Shënim për të dy shtyllat"
    inner = table.cell(0, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Tirana"
    inner.cell(0, 1).text = "e hënë"
    document.add_paragraph("Kryetari tha se do të presë.")
    path = tmp_path / "a.docx"
    document.save(path)
    assert io.read_path(path).text.split("\n\n") == [
        "Deklaratat e javës",
        "Ministri i Jashtëm",
        "Tirana",
        "e hënë",
        "“Jemi gati për bisedime”, tha ai.",
        "Burimi: konferenca",
        "Shënim për të dy shtyllat",
        "Kryetari tha se do të presë.",
    ]


def test_a_quote_in_a_docx_table_is_analysed_in_the_text_shown(tmp_path):
    document = docx.Document()
    document.add_paragraph("Takimi në Durrës")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Kryetarja e bashkisë"
    table.cell(0, 1).text = "“Porti do të hapet në pranverë”, tha kryetarja e bashkisë."
    path = tmp_path / "a.docx"
    document.save(path)
    source = io.read_path(path)
    quotes = analyze(source).quotes
    assert [q.text for q in quotes] == ["Porti do të hapet në pranverë"]
    assert source.text[quotes[0].start : quotes[0].end] == quotes[0].text


def test_docx_content_controls_are_opened(tmp_path):
    """A form or template keeps its text in content controls (w:sdt) around paragraphs."""
    document = docx.Document()
    document.add_paragraph("Hyrja")
    inside = document.add_paragraph("“Nuk ka vonesa”, tha drejtori.")._p
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    inside.addprevious(control)
    control.append(content)
    content.append(inside)
    document.add_paragraph("Fundi")
    path = tmp_path / "a.docx"
    document.save(path)
    assert io.read_path(path).text == "Hyrja\n\n“Nuk ka vonesa”, tha drejtori.\n\nFundi"


def test_truncated_docx_is_a_clear_error(tmp_path):
    buffer = stdio.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    path = tmp_path / "broken.docx"
    path.write_bytes(buffer.getvalue()[:40])
    with pytest.raises(io.InputError, match="docx"):
        io.read_path(path)


PRICES = " ".join(["Qeveria tha se çmimet e energjisë do të mbeten të njëjta këtë dimër."] * 4)


def _page_in_windows_1252(declaration: str) -> bytes:
    page = (
        f"<html><head>{declaration}<title>Çmimet</title></head><body><article>"
        f"<h1>Çmimet e energjisë</h1><p>{PRICES}</p>"
        "<p>“Nuk do t’i rrisim çmimet”, tha ministrja e Energjisë.</p></article></body></html>"
    )
    data = page.encode("cp1252")
    assert b"\x93Nuk do t\x92i rrisim \xe7mimet\x94" in data  # “ ’ ç ”: a byte each, no UTF-8
    return data


DECLARATIONS = [
    '<meta charset="windows-1252">',
    "<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>",
    "<meta charset=ISO-8859-1>",  # read as windows-1252, as browsers do: “ ” stay marks
]


@pytest.mark.parametrize("declaration", DECLARATIONS)
@pytest.mark.parametrize("name", ["çmimet.html", "çmimet.htm"])
def test_html_is_read_in_the_charset_it_declares(tmp_path, declaration, name):
    data = _page_in_windows_1252(declaration)
    path = tmp_path / name
    path.write_bytes(data)
    for source in (io.read_path(path), io.read_bytes(data, name=name)):
        assert "çmimet e energjisë" in source.text
        assert "“Nuk do t’i rrisim çmimet”, tha ministrja" in source.text
        assert source.meta.title == "Çmimet e energjisë"


def test_a_windows_1252_page_is_analysed_with_its_quotation_marks(tmp_path):
    path = tmp_path / "a.html"
    path.write_bytes(_page_in_windows_1252(DECLARATIONS[0]))
    analysis = analyze(io.read_path(path))
    (quote,) = [q for q in analysis.quotes if q.text == "Nuk do t’i rrisim çmimet"]
    assert analysis.text[quote.start : quote.end] == quote.text
    assert quote.speaker is not None and quote.speaker.mention.text == "ministrja e Energjisë"


@pytest.mark.parametrize(
    ("declaration", "message"),
    [
        ("", "not UTF-8 text"),  # no declaration: UTF-8, as before
        ('<meta charset="klingon">', "declares the charset 'klingon', not a known text encoding"),
        ('<meta charset="base64">', "not a known text encoding"),  # a codec, but not of text
        ('<meta charset="utf-8">', "not 'utf-8' text as it declares"),
    ],
)
def test_html_in_no_charset_it_declares_is_a_clear_error(declaration, message):
    with pytest.raises(io.InputError, match=message):
        io.read_bytes(_page_in_windows_1252(declaration), name="a.html")


@pytest.mark.parametrize(
    ("header", "title", "date"),
    [
        ("08:40 45/99/2022", "Titulli i lajmit", None),  # day 45, month 99
        ("08:40 30/02/2022", "Titulli i lajmit", None),
        ("25:00 03/01/2022", "Titulli i lajmit", None),
        ("08:61 03/01/2022", "Titulli i lajmit", None),
        ("08:40 29/02/2024", "Titulli i lajmit", "2024-02-29T08:40"),  # a leap day is a day
        ("date 2022-13 Titulli i lajmit", "date 2022-13 Titulli i lajmit", None),
        ("date 2022-02-30 Titulli i lajmit", "date 2022-02-30 Titulli i lajmit", None),
    ],
)
def test_a_header_date_must_be_a_calendar_date(tmp_path, header, title, date):
    path = tmp_path / "a.txt"
    first = header if header.startswith("date") else f"Titulli i lajmit\n\n{header}"
    path.write_text(f"{first}\n\n“Jemi gati”, tha ministri.\n", encoding="utf-8")
    source = io.read_path(path)
    assert (source.meta.title, source.meta.date) == (title, date)


def test_a_wrong_time_keeps_the_month_the_title_line_gave():
    source = io.from_text(" date 2022-01 Titulli\n\n08:40 45/99/2022\n\nTeksti vijon.")
    assert (source.meta.title, source.meta.date) == ("Titulli", "2022-01")


def test_no_wrong_header_date_reaches_the_analysis(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Titulli i lajmit\n\n08:40 45/99/2022\n\n“Jemi gati”, tha ministri.\n", encoding="utf-8"
    )
    result = run_cli("analyze", "--format", "json", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meta"]["date"] is None


def test_upload_of_unknown_type_is_refused():
    with pytest.raises(io.InputError, match="unsupported file type"):
        io.read_bytes(b"x", name="a.pdf")


def test_files_written_about_an_article_are_named_by_its_file_or_its_id():
    from attribution.model import DocumentMeta

    sha = "ab" * 32
    assert DocumentMeta(source="seeds/000_seed.txt", sha256=sha).stem == "000_seed"
    for loaded_as in ("pasted text", "stdin", None):  # never `pasted text.csv` for every paste
        assert DocumentMeta(source=loaded_as, sha256=sha).stem == f"article-{sha[:12]}"
    linked = DocumentMeta(source="https://x.al/a.html", url="https://x.al/a.html", sha256=sha)
    assert linked.stem == f"article-{sha[:12]}" and linked.label == "https://x.al/a.html"
