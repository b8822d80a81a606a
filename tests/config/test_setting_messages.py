"""A value the settings refuse is said with ids: the field's name, then its check's words."""

from __future__ import annotations

import pytest

from tray_app.config import Settings
from tray_app.config.errors import SettingValueError
from tray_app.core.message import Message


def test_a_refused_proxy_names_the_field_and_the_check_by_id() -> None:
    with pytest.raises(SettingValueError) as caught:
        Settings(proxy="http://anna@proxy:3128")
    said = caught.value.said
    assert str(caught.value) == (
        "proxy must not contain user@: proxy credentials are not kept in settings"
    )
    assert said.id == "settings.refused"
    name, problem = said.params["name"], said.params["problem"]
    assert isinstance(name, Message)
    assert name.id == "settings.field.proxy"
    assert isinstance(problem, Message)
    assert problem.id == "settings.check.proxy_credentials"


def test_a_field_without_a_translated_name_keeps_its_own() -> None:
    with pytest.raises(ValueError, match=r"^language must be text$") as caught:
        Settings(language=3)  # type: ignore[arg-type]
    assert isinstance(caught.value, SettingValueError)
    assert caught.value.said.params["name"] == "language"


def test_a_check_s_plain_complaint_stays_its_text() -> None:
    with pytest.raises(SettingValueError) as caught:
        Settings(poll_interval_s=1)
    assert not isinstance(caught.value.said.params["problem"], Message)
    assert str(caught.value).startswith("poll_interval_s must be a whole number of seconds")
