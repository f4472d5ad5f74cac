"""Write docs/cli.md from the `--help` output of `irinsider` and each of its commands.

    python tools/gen_cli_docs.py           # rewrite docs/cli.md
    python tools/gen_cli_docs.py --check   # exit 1 if docs/cli.md is out of date

Help is rendered through click's test runner at a fixed width of 100 columns, so the
page is the same on every terminal. Commands appear in the order they are registered.
tests/test_docs.py checks that the page is current.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from irinsider.cli import main

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "cli.md"
WIDTH = 100
HEADER = (
    "# The command line\n\n"
    "Generated from `--help` by `tools/gen_cli_docs.py`; do not edit by hand.\n"
    "Run `python tools/gen_cli_docs.py` after changing a command.\n"
)


def help_text(group: click.Group, args: list[str]) -> str:
    """The `--help` output of `irinsider ARGS`, at a fixed width."""
    result = CliRunner().invoke(group, [*args, "--help"], prog_name="irinsider",
                                terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"irinsider {' '.join(args)} --help failed:\n{result.output}")
    return result.output.rstrip() + "\n"


def _section(title: str, text: str) -> str:
    return f"## {title}\n\n```text\n{text}```\n"


def render(group: click.Group = main) -> str:
    """The whole of docs/cli.md: the group's help, then each command's (and each of a
    command group's) in registration order."""
    sections = [_section("irinsider", help_text(group, []))]
    for name, command in group.commands.items():  # registration order, unlike list_commands()
        sections.append(_section(f"irinsider {name}", help_text(group, [name])))
        for sub in command.commands if isinstance(command, click.Group) else ():
            sections.append(_section(f"irinsider {name} {sub}", help_text(group, [name, sub])))
    return "\n".join([HEADER, *sections])


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write docs/cli.md from irinsider --help.")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if docs/cli.md is out of date, without writing it")
    args = parser.parse_args(argv)
    text = render()
    current = OUT.read_text(encoding="utf-8") if OUT.exists() else None
    if args.check:
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date; run python tools/gen_cli_docs.py",
                  file=sys.stderr)
            return 1
        return 0
    if current != text:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(run())
