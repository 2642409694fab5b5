"""The ``wstextract`` command line: thin click wrappers around library calls."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__, errors, pipeline
from . import schemas as record_schemas
from .corpus import build as corpus_build
from .layout import DEFAULT_LIMITS, Limits
from .specs import EXTRACTORS_DIR, Extractors, SpecError

DEFAULT_DB = Path("db/wst.db")
INTERNAL_ERROR = 1


def db_option(help: str):
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        show_default=True,
        help=help,
    )


corpus_dir_option = click.option(
    "--corpus-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=corpus_build.CORPUS_DIR,
    show_default=True,
    help="The corpus folder.",
)


class Commands(click.Group):
    """Every command's unexpected exception (our bug) becomes one line and a log file."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except errors.WstError as e:  # bad input a command did not catch: not our bug
            error = click.ClickException(str(e))
            error.exit_code = e.exit_code
            raise error from e
        except Exception as e:
            from . import crashlog

            command = ctx.invoked_subcommand or "wstextract"
            try:
                log = f"the traceback and versions are in {crashlog.write(e, command)}"
            except OSError as unwritable:
                log = f"no log could be written ({unwritable})"
            raise click.ClickException(
                f"internal error in `wstextract {command}`: please report it; {log}"
            ) from e


@click.group(cls=Commands)
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
    help="Also render the other-producer variants: WeasyPrint (needs the 'variants' extra) "
    "and Chromium (needs Debian's chromium).",
)
@click.option("--only", metavar="ID", help="Build just the manifest entry with this id.")
@corpus_dir_option
def corpus_build_command(variants: bool, only: str | None, corpus_dir: Path) -> None:
    """Render corpus PDFs from corpus/src and update the manifest's sha256s.

    \b
    Examples:
        wstextract corpus build
        wstextract corpus build --variants
        wstextract corpus build --variants --only wst-2021-22-chromium
        wstextract corpus build --only wst-2022-23-synthetic
    """
    producers = ("reportlab", "weasyprint", "chromium") if variants else ("reportlab",)
    try:
        built = corpus_build.build(corpus_dir, producers=producers, only=only)
    except (ValueError, OSError) as e:
        raise click.ClickException(str(e)) from e
    if not built:
        raise click.ClickException(f"nothing to build (--only {only!r} matches no entry?)")
    for entry in built:
        click.echo(f"{entry.id}: {entry.file} {corpus_build.sha256_file(entry.path(corpus_dir))}")


@corpus.command("check")
@corpus_dir_option
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
        elif corpus_build.sha256_file(path) != entry.sha256:
            problems.append(f"{entry.id}: {entry.file} does not match its manifest sha256")
        else:
            click.echo(f"ok  {entry.id}  {entry.file}")
    if problems:
        raise click.ClickException("; ".join(problems))


def _synthetic_ids() -> dict[str, str]:
    """sha256 -> manifest id of every synthetic corpus file (kept out of the demo database)."""
    try:
        return {e.sha256: e.id for e in corpus_build.load_manifest() if e.synthetic}
    except (OSError, KeyError):
        return {}


