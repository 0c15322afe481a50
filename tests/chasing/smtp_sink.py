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
        # The client's (host, port) for each accepted message: one per SMTP connection.
        self.peers: list[tuple[str, int]] = []
        self.refused = 0
        self.refuse_next = 0
        self.refuse_all = False
        self.stall_next = False
        # Stall (as stall_next) or refuse at MAIL FROM (as refuse_mail) once this many messages
        # were accepted: a fault in the middle of a batch.
        self.stall_after: int | None = None
        self.refuse_mail_after: int | None = None
        self.stalled = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        # Addresses refused for good at RCPT (550), and a server refusing at MAIL FROM (421,
        # before any recipient is accepted).
        self.refuse_rcpt: set[str] = set()
        self.refuse_mail = False
        self.port = 0
        self.controller: Controller | None = None

    def go_down(self) -> None:
        """Stop listening: connections are refused, as when the server is down."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def come_back(self) -> None:
        """Listen again on the same port."""
        if self.controller is None:
            self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    async def handle_MAIL(self, server, session, envelope, address, mail_options) -> str:
        late = self.refuse_mail_after is not None and len(self.accepted) >= self.refuse_mail_after
        if self.refuse_mail or late:
            return "421 4.3.2 Service not available, closing transmission channel"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address in self.refuse_rcpt:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        with self._lock:
            refuse = self.refuse_all or self.refuse_next > 0
            if refuse:
                self.refuse_next = max(self.refuse_next - 1, 0)
                self.refused += 1
            stall, self.stall_next = self.stall_next, False
            if self.stall_after is not None and len(self.accepted) >= self.stall_after:
                stall, self.stall_after = True, None
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
            self.peers.append(session.peer)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        """Accepted messages for one recipient."""
        return [m for m in self.accepted if address in m["To"]]


def start_sink(port: int) -> tuple[Controller, Sink]:
    """Start the SMTP server on 127.0.0.1:port in a thread."""
    sink = Sink()
    sink.port = port
    sink.come_back()
    assert sink.controller is not None
    return sink.controller, sink
