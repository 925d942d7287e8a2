"""Route Qt's own messages (qWarning, qDebug, ...) into Python logging under ``qt.*``."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    logger = logging.getLogger("qt" if category == "default" else f"qt.{category}")
    level = LEVELS.get(kind, logging.WARNING)
    if context.file:
        logger.log(level, "%s (%s:%s)", message, context.file, context.line)
    else:
        logger.log(level, "%s", message)


def install() -> None:
    """Send every Qt message to Python logging from now on."""
    qInstallMessageHandler(qt_message_handler)


def configure_logging(level: int = logging.INFO) -> None:
    """Basic console logging for the app (tests configure their own)."""
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    install()