@cli.command()
@click.argument(
    "pdfs", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=True, exists=False)
)
@db_option("SQLite database to write.")
@click.option(
    "--replace",
    is_flag=True,
    help="Swap out a report already stored for the same period (or re-extract it).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Ingest a PDF even if it does not look like a safeguarding annual report.",
)
@click.option("--password", help="Password of an encrypted PDF.")
@click.option(
    "--jobs",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Extract this many PDFs at once, in separate processes.",
)
@click.option(
    "--max-pages",
    default=DEFAULT_LIMITS.max_pages,
    show_default=True,
    type=click.IntRange(1),
    help="Refuse PDFs with more pages than this.",
)
@click.option(
    "--page-timeout",
    default=DEFAULT_LIMITS.page_timeout,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds one page may take to read (0: no limit).",
)
@click.option(
    "--extractors",
    "extractors_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=EXTRACTORS_DIR,
    show_default=True,
    help="Folder of table signatures and rules.",
)
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
def ingest(
    pdfs: tuple[Path, ...],
    db_path: Path,
    replace: bool,
    force: bool,
    password: str | None,
    jobs: int,
    max_pages: int,
    page_timeout: float,
    extractors_dir: Path,
    debug: bool,
) -> None:
    """Extract report PDFs and store them in a SQLite database.

    Each report is one transaction: it is stored whole or not at all. Ingesting the same file
    again changes nothing; a different file for a period already stored is refused unless
    --replace is given. One bad file does not stop the others.

    Exit codes: 0 all stored, 2 bad input, 3 period already stored, 1 internal error.

    \b
    Examples:
        wstextract ingest corpus/wst-annual-report-2021-22.pdf
        wstextract ingest reports/*.pdf --jobs 2 --db research.db
        wstextract ingest report-2023.pdf --db research.db --replace
    """
    from . import batch

    batch.settle_imports()
    console = Console(stderr=True)
    try:
        Extractors(extractors_dir)  # a broken rule file is reported before any PDF is read
    except SpecError as e:
        raise click.ClickException(str(e)) from e
    paths = list(pdfs)
    outcomes: list[batch.Outcome] = []
    if db_path == DEFAULT_DB:
        synthetic = _synthetic_ids()
        for pdf in list(paths):
            digest = pipeline.sha256_file(pdf) if pdf.is_file() else None
            if digest in synthetic:
                paths.remove(pdf)
                message = (
                    f"{pdf}: is the synthetic test report {synthetic[digest]}; it never "
                    f"goes into the demo database {DEFAULT_DB} (use --db)"
                )
                outcomes.append(batch.Outcome(pdf.name, "error", message, exit_code=2))
                click.echo(f"Error: {message}", err=True)
    limits = Limits(max_pages=max_pages, page_timeout=page_timeout)
    single = len(paths) <= 1 or jobs == 1
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task(
            "reading pages" if single else f"ingesting with {jobs} jobs",
            total=None if single else len(paths),
        )

        def done(outcome: batch.Outcome) -> None:
            if outcome.status == "error":
                click.echo(f"Error: {outcome.message}", err=True)
                if debug and outcome.traceback:
                    click.echo(outcome.traceback, err=True)
            else:
                click.echo(outcome.message)
            if not single:
                bar.advance(task)

        def pages_read(n: int, total: int) -> None:
            bar.update(task, completed=n, total=total)

        outcomes += batch.ingest_many(
            paths,
            db_path,
            jobs=jobs,
            replace=replace,
            force=force,
            password=password,
            extractors_dir=extractors_dir,
            limits=limits,
            on_done=done,
            progress=pages_read if single else None,
        )
    if len(outcomes) > 1:
        _print_summary(outcomes)
    _report_corrections(db_path, [o.report_id for o in outcomes if o.status != "error"])
    codes = [o.exit_code for o in outcomes if o.exit_code]
    if codes:
        sys.exit(INTERNAL_ERROR if INTERNAL_ERROR in codes else max(codes))


def _report_corrections(db_path: Path, report_ids: list[str | None]) -> None:
    """After an ingest: the researchers' corrections of these reports that no longer match a
    stored number, that the extractor now agrees with, or that were made on a file of the
    report that --replace swapped out. They are kept either way."""
    from . import corrections, store

    if not report_ids or not db_path.is_file():
        return
    db = store.connect(db_path)
    for s in corrections.standings(db):
        c = s.correction
        if c["report_id"] not in report_ids:
            continue
        about = f"correction {c['id']} of {c['report_id']}"
        question = corrections.question(c)
        if s.status == "unmatched":
            click.echo(
                f"{about}: {question} = {c['value']:g} matches no stored number any more; "
                "kept, not applied (wstextract corrections list)"
            )
        elif s.status == "agrees":
            click.echo(
                f"{about}: the extractor now reads {question} as {c['value']:g} itself; kept"
            )
        elif s.status == "report not stored":
            click.echo(
                f"{about}: {question} = {c['value']:g} was made on another file of the report "
                f"(sha256 {c['report_sha256'][:12]}…); kept, not applied to this one"
            )
    db.close()


