"""What the core says when a plugin fails, in one voice.

Every way a plugin can go wrong — a hook or a callable that raises, returns nothing, returns the
wrong type, returns one bad item among good ones, gives an id outside its namespace, implements a
hook that does not exist, or is slow — becomes a :class:`~impactkit.core.contributions.Finding`
made here, naming the plugin, the hook or contribution, and what was expected. The gateway
(:mod:`impactkit.core.plugins`), the pipeline, the report and the pictures all use these helpers,
so the same mistake reads the same wherever it is made.

:func:`call` runs one plugin function: it times it (``time.perf_counter``) and turns an exception
into an error finding that carries the formatted traceback (``result.json`` shows it, the human
report never does). When debugging it also prints the traceback and the time to stderr, and a
call slower than :data:`SLOW_SECONDS` gets an info finding naming the plugin and the hook (only
then: a study's results never depend on how fast the machine is).

Debugging is switched on by ``IMPACTKIT_DEBUG=1`` in the environment; ``impactkit --debug`` sets
it for the length of the command (:func:`debug_mode`). One switch, read where the failure
happens, reaches the core, the plugins' own commands and any script using impactkit as a library.

This module sits in the core's lowest layers: it imports only :mod:`impactkit.core.i18n`,
:mod:`~impactkit.core.errors` and :mod:`~impactkit.core.contributions`, and the one number
formatter beneath them, :mod:`~impactkit.core.numbers` (and the standard library).
"""

from __future__ import annotations

import math
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .contributions import Finding
from .i18n import Text, catalog, fill, msg
from .numbers import format_number

ENV_DEBUG = "IMPACTKIT_DEBUG"
SLOW_SECONDS = 1.0
"""When debugging, a hook or a contributed callable taking longer than this gets an info finding
(``core.plugin-slow``)."""

PLUGIN_ERROR = "core.plugin-error"
PLUGIN_SLOW = "core.plugin-slow"

MESSAGES: dict[str, Text] = catalog(
    [
        (
            "returned-nothing",
            "plugin '{plugin}' returned nothing from {hook}; expected {expected}",
            "plug-in '{plugin}' gaf niets terug uit {hook}; verwacht: {expected}",
        ),
        (
            "bad-item",
            "plugin '{plugin}' returned {got} as item {n} of {hook}; expected {expected}; that item is left out",
            "plug-in '{plugin}' gaf {got} terug als onderdeel {n} van {hook}; verwacht: {expected}; dat onderdeel "
            "valt weg",
        ),
        (
            "foreign-id",
            "plugin '{plugin}' returned {what} '{id}' from {hook}, outside its namespace (expected {expected}); "
            "it is left out",
            "plug-in '{plugin}' gaf {what} '{id}' terug uit {hook}, buiten zijn naamruimte (verwacht: {expected}); "
            "die valt weg",
        ),
        (
            "given-twice",
            "plugin '{plugin}' returned {what} '{id}' more than once; all of them are refused",
            "plug-in '{plugin}' gaf {what} '{id}' meer dan eens terug; ze worden alle geweigerd",
        ),
        (
            "unknown-hook",
            "plugin '{plugin}' implements '{hook}', which is not an impactkit hook{hint}; it is never called",
            "plug-in '{plugin}' implementeert '{hook}', dat geen impactkit-hook is{hint}; die wordt nooit aangeroepen",
        ),
        (
            "reserved-name",
            "plugin '{plugin}' ({module}) was not loaded: the name '{plugin}' is reserved for impactkit's own plugin",
            "plug-in '{plugin}' ({module}) is niet geladen: de naam '{plugin}' is voorbehouden aan de eigen plug-in "
            "van impactkit",
        ),
        (
            "api-mismatch",
            "plugin '{plugin}' was not loaded: it needs plugin API {wanted} (its impactkit_api), and impactkit "
            "{impactkit} has plugin API {have}; install a version of the plugin made for plugin API {have}",
            "plug-in '{plugin}' is niet geladen: hij heeft plug-in-API {wanted} nodig (zijn impactkit_api), en "
            "impactkit {impactkit} heeft plug-in-API {have}; installeer een versie van de plug-in die voor "
            "plug-in-API {have} is gemaakt",
        ),
        (
            "api-unreadable",
            "plugin '{plugin}' was not loaded: its impactkit_api {value} is not a version requirement such as "
            "'>=1.0' ({reason})",
            "plug-in '{plugin}' is niet geladen: zijn impactkit_api {value} is geen versie-eis zoals '>=1.0' "
            "({reason})",
        ),
        (
            "slow",
            "plugin '{plugin}' took {seconds} s in {where} (more than {limit} s)",
            "plug-in '{plugin}' deed {seconds} s over {where} (meer dan {limit} s)",
        ),
    ]
)


