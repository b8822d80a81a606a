"""``timeman.record.list`` over REST 3.0 (``/rest/api/<user>/<secret>/...``), over real HTTPS.

The clock stands at Friday 2026-11-20 09:00 in Moscow; past days are seeded the week before.
"""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from tests.demo.conftest import SECRET, Portal
from tests.demo.record_calls import (
    INVALID,
    ITEM_KEYS,
    MOSCOW,
    RECORD_LIST,
    WEEK,
    at,
    call,
    items,
    own,
    v3_error,
    v3_url,
)
from tray_app.demo import PortalSimulator, SimClock, SimUser
from tray_app.demo.record_request import DEFAULT_LIMIT
from tray_app.demo.records import sample_history
from tray_app.demo.v3_errors import PREFIX


@pytest.fixture
def week(sim: PortalSimulator) -> list[int]:
    """The seeded week; returns the record ids, oldest first."""
    return [snapshot.record_id for snapshot in sim.seed_history(1, WEEK)]


def test_a_week_of_records_in_full(portal: Portal, week: list[int]) -> None:
    response = call(portal, own())
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert {"start", "finish", "duration", "date_start", "operating"} <= set(body["time"])
    found = body["result"]["items"]
    assert [item["id"] for item in found] == week
    assert all(list(item) == ITEM_KEYS for item in found)
    assert found[0] == {
        "id": week[0],
        "userId": 1,
        "startTime": "2026-11-16T09:00:00+03:00",
        "endTime": "2026-11-16T18:00:00+03:00",
        "duration": 8 * 3600,
        "breakLength": 3600,
        "state": {"status": "closed", "recommendedCloseTime": None},
        "isApproved": True,
    }
    assert found[1]["duration"] == 8 * 3600 + 30 * 60
    assert found[1]["isApproved"] is False
    assert found[3]["breakLength"] == 0


def test_todays_running_and_paused_day(
    portal: Portal, sim: PortalSimulator, clock: SimClock
) -> None:
    sim.seed_history(1, WEEK)
    portal.result("timeman.open")
    clock.advance(timedelta(hours=2))
    running = items(portal, own())[-1]
    assert running["startTime"] == "2026-11-20T09:00:00+03:00"
    assert running["endTime"] is None
    assert running["duration"] == 0  # recorded on pause and close only
    assert running["state"]["status"] == "opened"
    portal.result("timeman.pause")
    paused = items(portal, own())[-1]
    assert paused["endTime"] == "2026-11-20T11:00:00+03:00"  # the pause start
    assert paused["duration"] == 2 * 3600
    assert paused["state"] == {"status": "paused", "recommendedCloseTime": None}
    clock.advance(timedelta(minutes=30))
    portal.result("timeman.open")
    clock.advance(timedelta(hours=1))
    portal.result("timeman.close")
    closed = items(portal, own())[-1]
    assert closed["state"]["status"] == "closed"
    assert (closed["duration"], closed["breakLength"]) == (3 * 3600, 1800)
    assert closed["endTime"] == "2026-11-20T12:30:00+03:00"


def test_an_expired_day_reads_as_stored_open(portal: Portal, sim: PortalSimulator) -> None:
    sim.seed_day(1, "EXPIRED", start=at(17, 9))
    assert portal.result("timeman.status")["STATUS"] == "EXPIRED"
    (record,) = items(portal, own())
    assert record["state"]["status"] == "opened"
    assert record["endTime"] is None


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (
            ["startTime", "between", ["2026-11-17T00:00:00+03:00", "2026-11-18T23:59:59+03:00"]],
            [1, 2],
        ),
        (["startTime", ">=", "2026-11-17T08:30:00+03:00"], [1, 2, 3]),
        (["startTime", ">", "2026-11-17T08:30:00+03:00"], [2, 3]),
        (["startTime", "<", "2026-11-17T08:30:00+03:00"], [0]),
        (["startTime", "<=", "2026-11-17T08:30:00+03:00"], [0, 1]),
        (["startTime", "=", "2026-11-18T10:00:00+03:00"], [2]),
        (["startTime", "=", "2026-11-18T07:00:00Z"], [2]),  # the same moment in UTC
        (["startTime", "2026-11-18T10:00:00"], [2]),  # no offset: the user's zone; "=" implied
        (["startTime", "!=", "2026-11-18T10:00:00+03:00"], [0, 1, 2, 3]),  # ignored by the server
        (["startTime", "in", ["2026-11-18T10:00:00+03:00"]], [0, 1, 2, 3]),  # ignored too
    ],
)
def test_start_time_conditions(
    portal: Portal, week: list[int], condition: list[object], expected: list[int]
) -> None:
    found = items(portal, own([condition]))
    assert [item["id"] for item in found] == [week[i] for i in expected]


