"""The CA context prepared on a thread at start-up: taken once, then built on demand."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from tests.api.support import ca_names
from tray_app.api import ConfigurationError, trust
from tray_app.demo.tls import TlsFiles, generate_tls_files

TEST_CA = "timeman-tray simulator CA"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return generate_tls_files(tmp_path_factory.mktemp("pki"))


@pytest.fixture(autouse=True)
def nothing_prepared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trust, "_prepared", None)  # and back to whatever it was afterwards


def test_the_prepared_context_is_taken_by_the_first_call_only(
    monkeypatch: pytest.MonkeyPatch, pki: TlsFiles
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(pki.ca_file))
    trust.prepare()
    trust.prepare()  # a second call prepares nothing more
    first = trust.ssl_context(None)
    second = trust.ssl_context(None)
    assert first is not second
    for context in (first, second):
        assert context.verify_mode is ssl.CERT_REQUIRED
        assert TEST_CA in ca_names(context)


def test_a_ca_file_is_added_to_the_prepared_context(
    monkeypatch: pytest.MonkeyPatch, pki: TlsFiles
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    trust.prepare()
    context = trust.ssl_context(str(pki.ca_file))
    assert TEST_CA in ca_names(context)
    assert len(context.get_ca_certs()) > 1  # certifi's bundle too


def test_a_bad_ssl_cert_file_found_while_preparing_is_raised_to_the_caller(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    trust.prepare()
    with pytest.raises(ConfigurationError, match="SSL_CERT_FILE"):
        trust.ssl_context(None)
    monkeypatch.delenv("SSL_CERT_FILE")
    assert trust.ssl_context(None).verify_mode is ssl.CERT_REQUIRED  # not stuck on the error
