"""The command line: `verify`, `links`, `claims` and `init` (SPEC §2). Owns the exit codes (§5).

Commands stay thin: gather the options, build `Settings` (command line > environment >
`claims.toml [settings]` > defaults), run the pipeline with `asyncio.run`, render the report, and
exit 0 (clean), 1 (findings at or above `--fail-on`) or 2 (the check could not run). Heavy modules
(httpx, trafilatura, lxml) are imported inside the commands so `claimcheck --help` stays fast.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperArgument, TyperCommand

from claimcheck import __version__
from claimcheck.defaults import (
    DEFAULT_HOST_CONCURRENCY,
    DEFAULT_HOST_INTERVAL,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
    DEFAULT_WAYBACK,
    DEFAULT_WAYBACK_URL,
    FORMAT_BY_EXTENSION,
    default_fail_on,
)
from claimcheck.report import ReportFormatChoice

if TYPE_CHECKING:
    from claimcheck.claims.from_toml import ClaimsFile
    from claimcheck.fetch import Fetcher
    from claimcheck.model import Article, RunReport
    from claimcheck.settings import Settings

logger = logging.getLogger("claimcheck")

app = typer.Typer(
    name="claimcheck",
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "Check that every quotation and figure in an article appears in the source its footnote "
        "cites.\n\nExit codes: 0 clean, 1 findings at or above --fail-on, 2 the check could not run."
    ),
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_CLAIMS_FILE = "claims.toml"


class ClaimsFormatChoice(str, Enum):
    """Output formats of `claims` (SPEC §10)."""

    TEXT = "text"
    JSON = "json"


class _Argument(TyperArgument):
    """An argument shown by its metavar alone. typer 0.29 adds the Python type to the help
    (`ARTICLE <list[str]>`) and writes a required argument in braces on the usage line
    (`{ARTICLE}`); the options already show only their metavar (`FILE`, `N`)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        """`ARTICLE`, `[ARTICLE]` or `[ARTICLE]...`, as click writes them."""
        name = (self.metavar or (self.name or "").upper()).removesuffix("...")
        return [(name if self.required else f"[{name}]") + ("..." if self.nargs != 1 else "")]


