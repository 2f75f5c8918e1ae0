"""Which programs the web app offers: the built-in ones and the ones the person imported (stored)."""

from __future__ import annotations

from fastapi import Request

from rehabit.errors import NotFoundError
from rehabit.model import Program
from rehabit.programs import builtin_programs
from rehabit.store import programs
from rehabit.web._context import store_of


def known_programs(request: Request) -> list[tuple[Program, bool]]:
    """(program, is built-in) for every program the person can open: built-in ones, then the newest
    stored version of each imported one."""
    builtin = builtin_programs()
    stored: dict[str, Program] = {}
    for record in programs.list_program_versions(store_of(request)):
        if record.slug not in builtin:
            stored[record.slug] = record.program  # versions come oldest first: the newest wins
    return [(program, True) for program in builtin.values()] + [(program, False) for program in stored.values()]


def program_by_id(request: Request, program_id: str) -> Program:
    """The program with this id; NotFoundError (a 404) when there is none."""
    for program, _builtin in known_programs(request):
        if program.id == program_id:
            return program
    raise NotFoundError(f"no program called {program_id!r}")
