"""Hostile and broken input: one clear line, a distinct exit code, the database untouched."""

from __future__ import annotations

import io
import re
import shutil
import sqlite3

import pytest
from click.testing import CliRunner
from conftest import digest

from wstextract.cli import cli


@pytest.fixture()
def db(corpus_db, tmp_path):
    path = tmp_path / "research.db"
    shutil.copy(corpus_db, path)
    return path


def ingest(pdf, db, *extra):
    return CliRunner().invoke(cli, ["ingest", str(pdf), "--db", str(db), *extra])


def assert_refused(result, db, before, message, code=2):
    assert result.exit_code == code, result.output
    assert message in result.output, result.output
    assert "Traceback" not in result.output
    assert next(ln for ln in result.output.splitlines() if ln.strip()).startswith("Error: ")
    assert digest(db) == before


def test_corrupted_cross_reference_table(db, main_entry, tmp_path, extractions):
    data = main_entry.path().read_bytes()
    # a wrong startxref offset: pdfminer rebuilds the cross-references, the report is readable
    at = data.rfind(b"startxref")
    recoverable = tmp_path / "xref.pdf"
    recoverable.write_bytes(data[:at] + b"startxref\n99999999\n%%EOF\n")
    result = ingest(recoverable, tmp_path / "fresh.db")
    assert result.exit_code == 0, result.output
    # the same metrics as from the undamaged file
    metrics = f"{extractions['wst-2021-22'].count('metrics')} metrics"
    assert "wst-2021-22 (2021-22" in result.output and metrics in result.output
    # no document root at all: nothing to rebuild from
    rootless = tmp_path / "rootless.pdf"
    rootless.write_bytes(data.replace(b"/Root", b"/Xoot"))
    before = digest(db)
    assert_refused(ingest(rootless, db), db, before, "the PDF is damaged and cannot be read")


def test_corrupted_streams(db, main_entry, tmp_path):
    data = bytearray(main_entry.path().read_bytes())
    for m in re.finditer(rb"stream\r?\n", bytes(data)):
        for k in range(m.end(), min(m.end() + 40, len(data))):
            data[k] ^= 0x5A
    bad = tmp_path / "streams.pdf"
    bad.write_bytes(bytes(data))
    before = digest(db)
    assert_refused(ingest(bad, db), db, before, "the PDF is damaged and cannot be read")


def test_a_scan_without_a_text_layer(db, main_entry, tmp_path):
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = pdfium.PdfDocument(str(main_entry.path()))
    scan = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan), pagesize=(595, 842))
    for k in range(3):
        image = pdf[k].render(scale=1).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        c.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, 595, 842)
        c.showPage()
    c.save()
    before = digest(db)
    assert_refused(ingest(scan, db), db, before, "no text layer on any of its 3 pages (a scan?)")


def test_encrypted_pdf_opens_with_its_password(tmp_path, main_entry):
    import pikepdf

    encrypted = tmp_path / "encrypted.pdf"
    with pikepdf.open(main_entry.path()) as pdf:
        pdf.save(encrypted, encryption=pikepdf.Encryption(owner="o", user="s3cret", R=6))
    result = ingest(encrypted, tmp_path / "new.db", "--password", "s3cret")
    assert result.exit_code == 0, result.output
    assert "wst-2021-22 (2021-22" in result.output and "-> stored in" in result.output


def test_not_a_report_unless_forced(tmp_path):
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "leaflet.pdf"
    c = canvas.Canvas(str(pdf))
    for k, line in enumerate(
        [
            "Wolverhampton Safeguarding Together",
            "Annual Report 2021 / 2022",
            "A leaflet about our coffee morning.",
        ]
    ):
        c.drawString(72, 750 - 20 * k, line)
    c.showPage()
    c.save()
    db = tmp_path / "x.db"
    result = ingest(pdf, db)
    assert result.exit_code == 2 and "use --force to ingest it anyway" in result.output
    assert not db.exists()
    forced = ingest(pdf, db, "--force")
    assert forced.exit_code == 0 and "wst-2021-22 (2021-22" in forced.output