def test_two_start_conditions_make_a_range(portal: Portal, week: list[int]) -> None:
    body = own(
        [
            ["startTime", ">=", "2026-11-17T00:00:00+03:00"],
            ["startTime", "<", "2026-11-19T00:00:00+03:00"],
        ]
    )
    assert [item["id"] for item in items(portal, body)] == week[1:3]


def test_conditions_inside_groups_count(portal: Portal, week: list[int]) -> None:
    body = {
        "filter": [
            {"logic": "or", "conditions": [["userId", "=", "1"]]},
            ["startTime", ">", "2026-11-18T00:00:00+03:00"],
        ]
    }
    assert [item["id"] for item in items(portal, body)] == week[2:]


def test_select_picks_fields_and_drops_unknown_ones(portal: Portal, week: list[int]) -> None:
    found = items(portal, {**own(), "select": ["startTime", "id", "stageId", "state"]})
    assert [list(item) for item in found] == [["id", "startTime", "state"]] * 4


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ({"startTime": "DESC"}, [3, 2, 1, 0]),
        ({"startTime": "asc"}, [0, 1, 2, 3]),
        ({"duration": "DESC"}, [2, 1, 0, 3]),  # 9:00, 8:30, 8:00, 3:45
        ({"endTime": "DESC"}, [3, 2, 1, 0]),
        ({"isApproved": "DESC", "id": "DESC"}, [3, 2, 1, 0]),  # isApproved is not sortable
        ([], [0, 1, 2, 3]),  # an empty PHP array
    ],
)
def test_order(portal: Portal, week: list[int], order: object, expected: list[int]) -> None:
    found = items(portal, {**own(), "order": order})
    assert [item["id"] for item in found] == [week[i] for i in expected]


def test_pagination(portal: Portal, week: list[int]) -> None:
    def ids(pagination: object) -> list[int]:
        return [item["id"] for item in items(portal, {**own(), "pagination": pagination})]

    assert ids({"page": 1, "limit": 3}) == week[:3]
    assert ids({"page": 2, "limit": 3}) == week[3:]
    assert ids({"page": 3, "limit": 3}) == []
    assert ids({"limit": 2, "offset": 1}) == week[1:3]
    assert ids({"page": 2, "limit": 2, "offset": 3}) == week[2:]  # page wins over offset
    assert ids({"limit": "2", "page": "2"}) == week[2:]
    assert ids({"offset": 3}) == week[3:]
    assert ids([]) == week


def test_a_page_holds_fifty_records_at_most(portal: Portal, sim: PortalSimulator) -> None:
    days = sample_history(date(2026, 11, 20), MOSCOW, weeks=10, work_days="1234567")
    assert len(days) > DEFAULT_LIMIT + 10
    sim.seed_history(1, days)
    first = items(portal, {**own(), "pagination": {"limit": 500}})
    assert len(first) == DEFAULT_LIMIT
    assert len(items(portal, own())) == DEFAULT_LIMIT
    rest = items(portal, {**own(), "pagination": {"page": 2}})
    assert len(rest) == len(days) - DEFAULT_LIMIT