# -- the debug switch ---------------------------------------------------------------------------


def debugging() -> bool:
    """Whether ``IMPACTKIT_DEBUG`` asks for tracebacks and timings on stderr (``1``, ``true``, ``yes``)."""
    return os.environ.get(ENV_DEBUG, "").strip().lower() in ("1", "true", "yes", "on")


@contextmanager
def debug_mode() -> Iterator[None]:
    """Debugging on for the length of the ``with`` block (what ``impactkit --debug`` does), then
    ``IMPACTKIT_DEBUG`` as it was."""
    before = os.environ.get(ENV_DEBUG)
    os.environ[ENV_DEBUG] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_DEBUG, None)
        else:
            os.environ[ENV_DEBUG] = before


# -- describing what went wrong ------------------------------------------------------------------


def describe_error(exc: BaseException) -> str:
    """One line about an exception; for a pydantic ``ValidationError`` which field and why."""
    errors = getattr(exc, "errors", None)
    if callable(errors) and hasattr(exc, "title"):  # pydantic.ValidationError, without importing pydantic
        try:
            parts = [_field_error(e) for e in errors(include_url=False)]
        except Exception:
            parts = []
        if parts:
            return f"invalid {exc.title}: " + "; ".join(parts)
    text = str(exc).strip().splitlines()
    if type(exc).__name__ == "PluginValidationError":  # pluggy's reason (a hook's arguments) is on the later lines
        text = ["; ".join(line.strip() for line in text if line.strip())]
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _field_error(error: dict[str, Any]) -> str:
    """``field.path: why`` for one pydantic error; only the why for an error about the whole model
    (a model validator's, whose path is empty)."""
    why = error["msg"].removeprefix("Value error, ")
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {why}" if where else why


def one(kind: type) -> Text:
    """``a Metric`` / ``an int`` / ``een Metric``: the type with its article, in both languages."""
    name = kind.__name__
    article = "an" if name[:1].lower() in "aeiou" else "a"
    return Text(en=f"{article} {name}", nl=f"een {name}")


def a_type(value: Any) -> Text:
    """``a str`` / ``een str``: the type of ``value`` (:func:`one`)."""
    return one(type(value))


def _error(plugin: str, message: Text, trace: str | None = None) -> Finding:
    return Finding(code=PLUGIN_ERROR, severity="error", plugin=plugin, message=message, traceback=trace)


def plugin_error(plugin: str, where: str, exc: BaseException) -> Finding:
    """The error finding for ``plugin``'s hook or contribution ``where`` that raised ``exc``.

    It carries the formatted traceback; when debugging, the traceback is also printed to stderr.
    """
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    if debugging():
        sys.stderr.write(f"impactkit --debug: {plugin} · {where}\n{trace}")
        sys.stderr.flush()
    return _error(plugin, msg("plugin-hook", plugin=plugin, hook=where, error=describe_error(exc)), trace)


def load_error(plugin: str, exc: BaseException) -> Finding:
    """The error finding for a plugin that could not be imported or registered."""
    finding = plugin_error(plugin, "import", exc)
    return finding.model_copy(update={"message": msg("plugin-load", plugin=plugin, error=describe_error(exc))})


def api_mismatch(plugin: str, wanted: str, have: str, impactkit: str) -> Finding:
    """The error finding for a plugin whose ``impactkit_api`` this plugin API version does not meet."""
    return _error(plugin, fill(MESSAGES["api-mismatch"], plugin=plugin, wanted=wanted, have=have, impactkit=impactkit))


def api_unreadable(plugin: str, value: Any, reason: BaseException) -> Finding:
    """The error finding for a plugin whose ``impactkit_api`` is no version requirement."""
    return _error(plugin, fill(MESSAGES["api-unreadable"], plugin=plugin, value=repr(value), reason=str(reason)))


def bad_return(plugin: str, where: str, got: Any, expected: Text) -> Finding:
    """The error finding for a hook or contribution ``where`` that returned ``got`` instead of ``expected``."""
    return _error(plugin, msg("plugin-bad-return", plugin=plugin, hook=where, got=a_type(got), expected=expected))


