"""The command line: documented, and clear about bad input."""

from __future__ import annotations

import hashlib

import click
import pytest
from click.testing import CliRunner

from wstextract.cli import cli
from wstextract.specs import Extractors, SpecError


def all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


def test_every_command_and_option_has_help():
    for path, command in all_commands(cli):
        assert command.help, f"wstextract {' '.join(path)} has no help"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"wstextract {' '.join(path)} {param.opts[0]} has no help"
        result = CliRunner().invoke(cli, [*path, "--help"])
        assert result.exit_code == 0


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_bytes(b""), "the file is empty (0 bytes)"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100), "not a PDF (no %PDF- header)"),
        (lambda p: p.write_text("<html><body>hi</body></html>"), "not a PDF"),
        (lambda p: p.mkdir(), "is a directory, not a PDF file"),
        (lambda p: None, "no such file"),
    ],
)
def test_bad_input_is_one_clear_line_and_the_database_is_untouched(
    tmp_path, corpus_db, make, message
):
    bad = tmp_path / "report.pdf"
    make(bad)
    before = hashlib.sha256(corpus_db.read_bytes()).hexdigest()
    result = CliRunner().invoke(cli, ["ingest", str(bad), "--db", str(corpus_db)])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert hashlib.sha256(corpus_db.read_bytes()).hexdigest() == before


def test_a_broken_spec_file_is_named(tmp_path):
    for name in ("report.toml", "tables.toml", "quality.toml"):
        (tmp_path / name).write_text((Extractors().directory / name).read_text())
    (tmp_path / "tables.toml").write_text(
        '[[table]]\nname = "x"\ndescription = "d"\nlayout = "breakdown"\n'
        '[[table.measures]]\nmetric = "m"\nunit = "dozens"\n'
    )
    with pytest.raises(SpecError, match=r"tables.toml: table.0.measures.0.unit"):
        Extractors(tmp_path)


def _reportlab_pdf(path, lines):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for k, line in enumerate(lines):
        c.drawString(72, 750 - 14 * k, line)
    c.showPage()
    c.save()


def _ingest(pdf, db, *extra):
    return CliRunner().invoke(cli, ["ingest", str(pdf), "--db", str(db), *extra])


def test_named_errors_for_unreadable_pdfs(tmp_path, corpus_db, main_entry):
    import pikepdf

    before = hashlib.sha256(corpus_db.read_bytes()).hexdigest()
    encrypted = tmp_path / "encrypted.pdf"
    with pikepdf.open(main_entry.path()) as pdf:
        pdf.save(encrypted, encryption=pikepdf.Encryption(owner="o", user="secret", R=6))
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(main_entry.path().read_bytes()[:30000])
    cases = [
        (encrypted, [], "the PDF is encrypted; pass --password to open it"),
        (encrypted, ["--password", "nope"], "the PDF is encrypted; the password is wrong"),
        (truncated, [], "the PDF is damaged and cannot be read"),
    ]
    for pdf, extra, message in cases:
        result = _ingest(pdf, corpus_db, *extra)
        assert result.exit_code == 2, result.output
        assert message in result.output and "Traceback" not in result.output
    assert hashlib.sha256(corpus_db.read_bytes()).hexdigest() == before


def test_a_pdf_that_is_not_an_annual_report_is_refused(tmp_path):
    shopping = tmp_path / "shopping.pdf"
    _reportlab_pdf(shopping, ["Shopping list", "eggs", "milk"])
    result = _ingest(shopping, tmp_path / "x.db")
    assert result.exit_code == 2
    assert "no reporting period found" in result.output
    assert not (tmp_path / "x.db").exists()


def test_a_database_that_is_not_sqlite_is_bad_input(tmp_path, main_entry):
    notes = tmp_path / "notes.db"
    notes.write_text("my notes, not a database")
    result = _ingest(main_entry.path(), notes)
    assert result.exit_code == 2 and "not a SQLite database" in result.output
    assert notes.read_text() == "my notes, not a database"


def test_a_definition_naming_an_unknown_partner_is_named(tmp_path):
    for name in ("report.toml", "tables.toml", "quality.toml", "partners.toml", "metrics.toml"):
        (tmp_path / name).write_text((Extractors().directory / name).read_text())
    text = (tmp_path / "metrics.toml").read_text()
    (tmp_path / "metrics.toml").write_text(text.replace('"West Midlands Police"', '"WM Police"', 1))
    with pytest.raises(SpecError, match=r"metrics.toml: .*'WM Police' is not a name in partners"):
        Extractors(tmp_path)


def test_a_bug_in_any_command_is_one_line_and_a_log(tmp_path, corpus_db, monkeypatch):
    def planted(*args, **kwargs):
        raise KeyError("planted")

    monkeypatch.setenv("WSTEXTRACT_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr("wstextract.query.metric_series", planted)
    result = CliRunner().invoke(cli, ["compare", "cse_incidents", "--db", str(corpus_db)])
    assert result.exit_code == 1
    assert "Error: internal error in `wstextract compare`: please report it" in result.output
    assert "Traceback" not in result.output
    (log,) = (tmp_path / "logs").glob("internal-error-*.log")
    assert "KeyError: 'planted'" in log.read_text()


def test_bad_input_a_command_does_not_catch_is_not_called_our_bug(corpus_db, tmp_path, monkeypatch):
    """A WstError that escapes a command is bad input: its own exit code and line, no log."""
    from wstextract import corrections, errors

    def refused(*args, **kwargs):
        raise errors.BadInput("research.db: a corrections row names no report")

    monkeypatch.setattr(corrections, "standings", refused)
    monkeypatch.setenv("WSTEXTRACT_LOG_DIR", str(tmp_path / "logs"))
    result = CliRunner().invoke(cli, ["corrections", "list", "--db", str(corpus_db)])
    assert result.exit_code == 2 and "a corrections row names no report" in result.output
    assert "internal error" not in result.output and not (tmp_path / "logs").exists()