class _Command(TyperCommand):
    """A command whose arguments are `_Argument`s: typer builds `TyperArgument`s itself and
    takes no class for them, so they are given the subclass here, which only changes how
    they are shown."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument


# --------------------------------------------------------------------------- shared options

_NET = "Network"
_OUT = "Output"


def _option(panel: str, help: str, *decls: str, **extra: Any) -> Any:
    """A `typer.Option` in a help panel; defaults are stated in `help`, from `settings`."""
    return typer.Option(*decls, help=help, rich_help_panel=panel, show_default=False, **extra)


def _net(help: str, *decls: str, **extra: Any) -> Any:
    return _option(_NET, help, *decls, **extra)


def _out(help: str, *decls: str, **extra: Any) -> Any:
    return _option(_OUT, help, *decls, **extra)


# Optional[...] rather than `X | None`: Typer evaluates these at runtime on 3.11 (see pyproject).
ArticlesArg = Annotated[
    Optional[list[str]],
    typer.Argument(
        help="Article paths (.md .txt .html .docx), '-' for stdin, or http(s) URLs. "
        "Default: the article and notes in claims.toml.",
        show_default=False,
        metavar="ARTICLE...",
    ),
]
ClaimsOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--claims",
        help="claims.toml to read (default: ./claims.toml).",
        show_default=False,
        metavar="FILE",
    ),
]
FormatOpt = Annotated[
    Optional[ReportFormatChoice],
    _out(
        "Report format. \\[default: as -o FILE's extension says "
        f"({' '.join(FORMAT_BY_EXTENSION)}), else text]",
        "--format",
        "-f",
    ),
]
# A string, not a Path: Path('') is '.', and Path('out/') drops the slash that says "a folder".
OutputOpt = Annotated[
    Optional[str],
    _out(
        "Write the report to FILE (atomically; '-' for stdout).", "--output", "-o", metavar="FILE"
    ),
]
ConcurrencyOpt = Annotated[
    Optional[int],
    _net(f"Requests in flight at once. \\[default: {DEFAULT_MAX_CONCURRENCY}]", min=1, metavar="N"),
]
HostConcurrencyOpt = Annotated[
    Optional[int],
    _net(
        f"Requests in flight per host. \\[default: {DEFAULT_HOST_CONCURRENCY}]", min=1, metavar="N"
    ),
]
HostIntervalOpt = Annotated[
    Optional[float],
    _net(
        f"Seconds between requests to one host. \\[default: {DEFAULT_HOST_INTERVAL:g}]",
        metavar="SECONDS",
    ),
]
TimeoutOpt = Annotated[
    Optional[float],
    _net(f"Seconds per request. \\[default: {DEFAULT_TIMEOUT:g}]", metavar="SECONDS"),
]
RetriesOpt = Annotated[
    Optional[int],
    _net(
        f"Retries on 5xx, 408, 429, timeouts, resets. \\[default: {DEFAULT_RETRIES}]", metavar="N"
    ),
]
MaxBytesOpt = Annotated[
    Optional[int],
    _net(f"Largest body read, in bytes. \\[default: {DEFAULT_MAX_BYTES}]", metavar="BYTES"),
]
UserAgentOpt = Annotated[
    Optional[str],
    _net(f"User-Agent header. \\[default: {DEFAULT_USER_AGENT}]", metavar="TEXT"),
]
CacheDirOpt = Annotated[
    Optional[Path], _net("Cache folder. \\[default: the user cache dir]", metavar="DIR")
]
NoCacheOpt = Annotated[
    Optional[bool], _net("Neither read nor write the cache.", "--no-cache", metavar="")
]
MaxCacheAgeOpt = Annotated[
    Optional[str],
    _net(
        "Use cached answers younger than this (3600, 30m, 12h, 1d). \\[default: 1d]", metavar="AGE"
    ),
]
RecordOpt = Annotated[
    Optional[Path],
    _net("Record every exchange to this .warc.gz.", metavar="WARC"),
]
ReplayOpt = Annotated[
    Optional[Path],
    _net("Answer every fetch from this .warc.gz, no network.", metavar="WARC"),
]
RemapOpt = Annotated[
    Optional[list[str]],
    _net("'REGEX REPLACEMENT' applied to URLs before fetching (repeatable).", metavar="RULE"),
]
ExcludeOpt = Annotated[
    Optional[list[str]], _net("Skip URLs matching REGEX (repeatable).", metavar="REGEX")
]
AllowPrivateOpt = Annotated[
    Optional[bool],
    _net("Allow loopback and private addresses.", "--allow-private", metavar=""),
]
WaybackOpt = Annotated[
    Optional[bool],
    _net(
        "Check dead sources against a Wayback Machine capture. "
        f"\\[default: {'wayback' if DEFAULT_WAYBACK else 'no-wayback'}]",
        "--wayback/--no-wayback",
        metavar="",
    ),
]
WaybackUrlOpt = Annotated[
    Optional[str],
    _net(f"Wayback Machine endpoint. \\[default: {DEFAULT_WAYBACK_URL}]", metavar="URL"),
]


def _fail_on_option(command: str) -> Any:
    """`--fail-on` of `command`, whose default differs: `verify` fails on verdicts, `links` on
    link statuses."""
    default = ",".join(sorted(default_fail_on(command)))
    return Annotated[
        Optional[str],
        _out(
            f"Comma-separated verdicts/statuses that exit 1, or 'none'. \\[default: {default}]",
            metavar="LIST",
        ),
    ]


NoProgressOpt = Annotated[Optional[bool], _out("No progress bar.", "--no-progress", metavar="")]
QuietOpt = Annotated[
    Optional[bool], _out("Print nothing but the report.", "--quiet", "-q", metavar="")
]
LockOpt = Annotated[
    Optional[Path],
    _out(
        "Lock file to compare with (default: claimcheck.lock next to claims.toml, or in the "
        "current folder without one; used if present).",
        metavar="FILE",
    ),
]
UpdateLockOpt = Annotated[
    Optional[bool],
    _out("Record this run in the lock file (written atomically).", "--update-lock", metavar=""),
]
ConfirmDeadOpt = Annotated[
    Optional[str],
    _out(
        "Count a link as dead only after N failed runs at least DURATION apart (3/2d).",
        metavar="N[/DURATION]",
    ),
]
VerboseOpt = Annotated[
    int,
    typer.Option(
        "--verbose",
        "-v",
        count=True,
        help="More logging (-vv for debug).",
        rich_help_panel=_OUT,
        metavar="",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Show the version and exit.",
            metavar="",
        ),
    ] = False,
) -> None:
    """Check that every quotation and figure in an article appears in the source it cites."""


# --------------------------------------------------------------------------- commands


def _network_command(command: str) -> Callable[..., None]:
    """The body shared by `verify` and `links`: the same options, one pipeline (`_run`)."""

    def run(
        articles: ArticlesArg = None,
        claims: ClaimsOpt = None,
        format: FormatOpt = None,
        output: OutputOpt = None,
        concurrency: ConcurrencyOpt = None,
        host_concurrency: HostConcurrencyOpt = None,
        host_interval: HostIntervalOpt = None,
        timeout: TimeoutOpt = None,
        retries: RetriesOpt = None,
        max_bytes: MaxBytesOpt = None,
        user_agent: UserAgentOpt = None,
        cache_dir: CacheDirOpt = None,
        no_cache: NoCacheOpt = None,
        max_cache_age: MaxCacheAgeOpt = None,
        record: RecordOpt = None,
        replay: ReplayOpt = None,
        remap: RemapOpt = None,
        exclude: ExcludeOpt = None,
        allow_private: AllowPrivateOpt = None,
        wayback: WaybackOpt = None,
        wayback_url: WaybackUrlOpt = None,
        fail_on: Optional[str] = None,  # annotated below, per command
        lock: LockOpt = None,
        update_lock: UpdateLockOpt = None,
        confirm_dead: ConfirmDeadOpt = None,
        no_progress: NoProgressOpt = None,
        quiet: QuietOpt = None,
        verbose: VerboseOpt = 0,
    ) -> None:
        values = {k: v for k, v in locals().items() if k != "command"}
        raise typer.Exit(_guard(lambda: _run(command, values), verbose))

    run.__name__ = command
    # The one option whose help differs between the commands: typer reads it from here.
    run.__annotations__["fail_on"] = _fail_on_option(command)
    return run


verify = app.command(
    name="verify",
    cls=_Command,
    help="Fetch every cited source and check each quote and figure against it.\n\n"
    "Example: [bold]claimcheck verify draft.md --format html -o report.html[/bold]",
)(_network_command("verify"))

links = app.command(
    name="links",
    cls=_Command,
    help="Check that every cited URL still answers (no extraction, no matching).\n\n"
    'Example: [bold]claimcheck links draft.md --format markdown >> "$GITHUB_STEP_SUMMARY"[/bold]',
)(_network_command("links"))


@app.command(name="claims", cls=_Command)
def claims_command(
    article: Annotated[
        Optional[str],
        typer.Argument(
            help="Article path, '-' or URL (default: claims.toml).",
            show_default=False,
            metavar="ARTICLE",
        ),
    ] = None,
    claims: ClaimsOpt = None,
    format: Annotated[
        Optional[ClaimsFormatChoice],
        typer.Option(
            "--format",
            "-f",
            help="Output format. \\[default: json for -o FILE.json, else text]",
            show_default=False,
        ),
    ] = None,
    uncited: Annotated[
        bool,
        typer.Option(
            "--uncited",
            help="Also list sentences stating a figure or quotation with no note.",
            metavar="",
        ),
    ] = False,
    output: OutputOpt = None,
    timeout: TimeoutOpt = None,
    retries: RetriesOpt = None,
    max_bytes: MaxBytesOpt = None,
    user_agent: UserAgentOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = None,
    max_cache_age: MaxCacheAgeOpt = None,
    record: RecordOpt = None,
    replay: ReplayOpt = None,
    allow_private: AllowPrivateOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """List the notes and claims that would be checked; fetches nothing for a local article.

    The network options apply to an article given as a URL.

    Example: [bold]claimcheck claims draft.md --uncited[/bold]
    """
    values = dict(locals())
    raise typer.Exit(_guard(lambda: _claims(values), verbose))


@app.command(cls=_Command)
def init(
    article: Annotated[
        str, typer.Argument(help="Article path, '-' or URL.", metavar="ARTICLE", show_default=False)
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the claims file ('-' for stdout).",
            metavar="FILE",
        ),
    ] = DEFAULT_CLAIMS_FILE,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing file.", metavar="")
    ] = False,
    timeout: TimeoutOpt = None,
    retries: RetriesOpt = None,
    max_bytes: MaxBytesOpt = None,
    user_agent: UserAgentOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = None,
    max_cache_age: MaxCacheAgeOpt = None,
    record: RecordOpt = None,
    replay: ReplayOpt = None,
    allow_private: AllowPrivateOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Write a claims.toml listing the article's notes and detected claims, for an editor to curate.

    The network options apply to an article given as a URL.

    Example: [bold]claimcheck init draft.md[/bold]
    """
    values = dict(locals())
    raise typer.Exit(_guard(lambda: _init(values), verbose))


