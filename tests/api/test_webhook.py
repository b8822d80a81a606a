"""Webhook URLs: what is accepted, what is refused, and that the secret never shows."""

from __future__ import annotations

import re

import pytest

from tests.api.support import SECRET
from tray_app.api import ConfigurationError, Webhook, WebhookUrlError
from tray_app.api.webhook import EXPECTED_FORM
from tray_app.config.secrets import account_key as keyring_account


@pytest.mark.parametrize(
    ("url", "base_url", "account_key"),
    [
        (
            f"https://portal.example.com/rest/1/{SECRET}/",
            "https://portal.example.com",
            "portal.example.com/1",
        ),
        (
            f"https://portal.example.com/rest/1/{SECRET}",
            "https://portal.example.com",
            "portal.example.com/1",
        ),
        (
            f"  https://portal.example.com/rest/12/{SECRET}/timeman.status  ",
            "https://portal.example.com",
            "portal.example.com/12",
        ),
        (
            f"https://portal.example.com/rest/1/{SECRET}/profile.json",
            "https://portal.example.com",
            "portal.example.com/1",
        ),
        (
            f"https://portal.example.com/rest/1/{SECRET}/profile.json/",
            "https://portal.example.com",
            "portal.example.com/1",
        ),
        (
            f"https://portal.example.com:8443/rest/1/{SECRET}/",
            "https://portal.example.com:8443",
            "portal.example.com:8443/1",
        ),
        (
            f"HTTPS://Portal.EXAMPLE.com/rest/1/{SECRET}/",
            "https://portal.example.com",
            "portal.example.com/1",
        ),
        (
            f"https://portal.example.com:/rest/1/{SECRET}/",
            "https://portal.example.com",
            "portal.example.com/1",
        ),
        (f"http://127.0.0.1:8080/rest/1/{SECRET}/", "http://127.0.0.1:8080", "127.0.0.1:8080/1"),
        (f"http://localhost/rest/1/{SECRET}/", "http://localhost", "localhost/1"),
        (f"http://LOCALHOST:81/rest/1/{SECRET}/", "http://localhost:81", "localhost:81/1"),
        (f"http://[::1]/rest/1/{SECRET}/", "http://[::1]", "[::1]/1"),
        (f"http://[::1]:8080/rest/1/{SECRET}/", "http://[::1]:8080", "[::1]:8080/1"),
        (
            f"https://[2001:db8::1]:8443/rest/3/{SECRET}/",
            "https://[2001:db8::1]:8443",
            "[2001:db8::1]:8443/3",
        ),
        (f"https://портал.рф/rest/2/{SECRET}/", "https://портал.рф", "портал.рф/2"),
        (
            f"https://xn--80aswg.xn--p1ai/rest/2/{SECRET}/",
            "https://xn--80aswg.xn--p1ai",
            "xn--80aswg.xn--p1ai/2",
        ),
    ],
)
def test_accepted_urls(url: str, base_url: str, account_key: str) -> None:
    hook = Webhook.parse(url)
    assert hook.base_url == base_url
    assert keyring_account(hook.base_url, hook.user_id) == account_key
    assert hook.secret == SECRET
    assert (
        hook.endpoint("timeman.status") == f"{base_url}/rest/{hook.user_id}/{SECRET}/timeman.status"
    )
    # What the settings keep and the keyring holds rebuilds the same webhook.
    assert Webhook.from_parts(hook.base_url, hook.user_id, hook.secret) == hook


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("", "No webhook URL given"),
        ("   ", "No webhook URL given"),
        (f"http://portal.example.com/rest/1/{SECRET}/", "Plain http://"),
        (f"http://10.0.0.5/rest/1/{SECRET}/", "Plain http://"),
        (f"ftp://portal.example.com/rest/1/{SECRET}/", "must start with https://"),
        (f"https:///rest/1/{SECRET}/", "must start with https://"),
        (f"portal.example.com/rest/1/{SECRET}/", "the path must be /rest/USER_ID/SECRET/"),
        (f"https://portal.example.com/api/1/{SECRET}/", "the path must be /rest/USER_ID/SECRET/"),
        (
            f"https://portal.example.com/rest/1/{SECRET}/a/b",
            "the path must be /rest/USER_ID/SECRET/",
        ),
        ("https://portal.example.com/rest/1/", "the path must be /rest/USER_ID/SECRET/"),
        ("https://portal.example.com/rest/1//", "unexpected characters"),
        ("https://portal.example.com/", "the path must be /rest/USER_ID/SECRET/"),
        (f"https://portal.example.com/rest/1/{SECRET}/timeman%20status", "not a method name"),
        (f"https://portal.example.com/rest/1/{SECRET} /", "contains spaces"),
        (f"https://portal.example.com/rest/1/{SECRET[:8]} {SECRET[8:]}/", "contains spaces"),
        (f"https://portal.example.com/rest/1/{SECRET}\t/", "contains spaces"),
        (f"https://admin:{SECRET}@portal.example.com/rest/1/{SECRET}/", "no user:password@"),
        (f"https://admin@portal.example.com/rest/1/{SECRET}/", "no user:password@"),
        (f"https://portal.example.com/rest/1/{SECRET}/?auth={SECRET}", "no ?query or #fragment"),
        (f"https://portal.example.com/rest/1/{SECRET}/#{SECRET}", "no ?query or #fragment"),
        (f"https://portal.example.com:99999/rest/1/{SECRET}/", "not a URL"),
        (f"https://portal.example.com:http/rest/1/{SECRET}/", "not a URL"),
        ("garbage", "the path must be /rest/USER_ID/SECRET/"),
        (f"https://portal..example.com/rest/1/{SECRET}/", "no valid host name"),
        (f"https://por%74al.example.com/rest/1/{SECRET}/", "no valid host name"),
        (f"https://portal!.example.com/rest/1/{SECRET}/", "no valid host name"),
        (f"https://portal.example.com/rest/admin/{SECRET}/", "user id must be a positive number"),
        (f"https://portal.example.com/rest/0/{SECRET}/", "user id must be a positive number"),
        (f"https://portal.example.com/rest/-1/{SECRET}/", "user id must be a positive number"),
        (f"https://portal.example.com/rest/\u00b2/{SECRET}/", "user id must be a positive number"),
        (f"https://portal.example.com/rest/\u0663/{SECRET}/", "user id must be a positive number"),
        ("https://portal.example.com/rest/1/abc/", "unexpected characters"),
        (f"https://portal.example.com/rest/1/{SECRET}%21/", "unexpected characters"),
        (f"https://portal.example.com/rest/1/{'x' * 129}/", "unexpected characters"),
    ],
)
def test_refused_urls_explain_the_form_without_the_secret(url: str, fragment: str) -> None:
    with pytest.raises(WebhookUrlError) as caught:
        Webhook.parse(url)
    message = caught.value.message
    assert fragment in message
    assert isinstance(caught.value, ConfigurationError)
    for text in (message, str(caught.value), repr(caught.value), *map(str, caught.value.args)):
        assert SECRET not in text
        assert SECRET[:8] not in text
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__ or caught.value.__context__ is None


