"""A local SMTP server (aiosmtpd) that records what it accepts and can refuse or stall."""

from __future__ import annotations

import asyncio
import email
import threading
from email.message import Message

from aiosmtpd.controller import Controller


class Sink:
    """The aiosmtpd handler: accepted messages, plus switches for the fault tests."""

    def __init__(self) -> None:
        self.accepted: list[Message] = []
        self.refused = 0
        self.refuse_next = 0
        self.refuse_all = False
        self.stall_next = False
        self.stalled = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        with self._lock:
            refuse = self.refuse_all or self.refuse_next > 0
            if refuse:
                self.refuse_next = max(self.refuse_next - 1, 0)
                self.refused += 1
            stall, self.stall_next = self.stall_next, False
        if refuse:
            return "451 4.3.0 Try again later"
        if stall:
            # Hold the message until the test has killed the worker that is sending it; the
            # client is gone by then, so this message never counts as delivered.
            self.stalled.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
            return "451 4.3.0 Sender went away"
        with self._lock:
            self.accepted.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        """Accepted messages for one recipient."""
        return [m for m in self.accepted if address in m["To"]]


def start_sink(port: int) -> tuple[Controller, Sink]:
    """Start the SMTP server on 127.0.0.1:port in a thread."""
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, sink
