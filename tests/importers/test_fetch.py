"""The fetcher against a local server: redirects, size and time limits, encodings.

127.0.0.1 is let through by an injected allow-list, and the name ``news.example`` by an
injected resolver; everything else is the default behaviour.
"""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import socket
import threading
import time
import zlib

import pytest
from tests.localhttp import QuietHandler, serving, silent_server

from vestnik.importers.fetch import FEED_TYPES, Fetcher, FetchError

PAGE = "<html><head><title>Снег в горах</title></head><body><p>Текст</p></body></html>"
LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)
CAP = 100_000


class Newsroom(QuietHandler):
    """A small site with every kind of answer the fetcher must handle."""

    protocol_version = "HTTP/1.1"
    hosts: list[str] = []

    def handle(self):
        with contextlib.suppress(ConnectionResetError):  # the fetcher hung up on a refusal
            super().handle()

    def do_GET(self):
        Newsroom.hosts.append(self.headers["Host"])
        route = getattr(self, "route_" + self.path.strip("/").replace("-", "_"), None)
        if route is None:
            self.answer(404, b"not here")
        else:
            route()

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_article(self):
        self.answer(200, PAGE.encode(), "text/html; charset=utf-8")

    def route_feed(self):
        self.answer(200, b"<rss version='2.0'/>", "application/rss+xml")

    def route_moved(self):
        self.redirect("/article", 301)

    def route_hop(self):
        self.redirect("moved", 307)

    def route_loop(self):
        self.redirect("/loop")

    def route_to_private(self):
        self.redirect("http://10.0.0.1/admin")

    def route_to_metadata(self):
        self.redirect("http://169.254.169.254/latest/meta-data/")

    def route_to_file(self):
        self.redirect("file:///etc/passwd")

    def route_pdf(self):
        self.answer(200, b"%PDF-1.4", "application/pdf")

    def route_no_type(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"hi")

    def route_announced_big(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(CAP * 10))
        self.end_headers()

    def route_chunked_big(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"x" * 16_384
        try:  # the fetcher hangs up once past the cap
            for _ in range(CAP // len(chunk) + 2):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass

    def compressed(self, body: bytes, encoding: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route_gzipped(self):
        self.compressed(gzip.compress(PAGE.encode()), "gzip")

    def route_deflated(self):
        self.compressed(zlib.compress(PAGE.encode()), "deflate")

    def route_gzip_bomb(self):
        # 20 MB of zeros in about 20 KB: small on the wire, far past the cap decoded.
        self.compressed(gzip.compress(b"\0" * 20_000_000, 9), "gzip")

    def route_truncated_gzip(self):
        self.compressed(gzip.compress(PAGE.encode())[:-12], "gzip")

    def route_brotli(self):
        self.compressed(b"\x8b\x03\x80", "br")

    def route_slow_headers(self):
        self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Pad: ")
        with contextlib.suppress(OSError):
            while True:  # one header byte at a time, each well inside the read timeout
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.02)

    def route_endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            while True:  # a byte at a time, each well inside the read timeout
                self.wfile.write(b"1\r\nx\r\n")
                self.wfile.flush()
                time.sleep(0.02)
        except OSError:
            pass


@pytest.fixture(scope="module")
def site():
    with serving(Newsroom) as url:
        yield url


def local(**options) -> Fetcher:
    options.setdefault("max_bytes", CAP)
    return Fetcher(allow=LOCAL, **options)


def test_a_page_is_fetched_with_its_type_and_charset(site):
    page = local().fetch(site + "/article")
    assert page.body.decode() == PAGE
    assert (page.content_type, page.charset, page.url) == ("text/html", "utf-8", site + "/article")


def test_the_name_is_resolved_once_and_sent_as_host_to_the_vetted_address(site, monkeypatch):
    port = int(site.rsplit(":", 1)[1])
    lookups = []

    def rebinding(host, port_):
        # A rebinding name: allowed on the first lookup, private on any later one.
        lookups.append(host)
        return ["127.0.0.1"] if len(lookups) == 1 else ["10.0.0.1"]

    def no_system_dns(*args, **kwargs):
        raise AssertionError("the system resolver was asked")

    monkeypatch.setattr(socket, "getaddrinfo", no_system_dns)
    Newsroom.hosts.clear()
    page = local(resolver=rebinding).fetch(f"http://news.example:{port}/article")
    assert page.body.decode() == PAGE
    assert lookups == ["news.example"]
    assert Newsroom.hosts == [f"news.example:{port}"]


def test_redirects_are_followed_and_the_final_url_reported(site):
    page = local().fetch(site + "/hop")
    assert page.url == site + "/article"
    assert page.body.decode() == PAGE


def test_a_redirect_loop_stops_at_the_limit(site):
    with pytest.raises(FetchError, match="more than 3 redirects"):
        local(max_redirects=3).fetch(site + "/loop")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/to-private", r"http://10\.0\.0\.1/admin: 10\.0\.0\.1 is a private or reserved address"),
        ("/to-metadata", r"169\.254\.169\.254 is a private or reserved address"),
        ("/to-file", "file:///etc/passwd: only http and https"),
    ],
)
def test_each_redirect_is_checked_like_the_first_url(site, path, reason):
    with pytest.raises(FetchError, match=reason):
        local().fetch(site + path)