@pytest.mark.parametrize(
    ("pagination", "name"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"page": 0}, "page"),
        ({"page": -1}, "page"),
        ({"offset": 1.5}, "offset"),
        ({"offset": True}, "offset"),
        ("page=2", "pagination"),
    ],
)
def test_unusable_pagination(portal: Portal, pagination: object, name: str) -> None:
    status, code, message, _ = v3_error(call(portal, {**own(), "pagination": pagination}))
    assert (status, code) == (400, PREFIX + "INVALIDPAGINATIONEXCEPTION")
    assert message == f"Unable to recognize pagination parameter `{name}`"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"filter": []},
        {"filter": [["userId", "!=", 1]]},  # only "=" names the user
        {"filter": [["userId", 0]]},
        {"filter": [["startTime", ">=", "2026-11-01T00:00:00+03:00"]]},
    ],
)
def test_user_id_is_required(portal: Portal, body: object) -> None:
    status, code, message, validation = v3_error(call(portal, body))
    assert (status, code) == (400, PREFIX + "VALIDATION_REQUESTVALIDATIONEXCEPTION")
    assert message == "Error during request object validation"
    assert validation == [
        {"field": "filter.userId", "message": "Required field `filter.userId` is not specified"}
    ]


def test_one_user_per_request(portal: Portal, week: list[int]) -> None:
    assert len(items(portal, {"filter": [["userId", 1], ["userId", "1"]]})) == 4
    status, code, message, _ = v3_error(call(portal, {"filter": [["userId", 1], ["userId", 2]]}))
    assert (status, code) == (400, PREFIX + "INVALIDFILTEREXCEPTION")
    assert "userId" in message


@pytest.mark.parametrize(
    ("filter_", "code", "field"),
    [
        ([["stageId", 1]], "UNKNOWNDTOPROPERTYEXCEPTION", None),
        ([[1, 1]], "UNKNOWNDTOPROPERTYEXCEPTION", None),
        ([["userId", 1], ["duration", ">", 10]], "INVALIDFILTEREXCEPTION", None),
        ([["userId", "like", 1]], "UNKNOWNFILTEROPERATOREXCEPTION", None),
        ([["userId", 5, 1]], "UNKNOWNFILTEROPERATOREXCEPTION", None),
        ([["userId", 1], ["startTime", ">", "yesterday"]], INVALID, "filter.startTime"),
        ([["userId", 1], ["startTime", ">", 1763000000]], INVALID, "filter.startTime"),
        ([["userId", 1], ["startTime", "between", ["2026-11-01"]]], INVALID, "filter.startTime"),
        ([["userId", "me"]], INVALID, "filter.userId"),
        ([["userId", True]], INVALID, "filter.userId"),
        ([["userId"]], INVALID, "filter"),
        ({"userId": 1}, INVALID, "filter"),
    ],
)  # fmt: skip
def test_unusable_filters(portal: Portal, filter_: object, code: str, field: str | None) -> None:
    status, answered, _, validation = v3_error(call(portal, {"filter": filter_}))
    assert (status, answered) == (400, PREFIX + code)
    assert [v["field"] for v in validation] == ([field] if field else [])


@pytest.mark.parametrize(("select", "order"), [("id", None), (None, "id")])
def test_select_and_order_of_the_wrong_type(portal: Portal, select: object, order: object) -> None:
    body = {**own(), **({"select": select} if select else {"order": order})}
    status, code, _, validation = v3_error(call(portal, body))
    assert (status, code) == (400, PREFIX + "VALIDATION_REQUESTVALIDATIONEXCEPTION")
    assert [v["field"] for v in validation] == ["select" if select else "order"]


def test_someone_elses_records_need_the_manage_all_right(
    portal: Portal, sim: PortalSimulator, week: list[int]
) -> None:
    sim.add_user(SimUser(user_id=2, secret="boss2secret", admin=True))
    sim.add_user(SimUser(user_id=3, secret="peer3secret"))
    status, code, message, _ = v3_error(call(portal, own(), user_id=3, secret="peer3secret"))
    assert (status, code, message) == (403, PREFIX + "ACCESSDENIEDEXCEPTION", "Access denied")
    assert [i["id"] for i in items(portal, own(), user_id=2, secret="boss2secret")] == week
    assert items(portal, {"filter": [["userId", 77]]}, user_id=2, secret="boss2secret") == []
    assert items(portal, {"filter": [["userId", 3]]}, user_id=3, secret="peer3secret") == []