# --------------------------------------------------------------------------- plumbing


def _guard(body: Callable[[], int], verbose: int) -> int:
    """Run a command body; turn input errors and surprises into one line on stderr and exit 2."""
    from claimcheck.errors import ClaimcheckError

    _configure_logging(verbose)
    try:
        return body()
    except ClaimcheckError as exc:
        _err(f"error: {exc.message()}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Raised somewhere `_write` and `_err` do not guard, so the run's outcome is not known.
        _silence(sys.stdout)
        _silence(sys.stderr)
        return EXIT_ERROR
    except typer.Exit:
        raise
    except Exception as exc:  # the one place that catches everything: SPEC §5 exit 2
        if logger.isEnabledFor(logging.INFO):  # -v, or verbose from the environment or claims.toml
            logger.exception("internal error")
        _err(f"internal error: {type(exc).__name__}: {exc} (re-run with -v for the traceback)")
        return EXIT_ERROR


def _err(message: str) -> None:
    """One message on stderr; nothing, and no exit, once stderr's reader has gone. A control
    character (from a URL, a file name or a server's answer quoted in it) is shown escaped."""
    from rich.markup import escape

    _stderr_console().print(escape(_visible(message)))


def _visible(text: str) -> str:
    """`text` for stderr: controls shown escaped (`visible_controls`), then, in a GitHub Actions
    job, workflow commands broken, on the lines as printed (a carriage return is a new line by
    then, so a command after one is broken too)."""
    from claimcheck.report.common import visible_controls

    text = visible_controls(text)
    if _in_github_actions():
        from claimcheck.report.common import neutralise_workflow_commands

        text = neutralise_workflow_commands(text)
    return text


def _stderr_console() -> Any:
    """A rich console on stderr that survives a closed pipe (`claimcheck … 2>&1 | head`).

    rich's default `on_broken_pipe` raises `SystemExit(1)`, which CI reads as "findings". A
    message that cannot be shown must not change the exit code: stderr is silenced and the run
    goes on to exit as it would have (see `_write`).
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            _silence(sys.stderr)

    return _Console(stderr=True, highlight=False)


def _silence(stream: Any) -> None:
    """Point `stream`'s descriptor at /dev/null, so what is still buffered for a closed pipe (and
    the flush at exit) goes nowhere instead of raising `BrokenPipeError` again (Python's advice in
    the `signal` docs, "Note on SIGPIPE"). A stream with no descriptor (tests) is left alone."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


class _VisibleFormatter(logging.Formatter):
    """Log lines with their control characters shown escaped, as reports show them: a URL or a
    server's answer in a message must not reach the terminal as an escape sequence."""

    def format(self, record: logging.LogRecord) -> str:
        return _visible(super().format(record))