def test_an_error_status_names_the_status(site):
    with pytest.raises(FetchError, match="/nowhere: the server answered HTTP 404"):
        local().fetch(site + "/nowhere")


@pytest.mark.parametrize(("path", "shown"), [("/pdf", "'application/pdf'"), ("/no-type", "'none'")])
def test_an_unexpected_content_type_is_refused(site, path, shown):
    with pytest.raises(FetchError, match=f"unexpected content type {shown}"):
        local().fetch(site + path)


def test_the_accepted_types_are_chosen_by_the_caller(site):
    assert local().fetch(site + "/feed", accept=FEED_TYPES).content_type == "application/rss+xml"
    with pytest.raises(FetchError, match="unexpected content type"):
        local().fetch(site + "/article", accept=FEED_TYPES)


@pytest.mark.parametrize("path", ["/announced-big", "/chunked-big", "/gzip-bomb"])
def test_an_answer_past_the_size_cap_is_refused(site, path):
    with pytest.raises(FetchError, match=f"larger than {CAP} bytes"):
        local().fetch(site + path)


@pytest.mark.parametrize("path", ["/gzipped", "/deflated"])
def test_compressed_answers_are_decoded(site, path):
    assert local().fetch(site + path).body.decode() == PAGE


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/truncated-gzip", "compressed answer is truncated"), ("/brotli", "encoding 'br'")],
)
def test_broken_or_unknown_compression_is_a_clear_error(site, path, reason):
    with pytest.raises(FetchError, match=reason):
        local().fetch(site + path)


def test_an_endless_answer_stops_at_the_total_time(site):
    with pytest.raises(FetchError, match=r"took longer than 0\.3 s"):
        local(timeout=5, total_time=0.3, max_bytes=10**9).fetch(site + "/endless")


def test_headers_trickled_a_byte_at_a_time_stop_at_the_total_time(site):
    with pytest.raises(FetchError, match=r"took longer than 0\.3 s"):
        local(timeout=5, total_time=0.3).fetch(site + "/slow-headers")


def test_a_server_that_never_answers_stops_at_the_read_timeout():
    with silent_server() as url, pytest.raises(FetchError, match="did not answer in time"):
        local(timeout=0.2).fetch(url + "/article")


def test_a_closed_port_is_a_clear_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="the connection failed"):
        local().fetch(f"http://127.0.0.1:{port}/")


def test_a_tls_handshake_trickled_a_byte_at_a_time_stops_at_the_total_time():
    """The server starts a TLS record and then sends one byte every 0.1 s, each well
    within the 5 s read timeout: the fetch still ends at its 0.5 s total time."""
    stop = threading.Event()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)

        def trickle() -> None:
            with contextlib.suppress(OSError):
                peer, _ = listener.accept()
                with peer:
                    peer.sendall(b"\x16\x03\x03\x40\x00")  # a handshake record of 16 KB
                    while not stop.wait(0.1):
                        peer.sendall(b"\x02")

        thread = threading.Thread(target=trickle, daemon=True)
        thread.start()
        url = f"https://127.0.0.1:{listener.getsockname()[1]}/article"
        started = time.monotonic()
        try:
            with pytest.raises(FetchError, match=r"took longer than 0\.5 s"):
                local(timeout=5, total_time=0.5).fetch(url)
        finally:
            stop.set()
        assert time.monotonic() - started < 4
