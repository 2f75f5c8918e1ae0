"""Translations: every user-facing string of the web app goes through gettext.

Catalogues live in `web/locales/<locale>/LC_MESSAGES/messages.mo` (Babel). English is the source
language, so it needs no compiled catalogue: a missing one falls back to the strings as written.
Extracting strings: `pybabel extract -F babel.cfg -o src/rehabit/web/locales/messages.pot .`
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from babel.support import Translations

LOCALES_DIR = Path(__file__).with_name("locales")
DOMAIN = "messages"


@cache
def translations(locale: str = "en") -> gettext.NullTranslations:
    """The translations for `locale`; the strings as written when there is no catalogue for it."""
    loaded: gettext.NullTranslations = Translations.load(str(LOCALES_DIR), [locale], domain=DOMAIN)
    return loaded