def test_page_count_and_page_time_limits(db, main_entry):
    before = digest(db)
    assert_refused(
        ingest(main_entry.path(), db, "--replace", "--max-pages", "10"),
        db,
        before,
        "49 pages, more than the limit of 10 (raise --max-pages to allow it)",
    )
    assert_refused(
        ingest(main_entry.path(), db, "--replace", "--page-timeout", "0.0001"),
        db,
        before,
        "took longer than 0.0001 s",
    )


def test_one_bad_file_does_not_stop_the_others(tmp_path, main_entry):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n garbage")
    db = tmp_path / "batch.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(junk), str(main_entry.path()), "--db", str(db), "--jobs", "2"]
    )
    assert result.exit_code == 2
    assert "junk.pdf: the PDF is damaged" in result.output
    summary = {ln.split("│")[1].strip(): ln for ln in result.output.splitlines() if "│" in ln}
    assert "error" in summary["junk.pdf"] and "stored" in summary[main_entry.path().name]
    with sqlite3.connect(db) as conn:  # the good file is stored whole
        assert conn.execute("select id from reports").fetchall() == [("wst-2021-22",)]
        (metrics,) = conn.execute("select count(*) from metrics").fetchone()
    assert metrics > 90


def planted_bug(*args, **kwargs):
    raise KeyError("planted")


@pytest.mark.parametrize(
    "where",
    [
        "wstextract.layout.pdf.reading_order",  # the layout layer
        "wstextract.tables.ruled.cell_text",  # the ruled-table finder, on the first ruled page
    ],
)
def test_a_bug_in_our_code_is_an_internal_error_not_a_damaged_pdf(
    db, main_entry, tmp_path, monkeypatch, where
):
    monkeypatch.setenv("WSTEXTRACT_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(where, planted_bug)
    before = digest(db)
    result = ingest(main_entry.path(), db, "--replace")
    assert_refused(result, db, before, "internal error while reading page ", code=1)
    assert re.search(r"internal error while reading page \d+: please report it;", result.output)
    assert "damaged" not in result.output
    # the log the line points to holds the traceback and the versions
    (log,) = (tmp_path / "logs").glob("internal-error-*.log")
    assert str(log) in result.output
    text = log.read_text()
    assert "KeyError: 'planted'" in text and "pdfplumber: 0." in text and "wstextract: " in text


def test_a_bug_after_the_pages_are_read_is_an_internal_error(db, main_entry, tmp_path, monkeypatch):
    monkeypatch.setenv("WSTEXTRACT_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr("wstextract.pipeline.find_statements", planted_bug)
    before = digest(db)
    result = ingest(main_entry.path(), db, "--replace")
    assert_refused(result, db, before, "internal error while ingesting it: please report it", 1)


def test_a_library_error_on_the_file_is_still_damage(tmp_path, monkeypatch):
    """The other side of the rule: what pdfminer raises while parsing is the file's fault."""
    from pdfminer.psparser import PSSyntaxError

    from wstextract import errors, layout

    try:
        import pdfminer.psparser as ps

        ps.PSBaseParser(__import__("io").BytesIO(b"")).nexttoken()
    except Exception as e:  # pdfminer's own frame raised it
        assert layout.raised_by_pdf_library(e)
        assert isinstance(layout.as_named_error(e, tmp_path / "x.pdf"), errors.DamagedPdf)
    else:
        pytest.fail("pdfminer parsed an empty stream")
    ours = PSSyntaxError("raised by wstextract, not by pdfminer")
    try:
        raise ours
    except PSSyntaxError as e:
        assert not layout.raised_by_pdf_library(e)
        assert isinstance(layout.as_named_error(e, tmp_path / "x.pdf"), errors.InternalError)
