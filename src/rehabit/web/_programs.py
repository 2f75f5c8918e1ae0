"""Which programs the web app offers: the built-in ones and, once stored, the person's imported ones."""

from __future__ import annotations

from fastapi import Request

from rehabit.errors import NotFoundError
from rehabit.model import Program
from rehabit.programs import builtin_programs


def known_programs(request: Request) -> list[tuple[Program, bool]]:
    """(program, is built-in) for every program the person can open, built-in ones first."""
    return [(program, True) for program in builtin_programs().values()]


def program_by_id(request: Request, program_id: str) -> Program:
    """The program with this id; NotFoundError (a 404) when there is none."""
    for program, _builtin in known_programs(request):
        if program.id == program_id:
            return program
    raise NotFoundError(f"no program called {program_id!r}")