def test_most_refusals_show_the_expected_form() -> None:
    with pytest.raises(WebhookUrlError, match=re.escape(f"Expected {EXPECTED_FORM}")):
        Webhook.parse(f"http://portal.example.com/rest/1/{SECRET}/")
    assert EXPECTED_FORM.startswith("https://")


@pytest.mark.parametrize(
    ("portal_url", "user_id", "secret", "fragment"),
    [
        ("https://portal.example.com", "1", "has spaces", "contains spaces"),
        ("https://portal.example.com", " 7 ", SECRET, ""),
        ("https://portal.example.com", "seven", SECRET, "positive number"),
        ("https://portal.example.com:x", 1, SECRET, "not a URL"),
        ("portal.example.com", 1, SECRET, "must start with https://"),
        ("http://portal.example.com", 1, SECRET, "Plain http://"),
    ],
)
def test_from_parts_validates_like_parse(
    portal_url: str, user_id: int | str, secret: str, fragment: str
) -> None:
    if not fragment:
        assert Webhook.from_parts(portal_url, user_id, secret).user_id == 7
        return
    with pytest.raises(WebhookUrlError, match=fragment) as caught:
        Webhook.from_parts(portal_url, user_id, secret)
    assert secret not in caught.value.message


def test_repr_and_str_mask_the_secret() -> None:
    hook = Webhook.parse(f"https://portal.example.com/rest/5/{SECRET}/")
    assert repr(hook) == "Webhook(https://portal.example.com/rest/5/***/)"
    assert str(hook) == repr(hook)
    assert f"{hook}" == repr(hook)
    assert hook.redacted == "https://portal.example.com/rest/5/***/"
    assert SECRET not in repr([hook])
    assert SECRET not in f"{hook!r}"


def test_endpoint_for_rest_v3() -> None:
    hook = Webhook.parse(f"https://portal.example.com/rest/5/{SECRET}/")
    assert hook.endpoint("timeman.record.list", rest_v3=True) == (
        f"https://portal.example.com/rest/api/5/{SECRET}/timeman.record.list"
    )


def test_moved_to_keeps_user_and_secret() -> None:
    hook = Webhook.parse(f"https://old.example.com/rest/5/{SECRET}/")
    moved = hook.moved_to("https://NEW.example.com:8443")
    assert moved.base_url == "https://new.example.com:8443"
    assert (moved.user_id, moved.secret) == (5, SECRET)
    assert keyring_account(moved.base_url, moved.user_id) == "new.example.com:8443/5"
    with pytest.raises(WebhookUrlError, match="Plain http://"):
        hook.moved_to("http://new.example.com")
