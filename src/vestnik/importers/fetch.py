"""The safe fetcher: outside URLs for the importers, never a way into our own network.

An import names URLs that somebody else wrote (a feed, an article page, an image), so
the fetcher treats each one as hostile. It resolves the host itself, refuses any address
that is not public (private, loopback, link-local, multicast, reserved, unspecified,
the cloud metadata addresses, and IPv4 inside IPv6), and then connects to exactly the
address it checked, sending the name only as ``Host`` and TLS SNI: a name that resolves
to a public address for the check and to 127.0.0.1 for the connection (DNS rebinding)
never gets the second lookup. Redirects are followed here, each one checked the same
way; the body is read in chunks and refused past a size cap (also after gzip/deflate
decoding, so a small bomb cannot expand in memory); every read has a timeout and the
whole fetch a deadline, enforced by a watchdog that shuts the socket, so a slow,
trickling or endless answer costs a bounded time.

Intended use::

    fetcher = default_fetcher()  # from VESTNIK_FETCH_* settings
    page = fetcher.fetch(url, accept=HTML_TYPES)  # raises FetchError
    records = web.parse_page(page.body, page.url, charset=page.charset)
    image = fetcher.fetch(image_url, accept=IMAGE_TYPES)

Tests inject ``resolver`` and ``allow`` (networks let through despite the rules) to serve
from 127.0.0.1; the defaults allow nothing but the public internet.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif")

# Metadata services that are not covered by "not global" everywhere (AWS's IPv6 one is
# in fd00::/8, which is private anyway; listed so the intent is written down).
METADATA = (ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"))
REDIRECTS = (301, 302, 303, 307, 308)
CHUNK = 64 * 1024


class FetchError(Exception):
    """A URL that was not fetched; the message names the URL and why."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    content_type: str  # without parameters, lower case
    charset: str  # from the Content-Type header, "" when absent
    body: bytes  # decoded from gzip/deflate


def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses as the operating system resolves them."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def literal_address(host: str) -> IPAddress | None:
    """The address a host names literally, in any form a C library would accept.

    ``2130706433``, ``0x7f.1`` and ``0177.0.0.1`` are all 127.0.0.1 to ``inet_aton``;
    reading them the same way here means no spelling of an address passes as a name.
    """
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


# IPv6 prefixes whose low 32 bits are an IPv4 address (RFC 6052 NAT64, RFC 6146 local
# NAT64, the deprecated IPv4-compatible ::/96 and SIIT's IPv4-translated ::ffff:0:0:0/96).
_CARRY_IPV4 = tuple(
    ipaddress.IPv6Network(net)
    for net in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96", "::ffff:0:0:0/96")
)


