"""`ISO_DATE`: the click type of every date option (YYYY-MM-DD, from 1900-01-01 to 2200-12-31)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from rehabit.domain.dates import date_problem


class IsoDate(click.DateTime):
    """A YYYY-MM-DD date (as click's `DateTime`) in the range rehabit accepts; a usage error otherwise."""

    def __init__(self) -> None:
        super().__init__(formats=["%Y-%m-%d"])

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        moment = super().convert(value, param, ctx)
        problem = date_problem(moment) if isinstance(moment, datetime) else None
        if problem is not None:
            self.fail(problem, param, ctx)
        return moment


ISO_DATE = IsoDate()
