"""The customer's language: which translation QML's `qsTr` uses and which text content shows.

The UI's own strings are written in English in QML and translated to Chinese by the Qt
Linguist catalogue in `i18n/`. Switching installs or removes that translator and asks the
engine to re-evaluate every `qsTr` binding, so the screen changes in place; controllers
listen to `languageChanged` to rebuild their content texts.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable, QQmlEngine

from kiosk.packs.model import LANGUAGES
from kiosk.ui.events import Recorder
from kiosk.ui.props import readonly

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

I18N = Path(__file__).resolve().parent / "i18n"
#: Qt Linguist catalogue per content language; English is the source language.
CATALOGUES = {"zh-CN": I18N / "kiosk_zh_CN.qm"}
#: Each language named in itself on the language switch, so anyone can find their own.
LABELS = {"zh-CN": "中文", "en": "EN"}


@QmlElement
@QmlUncreatable("Made by the kiosk")
class LanguageController(QObject):
    languageChanged = Signal()

    def __init__(self, default: str, recorder: Recorder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if default not in LANGUAGES:
            raise ValueError(f"language '{default}' is not one of {', '.join(LANGUAGES)}")
        self._default = default
        self._options = [{"lang": lang, "label": LABELS.get(lang, lang)} for lang in LANGUAGES]
        self._language = ""
        self._recorder = recorder
        self._engine: QQmlEngine | None = None
        self._translators: dict[str, QTranslator] = {}
        self._installed: QTranslator | None = None
        self._apply(default)

    def attach(self, engine: QQmlEngine) -> None:
        """The engine whose `qsTr` bindings follow the language."""
        self._engine = engine

    language = readonly(str, "_language", languageChanged)
    #: The switch's options in order: {"lang": "zh-CN", "label": "中文"}, ...
    options = readonly("QVariantList", "_options")

    @Slot(str)
    def choose(self, lang: str) -> None:
        """The customer picked `lang` (recorded)."""
        if lang not in LANGUAGES or lang == self._language:
            return
        before = self._language
        self._apply(lang)
        self._recorder.record("language_change", **{"from": before, "to": lang})

    @Slot()
    def toggle(self) -> None:
        i = LANGUAGES.index(self._language)
        self.choose(LANGUAGES[(i + 1) % len(LANGUAGES)])

    def reset(self) -> None:
        """Back to the kiosk's default language at the end of a session (not recorded)."""
        self._apply(self._default)

    def _apply(self, lang: str) -> None:
        if lang == self._language:
            return
        app = QCoreApplication.instance()
        if app is not None:
            if self._installed is not None:
                app.removeTranslator(self._installed)
                self._installed = None
            translator = self._translator(lang)
            if translator is not None:
                app.installTranslator(translator)
                self._installed = translator
        self._language = lang
        if self._engine is not None:
            self._engine.retranslate()
        self.languageChanged.emit()

    def _translator(self, lang: str) -> QTranslator | None:
        path = CATALOGUES.get(lang)
        if path is None:
            return None
        if lang not in self._translators:
            translator = QTranslator(self)
            if not translator.load(str(path)):
                log.error("no UI translation for %s at %s; showing English", lang, path)
                return None
            self._translators[lang] = translator
        return self._translators[lang]

    def release(self) -> None:
        """Remove the translator from the application (when the UI closes)."""
        app = QCoreApplication.instance()
        if app is not None and self._installed is not None:
            app.removeTranslator(self._installed)
            self._installed = None