def test_webhook_checks_answer_in_the_new_shape(portal: Portal, sim: PortalSimulator) -> None:
    sim.add_user(SimUser(user_id=4, secret="userscopeonly", scopes=("user",)))
    status, code, _, _ = v3_error(call(portal, own(), user_id=4, secret="userscopeonly"))
    assert (status, code) == (403, PREFIX + "INSUFFICIENTSCOPEEXCEPTION")
    status, code, message, _ = v3_error(call(portal, own(), secret="wrongsecret123"))
    assert (status, code, message) == (401, "INVALID_CREDENTIALS", "Invalid request credentials")


def test_plain_http_is_refused_in_the_new_shape(clock: SimClock) -> None:
    with PortalSimulator(clock=clock, tls=False, users=[SimUser(1, SECRET)]) as sim:
        response = httpx.post(f"{sim.base_url}/rest/api/1/{SECRET}/{RECORD_LIST}", json=own())
    assert v3_error(response)[:2] == (401, "INVALID_REQUEST")


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"filter[0][0]=userId&filter[0][1]=1", "application/x-www-form-urlencoded"),
        (b'{"filter": [["userId", 1]]', "application/json"),
        (b'[["userId", 1]]', "application/json"),
    ],
)
def test_only_a_json_object_body_is_read(portal: Portal, content: bytes, content_type: str) -> None:
    response = portal.client.post(
        v3_url(portal), content=content, headers={"Content-Type": content_type}
    )
    status, code, _, _ = v3_error(response)
    assert (status, code) == (400, PREFIX + "INVALIDJSONEXCEPTION")


def test_the_query_string_is_not_read(portal: Portal, week: list[int]) -> None:
    url = v3_url(portal) + "?filter[0][0]=userId&filter[0][1]=1"
    for response in (portal.client.get(url), portal.client.post(url)):
        status, code, _, validation = v3_error(response)
        assert (status, code) == (400, PREFIX + "VALIDATION_REQUESTVALIDATIONEXCEPTION")
        assert validation[0]["field"] == "filter.userId"


def test_a_portal_without_the_method(portal: Portal, sim: PortalSimulator) -> None:
    sim.record_list = False
    assert v3_error(call(portal, own())) == (404, "ERROR_METHOD_NOT_FOUND", "Method not found!", [])
    sim.record_list = True
    assert call(portal, own()).status_code == 200
    assert v3_error(call(portal, own(), method="timeman.record.add"))[:2] == (
        404,
        "ERROR_METHOD_NOT_FOUND",
    )


def test_a_portal_without_rest_3(portal: Portal, sim: PortalSimulator) -> None:
    sim.rest_v3 = False
    response = call(portal, own())
    assert response.status_code == 404
    assert response.json() == {
        "error": "ERROR_METHOD_NOT_FOUND",
        "error_description": "Method not found!",
    }
    assert portal.result("timeman.status")["STATUS"] == "CLOSED"  # the old REST still works


def test_the_operating_limit_applies(portal: Portal, sim: PortalSimulator) -> None:
    sim.block_method(RECORD_LIST)
    assert v3_error(call(portal, own()))[:2] == (429, "OPERATION_TIME_LIMIT")
    sim.block_method(RECORD_LIST, blocked=False)
    body = call(portal, own()).json()
    assert body["time"]["operating"] >= 0
    assert "operating_reset_at" in body["time"]


def test_requests_are_recorded(portal: Portal, sim: PortalSimulator) -> None:
    items(portal, own())
    (request,) = [r for r in sim.requests if r.rest_method == RECORD_LIST]
    assert request.path == f"/rest/api/1/{SECRET}/{RECORD_LIST}"
    assert request.json == own()
    assert request.answered_status == 200