def is_public(address: IPAddress) -> bool:
    """True for an address on the public internet (IPv4 in IPv6 judged as the IPv4)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return is_public(embedded)
        if address.teredo is not None or any(address in net for net in _CARRY_IPV4):
            # NAT64, IPv4-compatible and IPv4-translated forms reach an IPv4 host that
            # this check cannot see past the gateway: refused outright.
            return False
    if address in METADATA or address.is_multicast:
        return False
    return address.is_global


@dataclass
class Fetcher:
    """Fetches one URL at a time under the rules above; safe to share between threads."""

    max_bytes: int = 10_000_000
    timeout: float = 10.0  # connecting and each read
    total_time: float = 60.0  # the whole fetch, redirects included
    max_redirects: int = 5
    resolver: Resolver = system_resolver
    allow: Iterable[Network] = field(default_factory=tuple)
    user_agent: str = "Vestnik importer"
    tls: ssl.SSLContext | None = None  # None: the system's trusted authorities

    def fetch(self, url: str, accept: Sequence[str] = HTML_TYPES) -> Fetched:
        """GET ``url``; raises ``FetchError`` for any refusal, failure or limit hit."""
        deadline = time.monotonic() + self.total_time
        for _ in range(self.max_redirects + 1):
            opened = self._open(url, deadline)
            try:
                self._remaining(url, deadline)  # headers cut short by the watchdog are no answer
                status, location = opened.response.status, opened.response.getheader("Location")
                if status in REDIRECTS and location:
                    target = urljoin(url, location)
                    if url.startswith("https:") and not target.startswith("https:"):
                        raise FetchError(url, f"it redirects from HTTPS to {target}")
                    url = target
                    continue
                if not 200 <= status < 300:
                    raise FetchError(url, f"the server answered HTTP {status}")
                return self._read(url, opened, accept, deadline)
            finally:
                opened.close()
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    def check(self, url: str) -> tuple[str, int, IPAddress]:
        """The URL's host, port and the one vetted address to connect to."""
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FetchError(url, f"not a valid URL ({error})") from error
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, "only http and https URLs are fetched")
        if not parts.hostname:
            raise FetchError(url, "the URL names no host")
        if parts.username or parts.password:
            raise FetchError(url, "URLs with a user name or password are not fetched")
        host = parts.hostname
        literal = literal_address(host)
        addresses = [literal] if literal is not None else self._resolve(url, host, port)
        for address in addresses:
            if not self._permitted(address):
                raise FetchError(url, f"{host} is a private or reserved address ({address})")
        return host, port, addresses[0]

    def _resolve(self, url: str, host: str, port: int) -> list[IPAddress]:
        try:
            host.encode("idna")
            found = [ipaddress.ip_address(a.split("%")[0]) for a in self.resolver(host, port)]
        except (OSError, UnicodeError, ValueError) as error:
            raise FetchError(url, f"the host {host} could not be resolved") from error
        if not found:
            raise FetchError(url, f"the host {host} could not be resolved")
        return found

    def _permitted(self, address: IPAddress) -> bool:
        if any(address in network for network in self.allow):
            return True
        return is_public(address)

    def _open(self, url: str, deadline: float) -> _Opened:
        host, port, address = self.check(url)
        parts = urlsplit(url)
        timeout = self._remaining(url, deadline)
        conn: _PinnedHTTPConnection | _PinnedHTTPSConnection
        if parts.scheme == "https":
            context = self.tls or ssl.create_default_context()
            conn = _PinnedHTTPSConnection(
                host, port, address=str(address), timeout=timeout, context=context
            )
        else:
            conn = _PinnedHTTPConnection(host, port, address=str(address), timeout=timeout)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        # Per-read timeouts do not stop a server that trickles a byte at a time (in the TLS
        # handshake or the headers too): at the deadline the watchdog shuts the socket.
        watchdog = threading.Timer(deadline - time.monotonic(), _shut_raw, (conn,))
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.request(
                "GET",
                target,
                headers={
                    "User-Agent": self.user_agent,
                    "Accept-Encoding": "gzip, deflate",
                    "Accept": ", ".join((*HTML_TYPES, *FEED_TYPES, *IMAGE_TYPES)),
                },
            )
            response = conn.getresponse()
        except (OSError, http.client.HTTPException, ValueError) as error:
            watchdog.cancel()
            conn.close()
            self._remaining(url, deadline)  # cut short by the deadline: say so
            raise FetchError(url, _network_reason(error)) from error
        except BaseException:
            watchdog.cancel()
            raise
        return _Opened(conn, response, conn.pinned, watchdog)

    def _read(self, url: str, opened: _Opened, accept: Sequence[str], deadline: float) -> Fetched:
        response, sock = opened.response, opened.sock
        content_type, _, params = (response.getheader("Content-Type") or "").partition(";")
        content_type = content_type.strip().lower()
        if content_type not in accept:
            raise FetchError(url, f"unexpected content type {content_type or 'none'!r}")
        length = response.getheader("Content-Length") or ""
        if length.isdigit() and int(length) > self.max_bytes:
            raise FetchError(url, f"the answer is larger than {self.max_bytes} bytes")
        encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
        body = _Body(url, self.max_bytes, encoding)
        try:
            while chunk := self._chunk(url, response, sock, deadline):
                body.add(chunk)
        except (OSError, http.client.HTTPException) as error:
            self._remaining(url, deadline)  # cut short by the deadline: say so
            raise FetchError(url, _network_reason(error)) from error
        self._remaining(url, deadline)  # an end forced by the watchdog is no end
        charset = ""
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset":
                charset = value.strip().strip("\"'").lower()
        return Fetched(url, content_type, charset, body.finish())

    def _chunk(
        self, url: str, response: http.client.HTTPResponse, sock: socket.socket, deadline: float
    ) -> bytes:
        # Each read waits at most the read timeout or what is left of the deadline.
        sock.settimeout(self._remaining(url, deadline))
        return response.read1(CHUNK)

    def _remaining(self, url: str, deadline: float) -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(url, f"the fetch took longer than {self.total_time:g} s")
        return min(self.timeout, left)


