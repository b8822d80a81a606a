"""HTTPS with the simulator's own CA."""

from __future__ import annotations

import ssl
import threading
from pathlib import Path

import httpx
import pytest
from cryptography import x509

from tests.demo.conftest import SECRET, Portal, trusting
from tray_app.demo import PortalSimulator, SimClock, SimUser


def test_the_generated_ca_is_trusted_when_given(portal: Portal) -> None:
    assert portal.sim.base_url.startswith("https://127.0.0.1:")
    assert portal.call("profile").status_code == 200


def test_default_verification_fails(sim: PortalSimulator) -> None:
    with httpx.Client() as http, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY"):
        http.post(sim.webhook_url(1) + "profile")


def test_certificate_names(sim: PortalSimulator) -> None:
    assert sim.ca_file is not None
    server_pem = sim.ca_file.with_name("server-cert.pem").read_bytes()
    cert = x509.load_pem_x509_certificates(server_pem)[0]
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {str(ip) for ip in names.get_values_for_type(x509.IPAddress)} == {"127.0.0.1", "::1"}
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    with httpx.Client(verify=trusting(sim)) as http:
        url = f"https://localhost:{sim.port}/rest/1/{SECRET}/profile"
        assert http.post(url).status_code == 200


def test_files_are_removed_on_stop(clock: SimClock) -> None:
    sim = PortalSimulator(clock=clock).start()
    ca_file = sim.ca_file
    assert ca_file is not None
    assert ca_file.exists()
    sim.stop()
    assert not ca_file.exists()
    assert sim.ca_file is None
    sim.stop()  # idempotent


def test_files_in_a_given_directory_stay(clock: SimClock, tmp_path: Path) -> None:
    directory = tmp_path / "tls"
    with PortalSimulator(clock=clock, tls_dir=directory) as sim:
        assert sim.ca_file == directory / "simulator-ca.pem"
    assert (directory / "simulator-ca.pem").exists()


def test_a_client_that_refuses_the_certificate_does_not_hurt(sim: PortalSimulator) -> None:
    context = ssl.create_default_context()
    with httpx.Client(verify=context) as http:
        for _ in range(3):
            with pytest.raises(httpx.ConnectError):
                http.get(sim.base_url)
    with httpx.Client(verify=trusting(sim)) as http:
        assert http.post(sim.webhook_url(1) + "profile").status_code == 200


def test_ipv6_loopback(clock: SimClock) -> None:
    try:
        sim = PortalSimulator(clock=clock, host="::1").start()
    except OSError:
        pytest.skip("no IPv6 loopback here")
    try:
        sim.add_user(SimUser(user_id=1, secret=SECRET))
        assert sim.base_url.startswith("https://[::1]:")
        with httpx.Client(verify=trusting(sim)) as http:
            answer = http.post(sim.webhook_url(1) + "timeman.close").json()
            assert answer["error"] == "ALERT_WARNING"
    finally:
        sim.stop()


def test_no_threads_are_left_behind(clock: SimClock) -> None:
    with PortalSimulator(clock=clock) as sim:
        sim.add_user(SimUser(user_id=1, secret=SECRET))
        sim.start_alias()
        with httpx.Client(verify=trusting(sim)) as http:
            http.post(sim.webhook_url(1) + "profile")  # keep-alive connection stays open
    names = [t.name for t in threading.enumerate()]
    assert not [n for n in names if n.startswith("portal-simulator")]
