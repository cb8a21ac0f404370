"""Kill a writing command at random moments and look at what it leaves (run by ``test_kill.py``).

``python -m tests.safety.kill_harness SPECS`` reads JSON: for each scenario by name, the
``impactkit`` arguments, the plugins, the folders to watch and how many kills. It runs the command once in this process (so every
module it needs is imported, and what it writes is the *new* state), gives each file it made or
changed an *old* state (its content before; a file it made gets placeholder bytes), then again and
again forks a child that runs the command and kills it (``os.kill``, SIGKILL) after a random delay
within the time a whole run takes. After each kill every watched file must hold its old bytes or
its new bytes, nothing else; the only other thing a kill may leave is a temporary file of
:func:`impactkit.core.files.atomic_file` (``.NAME.*.tmp``), which is removed before the next round.
It prints one JSON line: the rounds, the moments, and every file found torn.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sys
import time
from pathlib import Path

TEMP = re.compile(r"^\..+\.[^.]+\.tmp$")
IGNORED = {".impactkit.lock"}
PLACEHOLDER = b"old placeholder: the command has not written this file yet\n"


def snapshot(folders: list[Path]) -> tuple[dict[str, bytes], list[str]]:
    """Every watched file's bytes (by path), and the temporary files found."""
    files: dict[str, bytes] = {}
    temps: list[str] = []
    for folder in folders:
        if not folder.exists():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_dir() or path.name in IGNORED:
                continue
            if TEMP.match(path.name):
                temps.append(str(path))
            else:
                files[str(path)] = path.read_bytes()
    return files, temps


def restore(state: dict[str, bytes], folders: list[Path]) -> None:
    """Put the files back as ``state`` has them (and remove what it does not have)."""
    now, temps = snapshot(folders)
    for path in temps:
        os.unlink(path)
    for path in now:
        if path not in state:
            os.unlink(path)
    for path, data in state.items():
        if now.get(path) != data:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_bytes(data)


def run_child(argv: list[str]) -> int:
    """Fork a child that runs the command (output to /dev/null); its pid."""
    pid = os.fork()
    if pid == 0:  # the child
        code = 3
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            from impactkit.cli.main import cli

            cli.main(args=argv, prog_name="impactkit", standalone_mode=False)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    return pid


def scenario(spec: dict, rng: random.Random) -> dict:
    """Kill one command ``spec["kills"]`` times; what was found."""
    os.environ["IMPACTKIT_LOAD_PLUGINS"] = spec.get("plugins", "core")
    argv = spec["argv"]
    folders = [Path(f) for f in spec["watch"]]

    before, _ = snapshot(folders)
    from click.testing import CliRunner

    from impactkit.cli.main import cli

    warm = CliRunner().invoke(cli, argv, catch_exceptions=False)  # imports all it needs; the new state
    assert warm.exit_code in (0, 1), warm.output
    new, _ = snapshot(folders)
    assert new != before, "the command changed nothing"
    old = {path: before.get(path, PLACEHOLDER) for path in new}
    old.update({path: data for path, data in before.items() if path not in new})
    restore(old, folders)

    started = time.monotonic()  # one whole run in a child: how long the kills may wait
    pid = run_child(argv)
    _, status = os.waitpid(pid, 0)
    whole = time.monotonic() - started
    assert os.waitstatus_to_exitcode(status) in (0, 1), status
    assert snapshot(folders)[0] == new, "a whole run in a child writes what the first run wrote"

    torn: list[str] = []
    moments: list[float] = []
    partly = whole_runs = 0
    for _ in range(spec["kills"]):
        restore(old, folders)
        delay = rng.uniform(0.6, 1.05) * whole  # its first part only reads; the writes come late
        pid = run_child(argv)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        moments.append(round(delay, 3))
        now, temps = snapshot(folders)
        for path in sorted(set(now) | set(old)):
            if now.get(path) not in (old.get(path), new.get(path)):
                size = len(now[path]) if path in now else None
                torn.append(f"{path}: {size} bytes, neither old nor new (kill after {delay:.3f}s)")
        if now == new:
            whole_runs += 1  # killed after the last write
        elif now != old:
            partly += 1  # killed while it was writing: some files new, some old
        for temp in temps:  # a kill between writing and renaming; the target itself is whole
            assert TEMP.match(Path(temp).name), temp
    restore(old, folders)
    return {
        "whole": round(whole, 3),
        "moments": moments,
        "partly": partly,
        "new": whole_runs,
        "torn": torn,
        "files": len(new),
    }


def main() -> None:
    specs = json.loads(sys.argv[1])
    os.environ.setdefault("IMPACTKIT_LANG", "en")
    rng = random.Random(int(os.environ.get("IMPACTKIT_KILL_SEED", "0")))
    found = {name: scenario(spec, rng) for name, spec in specs.items()}
    print(json.dumps(found))


if __name__ == "__main__":
    main()
