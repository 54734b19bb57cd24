"""HTTPS through the pinned connection: the vetted address is connected, the name is
sent as SNI and the certificate is checked against the name, not the address.

A certificate for ``news.example`` is made for the test with the openssl command.
"""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.localhttp import QuietHandler

from vestnik.importers.fetch import Fetcher, FetchError

pytestmark = pytest.mark.skipif(not shutil.which("openssl"), reason="needs the openssl command")
LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)


class Seen(QuietHandler):
    names: list[str | None] = []

    def do_GET(self):
        self.answer(200, b"<p>secure</p>", "text/html")


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=news.example", "-addext", "subjectAltName=DNS:news.example",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    server_context.sni_callback = lambda sock, name, ctx: Seen.names.append(name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Seen)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], ssl.create_default_context(cafile=str(cert))
    finally:
        server.shutdown()
        server.server_close()


def test_https_connects_to_the_vetted_address_and_sends_the_name_as_sni(tls_site):
    port, trust = tls_site
    Seen.names.clear()
    fetcher = Fetcher(allow=LOCAL, tls=trust, resolver=lambda host, port: ["127.0.0.1"])
    page = fetcher.fetch(f"https://news.example:{port}/story")
    assert page.body == b"<p>secure</p>"
    assert Seen.names == ["news.example"]


def test_the_certificate_must_match_the_name_not_the_address(tls_site):
    port, trust = tls_site
    with pytest.raises(FetchError, match="TLS failed"):
        Fetcher(allow=LOCAL, tls=trust).fetch(f"https://127.0.0.1:{port}/story")


def test_an_untrusted_certificate_is_refused(tls_site):
    port, _ = tls_site
    fetcher = Fetcher(allow=LOCAL, resolver=lambda host, port: ["127.0.0.1"])
    with pytest.raises(FetchError, match="TLS failed"):
        fetcher.fetch(f"https://news.example:{port}/story")
