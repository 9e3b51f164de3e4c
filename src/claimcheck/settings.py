"""Run settings: command line > environment (`CLAIMCHECK_*`) > `claims.toml [settings]` > defaults.

The CLI and the pipeline share the defaults defined here (SPEC §2). `Settings.build()` takes the
three layers as plain mappings of snake_case keys and returns one frozen, validated `Settings`.

The command line and the environment can only give text, so `"yes"` or `"20"` are read there as a
boolean or a number; `claims.toml` has types, so there a string where a boolean or a number
belongs (`allow_private = "yes"`, `timeout = "20"`) is a wrong type, an error naming the file,
line and key (SPEC §3.3) like any other. Every number is checked against the range that makes
sense for its key: NaN, an infinity or a zero timeout would otherwise turn every link into
`timeout` or stall the run.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from claimcheck.defaults import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_HOST_CONCURRENCY,
    DEFAULT_HOST_INTERVAL,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_REDIRECTS,
    DEFAULT_MAX_RETRY_WAIT,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
    DEFAULT_WAYBACK,
    DEFAULT_WAYBACK_URL,
    FORMAT_BY_EXTENSION,
    default_fail_on,
)
from claimcheck.errors import SettingsError
from claimcheck.model import LinkStatus, Verdict
from claimcheck.report import ReportFormatChoice

ENV_PREFIX = "CLAIMCHECK_"

#: Values `--fail-on` accepts: any verdict or link status, plus `new` (lock-file regressions).
FAIL_ON_CHOICES = frozenset(
    [v.value for v in Verdict] + [s.value for s in LinkStatus] + ["new", "drift", "changed"]
)
#: What a `links` run can report: link statuses, and `new` (a link newly broken since the lock).
LINKS_FAIL_ON_CHOICES = frozenset([s.value for s in LinkStatus] + ["new"])

#: Settings that hold a path; in claims.toml they are relative to the file's folder.
PATH_KEYS = frozenset({"output", "record", "replay", "lock", "cache_dir"})
#: The path settings a run writes to: from claims.toml they must stay inside its folder.
WRITTEN_PATH_KEYS = frozenset({"output", "record", "lock", "cache_dir"})


def format_for_output(output: Path | None) -> str | None:
    """The format `output`'s extension names, or `None` (no output file, or no known extension)."""
    if output is None:
        return None
    return FORMAT_BY_EXTENSION.get(output.suffix.lower())


def _under(folder: Path, value: Any) -> Any:
    """A relative path string of claims.toml, read from the file's `folder`; anything else as is
    (`-` for stdout, an absolute path, a value of the wrong type for `_coerce` to refuse)."""
    if not isinstance(value, str) or not value or value == STDOUT or os.path.isabs(value):
        return value
    resolved = os.fspath(folder / value)
    # Keep a trailing slash: it says "a folder", which `_file_path` refuses with a hint.
    return resolved + "/" if value.endswith(("/", os.sep)) else resolved


def _check_inside(folder: Path, key: str, raw: Any, value: Any, source: str) -> None:
    """Refuse a path of claims.toml that a run would write (`WRITTEN_PATH_KEYS`) outside the
    file's `folder`, through `..`, an absolute path or a symbolic link.

    A claims file is data that comes with a project, often from someone else (a pull request
    under review): `output = "~/.bashrc"` or `record = "../../x"` would have the run replace any
    file its user can write. Inside its own folder it can replace only files of that project. A
    path given on the command line or in the environment is the user's own and is not checked.
    """
    if key not in WRITTEN_PATH_KEYS or not isinstance(value, Path):
        return
    home = os.path.realpath(folder)
    target = os.path.realpath(value)
    if target == home or target.startswith(home.rstrip(os.sep) + os.sep):
        return
    option = f"--{key.replace('_', '-')}"
    raise SettingsError(
        f"{raw!r} is outside the claims file's folder {home}: a claims file may only have "
        "files written inside its own folder",
        path=source,
        key=key,
        hint=f"give the path with {option} on the command line if you mean it",
    )


def setting_origin(
    key: str,
    cli: Mapping[str, Any] | None,
    env: Mapping[str, str] | None,
    toml: Mapping[str, Any] | None,
) -> str | None:
    """Which layer gave `key` its value: `"cli"`, `"env"`, `"toml"`, or `None` (the default)."""
    if _given_on_cli(key, (cli or {}).get(key)):
        return "cli"
    if key in _env_values(env if env is not None else os.environ):
        return "env"
    if key in (toml or {}):
        return "toml"
    return None


