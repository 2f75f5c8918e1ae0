"""Program files: the built-in programs shipped with rehabit and YAML files people write.

Every program, wherever it comes from, passes through `parse_program`, so a file a clinician wrote
and the built-in program are held to the same rules. Errors name the file, the line and the field.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import LocatedError, Program

BUILTIN_ID = "lower-back-glutes"
MAX_PROGRAM_BYTES = 5_000_000

__all__ = [
    "BUILTIN_ID",
    "ProgramFileError",
    "builtin_programs",
    "dump_program",
    "get_program",
    "load_program",
    "parse_program",
]


class ProgramFileError(RehabitError):
    """A program file that cannot be used, with where the problem is."""

    def __init__(self, filename: str, message: str, line: int | None = None, field: str | None = None):
        self.filename = filename
        self.line = line
        self.field = field
        self.reason = message
        where = filename if line is None else f"{filename}:{line}"
        text = f"{where}: {field}: {message}" if field else f"{where}: {message}"
        super().__init__(text)


def load_program(path: Path | str) -> Program:
    """Read and validate a program file; ProgramFileError says what is wrong and where."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_PROGRAM_BYTES:
            raise ProgramFileError(str(path), f"file is too large ({size:,} bytes; the limit is 5 MB)")
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ProgramFileError(str(path), "is a directory, not a program file") from None
    except FileNotFoundError:
        raise ProgramFileError(str(path), "no such file") from None
    except OSError as error:
        raise ProgramFileError(str(path), f"cannot be read ({error.strerror})") from None
    return parse_program(raw, str(path))


def parse_program(raw: bytes | str, filename: str = "<program>") -> Program:
    """Validate a program document given as YAML (JSON is YAML too)."""
    text = _decode(raw, filename)
    if not text.strip():
        raise ProgramFileError(filename, "file is empty; a program needs at least an id, a title and exercises")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        document = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or error.context or "malformed YAML"
        raise ProgramFileError(filename, f"malformed YAML: {problem}", line=line) from None
    except yaml.YAMLError as error:
        raise ProgramFileError(filename, f"malformed YAML: {error}") from None
    if not isinstance(document, dict):
        kind = type(document).__name__
        raise ProgramFileError(filename, f"a program must be a mapping of fields, not a {kind}", line=1)
    try:
        return Program.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        loc: tuple[str | int, ...] = tuple(first["loc"])
        cause = (first.get("ctx") or {}).get("error")
        if isinstance(cause, LocatedError):
            loc = loc + cause.loc
            message = str(cause)
        else:
            message = _plain_message(first)
        line = _line_of(root, loc)
        raise ProgramFileError(filename, message, line=line, field=_dotted(loc) or None) from None


def dump_program(program: Program) -> str:
    """The program as YAML in the documented format (fields left at their defaults omitted)."""
    document = program.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


@cache
def builtin_programs() -> dict[str, Program]:
    """The programs shipped inside the package, by id."""
    programs: dict[str, Program] = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".yaml"):
            program = parse_program(entry.read_bytes(), f"rehabit/programs/{entry.name}")
            programs[program.id] = program
    return programs


def get_program(name: str | None = None) -> Program:
    """A built-in program by id, or a program file by path; the built-in default when no name."""
    if name is None:
        return builtin_programs()[BUILTIN_ID]
    programs = builtin_programs()
    if name in programs:
        return programs[name]
    if Path(name).suffix.lower() in {".yaml", ".yml", ".json"} or Path(name).exists():
        return load_program(name)
    known = ", ".join(sorted(programs))
    raise NotFoundError(f"no program called {name!r} (built-in programs: {known}; or give a .yaml file)")


def _decode(raw: bytes | str, filename: str) -> str:
    if isinstance(raw, str):
        return raw
    if b"\x00" in raw[:8192]:
        raise ProgramFileError(filename, "looks like a binary file, not a YAML program")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProgramFileError(filename, "is not UTF-8 text (binary file?)", line=line) from None


def _line_of(node: yaml.Node | None, loc: tuple[str | int, ...]) -> int | None:
    """The 1-based line of the deepest YAML node the error location reaches."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    line = key.start_mark.line + 1
                    child = value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _dotted(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _plain_message(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown field (see docs/program-format.md for the fields a program can have)"
    if kind == "missing":
        return "required field is missing"
    message = str(error.get("msg", "invalid value"))
    return message.removeprefix("Value error, ")
