"""The ``wstextract`` command line: thin click wrappers around library calls."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .corpus import build as corpus_build


@click.group()
@click.version_option(__version__, prog_name="wstextract")
def cli() -> None:
    """Turn safeguarding-partnership annual reports (PDF) into traceable, queryable data."""


@cli.group()
def corpus() -> None:
    """Build and check the bundled report PDFs (corpus/)."""


@corpus.command("build")
@click.option(
    "--variants/--no-variants",
    default=False,
    help="Also render the second-producer variant (needs the 'variants' extra).",
)
@click.option("--only", metavar="ID", help="Build just the manifest entry with this id.")
@click.option(
    "--corpus-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=corpus_build.CORPUS_DIR,
    show_default=True,
    help="The corpus folder.",
)
def corpus_build_command(variants: bool, only: str | None, corpus_dir: Path) -> None:
    """Render corpus PDFs from corpus/src and update the manifest's sha256s.

    \b
    Examples:
        wstextract corpus build
        wstextract corpus build --variants
        wstextract corpus build --only wst-2022-23-synthetic
    """
    producers = ("reportlab", "weasyprint") if variants else ("reportlab",)
    try:
        built = corpus_build.build(corpus_dir, producers=producers, only=only)
    except (ValueError, OSError) as e:
        raise click.ClickException(str(e)) from e
    if not built:
        raise click.ClickException(f"nothing to build (--only {only!r} matches no entry?)")
    for entry in built:
        click.echo(f"{entry.id}: {entry.file} {corpus_build.sha256_of(entry.path(corpus_dir))}")


@corpus.command("check")
@click.option(
    "--corpus-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=corpus_build.CORPUS_DIR,
    show_default=True,
    help="The corpus folder.",
)
def corpus_check_command(corpus_dir: Path) -> None:
    """Verify every manifest file exists and matches its recorded sha256.

    \b
    Example:
        wstextract corpus check
    """
    problems = []
    for entry in corpus_build.load_manifest(corpus_dir):
        path = entry.path(corpus_dir)
        if not path.exists():
            problems.append(f"{entry.id}: {entry.file} is missing")
        elif corpus_build.sha256_of(path) != entry.sha256:
            problems.append(f"{entry.id}: {entry.file} does not match its manifest sha256")
        else:
            click.echo(f"ok  {entry.id}  {entry.file}")
    if problems:
        raise click.ClickException("; ".join(problems))
