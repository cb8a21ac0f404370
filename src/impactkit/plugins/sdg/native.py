"""The SDG matcher compiled with mypyc: ``python -m impactkit.plugins.sdg.native`` (``make`` runs it).

mypyc (part of mypy) compiles :mod:`.matcher`, unchanged, into a C extension ``_matcher_c`` beside
it; the matcher hands itself over to that build when it was made from the matcher's current source
(its SHA-256 is written into the build), so an edited matcher runs as Python until it is built
again. The build maps a corpus about a fifth faster (``benchmarks/bench_sdg_map.py`` measures
both); without it — no C compiler, mypy not installed — everything works the same, in Python.

``python -m impactkit.plugins.sdg.native`` builds it (needs ``pip install 'impactkit[native]'`` and
a C compiler), ``--status`` tells whether the compiled matcher is in use.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from collections.abc import Callable
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from impactkit.plugin import Text, UserError, atomic_write, default_lang

HERE = Path(__file__).parent
SOURCE = HERE / "matcher.py"
NAME = "_matcher_c"

IN_USE = Text(
    en="the SDG matcher is compiled (mypyc) and in use: {path}",
    nl="de SDG-matcher is gecompileerd (mypyc) en in gebruik: {path}",
)
STALE = Text(
    en="the compiled SDG matcher {path} was built from an older matcher.py: the matcher runs as Python "
    "until it is built again (python -m impactkit.plugins.sdg.native)",
    nl="de gecompileerde SDG-matcher {path} is gebouwd uit een oudere matcher.py: de matcher draait als "
    "Python tot hij opnieuw gebouwd is (python -m impactkit.plugins.sdg.native)",
)
ABSENT = Text(
    en="the SDG matcher runs as Python (not compiled; python -m impactkit.plugins.sdg.native builds it)",
    nl="de SDG-matcher draait als Python (niet gecompileerd; python -m impactkit.plugins.sdg.native bouwt hem)",
)
UNLOADABLE = Text(
    en="the compiled SDG matcher {path} cannot be loaded ({error}): the matcher runs as Python until it is "
    "built again (python -m impactkit.plugins.sdg.native)",
    nl="de gecompileerde SDG-matcher {path} kan niet geladen worden ({error}): de matcher draait als Python "
    "tot hij opnieuw gebouwd is (python -m impactkit.plugins.sdg.native)",
)
PURE = Text(
    en="the SDG matcher runs as Python: IMPACTKIT_SDG_PURE is set",
    nl="de SDG-matcher draait als Python: IMPACTKIT_SDG_PURE is gezet",
)
NO_MYPYC = Text(
    en="mypyc is not installed: pip install 'impactkit[native]' (the matcher keeps running as Python)",
    nl="mypyc is niet geïnstalleerd: pip install 'impactkit[native]' (de matcher blijft als Python draaien)",
)
FAILED = Text(
    en="mypyc could not compile the SDG matcher (the matcher keeps running as Python):\n{output}",
    nl="mypyc kon de SDG-matcher niet compileren (de matcher blijft als Python draaien):\n{output}",
)
COMPILING = Text(
    en="compiling the SDG matcher with mypyc (about 15 seconds) …",
    nl="de SDG-matcher wordt gecompileerd met mypyc (ongeveer 15 seconden) …",
)
BUILT = Text(en="built {path}", nl="gebouwd: {path}")
CANNOT_WRITE = Text(
    en="cannot write the compiled SDG matcher to {path}: {error} (the matcher keeps running as Python)",
    nl="kan de gecompileerde SDG-matcher niet schrijven naar {path}: {error} (de matcher blijft als Python draaien)",
)
USAGE = Text(
    en="usage: python -m impactkit.plugins.sdg.native [--status]",
    nl="gebruik: python -m impactkit.plugins.sdg.native [--status]",
)


def digest(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()


def built_file(folder: Path = HERE) -> Path | None:
    """The compiled matcher in ``folder`` for this Python, if there is one."""
    for suffix in EXTENSION_SUFFIXES:
        path = folder / f"{NAME}{suffix}"
        if path.is_file():
            return path
    return None


def status(lang: str) -> str:
    """Whether the compiled matcher is in use, in words (and if not, why not)."""
    from importlib import import_module

    from . import matcher

    path = built_file()
    if matcher.__name__.endswith(NAME):
        return IN_USE.get(lang).format(path=path)
    if matcher.pure_wanted():
        return PURE.get(lang)
    if path is None:
        return ABSENT.get(lang)
    try:
        import_module(f"{__package__}.{NAME}")
    except Exception as exc:  # its runtime part missing, say
        return UNLOADABLE.get(lang).format(path=path, error=f"{type(exc).__name__}: {exc}")
    return STALE.get(lang).format(path=path)


def build(folder: Path = HERE, lang: str = "en", echo: Callable[[str], object] = print) -> Path:
    """Compile :mod:`.matcher` with mypyc and put the extension in ``folder`` (replaced in one
    step); :class:`UserError` when mypyc is missing or fails."""
    try:
        import mypyc  # noqa: F401  (only asked whether it is there)
    except ImportError:
        raise UserError(NO_MYPYC.en, NO_MYPYC.nl) from None
    source = SOURCE.read_bytes()
    echo(COMPILING.get(lang))
    with tempfile.TemporaryDirectory(prefix="impactkit-mypyc-") as temp:
        root = Path(temp)
        package = root / "impactkit" / "plugins" / "sdg"
        package.mkdir(parents=True)
        for level in (package.parent.parent, package.parent, package):
            (level / "__init__.py").write_bytes(b"")
        # the matcher as it is, and the fingerprint by which it knows its build (matcher._compiled_build)
        (package / f"{NAME}.py").write_bytes(source + f'\n\nSOURCE_SHA256 = "{digest(source)}"\n'.encode())
        done = subprocess.run(
            [sys.executable, "-m", "mypyc", f"impactkit/plugins/sdg/{NAME}.py"],
            cwd=root,
            capture_output=True,
            text=True,
        )
        made = built_file(package)
        if done.returncode or made is None:
            output = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
            raise UserError(FAILED.en.format(output=output), FAILED.nl.format(output=output))
        # the module and mypyc's runtime for it (``_matcher_c__mypyc``), the runtime first
        for part in sorted(package.glob(f"{NAME}*"), key=lambda path: path == made):
            if any(part.name.endswith(suffix) for suffix in EXTENSION_SUFFIXES):
                atomic_write(folder / part.name, part.read_bytes())  # the usual permissions, like the package's
    target = folder / made.name
    echo(BUILT.get(lang).format(path=target))
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    lang = default_lang()
    if args == ["--status"]:
        print(status(lang))
        return 0
    if args:
        print(USAGE.get(lang), file=sys.stderr)
        return 2
    try:
        build(lang=lang)
    except UserError as exc:
        print(exc.text.get(lang), file=sys.stderr)
        return 2
    except OSError as exc:  # the package's folder cannot be written (an installation of root's, say)
        print(CANNOT_WRITE.get(lang).format(path=exc.filename or HERE, error=exc.strerror or exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