@dataclass(frozen=True)
class HostSettings:
    """Per-host overrides (`[settings.hosts."example.org"]`)."""

    user_agent: str | None = None
    host_concurrency: int | None = None
    host_interval: float | None = None
    timeout: float | None = None
    insecure: bool = False  # accept a self-signed TLS certificate for this host


@dataclass(frozen=True)
class Settings:
    """Every option of SPEC §2, validated."""

    format: str = "text"
    output: Path | None = None
    concurrency: int = DEFAULT_MAX_CONCURRENCY
    host_concurrency: int = DEFAULT_HOST_CONCURRENCY
    host_interval: float = DEFAULT_HOST_INTERVAL
    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    user_agent: str = DEFAULT_USER_AGENT
    cache_dir: Path | None = None  # None: platformdirs' user cache dir
    no_cache: bool = False
    max_cache_age: float = 24 * 3600.0  # seconds a cached answer is used without revalidating
    record: Path | None = None
    replay: Path | None = None
    remap: tuple[tuple[str, str], ...] = ()
    exclude: tuple[str, ...] = ()
    allow_private: bool = False
    insecure: bool = False
    wayback: bool = DEFAULT_WAYBACK
    wayback_url: str = DEFAULT_WAYBACK_URL
    fail_on: tuple[str, ...] | None = None  # None: the command's default
    no_progress: bool = False
    quiet: bool = False
    verbose: int = 0
    hosts: Mapping[str, HostSettings] = field(default_factory=dict)
    lock: Path | None = (
        None  # None: claimcheck.lock next to claims.toml, else in the current folder
    )
    update_lock: bool = False
    confirm_dead: str = "1"  # "N" or "N/D": dead only after N failed runs at least D apart

    # ------------------------------------------------------------------ building

    @classmethod
    def build(
        cls,
        cli: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        toml: Mapping[str, Any] | None = None,
        *,
        toml_path: str | None = None,
        toml_dir: Path | None = None,
    ) -> Settings:
        """Merge the layers; `None` values in `cli` mean "not given on the command line".

        `toml_dir` is the folder of the claims file: a relative path in `[settings]` (`replay`,
        `record`, `output`, `lock`, `cache_dir`) is read from there, as `[article] path` is, so
        `claimcheck verify --claims proj/claims.toml` run from elsewhere finds the same files.
        A path there that is written (`output`, `record`, `lock`, `cache_dir`) must stay inside
        that folder (`_check_inside`).

        Without `format` in any layer, an `output` whose extension names one format
        (`report.json`, `.html`/`.htm`, `.md`/`.markdown`, `.xml`, `.txt`) chooses it.
        """
        values: dict[str, Any] = {}
        for key, raw in (toml or {}).items():
            source = toml_path or "claims.toml [settings]"
            written = raw
            if toml_dir is not None and key in PATH_KEYS:
                raw = _under(toml_dir, raw)
            values[key] = _coerce(key, raw, source=source, typed=True)
            if toml_dir is not None:
                _check_inside(toml_dir, key, written, values[key], source)
        for key, raw_env in _env_values(env if env is not None else os.environ).items():
            values[key] = _coerce(key, raw_env, source=f"environment {ENV_PREFIX}{key.upper()}")
        for key, raw in (cli or {}).items():
            if not _given_on_cli(key, raw):
                continue
            values[key] = _coerce(key, raw, source=f"--{key.replace('_', '-')}")
        if "format" not in values and values.get("output") is not None:
            chosen = format_for_output(values["output"])
            if chosen is not None:
                values["format"] = chosen
        return replace(cls(), **values)

    def fail_on_for(self, command: str) -> frozenset[str]:
        """The statuses and verdicts that make `command` exit 1.

        A `links` run reports link statuses only (and, with a lock, `new`): it keeps only those
        of `fail_on`, and when none is left (a list of claim verdicts written for `verify`, as
        `[settings]` and `CLAIMCHECK_FAIL_ON` are shared by both commands) it uses its own default,
        `dead,soft_404`, rather than fail on nothing. `none` (an empty `fail_on`) stays empty.
        """
        if self.fail_on is None:
            return default_fail_on(command)
        if command != "links" or not self.fail_on:
            return frozenset(self.fail_on)
        usable = frozenset(self.fail_on) & LINKS_FAIL_ON_CHOICES
        return usable or default_fail_on(command)

    def fail_on_unusable(self, command: str) -> tuple[str, ...]:
        """The `fail_on` values `command` can never report, when it can report none of them (so
        `fail_on_for` falls back to the command's default); empty otherwise."""
        if command != "links" or not self.fail_on:
            return ()
        if set(self.fail_on) & LINKS_FAIL_ON_CHOICES:
            return ()
        return self.fail_on

    def for_host(self, host: str) -> HostSettings:
        """Overrides for `host` (exact, then parent domains), or empty overrides."""
        host = host.lower()
        parts = host.split(".")
        for i in range(len(parts)):
            found = self.hosts.get(".".join(parts[i:]))
            if found is not None:
                return found
        return HostSettings()


