"""One window per database.

The window of a database holds a lock file beside it (`cchc.sqlite3.lock`, Qt's QLockFile: a
lock left by a process that died is taken over) and listens on a local socket named after the
database's path. A second start on the same database finds the lock taken, asks the running
window to come forward and exits; the reminder agent's "Mở CCHC Desktop" does the same
before it starts a window at all. Two windows editing one file would each show what the
other has overwritten; one window that comes forward does not.
"""

from __future__ import annotations

import getpass
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from cchc_desktop.system.paths import short_name

SHOW = "show"


def _key(db_path: Path) -> str:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment: the path alone
        user = ""
    where = os.path.normcase(os.path.realpath(str(db_path)))
    return "cchc-desktop-" + short_name(f"{user}\0{where}")


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class SingleInstance(QObject):
    """The claim of one process on one database's window; `message` carries what a second
    start (or the agent) asks: "show", or "task ID" to open a task."""

    message = Signal(str)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._lock = QLockFile(str(lock_path(self.db_path)))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, however long it ran
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the database for this process's window; False when another window has it.
        It listens at once: a second start while this window is still opening hands over its
        request, which waits in the socket until the window reads it."""
        try:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)  # the very first start
        except OSError:
            pass
        if not self._lock.tryLock(0):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
            # The folder cannot hold a lock file (read-only): the socket alone guards.
            if send(self.db_path, SHOW, wait_ms=300):
                return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        key = _key(self.db_path)
        if not server.listen(key):
            # We hold the lock, so a socket left under this name belongs to a process that died.
            QLocalServer.removeServer(key)
            server.listen(key)
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def holder(self) -> str:
        """Who holds the lock, for the message when it is not a window that can come forward."""
        ok, pid, host, app = self._lock.getLockInfo()
        if not ok:
            return ""
        return f"{app or 'CCHC Desktop'} (tiến trình {pid}, máy {host})"

    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            text = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
            if text:
                self.message.emit(text)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()


def send(db_path: Path, text: str = SHOW, *, wait_ms: int = 5000) -> bool:
    """Hand `text` to the window of this database; False when no window answers in time (a
    window just starting is given `wait_ms` to begin listening)."""
    if sys.platform == "win32":  # let the running window take the foreground from this process
        try:
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - only a nicety: the window still shows, perhaps behind
            pass
    key = _key(Path(db_path))
    deadline = QDeadlineTimer(wait_ms)
    while True:
        socket = QLocalSocket()
        socket.connectToServer(key)
        if socket.waitForConnected(min(500, max(1, deadline.remainingTime()))):
            socket.write((text + "\n").encode("utf-8"))
            socket.flush()
            socket.waitForBytesWritten(2000)
            socket.disconnectFromServer()  # sends what is still buffered first
            if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
                socket.waitForDisconnected(2000)
            return True
        if deadline.hasExpired():
            return False
        time.sleep(0.1)