def returned_nothing(plugin: str, where: str, expected: Text) -> Finding:
    """The error finding for a hook that returned ``None`` where it promises ``expected``."""
    return _error(plugin, fill(MESSAGES["returned-nothing"], plugin=plugin, hook=where, expected=expected))


def bad_item(plugin: str, where: str, n: int, got: Any, expected: Text) -> Finding:
    """The error finding for item ``n`` (1-based) of what ``where`` returned, which is not ``expected``."""
    return _error(
        plugin, fill(MESSAGES["bad-item"], plugin=plugin, hook=where, n=n, got=a_type(got), expected=expected)
    )


def foreign_id(plugin: str, where: str, what: Text, contribution_id: str, expected: Text) -> Finding:
    """The error finding for a contribution whose id lies outside the plugin's namespace."""
    message = fill(MESSAGES["foreign-id"], plugin=plugin, hook=where, what=what, id=contribution_id, expected=expected)
    return _error(plugin, message)


def given_twice(plugin: str, what: Text, contribution_id: str) -> Text:
    """The message for a plugin that gave the id of one contribution (``what``) more than once."""
    return fill(MESSAGES["given-twice"], plugin=plugin, what=what, id=contribution_id)


def unknown_hook(plugin: str, hook: str, hint: Text | None) -> Finding:
    """The error finding for a hook implementation that matches no hook specification."""
    return _error(plugin, fill(MESSAGES["unknown-hook"], plugin=plugin, hook=hook, hint=hint or Text(en="", nl="")))


def reserved_name(plugin: str, module: str) -> Finding:
    """The error finding for a plugin that registers under a name impactkit keeps for itself."""
    return _error(plugin, fill(MESSAGES["reserved-name"], plugin=plugin, module=module))


def _seconds(value: float) -> Text:
    return Text(en=format_number(value, "en", decimals=1), nl=format_number(value, "nl", decimals=1))


def slow(plugin: str, where: str, seconds: float) -> Finding:
    """The info finding for a hook or callable of ``plugin`` that took ``seconds`` (over :data:`SLOW_SECONDS`)."""
    message = fill(
        MESSAGES["slow"], plugin=plugin, where=where, seconds=_seconds(seconds), limit=_seconds(SLOW_SECONDS)
    )
    return Finding(code=PLUGIN_SLOW, severity="info", plugin=plugin, message=message)


# -- calling a plugin ----------------------------------------------------------------------------


@dataclass
class Call:
    """What calling one plugin function gave: its ``value``, or the ``error`` finding when it raised;
    how long it took, and whether debugging was on."""

    plugin: str
    where: str
    value: Any = None
    error: Finding | None = None
    seconds: float = 0.0
    debug: bool = False

    @property
    def slow(self) -> Finding | None:
        """When debugging, the info finding for a call longer than :data:`SLOW_SECONDS`.

        Only when debugging: a time depends on the machine and its load (and the first callable
        to use pandas pays for importing it), and a study's results must not.
        """
        return slow(self.plugin, self.where, self.seconds) if self.debug and self.seconds > SLOW_SECONDS else None

    @property
    def findings(self) -> list[Finding]:
        """The error finding and the slow one, those that apply."""
        return [f for f in (self.error, self.slow) if f is not None]