def _print_summary(outcomes: list) -> None:
    from rich.table import Table

    table = Table(title="ingest summary")
    for column in ("file", "status", "period", "metrics", "seconds"):
        table.add_column(column, justify="right" if column in ("metrics", "seconds") else "left")
    for o in outcomes:
        table.add_row(
            o.file,
            o.status,
            o.period or "",
            str(o.metrics) if o.metrics else "",
            f"{o.seconds:.1f}",
        )
    Console(stderr=True, width=120).print(table)


@cli.group()
def schemas() -> None:
    """The published JSON Schemas of the stored records (schemas/)."""


@schemas.command("export")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=record_schemas.SCHEMAS_DIR,
    show_default=True,
    help="Where to write.",
)
def schemas_export(directory: Path) -> None:
    """Write one <table>.schema.json per stored table from the pydantic models, and the
    Recognised wording of schemas/metrics.md from extractors/metrics.toml.

    \b
    Example:
        wstextract schemas export
    """
    for path in record_schemas.export(directory, Extractors().metrics):
        click.echo(str(path))


@cli.command()
@click.argument("pdfs", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--repeat", default=2, show_default=True, help="Runs per measurement (best kept).")
@click.option(
    "--memory/--no-memory",
    default=True,
    show_default=True,
    help="Also compare peak memory on a ~50-page and a ~600-page report.",
)
@click.option(
    "--batch/--no-batch",
    default=True,
    show_default=True,
    help="Also time 10 PDFs with --jobs 1 and --jobs 2.",
)
@click.option(
    "--profile",
    is_flag=True,
    help="Only profile one ingest of the first PDF (pyinstrument) and print where time goes.",
)
def bench(pdfs: tuple[Path, ...], repeat: int, memory: bool, batch: bool, profile: bool) -> None:
    """Time our full ingest against a bare pdfplumber pass, and report peak memory.

    Without PDFs, benchmarks every file of the corpus manifest. Each run is a fresh process.

    \b
    Examples:
        wstextract bench
        wstextract bench corpus/wst-annual-report-2021-22.pdf --repeat 3 --no-memory
        wstextract bench corpus/wst-annual-report-2021-22.pdf --profile
    """
    from rich.table import Table

    from . import bench as benchmark

    paths = list(pdfs) or [e.path() for e in corpus_build.load_manifest()]
    if profile:
        try:
            click.echo(benchmark.profile(paths[0]))
        except errors.WstError as e:
            raise click.ClickException(str(e)) from e
        return
    console = Console(width=140)
    table = Table(title="ingest vs bare pdfplumber pass (extract_words + find_tables per page)")
    for column in (
        "file",
        "pages",
        "ours s",
        "bare s",
        "ratio",
        "pages/s",
        "spaCy s",
        "spaCy share",
        "ours peak MiB",
        "bare peak MiB",
    ):
        table.add_column(column, justify="left" if column == "file" else "right")
    for row in benchmark.run(paths, repeat):
        table.add_row(
            row.file,
            str(row.pages),
            f"{row.ours.seconds:.2f}",
            f"{row.bare.seconds:.2f}",
            f"{row.ratio:.2f}",
            f"{row.pages / row.ours.seconds:.1f}",
            f"{row.ours.spacy_seconds:.2f}",
            f"{row.ours.spacy_seconds / row.ours.seconds:.0%}",
            f"{row.ours.peak_mib:.0f}",
            f"{row.bare.peak_mib:.0f}",
        )
    console.print(table)
    if memory:
        rows = benchmark.memory_growth()
        table = Table(title="peak memory as page count grows (full ingest)")
        for column in ("file", "pages", "seconds", "peak MiB"):
            table.add_column(column, justify="left" if column == "file" else "right")
        for r in rows:
            table.add_row(r.file, str(r.pages), f"{r.seconds:.1f}", f"{r.peak_mib:.0f}")
        console.print(table)
        console.print(
            f"memory growth {rows[-1].pages / rows[0].pages:.0f}x pages: "
            f"{rows[-1].peak_mib / rows[0].peak_mib:.2f}x peak RSS"
        )
    if batch:
        seconds = benchmark.batch_speedup(paths, repeat=repeat)
        console.print(
            f"batch of 10 PDFs: --jobs 1 {seconds[1]:.1f}s, --jobs 2 {seconds[2]:.1f}s"
            f" ({seconds[1] / seconds[2]:.2f}x faster)"
        )


@cli.command("bench-serve")
@db_option("SQLite database to serve and load.")
@click.option("--clients", default=16, show_default=True, help="Concurrent clients.")
@click.option("--seconds", default=30.0, show_default=True, help="How long they keep asking.")
def bench_serve(db_path: Path, clients: int, seconds: float) -> None:
    """Serve a database and load it as many researchers would: dashboards and the compare query.

    Starts a real `wstextract serve`, runs CLIENTS threads for SECONDS, each requesting every
    dashboard page, the SQL of its charts and the compare query in turn; then prints errors and
    latency percentiles. A benchmark: nothing here is asserted.

    \b
    Examples:
        wstextract bench-serve
        wstextract bench-serve --db corpus.db --clients 4 --seconds 10
    """
    from rich.table import Table

    from . import serve_load

    try:
        outcome = serve_load.run(db_path, clients, seconds)
    except errors.WstError as e:
        raise click.ClickException(str(e)) from e
    table = Table(
        title=f"{clients} clients for {outcome.seconds:.0f} s on {db_path}: "
        f"{outcome.count} requests, {outcome.count / outcome.seconds:.1f}/s"
    )
    for column in ("request", "count", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column, justify="left" if column == "request" else "right")
    for kind in [*sorted(outcome.latencies), None]:
        table.add_row(
            kind or "all",
            str(len(outcome.latencies[kind]) if kind else outcome.count),
            f"{outcome.percentile(kind, 50) * 1000:.0f}",
            f"{outcome.percentile(kind, 95) * 1000:.0f}",
            f"{outcome.percentile(kind, 100) * 1000:.0f}",
        )
    Console(width=140).print(table)
    click.echo(f"errors: {len(outcome.errors)}")
    for error in outcome.errors[:10]:
        click.echo(f"  {error}")
    if outcome.errors:
        sys.exit(INTERNAL_ERROR)


@cli.command("serve")
@db_option("SQLite database to publish.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
@click.option(
    "--live",
    is_flag=True,
    help="The database is still being ingested into: read it live (still read-only).",
)
def serve_command(db_path: Path, host: str, port: int, live: bool) -> None:
    """Publish the database with Datasette, read-only, with dashboards and search.

    \b
    Examples:
        wstextract serve
        wstextract serve --db research.db --port 8080
        wstextract serve --db research.db --live   # while `wstextract ingest` adds reports
    """
    from . import serve

    try:
        sys.exit(serve.serve(db_path, host, port, live))
    except errors.WstError as e:
        raise click.ClickException(str(e)) from e


class BadInputError(click.ClickException):
    """Bad input from the command line: exit 2, like a bad file."""

    exit_code = 2


def _existing_db(db_path: Path):
    """An existing wstextract database, or a one-line error (exit 2) that says what to do."""
    from . import store

    if not db_path.is_file():
        raise BadInputError(f"{db_path}: no database here; run `wstextract ingest` first")
    try:
        return store.connect(db_path)
    except errors.WstError as e:
        raise BadInputError(str(e)) from e


def _by_default() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@cli.command()
@click.argument("metric_id", type=int)
@click.option("--value", type=float, required=True, help="The right value, as the page prints it.")
@click.option("--reason", required=True, help="Why: what the page says, and where.")
@click.option("--by", help="Who corrects it (default: your user name).")
@db_option("SQLite database holding the metric.")
def correct(metric_id: int, value: float, reason: str, by: str | None, db_path: Path) -> None:
    """Correct a stored number (METRIC_ID is its id in metrics and metric_answers), keeping
    who, when, why and the value it replaces.

    The correction is keyed on the report file and the question (metric, category, period,
    unit), so it survives re-ingest and --replace. Correcting again keeps both.

    \b
    Examples:
        wstextract correct 42 --value 71 --reason "p.32 table: 71 incidents in 2021/22"
    """
    from . import corrections

    try:
        c = corrections.correct(
            _existing_db(db_path), metric_id, value, reason, by or _by_default()
        )
    except errors.WstError as e:
        raise BadInputError(str(e)) from e
    click.echo(
        f"corrected {c.report_id} {corrections.question(c.model_dump())}: "
        f"{c.replaced_value:g} -> {c.value:g}"
    )


@cli.command()
@click.option("--report", "report_id", required=True, help="Report id, e.g. wst-2021-22.")
@click.option("--metric", required=True, help="Metric name (schemas/metrics.md).")
@click.option("--category", default="total", show_default=True, help="Category slug.")
@click.option("--period", required=True, help="Period the number is about, e.g. 2021-22.")
@click.option(
    "--unit", type=click.Choice(["count", "percent"]), required=True, help="count or percent."
)
@click.option("--value", type=float, required=True, help="The number, as printed.")
@click.option("--page", type=int, required=True, help="The page it is printed on.")
@click.option("--reason", required=True, help="Where it is printed: a chart, a picture...")
@click.option("--by", help="Who adds it (default: your user name).")
@db_option("SQLite database holding the report.")
def add(
    report_id: str,
    metric: str,
    category: str,
    period: str,
    unit: str,
    value: float,
    page: int,
    reason: str,
    by: str | None,
    db_path: Path,
) -> None:
    """Add a number a report prints where extraction cannot read it (a chart, a picture, a
    scanned page). It is answered like an extracted one, marked as a researcher's.

    \b
    Examples:
        wstextract add --report wst-2021-22 --metric cse_incidents --period 2021-22 \\
            --unit count --value 69 --page 33 --reason "bar chart on p.33"
    """
    from . import corrections

    db = _existing_db(db_path)
    question = {"metric": metric, "category": category, "period": period, "unit": unit}
    try:
        known = Extractors().metric_names
        c = corrections.add(
            db, report_id, question, value, page, reason, by or _by_default(), known
        )
    except errors.WstError as e:
        raise BadInputError(str(e)) from e
    click.echo(f"added {c.report_id} {corrections.question(c.model_dump())} = {c.value:g}")


@cli.group("corrections")
def corrections_group() -> None:
    """List, export and import researchers' corrections (shared as CSV)."""


@corrections_group.command("list")
@db_option("SQLite database to read.")
def corrections_list(db_path: Path) -> None:
    """Every correction and addition, history included, with how it stands now: applied,
    added, agrees (the extractor now reads the same), unmatched (kept, not applied),
    superseded, or report not stored."""
    from rich.table import Table

    from . import corrections

    db = _existing_db(db_path)
    table = Table(title=f"corrections in {db_path}")
    for column in ("id", "report", "question", "value", "was", "status", "by", "at", "reason"):
        table.add_column(column, justify="right" if column in ("id", "value", "was") else "left")
    for s in corrections.standings(db):
        c = s.correction
        table.add_row(
            str(c["id"]),
            c["report_id"],
            corrections.question(c),
            f"{c['value']:g}",
            "" if c["replaced_value"] is None else f"{c['replaced_value']:g}",
            s.status,
            c["made_by"],
            c["made_at"],
            c["reason"],
        )
    Console(width=160).print(table)


@corrections_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option("SQLite database to read.")
def corrections_export(file: Path, db_path: Path) -> None:
    """Write every correction, history included, to FILE (CSV)."""
    from . import corrections

    try:
        n = corrections.export_csv(_existing_db(db_path), file)
    except errors.WstError as e:
        raise BadInputError(str(e)) from e
    click.echo(f"exported {n} corrections to {file}")


@corrections_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option("SQLite database to add them to.")
def corrections_import(file: Path, db_path: Path) -> None:
    """Add the corrections of an exported FILE (CSV); those already held are skipped. They
    apply to the reports whose files they name, now or when those are ingested."""
    from . import corrections, store

    try:
        records = corrections.read_csv(file)  # checked whole before any database is touched
        added, skipped = corrections.append(store.connect(db_path), records)
    except errors.WstError as e:
        raise BadInputError(str(e)) from e
    click.echo(f"imported {added} corrections from {file} ({skipped} already held)")


@cli.command()
@click.argument("metric")
@click.option("--category", help="Category slug, e.g. neglect (default: every category).")
@click.option("--unit", type=click.Choice(["count", "percent"]), help="count or percent.")
@db_option("SQLite database to read.")
def compare(metric: str, category: str | None, unit: str | None, db_path: Path) -> None:
    """Print a metric's series across years: value, change, restatements, source.

    \b
    Examples:
        wstextract compare cse_incidents
        wstextract compare child_protection_plans --category neglect --unit percent
    """
    from rich.table import Table

    from . import query

    try:
        rows = query.metric_series(query.open_db(db_path), metric, category, unit)
    except errors.WstError as e:
        raise click.ClickException(str(e)) from e
    table = Table(title=f"{metric} across years (metric_series)")
    for column in (
        "category",
        "unit",
        "period",
        "value",
        "change",
        "change %",
        "reports",
        "restated",
        "source",
    ):
        table.add_column(
            column, justify="right" if column not in ("category", "unit", "source") else "left"
        )
    for r in rows:
        table.add_row(
            r["category"],
            r["unit"],
            r["period"],
            f"{r['value']:g}",
            "" if r["change"] is None else f"{r['change']:+g}",
            "" if r["change_percent"] is None else f"{r['change_percent']:+.1f}%",
            str(r["n_reports"]),
            "yes" if r["restated"] else "",
            f"{r['source_report']} p.{r['source_page']}",
        )
    Console(width=120).print(table)


@cli.command()
@click.argument("report")
@db_option("SQLite database to read (when REPORT is a report id).")
def review(report: str, db_path: Path) -> None:
    """List figures of the prose that stand near a metric's terms but were not promoted.

    REPORT is a stored report's id (wst-2023-24), or a PDF, which is read without storing
    anything. Each line gives the figure, the metric it stood nearest to and why it was not
    promoted: what to add to extractors/metrics.toml when a new report words a metric another
    way. The same list is the `review_candidates` view in Datasette.

    \b
    Examples:
        wstextract review wst-2021-22
        wstextract review next-year.pdf
    """
    from rich.table import Table

    from . import query

    try:
        if Path(report).is_file():
            extraction = pipeline.extract(Path(report), force=True)
            rows = [
                f.model_dump()
                | {"figure": f.text, "nearest_metric": f.metric, "report_id": extraction.report.id}
                for f in extraction.records["narrative_figures"]
                if f.metric and not f.promoted
            ]
        else:
            rows = query.review_candidates(query.open_db(db_path), report)
    except errors.WstError as e:
        raise click.ClickException(str(e)) from e
    table = Table(title=f"{report}: {len(rows)} figures near a metric, not promoted")
    for column in ("page", "figure", "nearest metric", "period", "reason", "sentence"):
        table.add_column(column, overflow="fold")
    for r in rows:
        sentence = r["sentence"] if len(r["sentence"]) < 160 else r["sentence"][:157] + "…"
        table.add_row(
            str(r["page"]),
            r["figure"],
            f"{r['nearest_metric']}/{r['category']}",
            r["period"] or "",
            r["reason"] or "",
            sentence,
        )
    Console(width=200).print(table)


@cli.command()
@click.option("--no-baselines", is_flag=True, help="Skip the pdfplumber strategies (faster).")
@click.option("--show-missed", is_flag=True, help="Also list the values each document missed.")
@click.option("--only", metavar="ID", multiple=True, help="Just these manifest entries.")
@click.option(
    "--unblind",
    is_flag=True,
    help="Also list the failures of held-back documents (once, when their measurement is done).",
)
@corpus_dir_option
def accuracy(
    no_baselines: bool, show_missed: bool, only: tuple[str, ...], unblind: bool, corpus_dir: Path
) -> None:
    """Precision and recall against the hand-written truth, per corpus document.

    Table values and narrative metrics are scored apart; beside them, what pdfplumber's own
    `lines` (default) and `text` table strategies recover of the same table values. Held-back
    documents (never tuned on) are marked; their recall is the measure of generality, and their
    failures stay hidden unless --unblind, so that nobody tunes on them by accident. Every
    other wrong value is listed.
    """
    from rich.table import Table

    from . import accuracy as acc

    entries = [e for e in corpus_build.load_manifest(corpus_dir) if not only or e.id in only]
    table = Table(title="accuracy against corpus/expected (P = precision, R = recall)")
    for column in ("document", "split", "tables P", "tables R", "narrative P", "narrative R"):
        table.add_column(column, justify="left" if column in ("document", "split") else "right")
    if not no_baselines:
        for name in acc.STRATEGIES:
            table.add_column(f"{name} R", justify="right")
    notes = []
    for d in acc.evaluate(entries, corpus_dir, baselines=not no_baselines):
        row = [
            d.entry.id,
            "held back" if d.entry.holdout else "dev",
            _share(d.tables.precision, d.tables.correct, d.tables.found),
            _share(d.tables.recall, d.tables.correct, d.tables.expected),
            _share(d.narrative.precision, d.narrative.correct, d.narrative.found),
            _share(d.narrative.recall, d.narrative.correct, d.narrative.expected),
        ]
        row += [_share(b.recall, b.correct, b.expected) for b in d.baselines.values()]
        table.add_row(*row)
        if d.entry.holdout and not unblind:
            notes.append(f"{d.entry.id}: held back; its failures are listed with --unblind")
            continue
        for kind, s in (("table", d.tables), ("narrative", d.narrative)):
            notes += [f"{d.entry.id}: WRONG {kind} {w}" for w in s.wrong]
            if show_missed:
                notes += [f"{d.entry.id}: missed {kind} {m}" for m in s.missed]
    console = Console(width=160)
    console.print(table)
    for note in notes:
        console.print(note, markup=False)


def _share(share: float | None, n: int, of: int) -> str:
    return "–" if share is None else f"{share:.1%} ({n}/{of})"


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "parquet"]),
    default="csv",
    show_default=True,
    help="File format.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("export"),
    show_default=True,
    help="Folder to write into.",
)
@db_option("SQLite database to read.")
def export_command(fmt: str, out_dir: Path, db_path: Path) -> None:
    """Write the tidy tables and views, one file each, for pandas, R or a spreadsheet.

    \b
    Examples:
        wstextract export --format parquet --out data/
        wstextract export --format csv
    """
    from . import query

    try:
        for path in query.export(query.open_db(db_path), out_dir, fmt):
            click.echo(str(path))
    except errors.WstError as e:
        raise click.ClickException(str(e)) from e
