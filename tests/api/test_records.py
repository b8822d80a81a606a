"""``timeman.record.list`` through the client: the REST 3.0 envelope, the records, paging and
the "no history on this portal" outcome, against a scripted portal (``httpx.MockTransport``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest

from tests.api.support import SECRET, FakeClock, MakeClient, Portal, err, ok, raw
from tray_app.api import (
    AuthError,
    ConfigurationError,
    PortalRecord,
    RateLimitedError,
    RecordList,
    RecordsUnavailable,
    RefusedError,
    RetryPolicy,
    TimemanClient,
    Unavailability,
    UnavailableError,
    UnexpectedAnswerError,
    fetch_records,
)
from tray_app.api.envelope import AUTH_MESSAGES
from tray_app.api.record_models import RecordStatus
from tray_app.api.records import (
    FIELDS,
    METHOD,
    RecordParseError,
    list_params,
    parse_record,
    parse_records,
)
from tray_app.api.v3_envelope import ACCESS_DENIED_CODE, SCOPE_CODE, parse_v3_answer, v3_error_for

PLUS2 = timezone(timedelta(hours=2))
SINCE = datetime(2026, 6, 1, 0, 0, tzinfo=PLUS2)
UNTIL = datetime(2026, 6, 30, 23, 59, 59, tzinfo=PLUS2)
VALIDATION = "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION"

# The docs' example item (timeman-record-list.md), all fields selected.
DOC_ITEM = {
    "id": 177,
    "userId": 1,
    "startTime": "2026-06-02T17:38:24+02:00",
    "endTime": "2026-06-02T17:39:06+02:00",
    "duration": 28,
    "breakLength": 14,
    "state": {"status": "closed", "recommendedCloseTime": None},
    "isApproved": True,
}


def item(record_id: int, day: int, **fields: object) -> dict[str, object]:
    """A closed record of June ``day``, 09:00-18:00 +02:00 with an hour's break."""
    base: dict[str, object] = {
        "id": record_id,
        "userId": 1,
        "startTime": f"2026-06-{day:02d}T09:00:00+02:00",
        "endTime": f"2026-06-{day:02d}T18:00:00+02:00",
        "duration": 8 * 3600,
        "breakLength": 3600,
        "state": {"status": "closed", "recommendedCloseTime": None},
        "isApproved": True,
    }
    base.update(fields)
    return base


def page(*items: dict[str, object]) -> httpx.Response:
    return ok({"items": list(items)})


def v3_err(code: str, message: str = "", status: int = 400, **extra: object) -> httpx.Response:
    return httpx.Response(status, json={"error": {"code": code, "message": message, **extra}})


def fetch(client: TimemanClient, **kwargs: int) -> RecordList:
    outcome = fetch_records(client, SINCE, UNTIL, **kwargs)
    assert isinstance(outcome, RecordList), outcome
    return outcome


# -- the request -------------------------------------------------------------------------------


def test_one_page_is_one_json_post_to_the_rest_3_address(
    portal: Portal, client: TimemanClient
) -> None:
    portal.on(METHOD, page(DOC_ITEM))
    outcome = fetch(client)
    assert outcome == RecordList(
        (
            PortalRecord(
                record_id=177,
                started_at=datetime(2026, 6, 2, 17, 38, 24, tzinfo=PLUS2),
                finished_at=datetime(2026, 6, 2, 17, 39, 6, tzinfo=PLUS2),
                worked=timedelta(seconds=28),
                breaks=timedelta(seconds=14),
                status=RecordStatus.CLOSED,
                approved=True,
                user_id=1,
            ),
        )
    )
    (request,) = portal.requests
    assert request.method == "POST"
    assert str(request.url) == f"https://portal.example.com/rest/api/1/{SECRET}/{METHOD}"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "filter": [
            ["userId", 1],
            ["startTime", "between", ["2026-06-01T00:00:00+02:00", "2026-06-30T23:59:59+02:00"]],
        ],
        "select": list(FIELDS),
        "order": {"startTime": "ASC", "id": "ASC"},
        "pagination": {"page": 1, "limit": 50},
    }