def call(plugin: str, where: str, func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Call:
    """Call ``plugin``'s function ``func`` (its hook or contribution ``where``) and time it
    (``time.perf_counter``).

    An exception becomes :attr:`Call.error` (with the traceback); it never escapes. When debugging,
    the time goes to stderr as ``impactkit --debug: 0.012 s  plugin · where``.
    """
    start = time.perf_counter()
    try:
        value, error = func(*args, **kwargs), None
    except Exception as exc:
        value, error = None, plugin_error(plugin, where, exc)
    seconds = time.perf_counter() - start
    debug = debugging()
    if debug:
        sys.stderr.write(f"impactkit --debug: {seconds:.3f} s  {plugin} · {where}\n")
        sys.stderr.flush()
    return Call(plugin=plugin, where=where, value=value, error=error, seconds=seconds, debug=debug)


# -- what plugins must return --------------------------------------------------------------------


@dataclass(frozen=True)
class ResultType:
    """What a hook or a contributed callable must return: the words for it and the test of it."""

    description: Text
    accepts: Callable[[Any], bool]

    def check(self, plugin: str, where: str, value: Any) -> Finding | None:
        """``None`` when ``value`` is of this type, else the :func:`bad_return` finding."""
        return None if self.accepts(value) else bad_return(plugin, where, value, self.description)


def is_frame(value: Any) -> bool:
    """Whether ``value`` is a pandas DataFrame (pandas is imported only to ask)."""
    if value is None:
        return False
    import pandas as pd

    return isinstance(value, pd.DataFrame)


MARKDOWN = ResultType(
    Text(en="Markdown text (a str) or None", nl="Markdown-tekst (een str) of None"),
    lambda value: value is None or isinstance(value, str),
)
"""What a report section's ``render`` returns."""

TABLE = ResultType(
    Text(en="a pandas DataFrame or None", nl="een pandas-DataFrame of None"),
    lambda value: value is None or is_frame(value),
)
"""What a table's ``build`` returns."""

TABLE_TYPE = TABLE.description

FINDING = ResultType(Text(en="a Finding", nl="een Finding"), lambda value: isinstance(value, Finding))
"""What a validation's ``check`` yields, one at a time."""

JSON_VALUE = Text(
    en="a JSON value (a number, text, true/false, a list or a mapping) or None",
    nl="een JSON-waarde (een getal, tekst, true/false, een lijst of een verzameling) of None",
)
"""What a metric's ``compute`` returns (see :func:`jsonable`)."""


def list_of(*kinds: type) -> Text:
    """``a list of Metric`` (``of GraphNode and GraphEdge``): what a hook returns, in words."""
    names = [kind.__name__ for kind in kinds]
    return Text(en=f"a list of {' and '.join(names)}", nl=f"een lijst van {' en '.join(names)}")


def items(
    plugin: str, where: str, returned: Any, kinds: tuple[type, ...], expected: Text, problems: list[Finding]
) -> list[Any]:
    """The items of the list ``plugin``'s ``where`` returned that are of one of ``kinds``.

    What is wrong is left out with an error finding in ``problems``: ``None`` (:func:`returned_nothing`)
    or anything but a list or tuple (:func:`bad_return`) as a whole, against ``expected`` (the list,
    in words); an item of another type (:func:`bad_item`) alone, the others are kept.
    """
    if returned is None:
        problems.append(returned_nothing(plugin, where, expected))
        return []
    if not isinstance(returned, (list, tuple)):
        problems.append(bad_return(plugin, where, returned, expected))
        return []
    kept = []
    for n, item in enumerate(returned, 1):
        if isinstance(item, kinds):
            kept.append(item)
        else:
            words = [one(kind) for kind in kinds]
            either = Text(en=" or ".join(w.en for w in words), nl=" of ".join(w.nl for w in words))
            problems.append(bad_item(plugin, where, n, item, either))
    return kept


def metric_value(plugin: str, where: str, value: Any) -> tuple[Any, Finding | None]:
    """What a metric's ``compute`` returned as plain JSON (:func:`jsonable`), or ``None`` and the
    :func:`bad_return` finding naming the part that cannot be JSON."""
    try:
        return jsonable(value), None
    except NotJsonable as exc:
        got = exc.got(value)
        return None, _error(plugin, msg("plugin-bad-return", plugin=plugin, hook=where, got=got, expected=JSON_VALUE))


class NotJsonable(TypeError):
    """A value :func:`jsonable` cannot turn into JSON; ``value`` is the part that is not, ``path``
    where it is (``['goals'][2]``, empty at the top)."""

    def __init__(self, value: Any, path: str):
        self.value = value
        self.path = path
        super().__init__(f"{type(value).__name__}{' at ' + path if path else ''} is not JSON-serialisable")

    def got(self, whole: Any) -> Text:
        """What was returned, for :func:`bad_return`: ``a set``, or ``a dict holding a set at ['a']``."""
        if not self.path:
            return a_type(self.value)
        outer, inner = a_type(whole), a_type(self.value)
        return Text(en=f"{outer.en} holding {inner.en} at {self.path}", nl=f"{outer.nl} met {inner.nl} op {self.path}")


def jsonable(value: Any, _path: str = "") -> Any:
    """Plain JSON types from what a metric returned (numpy scalars and arrays, tuples, NaN → None).

    Raises :class:`NotJsonable` (a ``TypeError``) naming the part that cannot be JSON.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v, f"{_path}[{k!r}]") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v, f"{_path}[{i}]") for i, v in enumerate(value)]
    item = getattr(value, "item", None)  # numpy scalar
    if callable(item) and getattr(value, "shape", None) == ():
        return jsonable(item(), _path)
    tolist = getattr(value, "tolist", None)  # numpy array, pandas Series
    if callable(tolist):
        return jsonable(tolist(), _path)
    raise NotJsonable(value, _path)
