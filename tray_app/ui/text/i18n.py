"""Which language the tray speaks: our translation and Qt's own, installed once at start-up.

The catalogues are ``timeman-tray_<lang>.qm``, built from ``resources/translations/*.ts`` by
``tools/build_translations.py`` (at install time by ``setup.py``), shipped as package data of
``tray_app.resources``; in a source checkout that is not installed they are read from the
``resources/`` folder beside the package (as :mod:`tray_app.ui.shared.icons` does for the icons).
Qt's own ``qtbase_<lang>.qm`` (standard buttons such as *Save*, *Cancel*, *Yes*) comes from
PySide6 when it ships one.

English is the source language: it needs no catalogue, and a language without one falls back
to it. Dates follow the language in use too (:meth:`QLocale.setDefault`), so an English text
never shows Russian month names and the other way round.

Call :func:`install_translation` before the first widget is created: texts are looked up when
a widget is built and are not re-translated later ("takes effect after restart").
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

__all__ = ["CATALOGUE", "SOURCE_LANGUAGE", "install_translation", "translations_dir"]

CATALOGUE: Final = "timeman-tray"
"""The stem of the catalogues: ``timeman-tray_ru.qm``."""
SOURCE_LANGUAGE: Final = "en"
"""The language of the source strings (no catalogue needed)."""

_RESOURCE_PACKAGE: Final = "tray_app.resources"
_SOURCE_TREE: Final = Path(__file__).resolve().parents[3] / "resources"
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """The folder of the ``.qm`` catalogues (installed package data, else the source tree)."""
    try:
        folder = resources.files(_RESOURCE_PACKAGE).joinpath("translations")
    except ModuleNotFoundError:  # a source checkout that is not installed
        return _SOURCE_TREE / "translations"
    return Path(str(folder)) if isinstance(folder, Path) else _SOURCE_TREE / "translations"


def install_translation(
    app: QCoreApplication, language: str, *, system_languages: Sequence[str] | None = None
) -> str:
    """Install the catalogues for ``language`` ("" = the system's languages in order of
    preference, :meth:`QLocale.uiLanguages`, or ``system_languages``) and return the language
    used: ``"ru"``, or ``"en"`` when no catalogue fits before English does. A second call
    replaces what the first one installed."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    used = SOURCE_LANGUAGE
    folder = translations_dir()
    for tag in _candidates(language, system_languages):
        if _is_source_language(tag):
            break
        path = folder / f"{CATALOGUE}_{tag}.qm"
        if not path.is_file():
            continue
        translator = QTranslator(app)
        if translator.load(str(path)):
            used = tag
            _install(app, translator)
            _install_qt_translation(app, tag)
            break
    QLocale.setDefault(_locale_for(used))
    return used


def _candidates(language: str, system: Sequence[str] | None) -> list[str]:
    """``pt-BR`` -> ``pt_BR``, ``pt``; "" -> the same for each of the system's languages."""
    if language.strip():
        tags: Sequence[str] = [language]
    else:
        tags = QLocale.system().uiLanguages() if system is None else system
    found: list[str] = []
    for tag in tags:
        full = tag.strip().replace("-", "_")
        for candidate in (full, full.split("_", maxsplit=1)[0]):
            if candidate and candidate not in found:
                found.append(candidate)
    return found


def _is_source_language(tag: str) -> bool:
    return tag.split("_", maxsplit=1)[0].lower() in {SOURCE_LANGUAGE, "c", "posix"}


def _install(app: QCoreApplication, translator: QTranslator) -> None:
    app.installTranslator(translator)
    _installed.append(translator)


def _install_qt_translation(app: QCoreApplication, tag: str) -> None:
    """Qt's own words (standard buttons, the file dialog) when PySide6 ships them."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for candidate in dict.fromkeys((tag, tag.split("_", maxsplit=1)[0])):
        path = folder / f"qtbase_{candidate}.qm"
        translator = QTranslator(app)
        if path.is_file() and translator.load(str(path)):
            _install(app, translator)
            return


def _locale_for(language: str) -> QLocale:
    """The locale for dates: the system's when it speaks ``language`` (keeps en_GB's ways)."""
    system = QLocale.system()
    if language == SOURCE_LANGUAGE:
        if system.language() in (QLocale.Language.English, QLocale.Language.C):
            return system
        return QLocale(QLocale.Language.English)
    wanted = QLocale(language)
    return system if system.language() == wanted.language() else wanted