def test_another_user_and_page_size(portal: Portal, client: TimemanClient) -> None:
    portal.on(METHOD, page())
    assert fetch(client, user_id=7, page_size=10).records == ()
    (body,) = portal.bodies(METHOD)
    assert body["filter"][0] == ["userId", 7]
    assert body["pagination"] == {"page": 1, "limit": 10}
    assert list_params(7, SINCE, UNTIL, 3, 10)["pagination"] == {"page": 3, "limit": 10}


@pytest.mark.parametrize(
    "case",
    [
        (SINCE.replace(tzinfo=None), UNTIL, {}, "time zone"),
        (SINCE, UNTIL.replace(tzinfo=None), {}, "time zone"),
        (UNTIL, SINCE, {}, "ends before"),
        (SINCE, UNTIL, {"page_size": 0}, "page"),
        (SINCE, UNTIL, {"page_size": 51}, "page"),
        (SINCE, UNTIL, {"max_pages": 0}, "page"),
    ],
)
def test_unusable_ranges_are_refused_before_sending(
    portal: Portal, client: TimemanClient, case: tuple[datetime, datetime, dict[str, int], str]
) -> None:
    since, until, kwargs, words = case
    with pytest.raises(ConfigurationError, match=words):
        fetch_records(client, since, until, **kwargs)
    assert portal.requests == []


# -- paging --------------------------------------------------------------------------------


def test_pages_are_read_until_a_short_one(portal: Portal, client: TimemanClient) -> None:
    portal.on(METHOD, page(item(1, 1), item(2, 2)), page(item(3, 3), item(4, 4)), page(item(5, 5)))
    outcome = fetch(client, page_size=2)
    assert [r.record_id for r in outcome.records] == [1, 2, 3, 4, 5]
    assert outcome.complete is True
    assert [b["pagination"]["page"] for b in portal.bodies(METHOD)] == [1, 2, 3]


def test_an_empty_page_after_full_ones_ends_the_reading(
    portal: Portal, client: TimemanClient
) -> None:
    portal.on(METHOD, page(item(1, 1), item(2, 2)), ok([]))  # PHP writes an empty result as []
    assert [r.record_id for r in fetch(client, page_size=2).records] == [1, 2]


def test_a_portal_that_ignores_pages_is_read_once(portal: Portal, client: TimemanClient) -> None:
    portal.always(METHOD, page(item(1, 1), item(2, 2)))
    assert [r.record_id for r in fetch(client, page_size=2).records] == [1, 2]
    assert len(portal.requests) == 2  # the second page brought nothing new


def test_too_many_pages_give_what_was_read(portal: Portal, client: TimemanClient) -> None:
    portal.on(METHOD, page(item(1, 1)), page(item(2, 2)), page(item(3, 3)))
    outcome = fetch(client, page_size=1, max_pages=2)
    assert [r.record_id for r in outcome.records] == [1, 2]
    assert outcome.complete is False


def test_records_come_oldest_first_without_repeats(portal: Portal, client: TimemanClient) -> None:
    later = item(9, 20)
    portal.on(METHOD, page(later, item(4, 3)), page(later, item(5, 3)), page())
    outcome = fetch(client, page_size=2)
    assert [r.record_id for r in outcome.records] == [4, 5, 9]  # same start: by id


def test_rate_limits_are_retried_like_any_read(
    portal: Portal, client: TimemanClient, clock: FakeClock
) -> None:
    limited = httpx.Response(
        503, json={"error": "QUERY_LIMIT_EXCEEDED", "error_description": "Too many requests"}
    )
    portal.on(METHOD, limited, page(item(1, 1)))
    assert [r.record_id for r in fetch(client).records] == [1]
    assert len(clock.sleeps) == 1


