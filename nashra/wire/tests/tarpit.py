"""A source that never finishes answering: one byte of its status line at a time."""

from __future__ import annotations

import socket
import threading
import time


class Tarpit:
    """Accepts connections on loopback and drips a reply that never ends."""

    def __init__(self, drip_seconds: float = 0.2) -> None:
        self.drip_seconds = drip_seconds
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._stopped = threading.Event()
        self.port = self._listener.getsockname()[1]

    def url(self, path: str = "/feed.xml") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> Tarpit:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                peer, _address = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._drip, args=(peer,), daemon=True).start()

    def _drip(self, peer: socket.socket) -> None:
        # About fifteen seconds of drip, then the connection drops: long past any
        # deadline the tests set, yet a run that has none still ends.
        reply = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 50
        with peer:
            for byte in reply:
                if self._stopped.is_set():
                    return
                try:
                    peer.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(self.drip_seconds)