def _configure_logging(verbose: int) -> None:
    level_name = os.environ.get("CLAIMCHECK_LOGLEVEL", "").upper()
    if verbose >= 2:
        level = logging.DEBUG
    elif verbose == 1:
        level = logging.INFO
    elif level_name in logging.getLevelNamesMapping():
        level = logging.getLevelNamesMapping()[level_name]
    else:
        level = logging.WARNING
    logger.setLevel(level)
    if not any(getattr(h, "_claimcheck", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_VisibleFormatter("%(levelname)s %(name)s: %(message)s"))
        handler._claimcheck = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.propagate = False


def _apply_verbosity(settings: Settings) -> None:
    """Log at the level `settings` say: `_guard` set it from `-v` alone, before the environment
    (`CLAIMCHECK_VERBOSE`) and `[settings] verbose` were read; `-q` (from anywhere) leaves
    only errors, unless `verbose` asks for more."""
    _configure_logging(settings.verbose)
    if settings.quiet and not settings.verbose:
        logger.setLevel(logging.ERROR)  # -q: nothing but the report (and errors)


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _load_claims_file(articles: Sequence[str] | None, explicit: Path | None) -> ClaimsFile | None:
    """The claims file for this run: `--claims`, or ./claims.toml when no article is given."""
    from claimcheck.claims.from_toml import load_claims_file
    from claimcheck.errors import ClaimsFileError

    if explicit is not None:
        if explicit.is_dir():
            raise ClaimsFileError(
                "is a folder, not a claims file", path=str(explicit), key="--claims"
            )
        if not explicit.is_file():
            raise ClaimsFileError("no such file", path=str(explicit), key="--claims")
        return load_claims_file(explicit)
    if articles:
        return None
    default = Path(DEFAULT_CLAIMS_FILE)
    if not default.is_file():
        raise ClaimsFileError(
            "no ARTICLE given and no claims.toml in the current folder",
            hint="pass an article (claimcheck verify draft.md) or write one with `claimcheck init`",
        )
    return load_claims_file(default)


def _build_settings(cli_values: dict[str, Any], cf: ClaimsFile | None) -> Settings:
    from claimcheck.settings import Settings

    return Settings.build(
        cli=cli_values,
        env=os.environ,
        toml=cf.settings if cf is not None else None,
        toml_path=str(cf.path) if cf is not None else None,
        toml_dir=cf.path.parent if cf is not None else None,
    )


class _Where:
    """Names where a setting was given, for errors found after `Settings.build` accepted it: the
    option (`--replay`), the variable (`CLAIMCHECK_REPLAY`), or claims.toml's file, line and key."""

    def __init__(self, cli_values: dict[str, Any], cf: ClaimsFile | None) -> None:
        self.cli_values = cli_values
        self.cf = cf

    def origin(self, key: str) -> str | None:
        from claimcheck.settings import setting_origin

        toml = self.cf.settings if self.cf is not None else None
        return setting_origin(key, self.cli_values, os.environ, toml)

    def name(self, key: str) -> str:
        """How the user wrote `key`: `--fail-on`, `CLAIMCHECK_FAIL_ON`, `claims.toml:5: settings.fail_on`."""
        origin = self.origin(key)
        if origin == "toml" and self.cf is not None:
            line = self.cf.error("", f"settings.{key}").line
            return f"{self.cf.path}:{line}: settings.{key}" if line else f"{self.cf.path}: {key}"
        return _option_name(key, origin)

    def error(self, key: str, value: Path | str, reason: str, hint: str | None = None) -> Exception:
        """A usage error about the path `value` of setting `key`, named where it was given."""
        from claimcheck.errors import SettingsError

        origin = self.origin(key)
        if origin == "toml" and self.cf is not None:
            return self.cf.error(f"{value}: {reason}", f"settings.{key}", hint=hint)
        return SettingsError(reason, path=str(value), key=_option_name(key, origin), hint=hint)

    def relocate(self, exc: Exception, settings: Settings) -> Exception:
        """`exc` again, naming claims.toml's line (or the option) when it is about a path setting
        (`--replay`'s archive cannot be read, `--output` cannot be written, a lock file that
        cannot be read). An error that names a line of the file itself is kept as it is."""
        from claimcheck.errors import ClaimcheckError, ClaimsFileError
        from claimcheck.lock import LockFileError
        from claimcheck.settings import PATH_KEYS

        if not isinstance(exc, ClaimcheckError) or isinstance(exc, ClaimsFileError):
            return exc
        if exc.line is not None:
            # A fault inside the file (a JSON syntax error on line 12 of the lock): its own
            # file and line say where, however the file was named.
            return exc
        key = (exc.key or "").lstrip("-").replace("-", "_")
        if not key and isinstance(exc, LockFileError):
            key = "lock"
        value = getattr(settings, key, None) if key in PATH_KEYS else None
        if value is None or exc.path is None or Path(exc.path) != value or not self.origin(key):
            return exc
        return self.error(key, exc.path, exc.reason, exc.hint)


def _option_name(key: str, origin: str | None) -> str:
    """Setting `key` as given outside claims.toml: `CLAIMCHECK_FAIL_ON` or `--fail-on`."""
    from claimcheck.settings import ENV_PREFIX

    return f"{ENV_PREFIX}{key.upper()}" if origin == "env" else f"--{key.replace('_', '-')}"


def _inputs(articles: Sequence[str], cf: ClaimsFile | None, doing: str) -> list[tuple[Path, str]]:
    """The local files a command reads, each with how an error names it: the articles ("the
    article being `doing`"), claims.toml, and the article claims.toml names when none is given."""
    found = [
        (Path(a), f"the article being {doing}") for a in articles if not _is_url(a) and a != "-"
    ]
    if cf is not None:
        found.append((cf.path, "the claims file being read"))
        if not articles and cf.article_path is not None:
            found.append((cf.article_path, f"the article being {doing}"))
    return found


#: What each file a run writes is called in an error, and what writing it would do.
_WRITERS = {"output": "the report", "record": "the recording", "lock": "the lock file"}


def _same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` are one file (through links, `..`, or another spelling of the path).

    Devices and pipes (`-o /dev/stdout`) are never "the same file": writing them replaces nothing.
    """
    try:
        if a.exists() and b.exists():
            return a.is_file() and b.is_file() and os.path.samefile(a, b)
        return os.path.realpath(a) == os.path.realpath(b)
    except OSError:
        return False


def _check_files(
    settings: Settings, articles: Sequence[str], cf: ClaimsFile | None, where: _Where
) -> None:
    """Refuse, before anything is read or written, a run that would write over its own input:
    `-o article.md`, `-o claims.toml`, `--record` on the `--replay` archive, the report on the
    lock file. Also check that `--replay`'s archive exists, naming where it was given."""
    from claimcheck.lock import default_lock_path

    replay = _replay_input(settings, where)  # checked before anything else
    readers = [*_inputs(articles, cf, "checked"), *replay]
    lock = settings.lock or default_lock_path(cf.path if cf is not None else None)
    writers: list[tuple[str, Path]] = [
        (key, path)
        for key, path in (("output", settings.output), ("record", settings.record))
        if path is not None
    ]
    if settings.update_lock:
        writers.append(("lock", lock))
        if settings.lock is None and cf is not None:
            _lock_inside(lock, cf)
    elif lock.exists():
        readers.append((lock, "the lock file"))
    for i, (key, path) in enumerate(writers):
        others = readers + [(p, f"where {_WRITERS[k]} is written") for k, p in writers[i + 1 :]]
        _refuse_overwrite(where, key, path, others, _WRITERS[key])


def _lock_inside(lock: Path, cf: ClaimsFile) -> None:
    """The lock `--update-lock` writes next to claims.toml must be in its folder: the project
    may hold a `claimcheck.lock` that is a symbolic link to a file elsewhere, and writing the
    lock through it would replace that file (as `settings` refuses for a path claims.toml
    names)."""
    from claimcheck.errors import SettingsError

    home, target = os.path.realpath(cf.path.parent), os.path.realpath(lock)
    if not target.startswith(home.rstrip(os.sep) + os.sep):
        raise SettingsError(
            f"is a link to {target}, outside the claims file's folder {home}",
            path=str(lock),
            key="--update-lock",
            hint="remove the link, or give the lock's path with --lock",
        )


def _replay_input(settings: Settings, where: _Where) -> list[tuple[Path, str]]:
    """`--replay`'s archive as a file the run reads (none without `--replay`), once it is
    checked to exist: an error names where it was given."""
    if settings.replay is None:
        return []
    if not settings.replay.exists():
        raise where.error("replay", settings.replay, "no such file", "check the archive's path")
    return [(settings.replay, "the --replay archive")]


def _refuse_overwrite(
    where: _Where, key: str, path: Path, others: Sequence[tuple[Path, str]], written: str
) -> None:
    """Refuse setting `key`'s `path` if it is one of `others` (each with how an error names it):
    writing `written` there would replace that file."""
    for other, what in others:
        if _same_file(path, other):
            raise where.error(
                key, path, f"is {what}; {written} would overwrite it", "give another file name"
            )


async def _load_articles(
    sources: Sequence[str], cf: ClaimsFile | None, fetcher: Fetcher | None, *, claims: bool = True
) -> list[Article]:
    """Parse each article (fetching those given as URLs) and apply the claims file.

    `claims=False` (`links`) skips finding claims in the articles' text; a claims file's own
    claims are still added.
    """
    from claimcheck.article import format_for, parse_article, read_article
    from claimcheck.claims.from_toml import apply_claims_file
    from claimcheck.errors import ArticleError

    parsed: list[Article] = []
    for source in sources:
        if _is_url(source):
            if fetcher is None:  # pragma: no cover - callers pass a fetcher for URLs
                raise ArticleError("a URL article needs the network", path=source)
            result = await fetcher.fetch(source)
            if result.body is None or result.status.value not in ("ok", "redirected"):
                raise ArticleError(
                    f"could not fetch the article: {result.status.value} "
                    f"{result.error or result.detail or result.http_status or ''}".rstrip(),
                    path=source,
                )
            fmt = format_for(source, result.content_type)
            from claimcheck.classify import landing_url

            page_url = landing_url(result)  # relative links resolve where the page was served
            parsed.append(parse_article(result.body, source, fmt, claims=claims, page_url=page_url))
        else:
            stdin = sys.stdin.buffer if source == "-" else None
            parsed.append(read_article(source, stdin=stdin, claims=claims))
    if cf is not None:
        if not parsed:
            base: Article | None = None
            if cf.article_path is not None:
                try:
                    base = read_article(str(cf.article_path), claims=claims)
                except ArticleError as exc:
                    if exc.line is not None or exc.path != str(cf.article_path):
                        raise
                    # Name the line of claims.toml that gave the path (README: every error in
                    # the file names the file, line and key).
                    raise cf.error(f"{exc.path}: {exc.reason}", "article.path", exc.hint) from None
            return [apply_claims_file(base, cf)]
        parsed = [apply_claims_file(parsed[0], cf), *parsed[1:]]
    return parsed


def _cli_settings(values: dict[str, Any]) -> dict[str, Any]:
    """The command-line layer of `Settings.build` from a command's parameters."""
    out = {k: v for k, v in values.items() if k not in {"articles", "claims"}}
    if isinstance(out.get("format"), Enum):
        out["format"] = out["format"].value
    if out.get("verbose") == 0:
        out["verbose"] = None
    return out


def _run(command: str, values: dict[str, Any]) -> int:
    """The shared body of `verify` and `links`."""
    from claimcheck.errors import ClaimcheckError

    articles: list[str] = values["articles"] or []
    cf = _load_claims_file(articles, values["claims"])
    cli_values = _cli_settings(values)
    settings = _build_settings(cli_values, cf)  # checks --format and --output too
    where = _Where(cli_values, cf)
    _check_files(settings, articles, cf, where)
    _check_fail_on(command, settings, where)
    _apply_verbosity(settings)
    try:
        previous = _read_lock_first(settings, cf)
        report = _run_pipeline(command, settings, articles, cf)
        report = _apply_lock(report, settings, cf, previous)
        _emit(report, settings)
    except ClaimcheckError as exc:
        raise where.relocate(exc, settings) from None
    if report.interrupted:
        return EXIT_INTERRUPTED
    from claimcheck.verify import failing

    return EXIT_FINDINGS if failing(report) else EXIT_OK


def _run_pipeline(
    command: str, settings: Settings, articles: Sequence[str], cf: ClaimsFile | None
) -> RunReport:
    pool = None
    if command == "verify":
        from claimcheck.verify import make_pool

        pool = make_pool()
    try:
        return asyncio.run(_pipeline(command, settings, articles, cf, pool))
    finally:
        if pool is not None:
            from claimcheck.verify import close_pool

            close_pool(pool)


def _check_fail_on(command: str, settings: Settings, where: _Where) -> None:
    """A `fail_on` that names nothing `links` can report (only claim verdicts): an error on the
    command line, which was written for this command; from `CLAIMCHECK_FAIL_ON` or `[settings]`,
    which `verify` shares, a warning, and `links` fails on its default (`Settings.fail_on_for`)."""
    from claimcheck.errors import SettingsError
    from claimcheck.settings import LINKS_FAIL_ON_CHOICES

    unusable = settings.fail_on_unusable(command)
    if not unusable:
        return
    named = ", ".join(unusable)
    if where.origin("fail_on") == "cli":
        raise SettingsError(
            f"`{command}` reports link statuses only, never {named}",
            key="--fail-on",
            hint=f"choose from {', '.join(sorted(LINKS_FAIL_ON_CHOICES))}, or 'none'",
        )
    if not settings.quiet:
        default = ",".join(sorted(settings.fail_on_for(command)))
        _err(
            f"warning: {where.name('fail_on')}: `{command}` never reports {named}; "
            f"failing on its default, {default}"
        )


def _read_lock_first(settings: Settings, cf: ClaimsFile | None) -> dict[str, Any] | None:
    """Read and check the lock file before anything is fetched or written: a broken lock found
    only after the run had contacted every host and replaced `--record`'s archive left the user
    with an exit 2 and a lost recording. `_apply_lock` compares the run with what this read
    (`None`: there is no lock)."""
    from claimcheck.lock import default_lock_path, load_lock

    return load_lock(settings.lock or default_lock_path(cf.path if cf is not None else None))


def _apply_lock(
    report: RunReport,
    settings: Settings,
    cf: ClaimsFile | None,
    previous: dict[str, Any] | None,
) -> RunReport:
    """Compare with the lock file (issue 6) when there is one, or when asked to write one.

    A plain run never creates a file the user did not ask for: the lock is used when it exists
    (`--lock PATH`, or `claimcheck.lock` next to `claims.toml`, or in the current folder without
    one) and written, in the same place, with `--update-lock`.
    """
    import datetime as dt
    from dataclasses import replace

    from claimcheck.lock import apply_lock, default_lock_path

    # Read where --update-lock writes: next to claims.toml, or in the current folder without one.
    path = settings.lock or default_lock_path(cf.path if cf is not None else None)
    if previous is None and not settings.update_lock:
        if settings.confirm_dead != "1" and not settings.quiet:
            _err("warning: --confirm-dead needs a lock file (pass --update-lock to start one)")
        if "new" in report.fail_on:
            # Nothing to compare with: everything found is new, at the command's default level.
            if not settings.quiet:
                _err("warning: --fail-on new without a lock file: every finding counts")
            defaults = default_fail_on(report.command)
            return replace(report, fail_on=(report.fail_on - {"new"}) | defaults)
        return report
    report = apply_lock(
        report,
        path,
        update=settings.update_lock,
        confirm_dead=settings.confirm_dead,
        now=dt.datetime.now(dt.UTC),
        previous=previous,
    )
    waiting = sum(not s.confirmed for s in report.sources)
    if waiting and not settings.update_lock and not settings.quiet:
        # Only a run that records its failures moves a link towards confirmation.
        _err(
            f"warning: {waiting} broken link{'s' if waiting > 1 else ''} "
            f"await{'' if waiting > 1 else 's'} confirmation (--confirm-dead "
            f"{settings.confirm_dead}), but this run records no failure without --update-lock: "
            "only runs with --update-lock count towards confirming it"
        )
    return report


async def _pipeline(
    command: str, settings: Settings, articles: Sequence[str], cf: ClaimsFile | None, pool: Any
) -> RunReport:
    from claimcheck.classify import PageClassifier
    from claimcheck.fetch import Fetcher
    from claimcheck.verify import Verifier, check_links
    from claimcheck.wayback import WaybackArchive

    progress = _progress(settings)
    classifier, archive = PageClassifier(settings), WaybackArchive(settings)
    async with Fetcher(settings) as fetcher:
        parsed = await _load_articles(articles, cf, fetcher, claims=command != "links")
        _warn_bidi_overrides(parsed, settings)
        if command == "links":
            return await check_links(
                parsed, settings, fetcher, progress, classifier=classifier, archive=archive
            )
        verifier = Verifier(
            settings, fetcher, pool=pool, progress=progress, classifier=classifier, archive=archive
        )
        return await verifier.verify(parsed)


def _warn_bidi_overrides(parsed: Sequence[Article], settings: Settings) -> None:
    """Warn about each quote or figure that holds a bidi override (U+202D, U+202E), naming its
    file and line: it is shown reversed ("cost 21" reads "cost 12") by browsers, editors and
    terminals, while the check compares the characters as stored. Reports show the controls
    (`\\u202e`, see `report.common.BIDI_CONTROLS`); this says where to look before trusting a
    verdict."""
    from claimcheck.report.common import reordered_by_override

    if settings.quiet:
        return
    for article in parsed:
        for claim in article.claims:
            if reordered_by_override(claim.quote or claim.fact or ""):
                where = claim.article or article.source
                _err(
                    f"warning: {where}:{claim.line}: the {claim.kind.value} holds a bidi override "
                    "(U+202D/U+202E): it displays in another order than the text checked"
                )


def _progress(settings: Settings) -> Any:
    from claimcheck.progress import NullProgress

    if settings.quiet or settings.no_progress or not sys.stderr.isatty():
        return NullProgress()
    return _RichProgress()


class _RichProgress:
    """A rich progress bar on stderr (TTY only)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self._progress = Progress(
            "{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task: Any = None

    def start(self, total: int, description: str) -> None:
        self._progress.start()
        self._task = self._progress.add_task(description, total=total)

    def advance(self, item: str) -> None:
        if self._task is not None:
            self._progress.advance(self._task)

    def stop(self) -> None:
        self._progress.stop()


def _use_color(settings: Settings) -> bool:
    return settings.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(report: RunReport, settings: Settings) -> None:
    """Render the report to stdout or `--output`, and the one-line summary to stderr."""
    import shutil

    from claimcheck.report.claims import summary_line

    width = shutil.get_terminal_size((100, 24)).columns if settings.output is None else 100
    fmt = ReportFormatChoice(settings.format).to_format(color=_use_color(settings), width=width)
    text = fmt.render(report)
    if settings.output is None:
        text = _ci_log_safe(text, settings.format)
    _write(text, settings.output)
    # The text report on stdout ends with the hints and the summary; repeat them on stderr only
    # when stdout holds something else (a file, JSON, Markdown...), as pip-audit does.
    if not settings.quiet and (
        settings.output is not None or settings.format != ReportFormatChoice.TEXT.value
    ):
        for hint in report.hints:
            _err(f"hint: {hint}")
        _err(summary_line(report))


def _in_github_actions() -> bool:
    """Whether this run's output goes to a GitHub Actions log (the runner sets the variable)."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _ci_log_safe(text: str, fmt: str) -> str:
    """`text` (a report or a listing in format `fmt`, for stdout) made unable to send GitHub
    Actions workflow commands when the run is in a GitHub Actions job.

    The runner reads `::add-mask::…` at the start of any line of the log, and `##[error]…`
    anywhere; a cited page's text in a report would otherwise give it those commands. The text
    report is made for the log: the commands are broken by a word joiner, which shows as
    nothing. JSON keeps every value: `[` after `##` is written `\\u005b`, which decodes to the
    same string (a JSON line never starts with `::`). Any other format sent to a pipe (the log)
    is wrapped in `::stop-commands::TOKEN` … `::TOKEN::`, GitHub's own way to print untrusted
    text, with a random token; a redirection to a file (`>> "$GITHUB_STEP_SUMMARY"`) is not the
    log and is left as it is. `--format github` writes the run's own commands, each escaped.
    """
    if not _in_github_actions() or fmt == ReportFormatChoice.GITHUB.value:
        return text
    from claimcheck.report.common import neutralise_workflow_commands

    if fmt == ReportFormatChoice.TEXT.value:
        return neutralise_workflow_commands(text)
    if fmt == ReportFormatChoice.JSON.value:
        return text.replace("##[", "##\\u005b")
    if _stdout_is_file():
        return text
    import secrets

    token = secrets.token_hex(16)
    end = "" if text.endswith("\n") or not text else "\n"
    return f"::stop-commands::{token}\n{text}{end}::{token}::\n"


def _stdout_is_file() -> bool:
    import stat

    try:
        return stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):
        return False


def _write(text: str, output: Path | None) -> None:
    """Write a report (or claims.toml) to stdout, or to `output` (see `fsutil.atomic_writer`).

    stdout's reader may stop early (`claimcheck verify … | head -3`). The run itself is complete
    by then, so the exit code stays the run's own (0, or 1 for findings) rather than an error:
    with `set -o pipefail`, CI still sees whether the article has findings, and a reader that
    wanted only the first lines did not make the check fail. stdout is silenced, not written
    again. (A `BrokenPipeError` anywhere else, where the outcome is not known yet, exits 2:
    see `_guard`.)
    """
    if output is None:
        try:
            sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
            sys.stdout.flush()
        except BrokenPipeError:
            _silence(sys.stdout)
        return
    from claimcheck.errors import ClaimcheckError
    from claimcheck.fsutil import atomic_write_text

    try:
        atomic_write_text(output, text)
    except BrokenPipeError:
        pass  # `-o /dev/stdout | head`, or a FIFO whose reader left: as for stdout above
    except OSError as exc:  # a full disk, no permission, a socket, a folder made since the start
        raise ClaimcheckError(
            f"cannot write: {exc.strerror or exc}", path=str(output), key="--output"
        ) from None


#: The options of `claims` and `init` that change how an article given as a URL is fetched
#: (SPEC §2). The rest of the network options concern the cited sources, which these commands
#: never fetch.
_ARTICLE_FETCH_KEYS = (
    "timeout",
    "retries",
    "max_bytes",
    "user_agent",
    "cache_dir",
    "no_cache",
    "max_cache_age",
    "record",
    "replay",
    "allow_private",
)


def _parse_only_settings(
    values: dict[str, Any], cf: ClaimsFile | None, output: str | None
) -> tuple[dict[str, Any], Settings]:
    """The command-line layer and the settings of `claims` or `init`, with logging set from
    them: the article-fetching options, `output` and `verbose`."""
    cli_values = {key: values[key] for key in _ARTICLE_FETCH_KEYS}
    cli_values.update(output=output, verbose=values["verbose"] or None)
    settings = _build_settings(cli_values, cf)  # checks --output before anything is parsed
    _apply_verbosity(settings)
    return cli_values, settings


def _check_fetch_files(
    settings: Settings,
    readers: list[tuple[Path, str]],
    output: Path | None,
    where: _Where,
) -> None:
    """For `claims` and `init` when they fetch a URL article: `--replay`'s archive exists, and
    `--record` would write over none of the files read (`readers`), the archive, or the file
    written (`output`). A local article fetches nothing, so it needs neither file."""
    readers = [*readers, *_replay_input(settings, where)]
    if settings.record is None:
        return
    if output is not None:
        readers = [*readers, (output, "where the output is written")]
    _refuse_overwrite(where, "record", settings.record, readers, _WRITERS["record"])


def _parse_only(sources: Sequence[str], cf: ClaimsFile | None, settings: Settings) -> list[Article]:
    """Parse articles for `claims` and `init`: the network only for an article given as a URL."""

    async def load() -> list[Article]:
        if any(_is_url(s) for s in sources):
            from claimcheck.fetch import Fetcher

            async with Fetcher(settings) as fetcher:
                return await _load_articles(sources, cf, fetcher)
        return await _load_articles(sources, cf, None)

    return asyncio.run(load())


def _claims(values: dict[str, Any]) -> int:
    """`claimcheck claims`: parse only."""
    from claimcheck.report.claims import render_claims

    article = values["article"]
    sources = [article] if article else []
    cf = _load_claims_file(sources, values["claims"])
    cli_values, settings = _parse_only_settings(values, cf, values["output"])
    if values["output"] is None and settings.output is not None:
        # `[settings] output` and CLAIMCHECK_OUTPUT name the report of `verify` and `links`: the
        # list of claims would overwrite it. Only `claims -o` sends the list to a file.
        from dataclasses import replace

        settings = replace(settings, output=None)
    output = settings.output
    where = _Where(cli_values, cf)
    inputs = _inputs(sources, cf, "read")
    if output is not None:
        _refuse_overwrite(where, "output", output, inputs, "the list")
    if any(_is_url(s) for s in sources):
        _check_fetch_files(settings, inputs, output, where)
    fmt = values["format"].value if values["format"] is not None else None
    if fmt is None:  # as for `verify -o report.json`: an unambiguous extension chooses
        from claimcheck.settings import format_for_output

        fmt = "json" if format_for_output(output) == "json" else "text"
    parsed = _parse_only(sources, cf, settings)
    _warn_bidi_overrides(parsed, settings)
    text = render_claims(
        parsed,
        fmt=fmt,
        uncited=values["uncited"],
        color=_use_color(settings),
        width=100,
    )
    _write(text if output is not None else _ci_log_safe(text, fmt), output)
    return EXIT_OK


def _init(values: dict[str, Any]) -> int:
    """`claimcheck init`: write claims.toml for an editor to curate (`-o -`: to stdout).

    Only an existing regular file (or a link to one) is "already there": writing to a FIFO or a
    device (`-o /dev/stdout`) destroys nothing, so it needs no `--force`.
    """
    from claimcheck.claims.init import render_claims_toml
    from claimcheck.errors import ClaimsFileError
    from claimcheck.settings import parse_output

    article: str = values["article"]
    output = parse_output(values["output"], example=DEFAULT_CLAIMS_FILE)
    if output is not None and not _is_url(article) and article != "-":
        if _same_file(output, Path(article)):
            raise ClaimsFileError(
                "is the article being read; claims.toml would overwrite it",
                path=str(output),
                key="--output",
                hint="give another file name, e.g. -o claims.toml",
            )
    if output is not None and output.is_file() and not values["force"]:
        raise ClaimsFileError(
            "already exists; not overwriting", path=str(output), hint="pass --force to replace it"
        )
    cli_values, settings = _parse_only_settings(values, None, None)
    if _is_url(article):
        _check_fetch_files(settings, [], output, _Where(cli_values, None))
    (parsed,) = _parse_only([article], None, settings)
    toml_dir = output.parent if output is not None else Path()
    toml = render_claims_toml(parsed, toml_dir=toml_dir)
    _write(toml if output is not None else _ci_log_safe(toml, "toml"), output)
    where = output if output is not None else "standard output"
    from claimcheck.report.common import plural

    counts = f"{plural(len(parsed.notes), 'note')}, {plural(len(parsed.claims), 'claim')}"
    _err(f"wrote {where}: {counts}")
    return EXIT_OK


#: The collector's generation-0 threshold for a command-line run (Python's default is 700). A run
#: allocates in bursts that all live until the report (Markdown tokens, then a few objects per
#: request): at 700 the collector ran ~230 times on `bench/links` (61 ms of 1.1 s), at 7,000 ~20
#: times (32 ms); the older generations keep their defaults, so garbage is still collected.
GC_GEN0_THRESHOLD = 7000


def main() -> None:
    """Console-script entry point."""
    gc.set_threshold(GC_GEN0_THRESHOLD, *gc.get_threshold()[1:])
    app()