@dataclass
class _Opened:
    conn: http.client.HTTPConnection
    response: http.client.HTTPResponse
    sock: socket.socket  # the connected socket, kept to bound each read's wait
    watchdog: threading.Timer

    def close(self) -> None:
        self.watchdog.cancel()
        self.response.close()
        self.conn.close()
        self.sock.close()


class _Body:
    """The answer's bytes, decoded as they arrive and refused past the cap."""

    def __init__(self, url: str, cap: int, encoding: str) -> None:
        self.url, self.cap, self.data = url, cap, bytearray()
        if encoding in ("gzip", "x-gzip", "deflate"):
            self.decoder: zlib._Decompress | None = zlib.decompressobj(zlib.MAX_WBITS | 32)
        elif encoding == "identity":
            self.decoder = None
        else:
            raise FetchError(url, f"unsupported content encoding {encoding!r}")

    def add(self, chunk: bytes) -> None:
        if self.decoder is not None:
            try:
                chunk = self.decoder.decompress(chunk, self.cap - len(self.data) + 1)
            except zlib.error as error:
                raise FetchError(self.url, "the compressed answer is corrupt") from error
            if self.decoder.unconsumed_tail:
                self._too_large()
        if len(self.data) + len(chunk) > self.cap:
            self._too_large()
        self.data += chunk

    def finish(self) -> bytes:
        if self.decoder is not None:
            self.add(b"")
            if not self.decoder.eof:
                raise FetchError(self.url, "the compressed answer is truncated")
        return bytes(self.data)

    def _too_large(self) -> None:
        raise FetchError(self.url, f"the answer is larger than {self.cap} bytes")


def _shut_raw(conn: http.client.HTTPConnection) -> None:
    """The watchdog's stop: the connection's TCP socket, once it has one (shutting it
    also ends a TLS handshake or read in progress on top of it)."""
    sock = getattr(conn, "raw", None)
    if sock is not None:
        _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing to stop
        sock.shutdown(socket.SHUT_RDWR)


def _network_reason(error: Exception) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "the server did not answer in time"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed ({error.reason or error})"
    if isinstance(error, http.client.IncompleteRead):
        return "the answer was cut short"
    return f"the connection failed ({error})"


def _connect(address: str, port: int, timeout: float | None) -> socket.socket:
    """A TCP connection to the address itself: no name lookup happens on the way."""
    ip = ipaddress.ip_address(address)
    sock = socket.socket(socket.AF_INET6 if ip.version == 6 else socket.AF_INET)
    sock.settimeout(timeout)
    try:
        sock.connect((address, port))
    except BaseException:
        sock.close()
        raise
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the vetted address; the URL's host is only sent as ``Host``."""

    pinned: socket.socket

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = self.pinned = self.raw = _connect(self.address, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same over TLS: the certificate is checked against the host name (SNI)."""

    pinned: socket.socket

    def __init__(
        self, host: str, port: int, *, address: str, timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self.address = address

    def connect(self) -> None:
        sock = self.raw = _connect(self.address, self.port, self.timeout)
        self.sock = self.pinned = self._context.wrap_socket(  # type: ignore[attr-defined]
            sock, server_hostname=self.host
        )


def default_fetcher() -> Fetcher:
    """A fetcher configured from the ``VESTNIK_FETCH_*`` settings."""
    from django.conf import settings

    return Fetcher(
        max_bytes=settings.VESTNIK_FETCH_MAX_BYTES,
        timeout=settings.VESTNIK_FETCH_TIMEOUT,
        total_time=settings.VESTNIK_FETCH_TOTAL_TIME,
        allow=tuple(ipaddress.ip_network(n) for n in settings.VESTNIK_FETCH_ALLOW),
    )
