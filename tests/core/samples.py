"""Workday and settings answers copied verbatim from the API reference §8.

[R] = recorded on a live cloud portal (Bayselonarrend/OpenIntegrations, 2024-07-30; the 1C client
re-serialised the dates in UTC although ``TZ_OFFSET`` is 10800, see §3.2).
[D] = examples of the official docs (bitrix24/b24restdocs, api-reference/timeman/base/*.md).

Kept as JSON text and decoded with :func:`json.loads`, so the float noise of the coordinates
(``53.548841000000003``) reaches the parser exactly as the portal sends it.
Until tests/fixtures holds the recorded answers, these literals are the source.
"""

from __future__ import annotations

import json
from typing import Any

R_OPENED = """{"result":{"STATUS":"OPENED","TIME_START":"2024-07-30T07:10:51+00:00",
"TIME_FINISH":null,"DURATION":"00:00:00","TIME_LEAKS":"00:09:59","ACTIVE":false,"IP_OPEN":"","IP_CLOSE":"93.125.42.204",
"LAT_OPEN":0,"LON_OPEN":0,"LAT_CLOSE":0,"LON_CLOSE":0,"TZ_OFFSET":10800},
"time":{"start":1722328319.21856,"finish":1722328319.25781,"duration":0.0392520427703857,
"processing":0.014214038848877,"date_start":"2024-07-30T08:31:59+00:00",
"date_finish":"2024-07-30T08:31:59+00:00","operating_reset_at":1722328919,
"operating":0.181692123413086}}"""

R_PAUSED = """{"result":{"STATUS":"PAUSED","TIME_START":"2024-07-30T07:10:51+00:00",
"TIME_FINISH":"2024-07-30T08:32:00+00:00","DURATION":"00:00:00","TIME_LEAKS":"00:09:59",
"ACTIVE":false,"IP_OPEN":"","IP_CLOSE":"","LAT_OPEN":0,"LON_OPEN":0,"LAT_CLOSE":0,"LON_CLOSE":0,
"TZ_OFFSET":10800},
"time":{"start":1722328320.91942,"finish":1722328320.98461,"duration":0.0651938915252686,
"processing":0.0352118015289307,"date_start":"2024-07-30T08:32:00+00:00",
"date_finish":"2024-07-30T08:32:00+00:00","operating_reset_at":1722328920,"operating":0}}"""

# The same PAUSED object came back from timeman.status at this server time.
R_PAUSED_STATUS_AT = 1722328322.65261

R_SETTINGS = """{"result":{"UF_TIMEMAN":true,"UF_TM_FREE":false,"UF_TM_MAX_START":"09:15:00",
"UF_TM_MIN_FINISH":"17:45:00","UF_TM_MIN_DURATION":"08:00:00","UF_TM_ALLOWED_DELTA":"00:15:00",
"ADMIN":true},
"time":{"start":1722332243.86487,"finish":1722332243.88732,"duration":0.0224521160125732,
"processing":0.00417494773864746,"date_start":"2024-07-30T09:37:23+00:00",
"date_finish":"2024-07-30T09:37:23+00:00","operating_reset_at":1722332843,"operating":0}}"""

D_OPENED = """{"result":{"STATUS":"OPENED","TIME_START":"2025-03-27T08:00:01+02:00",
"TIME_FINISH":null,"DURATION":"00:00:00","TIME_LEAKS":"00:00:00","ACTIVE":false,"IP_OPEN":"",
"IP_CLOSE":"","LAT_OPEN":53.548841000000003,"LON_OPEN":9.9872739999999993,"LAT_CLOSE":0,
"LON_CLOSE":0,"TZ_OFFSET":7200},
"time":{"start":1743056587.6559751,"finish":1743056587.8529301,"duration":0.19695496559143066,
"processing":0.16714906692504883,"date_start":"2025-03-27T09:23:07+03:00",
"date_finish":"2025-03-27T09:23:07+03:00","operating_reset_at":1743057187,
"operating":0.1671299934387207}}"""

# The current docs show TIME_FINISH null while PAUSED, unlike real data (§9).
D_PAUSED = """{"result":{"STATUS":"PAUSED","TIME_START":"2025-03-27T08:00:01+02:00",
"TIME_FINISH":null,"DURATION":"00:00:00","TIME_LEAKS":"00:00:00","ACTIVE":false,"IP_OPEN":"",
"IP_CLOSE":"","LAT_OPEN":53.548841000000003,"LON_OPEN":9.9872739999999993,"LAT_CLOSE":0,
"LON_CLOSE":0,"TZ_OFFSET":7200},
"time":{"start":1743057425.9403241,"finish":1743057426.0597129,"duration":0.11938881874084473,
"processing":0.08620214462280273,"date_start":"2025-03-27T09:37:05+03:00",
"date_finish":"2025-03-27T09:37:06+03:00","operating_reset_at":1743058025,"operating":0}}"""

D_CLOSED = """{"result":{"STATUS":"CLOSED","TIME_START":"2025-03-27T08:00:01+02:00",
"TIME_FINISH":"2025-03-27T19:00:01+02:00","DURATION":"09:37:04","TIME_LEAKS":"01:22:56",
"ACTIVE":false,"IP_OPEN":"","IP_CLOSE":"83.219.151.30","LAT_OPEN":53.548841000000003,
"LON_OPEN":9.9872739999999993,"LAT_CLOSE":53.548841000000003,"LON_CLOSE":9.9872739999999993,
"TZ_OFFSET":7200},
"time":{"start":1743057653.725821,"finish":1743057654.0894129,"duration":0.36359190940856934,
"processing":0.3278491497039795,"date_start":"2025-03-27T09:40:53+03:00",
"date_finish":"2025-03-27T09:40:54+03:00","operating_reset_at":1743058253,
"operating":0.32782983779907227}}"""

D_EXPIRED = """{"result":{"STATUS":"EXPIRED","TIME_START":"2025-03-27T08:00:01+02:00",
"TIME_FINISH":null,"DURATION":"00:00:00","TIME_LEAKS":"00:17:53","ACTIVE":false,"IP_OPEN":"",
"IP_CLOSE":"","LAT_OPEN":53.548841000000003,"LON_OPEN":9.9872739999999993,"LAT_CLOSE":0,
"LON_CLOSE":0,"TZ_OFFSET":7200,"TIME_FINISH_DEFAULT":"2025-03-27T17:00:00+02:00"},
"time":{"start":1743057653.725821,"finish":1743057654.0894129,"duration":0.36359190940856934,
"processing":0.3278491497039795,"date_start":"2025-03-27T09:40:53+03:00",
"date_finish":"2025-03-27T09:40:54+03:00","operating_reset_at":1743058253,
"operating":0.32782983779907227}}"""

D_SETTINGS = """{"result":{"UF_TIMEMAN":true,"UF_TM_FREE":false,"UF_TM_MAX_START":"09:15:00",
"UF_TM_MIN_FINISH":"17:45:00","UF_TM_MIN_DURATION":"08:00:00","UF_TM_ALLOWED_DELTA":"00:15:00",
"ADMIN":true}}"""


def result(answer: str) -> Any:
    """The ``result`` of an answer, as the api layer hands it to core."""
    return json.loads(answer)["result"]


def server_time(answer: str) -> float:
    """``time.start`` of an answer: the portal's clock (§5.6)."""
    start = json.loads(answer)["time"]["start"]
    assert isinstance(start, float)
    return start