# -- a portal without the history ------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        v3_err("ERROR_METHOD_NOT_FOUND", "Method not found!", 404),  # REST 3.0, older timeman
        err("ERROR_METHOD_NOT_FOUND", "Method not found!", 404),  # no REST 3.0 (a guess)
        raw(404, "<html><body>404 Not Found</body></html>", "text/html"),  # no /rest/api/ route
    ],
)
def test_a_portal_without_the_method(
    portal: Portal, client: TimemanClient, answer: httpx.Response
) -> None:
    portal.on(METHOD, answer)
    outcome = fetch_records(client, SINCE, UNTIL)
    assert isinstance(outcome, RecordsUnavailable)
    assert outcome.reason is Unavailability.MISSING
    assert outcome.http_status == 404
    assert "journal" in outcome.message
    assert len(portal.requests) == 1  # not retried


def test_an_account_that_may_not_read_records(portal: Portal, client: TimemanClient) -> None:
    portal.on(METHOD, v3_err(ACCESS_DENIED_CODE, "Access denied", 403))
    outcome = fetch_records(client, SINCE, UNTIL)
    assert outcome == RecordsUnavailable(
        Unavailability.FORBIDDEN,
        "The portal does not let this account read its work-time records; "
        "the history comes from this computer's journal.",
        code=ACCESS_DENIED_CODE,
        http_status=403,
    )


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (v3_err(SCOPE_CODE, "higher privileges", 403), AuthError),
        (v3_err("INVALID_CREDENTIALS", "Invalid request credentials", 401), AuthError),
        (v3_err(VALIDATION, "Error during request object validation"), RefusedError),
        (raw(400, "<html>Bad request</html>", "text/html"), UnexpectedAnswerError),
        (ok({"items": "none"}), UnexpectedAnswerError),
        (ok({"items": [{"id": 1}]}), UnexpectedAnswerError),
        (httpx.ConnectError("refused"), UnavailableError),
    ],
)
def test_other_failures_raise_the_error_tree(
    portal: Portal, make_client: MakeClient, answer: httpx.Response | Exception, error: type
) -> None:
    portal.always(METHOD, answer)
    with pytest.raises(error) as caught:
        fetch_records(make_client(policy=RetryPolicy(attempts=1)), SINCE, UNTIL)
    assert SECRET not in str(caught.value)


def test_an_unusable_record_names_the_problem(portal: Portal, client: TimemanClient) -> None:
    portal.on(METHOD, page(item(1, 1, startTime="yesterday")))
    with pytest.raises(UnexpectedAnswerError, match="records cannot be used: unusable record"):
        fetch_records(client, SINCE, UNTIL)


def test_a_redirected_portal_is_asked_again_at_the_rest_3_address(
    portal: Portal, client: TimemanClient
) -> None:
    moved = httpx.Response(302, headers={"Location": "https://new.example.com/rest/api/1/x/y"})
    portal.on(METHOD, moved, page(item(1, 1)))
    assert [r.record_id for r in fetch(client).records] == [1]
    assert [str(r.url) for r in portal.requests] == [
        f"https://portal.example.com/rest/api/1/{SECRET}/{METHOD}",
        f"https://new.example.com/rest/api/1/{SECRET}/{METHOD}",
    ]
    assert client.moved_to == "https://new.example.com"


# -- the REST 3.0 envelope -------------------------------------------------------------------


def test_v3_errors_with_validation_details() -> None:
    error = v3_error_for(
        {
            "code": VALIDATION,
            "message": "Error during request object validation",
            "validation": [
                {"field": "filter.userId", "message": "Required field `filter.userId`"},
                {"message": "<b>no field</b>"},
                "not an object",
            ],
        },
        400,
    )
    assert isinstance(error, RefusedError)
    assert error.code == VALIDATION
    assert error.description == (
        "Error during request object validation; filter.userId: Required field "
        "`filter.userId`; no field"
    )


