"""The httpx client every call goes through: CA bundles, proxies, headers, timeouts."""

from __future__ import annotations

import ssl
from pathlib import Path

import certifi
import httpx
import pytest

from tests.api.servers import https_portal, recording_proxy
from tests.api.support import SECRET, assert_no_secret, ca_names
from tray_app import __version__
from tray_app.api import (
    ConfigurationError,
    TimemanClient,
    TransportOptions,
    UnavailableError,
    Webhook,
)
from tray_app.api.transport import USER_AGENT, build_http_client, ssl_context
from tray_app.core.remedy import Remedy
from tray_app.core.workday import DayState
from tray_app.demo.tls import TlsFiles, generate_tls_files

TEST_CA = "timeman-tray simulator CA"  # the common name generate_tls_files gives its CA
PROXY_PASSWORD = "hunter2-proxy-pass"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return generate_tls_files(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def garbage_file(tmp_path: Path) -> Path:
    path = tmp_path / "corporate-ca.pem"
    path.write_text("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    return path


def _client(hook: Webhook, options: TransportOptions | None = None) -> TimemanClient:
    return TimemanClient(hook, options=options, sleep=lambda _: None)


# -- CA bundles ---------------------------------------------------------------------------


def test_default_context_verifies_against_certifi() -> None:
    context = ssl_context(None)
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname is True
    baseline = ssl.create_default_context(cafile=certifi.where())
    assert len(context.get_ca_certs()) == len(baseline.get_ca_certs()) > 50


def test_a_ca_file_is_added(pki: TlsFiles) -> None:
    context = ssl_context(str(pki.ca_file))
    assert TEST_CA in ca_names(context)
    assert len(context.get_ca_certs()) > 50  # added to, not instead of, the public roots


def test_ssl_cert_file_is_honoured(pki: TlsFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(pki.ca_file))
    assert TEST_CA in ca_names(ssl_context(None))


def test_an_empty_ssl_cert_file_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", "")
    assert TEST_CA not in ca_names(ssl_context(None))


@pytest.mark.parametrize("source", ["ca_file", "SSL_CERT_FILE"])
def test_a_missing_ca_file_is_a_configuration_error(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nowhere.pem"
    if source == "SSL_CERT_FILE":
        monkeypatch.setenv("SSL_CERT_FILE", str(missing))
    with pytest.raises(ConfigurationError, match="does not exist or is not a file") as caught:
        build_http_client(TransportOptions(ca_file=str(missing) if source == "ca_file" else None))
    assert str(missing) in caught.value.message
    label = "CA file" if source == "ca_file" else "SSL_CERT_FILE"
    assert caught.value.message.startswith(f"The {label} ")


def test_a_name_too_long_for_the_system_is_no_ca_file() -> None:
    with pytest.raises(ConfigurationError, match="does not exist or is not a file"):
        ssl_context("x" * 5000)


def test_a_directory_is_not_a_ca_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="is not a file"):
        ssl_context(str(tmp_path))


@pytest.mark.parametrize("source", ["ca_file", "SSL_CERT_FILE"])
def test_a_garbage_ca_file_is_a_configuration_error(
    source: str, garbage_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if source == "SSL_CERT_FILE":
        monkeypatch.setenv("SSL_CERT_FILE", str(garbage_file))
    with pytest.raises(ConfigurationError, match=r"holds no usable certificate \(expected PEM\)"):
        ssl_context(str(garbage_file) if source == "ca_file" else None)


def test_an_empty_ca_file_is_a_configuration_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pem"
    empty.write_bytes(b"")
    with pytest.raises(ConfigurationError, match="no usable certificate"):
        ssl_context(str(empty))


def test_the_client_refuses_a_bad_ca_file_before_sending(garbage_file: Path) -> None:
    hook = Webhook.parse(f"https://portal.example.com/rest/1/{SECRET}/")
    with pytest.raises(ConfigurationError):
        TimemanClient(hook, options=TransportOptions(ca_file=str(garbage_file)))


# -- real TLS on loopback -----------------------------------------------------------------


def test_an_unknown_ca_is_not_trusted_by_default(pki: TlsFiles) -> None:
    with https_portal(pki) as server:
        hook = Webhook.parse(f"https://127.0.0.1:{server.port}/rest/1/{SECRET}/")
        with (
            _client(hook) as client,
            pytest.raises(UnavailableError, match="is not trusted") as caught,
        ):
            client.status()
        assert caught.value.remedy is Remedy.USER_ACTS
        assert caught.value.sent is False
        assert "set its CA file in the settings" in caught.value.message
        assert_no_secret(caught.value)
        assert server.seen == []


def test_the_ca_file_makes_it_trusted(pki: TlsFiles) -> None:
    with https_portal(pki) as server:
        hook = Webhook.parse(f"https://localhost:{server.port}/rest/1/{SECRET}/")
        with _client(hook, TransportOptions(ca_file=str(pki.ca_file))) as client:
            assert client.status().workday.state is DayState.CLOSED
        assert server.seen == [f"POST /rest/1/{SECRET}/timeman.status"]


def test_ssl_cert_file_makes_it_trusted(pki: TlsFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(pki.ca_file))
    with https_portal(pki) as server:
        hook = Webhook.parse(f"https://127.0.0.1:{server.port}/rest/1/{SECRET}/")
        with _client(hook) as client:
            assert client.status().workday.state is DayState.CLOSED


# -- proxies ------------------------------------------------------------------------------


def test_a_proxy_from_the_settings_is_used() -> None:
    with recording_proxy() as server:
        hook = Webhook.parse(f"http://localhost:1/rest/1/{SECRET}/")
        options = TransportOptions(proxy=f"http://user:{PROXY_PASSWORD}@127.0.0.1:{server.port}")
        with _client(hook, options) as client:
            assert client.status().workday.state is DayState.CLOSED
        assert server.seen == [f"POST http://localhost:1/rest/1/{SECRET}/timeman.status"]


def test_https_through_a_proxy_uses_connect_and_a_refusal_is_mapped() -> None:
    with recording_proxy() as server:
        hook = Webhook.parse(f"https://portal.example.com/rest/1/{SECRET}/")
        options = TransportOptions(proxy=f"http://user:{PROXY_PASSWORD}@127.0.0.1:{server.port}")
        with _client(hook, options) as client, pytest.raises(UnavailableError) as caught:
            client.status()
        assert server.seen == ["CONNECT portal.example.com:443"] * 4  # a read retries
        assert caught.value.message.startswith("The proxy refused the connection")
        assert PROXY_PASSWORD not in caught.value.message
        assert_no_secret(caught.value)


def test_the_environment_proxy_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    with recording_proxy() as server:
        monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{server.port}")
        hook = Webhook.parse(f"https://portal.example.com/rest/1/{SECRET}/")
        with _client(hook) as client, pytest.raises(UnavailableError, match="proxy refused"):
            client.call("timeman.status")
        assert server.seen == ["CONNECT portal.example.com:443"]


def test_the_environment_http_proxy_and_no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    with recording_proxy() as server:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.port}")
        hook = Webhook.parse(f"http://localhost:1/rest/1/{SECRET}/")
        with _client(hook) as client:
            client.call("timeman.status")
        assert server.seen == [f"POST http://localhost:1/rest/1/{SECRET}/timeman.status"]
        monkeypatch.setenv("NO_PROXY", "localhost")
        with _client(hook) as client, pytest.raises(UnavailableError, match="Cannot connect"):
            client.call("timeman.status")  # straight to localhost:1, which refuses
        assert len(server.seen) == 1


def test_the_settings_proxy_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with recording_proxy() as chosen, recording_proxy() as ignored:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{ignored.port}")
        hook = Webhook.parse(f"http://localhost:1/rest/1/{SECRET}/")
        with _client(hook, TransportOptions(proxy=f"http://127.0.0.1:{chosen.port}")) as client:
            client.call("timeman.status")
        assert len(chosen.seen) == 1
        assert ignored.seen == []


@pytest.mark.parametrize(
    ("proxy", "fragment"),
    [
        (f"socks5://user:{PROXY_PASSWORD}@proxy:1080", "must look like http://host:port"),
        (f"user:{PROXY_PASSWORD}@proxy:3128", "must look like http://host:port"),
        (f"HTTP://user:{PROXY_PASSWORD}@proxy:3128", "must look like http://host:port"),
        (f"http://user:{PROXY_PASSWORD}@proxy:port", "not a valid URL"),
        (f"http://user:{PROXY_PASSWORD}@proxy:3128/\n", "not a valid URL"),
    ],
)
def test_bad_proxies_are_refused_without_echo(proxy: str, fragment: str) -> None:
    with pytest.raises(ConfigurationError, match=fragment) as caught:
        build_http_client(TransportOptions(proxy=proxy))
    for text in (str(caught.value), repr(caught.value), *map(str, caught.value.args)):
        assert PROXY_PASSWORD not in text
    assert caught.value.__cause__ is None


def test_an_empty_proxy_setting_means_none() -> None:
    with build_http_client(TransportOptions(proxy="")) as client:
        assert client.headers["User-Agent"] == USER_AGENT


# -- the client object ----------------------------------------------------------------------


def test_headers_timeouts_and_redirects() -> None:
    options = TransportOptions(timeout=33.0, connect_timeout=4.0)
    with build_http_client(options) as client:
        assert client.headers["User-Agent"] == f"timeman-tray/{__version__}"
        assert client.headers["Accept"] == "application/json"
        assert client.follow_redirects is False
        assert client.timeout == httpx.Timeout(33.0, connect=4.0)
        assert client.trust_env is True


def test_defaults() -> None:
    options = TransportOptions()
    assert (options.ca_file, options.proxy, options.timeout, options.connect_timeout) == (
        None,
        None,
        20.0,
        10.0,
    )


def test_an_injected_transport_is_used() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"result": {}})

    with build_http_client(TransportOptions(), httpx.MockTransport(handler)) as client:
        client.post("https://portal.example.com/rest/1/x/scope")
    assert len(seen) == 1