_FIELD_TYPES = {f.name: f.type for f in fields(Settings)}
_LISTS = {"remap", "exclude", "fail_on"}
_NOT_FROM_ENV = {"hosts"}


def _given_on_cli(key: str, raw: Any) -> bool:
    """Whether the command line gave `key`: typer passes `None`, or `[]` for a repeatable
    option, when it was not."""
    return raw is not None and not (isinstance(raw, (list, tuple)) and not raw and key in _LISTS)


def known_keys() -> frozenset[str]:
    """The keys `[settings]` accepts."""
    return frozenset(_FIELD_TYPES)


def _env_values(env: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in _FIELD_TYPES:
        if name in _NOT_FROM_ENV:
            continue
        value = env.get(ENV_PREFIX + name.upper())
        # An empty variable counts as unset, except CLAIMCHECK_FAIL_ON: `--fail-on ""` is an
        # error (it would otherwise fail on nothing), and so is the variable, alike.
        if value is not None and (value != "" or name == "fail_on"):
            out[name] = value
    return out


def _bool(value: Any, source: str, key: str, *, typed: bool = False) -> bool:
    """`true`/`false`; from text (command line, environment) also yes/no, on/off, 1/0."""
    if isinstance(value, bool):
        return value
    if not typed and isinstance(value, str):
        word = value.strip().lower()
        if word in {"1", "true", "yes", "on"}:
            return True
        if word in {"0", "false", "no", "off"}:
            return False
    raise SettingsError(f"expected true or false, got {value!r}", path=source, key=key)


#: The least value of each numeric key (inclusive), and whether the least is excluded. A timeout
#: or a body cap of 0 would fail every link; an interval, a retry count or a cache age of 0 is a
#: real choice ("no pause", "no retries", "always revalidate").
_MINIMUM: dict[str, tuple[float, bool]] = {
    "concurrency": (1, False),
    "host_concurrency": (1, False),
    "max_bytes": (1, False),
    "timeout": (0, True),
    "connect_timeout": (0, True),
    "host_interval": (0, False),
    "max_retry_wait": (0, False),
    "max_cache_age": (0, False),
    "retries": (0, False),
    "max_redirects": (0, False),
    "verbose": (0, False),
}


def _number(value: Any, source: str, key: str, kind: type, *, typed: bool = False) -> Any:
    """A finite `int` or `float` within the range `_MINIMUM` gives `key` (its last dotted part).

    `typed` (claims.toml): only a TOML number is accepted, never a string. An `int` key takes a
    float only when it is whole (`retries = 2.0`), never by dropping the fraction.
    """
    wanted = "a whole number" if kind is int else "a number"
    if isinstance(value, bool) or (typed and not isinstance(value, (int, float))):
        raise SettingsError(f"expected {wanted}, got {value!r}", path=source, key=key)
    try:
        number = _parse_number(value, kind)
    except (TypeError, ValueError, OverflowError):
        raise SettingsError(f"expected {wanted}, got {value!r}", path=source, key=key) from None
    if not math.isfinite(number):
        raise SettingsError(f"expected a finite number, got {value!r}", path=source, key=key)
    return _at_least(number, value, source, key)


def _parse_number(value: Any, kind: type) -> int | float:
    if kind is float:
        return float(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():  # also NaN and the infinities
            raise ValueError(value)
        return int(value)
    return int(str(value).strip())


def _at_least(number: Any, value: Any, source: str, key: str) -> Any:
    least, exclusive = _MINIMUM.get(key.rsplit(".", 1)[-1], (0, False))
    if exclusive and number <= least:
        raise SettingsError(f"must be more than {least:g}, got {value!r}", path=source, key=key)
    if number < least:
        what = "must not be negative" if least == 0 else f"must be at least {least:g}"
        raise SettingsError(f"{what}, got {value!r}", path=source, key=key)
    return number


def _str_list(value: Any, source: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        # A regex or a remap rule may itself hold commas: one string is one item. A list of
        # statuses ("dead, timeout") is split.
        if key in {"exclude", "remap"}:
            return (value,)
        return tuple(v.strip() for v in re.split(r"[,\n]", value) if v.strip())
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise SettingsError(f"expected a list of strings, got {value!r}", path=source, key=key)


def parse_remap(rule: str, source: str = "--remap") -> tuple[str, str]:
    """Split `'REGEX REPLACEMENT'` and check that the regex compiles."""
    parts = rule.strip().split(None, 1)
    if len(parts) != 2:
        raise SettingsError(
            f"expected 'REGEX REPLACEMENT', got {rule!r}",
            path=source,
            key="remap",
            hint="e.g. --remap 'https://old\\.example/(.*) https://new.example/$1'",
        )
    _compile(parts[0], source, "remap")
    from claimcheck.remap import check_replacement

    check_replacement(parts[0], parts[1], source=source)
    return parts[0], parts[1]


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?\s*$", re.IGNORECASE)
_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(
    value: Any, source: str = "--max-cache-age", key: str = "max_cache_age"
) -> float:
    """Seconds from `90`, `90s`, `30m`, `12h`, `1d` or `2w` (the forms lychee's `--max-cache-age` takes)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number(value, source, key, float)  # type: ignore[no-any-return]
    match = _DURATION.match(str(value))
    seconds = math.inf
    if match:
        seconds = float(match.group(1)) * _DURATION_UNITS[(match.group(2) or "s").lower()]
    if not math.isfinite(seconds):  # no match, or hundreds of digits
        raise SettingsError(
            f"expected a duration such as 3600, 30m, 12h or 1d, got {value!r}", path=source, key=key
        )
    return seconds


_CONFIRM = re.compile(r"^\s*(\d+)\s*(?:/\s*(\S+))?\s*$")


def parse_confirm_dead(value: Any, source: str = "--confirm-dead") -> str:
    """Check `N` or `N/D` (runs, and the least time between the first and last: `3/1d`)."""
    text = str(value)
    match = _CONFIRM.match(text)
    if not match or int(match.group(1)) < 1:
        raise SettingsError(
            f"expected N or N/DURATION such as 3/1d, got {value!r}", path=source, key="confirm_dead"
        )
    if match.group(2):
        parse_duration(match.group(2), source, "confirm_dead")
    return text.strip()


def _compile(pattern: str, source: str, key: str) -> re.Pattern[str]:
    """`pattern` compiled; an invalid regex, or one that could backtrack for hours
    (`remap.check_regex`), is an error naming where it was given."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise SettingsError(f"invalid regex {pattern!r}: {exc}", path=source, key=key) from None
    from claimcheck.remap import check_regex

    check_regex(pattern, source=source, key=key)
    return compiled


def _coerce(key: str, value: Any, *, source: str, typed: bool = False) -> Any:  # noqa: C901
    """Check and convert one value of `key` (one branch per type); `typed`: the value comes from
    claims.toml, not from text (see the module docstring)."""
    if key not in _FIELD_TYPES:
        raise SettingsError(
            "unknown setting",
            path=source,
            key=key,
            hint=f"known: {', '.join(sorted(_FIELD_TYPES))}",
        )
    if key == "confirm_dead":
        return parse_confirm_dead(value, source)
    if key in {
        "no_cache",
        "allow_private",
        "insecure",
        "wayback",
        "no_progress",
        "quiet",
        "update_lock",
    }:
        return _bool(value, source, key, typed=typed)
    if key in {
        "concurrency",
        "host_concurrency",
        "retries",
        "max_bytes",
        "max_redirects",
        "verbose",
    }:
        return _number(value, source, key, int, typed=typed)
    if key == "max_cache_age":
        return parse_duration(value, source, key)
    if key in {"timeout", "connect_timeout", "host_interval", "max_retry_wait"}:
        return _number(value, source, key, float, typed=typed)
    if key == "output":
        return parse_output(value, source, key)
    if key in {"record", "replay", "lock"}:
        return _file_path(value, source, key)
    if key == "cache_dir":
        return _path(value, source, key)
    if key == "format":
        return _format(value, source)
    if key in {"user_agent", "wayback_url"}:
        if not isinstance(value, str) or not value:
            raise SettingsError(f"expected a string, got {value!r}", path=source, key=key)
        return value
    if key == "exclude":
        items = _str_list(value, source, key)
        for item in items:
            _compile(item, source, key)
        return items
    if key == "remap":
        return tuple(parse_remap(r, source) for r in _str_list(value, source, key))
    if key == "fail_on":
        return _fail_on(value, source)
    if key == "hosts":
        return _hosts(value, source, typed=typed)
    raise AssertionError(f"unhandled setting {key}")  # pragma: no cover


def _fail_on(value: Any, source: str) -> tuple[str, ...]:
    """Statuses and verdicts; `none` alone for nothing. An empty list is an error, never `none`:
    `--fail-on "$FAIL_ON"` with the variable unset must not turn every failure off."""
    key = "fail_on"
    items = tuple(i for i in (i.strip().lower() for i in _str_list(value, source, key)) if i)
    if not items:
        raise SettingsError(
            f"no status or verdict given ({value!r})",
            path=source,
            key=key,
            hint="name what fails the run, e.g. mismatch,dead, or 'none' to fail on nothing",
        )
    if "none" in items:
        if set(items) == {"none"}:
            return ()
        raise SettingsError(
            "'none' cannot be combined with other values",
            path=source,
            key=key,
            hint="give 'none' alone to fail on nothing, or leave it out",
        )
    bad = [i for i in items if i not in FAIL_ON_CHOICES]
    if bad:
        raise SettingsError(
            f"unknown status or verdict {', '.join(map(repr, bad))}",
            path=source,
            key=key,
            hint=f"choose from {', '.join(sorted(FAIL_ON_CHOICES))}, or 'none'",
        )
    return items


_FORMATS = tuple(choice.value for choice in ReportFormatChoice)


def _format(value: Any, source: str) -> str:
    """A report format of SPEC §8, checked here so the error names where it was given."""
    if not isinstance(value, str) or value not in _FORMATS:
        raise SettingsError(
            f"unknown format {value!r}",
            path=source,
            key="format",
            hint=f"choose from {', '.join(_FORMATS)}",
        )
    return value


def _path(value: Any, source: str, key: str) -> Path:
    """A path; the empty string is refused (it would mean the current folder)."""
    if not isinstance(value, (str, os.PathLike)) or not os.fspath(value):
        raise SettingsError(f"expected a path, got {value!r}", path=source, key=key)
    return Path(value)


def _file_path(value: Any, source: str, key: str, example: str | None = None) -> Path:
    """The path of a file to read or write: not a folder, nor a name ending in a slash.

    Checked when the settings are built, so `-o reports/` fails before a run of several minutes
    rather than when the report is written (and with the option's name, not an OSError).
    """
    path = _path(value, source, key)
    text = os.fspath(value)
    if path.is_dir():
        reason = f"{text!r} is a folder; expected a file name"
    elif text.endswith(("/", os.sep)):
        reason = f"{text!r} ends in a slash, as a folder's name does; expected a file name"
    else:
        return path
    example = example or _EXAMPLE_NAMES.get(key, "file")
    hint = f"name a file inside it, e.g. {os.path.join(text, example)!r}"
    raise SettingsError(reason, path=source, key=key, hint=hint)


_EXAMPLE_NAMES = {
    "output": "report.json",
    "record": "run.warc.gz",
    "replay": "run.warc.gz",
    "lock": "claimcheck.lock",
}

#: What `-o` takes for standard output, as ARTICLE takes `-` for standard input (SPEC §2).
STDOUT = "-"


def parse_output(
    value: Any, source: str = "--output", key: str = "output", example: str | None = None
) -> Path | None:
    """The file to write (`-o`); `None` for standard output (`-o -`)."""
    if isinstance(value, str) and value == STDOUT:
        return None
    return _file_path(value, source, key, example)


def _hosts(value: Any, source: str, *, typed: bool = False) -> dict[str, HostSettings]:
    if not isinstance(value, Mapping):
        raise SettingsError("expected a table of hosts", path=source, key="hosts")
    out: dict[str, HostSettings] = {}
    allowed = {f.name for f in fields(HostSettings)}
    for host, table in value.items():
        if not isinstance(table, Mapping):
            raise SettingsError("expected a table", path=source, key=f"hosts.{host}")
        kwargs: dict[str, Any] = {}
        for k, v in table.items():
            where = f"hosts.{host}.{k}"
            if k not in allowed:
                raise SettingsError(
                    "unknown host setting", path=source, key=where, hint=f"known: {sorted(allowed)}"
                )
            if k == "insecure":
                kwargs[k] = _bool(v, source, where, typed=typed)
            elif k == "host_concurrency":
                kwargs[k] = _number(v, source, where, int, typed=typed)
            elif k in {"host_interval", "timeout"}:
                kwargs[k] = _number(v, source, where, float, typed=typed)
            else:
                if not isinstance(v, str):
                    raise SettingsError(f"expected a string, got {v!r}", path=source, key=where)
                kwargs[k] = v
        out[str(host).lower()] = HostSettings(**kwargs)
    return out