def test_v3_errors_without_code_or_details() -> None:
    error = v3_error_for({"message": "Something", "validation": "odd"}, 400)
    assert isinstance(error, RefusedError)
    assert (error.code, error.description) == ("", "Something")
    scope = v3_error_for({"code": SCOPE_CODE.lower()}, 403)
    assert isinstance(scope, AuthError)
    assert scope.said == AUTH_MESSAGES["INSUFFICIENT_SCOPE"]
    limited = v3_error_for({"code": "OPERATION_TIME_LIMIT"}, 429)
    assert isinstance(limited, RateLimitedError)
    server = v3_error_for({"code": "BITRIX_REST_V3_EXCEPTION_SOMETHING"}, 500)
    assert isinstance(server, UnavailableError)


def test_v3_answers_that_are_not_v3_errors_are_read_the_old_way() -> None:
    answer = parse_v3_answer(200, "application/json", b'{"result":{"items":[]},"time":{"start":5}}')
    assert (answer.result, answer.server_time) == ({"items": []}, 5.0)
    with pytest.raises(RefusedError) as old:
        parse_v3_answer(400, "application/json", b'{"error":"X","error_description":"old"}')
    assert old.value.code == "X"
    with pytest.raises(UnexpectedAnswerError, match="not a JSON object"):
        parse_v3_answer(200, "application/json", b"[1]")
    with pytest.raises(UnexpectedAnswerError, match="not valid JSON"):
        parse_v3_answer(200, "application/json", b"\xff")


# -- the records -----------------------------------------------------------------------------


def test_a_running_record_with_a_close_proposal() -> None:
    record = parse_record(
        {
            "id": "12",
            "userId": 3.0,
            "startTime": "2026-06-02T09:00:00+02:00",
            "endTime": None,
            "duration": 0,
            "breakLength": "-5",
            "state": {"status": "OPENED", "recommendedCloseTime": 1780416000},
            "isApproved": "N",
        }
    )
    assert record == PortalRecord(
        record_id=12,
        started_at=datetime(2026, 6, 2, 9, 0, tzinfo=PLUS2),
        status=RecordStatus.OPENED,
        approved=False,
        user_id=3,
        recommended_close_at=datetime.fromtimestamp(1780416000, UTC),
    )


def test_a_record_with_only_the_required_fields() -> None:
    record = parse_record({"id": 5, "startTime": "2026-06-02T09:00:00Z", "state": "closed"})
    assert record == PortalRecord(5, datetime(2026, 6, 2, 9, 0, tzinfo=UTC))
    assert parse_record({**DOC_ITEM, "state": {"status": "lost"}}).status is RecordStatus.UNKNOWN
    assert parse_record({**DOC_ITEM, "isApproved": 0, "endTime": ""}).approved is False
    assert parse_record({**DOC_ITEM, "isApproved": ""}).approved is None


@pytest.mark.parametrize(
    "raw_item",
    [
        [1, 2],
        {"startTime": "2026-06-02T09:00:00Z"},
        {"id": 1},
        {"id": "", "startTime": "2026-06-02T09:00:00Z"},
        {**DOC_ITEM, "id": True},
        {**DOC_ITEM, "id": "abc"},
        {**DOC_ITEM, "startTime": 1780416000},
        {**DOC_ITEM, "startTime": "2026-06-02 09:00"},  # no offset
        {**DOC_ITEM, "duration": [1]},
        {**DOC_ITEM, "isApproved": {"yes": 1}},
        {**DOC_ITEM, "state": {"status": "closed", "recommendedCloseTime": 10**20}},
    ],
)
def test_unusable_records(raw_item: object) -> None:
    with pytest.raises(RecordParseError):
        parse_record(raw_item)


def test_the_result_shape() -> None:
    assert parse_records([]) == ()
    assert parse_records({"items": []}) == ()
    assert [r.record_id for r in parse_records({"items": [DOC_ITEM]})] == [177]
    odds: list[object] = [{}, {"items": {}}, "items", None]
    for odd in odds:
        with pytest.raises(RecordParseError, match="no list of items"):
            parse_records(odd)
