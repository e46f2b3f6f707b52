"""Integration tests of /contactSummaries against fixture.sql and
fixture_contact_summaries.sql.

The clock is pinned at 2026-01-15T10:00:00Z: the default startTime is
2026-01-15T00:00:00Z. Today's and yesterday's summaries come from
fixture.sql's contacts, those of 2026-01-13 from fixture_contact_summaries.sql.
"""
from rmitest import test, expect_status, expect_plain, xml_items

Q1 = "11111111111111111111111111111111"
Q2 = "22222222222222222222222222222222"
Q3 = "33333333333333333333333333333333"
Q4 = "44444444444444444444444444444444"
Q7 = "77777777777777777777777777777777"
APP = "A0000000000000000000000000000001"

QUEUES = {Q1: ("Alpha Sales", "Phone"), Q2: ("Ärende Chat", "Chat"),
          Q3: ("Zeta Support, Tier 2", "Email"), Q4: ("Öljy Phone", "Phone"),
          Q7: ("Hidden Queue", "Email")}

FIELDS = ["applicationId", "applicationName", "changeTimeStamp", "hourTime",
          "id", "inAbandoned", "inAnsweredOnTime", "inArrivedHandled",
          "inArrivedActive", "inFalseAttempt", "inHandleTimeMax",
          "inHandleTimeTotal", "inHandled", "inQueueTimeMax",
          "inAnsweredQueueTimeTotal", "inAbandonedQueueTimeTotal",
          "inFalseAttemptQueueTimeTotal", "inServiceClosed",
          "outHandleTimeMax", "outHandleTimeTotal", "outHandled", "queueId",
          "queueName", "type"]

START_13 = "startTime=2026-01-13T00:00:00Z"


def sid(queue, hour):
    """The id of queue's summary at hour ("2026-01-13T08:00")."""
    return queue + hour.replace("-", "").replace(":", "") + "00Z"


def cs(queue, hour, change, ab=0, aot=0, arr_handled=0, active=0, fa=0,
       hmax=0, htotal=0, handled=0, qmax=0, aqt=0, abqt=0, faqt=0, sc=0,
       omax=0, ototal=0, out=0):
    name, type = QUEUES[queue]
    return {"applicationId": APP, "applicationName": "ContactCenter",
            "changeTimeStamp": change, "hourTime": hour + ":00.000Z",
            "id": sid(queue, hour), "inAbandoned": ab,
            "inAnsweredOnTime": aot, "inArrivedHandled": arr_handled,
            "inArrivedActive": active, "inFalseAttempt": fa,
            "inHandleTimeMax": hmax, "inHandleTimeTotal": htotal,
            "inHandled": handled, "inQueueTimeMax": qmax,
            "inAnsweredQueueTimeTotal": aqt,
            "inAbandonedQueueTimeTotal": abqt,
            "inFalseAttemptQueueTimeTotal": faqt, "inServiceClosed": sc,
            "outHandleTimeMax": omax, "outHandleTimeTotal": ototal,
            "outHandled": out, "queueId": queue, "queueName": name,
            "type": type}


ROWS = [
    # 2026-01-13 (fixture_contact_summaries.sql)
    cs(Q1, "2026-01-13T08:00", "2026-01-13T08:16:50.499Z", ab=1, aot=1,
       arr_handled=5, fa=1, hmax=300000, htotal=360000, handled=2,
       qmax=60000, aqt=50000, abqt=60000, faqt=3000, sc=1, omax=120000,
       ototal=120000, out=1),
    cs(Q1, "2026-01-13T08:15", "2026-01-13T08:31:00.001Z", aot=1,
       arr_handled=1, hmax=300000, htotal=300000, handled=1, qmax=5250,
       aqt=5250, omax=60001, ototal=60001, out=1),
    cs(Q2, "2026-01-13T09:30", "2026-01-13T09:45:01.000Z", aot=1,
       arr_handled=2, fa=1, hmax=600000, htotal=600000, handled=1, qmax=2000,
       aqt=2000, faqt=1000),
    cs(Q4, "2026-01-13T08:00", "2026-01-13T08:02:30.000Z", ab=1,
       arr_handled=1, qmax=30000, abqt=30000),
    cs(Q7, "2026-01-13T10:00", "2026-01-13T11:10:00.000Z", arr_handled=1,
       hmax=600000, htotal=600000, handled=1, qmax=3600000, aqt=3600000),
    cs(Q7, "2026-01-13T11:00", "2026-01-13T11:06:00.000Z", omax=60000,
       ototal=60000, out=1),
    # 2026-01-14 (fixture.sql: C10, C11)
    cs(Q1, "2026-01-14T12:00", "2026-01-14T12:05:10.000Z", aot=1,
       arr_handled=1, hmax=289000, htotal=289000, handled=1, qmax=10000,
       aqt=10000),
    cs(Q4, "2026-01-14T12:00", "2026-01-14T12:10:00.000Z", arr_handled=1,
       hmax=210000, htotal=210000, handled=1, qmax=30000, aqt=30000),
    # today (fixture.sql)
    cs(Q1, "2026-01-15T09:00", "2026-01-15T09:10:00.000Z", arr_handled=1,
       hmax=540000, htotal=540000, handled=1, qmax=60000, aqt=60000),
    cs(Q1, "2026-01-15T09:45", "2026-01-15T09:59:47.500Z", active=4),
    cs(Q2, "2026-01-15T09:15", "2026-01-15T09:25:00.000Z"),
    cs(Q2, "2026-01-15T09:30", "2026-01-15T09:40:00.000Z"),
    cs(Q2, "2026-01-15T09:45", "2026-01-15T09:58:58.766Z", active=1),
    cs(Q3, "2026-01-15T08:00", "2026-01-15T09:00:00.000Z", active=1),
    cs(Q4, "2026-01-15T09:45", "2026-01-15T09:59:57.000Z", active=2),
    cs(Q7, "2026-01-15T05:00", "2026-01-15T05:30:00.000Z", arr_handled=1,
       handled=1, qmax=1800000, aqt=1800000),
]
EXPECTED = {r["id"]: r for r in ROWS}

K1 = sid(Q1, "2026-01-13T08:00")
K2 = sid(Q1, "2026-01-13T08:15")
K3 = sid(Q2, "2026-01-13T09:30")
K4 = sid(Q4, "2026-01-13T08:00")
K5 = sid(Q7, "2026-01-13T10:00")
K6 = sid(Q7, "2026-01-13T11:00")
Y1 = sid(Q1, "2026-01-14T12:00")
Y2 = sid(Q4, "2026-01-14T12:00")
T1 = sid(Q1, "2026-01-15T09:00")
T2 = sid(Q1, "2026-01-15T09:45")
T3 = sid(Q2, "2026-01-15T09:15")
T4 = sid(Q2, "2026-01-15T09:30")
T5 = sid(Q2, "2026-01-15T09:45")
T6 = sid(Q3, "2026-01-15T08:00")
T7 = sid(Q4, "2026-01-15T09:45")
T8 = sid(Q7, "2026-01-15T05:00")

# Default sort applicationName (all ContactCenter), ties by id: queue, time.
TODAY = [T1, T2, T3, T4, T5, T6, T7, T8]
SINCE_13 = [K1, K2, Y1, T1, T2, K3, T3, T4, T5, T6, K4, Y2, T7, K5, K6, T8]
AGENT1_TODAY = [T1, T2, T3, T4, T5]


def ids(items):
    return [i["id"] for i in items]


def get_ids(srv, q, **kw):
    r = srv.get("/contactSummaries" + q, **kw)
    expect_status(r, 200)
    return ids(r.json())


@test
def summaries_today_every_field(srv):
    r = srv.get("/contactSummaries")
    expect_status(r, 200)
    items = r.json()
    assert ids(items) == TODAY, ids(items)
    for item in items:
        assert list(item.keys()) == FIELDS, list(item.keys())
        assert item == EXPECTED[item["id"]], item


@test
def summaries_since_start_time_every_field(srv):
    items = srv.get("/contactSummaries?limit=100&" + START_13).json()
    assert ids(items) == SINCE_13, ids(items)
    for item in items:
        assert item == EXPECTED[item["id"]], item
    # The parts add up.
    for i in items:
        assert i["inArrivedHandled"] == (i["inHandled"] + i["inAbandoned"] +
                                         i["inFalseAttempt"] +
                                         i["inServiceClosed"]), i
        assert i["inAnsweredOnTime"] <= i["inHandled"]
        assert i["inQueueTimeMax"] <= (i["inAnsweredQueueTimeTotal"] +
                                       i["inAbandonedQueueTimeTotal"] +
                                       i["inFalseAttemptQueueTimeTotal"])
        assert i["inHandleTimeMax"] <= i["inHandleTimeTotal"]


@test
def summaries_interval_boundaries(srv):
    # 08:14:59.999 is in the 08:00 interval, 08:15:00.000 in 08:15's.
    k1 = srv.get("/contactSummaries/" + K1).json()
    assert (k1["inHandled"], k1["inAnsweredQueueTimeTotal"]) == (2, 50000)
    k2 = srv.get("/contactSummaries/" + K2).json()
    assert (k2["inHandled"], k2["inAnsweredQueueTimeTotal"]) == (1, 5250)
    # A callback arriving at 08:29:59.999 is in 08:15 too.
    assert k2["outHandleTimeTotal"] == 60001
    # startTime is rounded down to its interval start.
    assert get_ids(srv, "?startTime=2026-01-13T08:14:59.999Z") == SINCE_13[:16]
    after = [K2, Y1, T1, T2, K3, T3, T4, T5, T6, Y2, T7, K5, K6, T8]
    assert get_ids(srv, "?startTime=2026-01-13T08:15:00.000Z") == after
    assert get_ids(srv, "?startTime=2026-01-13T08:29:59.999Z") == after
    assert get_ids(srv, "?startTime=2026-01-13T08:30:00Z") == after[1:]
    assert get_ids(srv, "?startTime=2026-01-15T09:45:00Z") == [T2, T5, T7]
    assert get_ids(srv, "?startTime=2026-01-15T10:00:00Z") == []


@test
def summaries_by_id(srv):
    for id in (K1, K6, T2, Y2):
        r = srv.get("/contactSummaries/" + id)
        expect_status(r, 200)
        assert r.json() == EXPECTED[id], r.json()
        assert list(r.json().keys()) == FIELDS
    assert srv.get("/contactSummaries/%s/" % K3).json() == EXPECTED[K3]
    # Well-formed, but no such summary: not an interval start, an interval
    # without contacts, an unknown queue.
    for id in (Q1 + "20260113T080500Z", Q1 + "20260113T084500Z",
               "F" * 32 + "20260113T080000Z", Q3 + "20260113T080000Z"):
        r = srv.get("/contactSummaries/" + id)
        expect_plain(r, 404, body="HTTP 404 Not Found")


@test
def summaries_bad_ids(srv):
    for bad in (Q1 + "20260113T080000",          # no Z
                "abcdef0123456789abcdef0123456789"
                "20260113T080000Z",               # lower-case hex
                Q1 + "20261301T000000Z",          # month 13
                Q1 + "20260230T000000Z",          # 30 February
                Q1 + "20260113T240000Z",          # hour 24
                Q1 + "20260113 080000Z",
                Q1 + "20260113T080000Z0",
                Q1, "X"):
        r = srv.get("/contactSummaries/" + bad.replace(" ", "%20"))
        expect_plain(r, 400, body="Invalid id: '%s'" % bad)
    r = srv.get("/contactSummaries/%27%20OR%201=1--")
    expect_plain(r, 400, body="Invalid id: '' OR 1=1--'")


@test
def summaries_rights(srv):
    assert get_ids(srv, "", user="agent1") == AGENT1_TODAY
    assert get_ids(srv, "?" + START_13, user="agent1") == [
        K1, K2, Y1, T1, T2, K3, T3, T4, T5]
    assert get_ids(srv, "", user="norights") == []
    for id in (K5, K4, T8):
        r = srv.get("/contactSummaries/" + id, user="agent1")
        expect_plain(r, 404, body="HTTP 404 Not Found")
    r = srv.get("/contactSummaries/" + K1, user="agent1")
    expect_status(r, 200)
    assert r.json() == dict(EXPECTED[K1], queueName="Alfa Myynti")


@test
def summaries_language(srv):
    def names(q, **kw):
        return [i["queueName"] for i in
                srv.get("/contactSummaries" + q, **kw).json()]
    assert names("?queueId=%s,%s" % (Q1, Q4)) == [
        "Alpha Sales", "Alpha Sales", "Öljy Phone"]
    assert names("?queueId=%s,%s&language=fi" % (Q1, Q4)) == [
        "Alfa Myynti", "Alfa Myynti", "Öljy Puhelin"]
    assert names("?queueId=%s&language=SV" % Q1) == ["Alfa Försäljning"] * 2
    # agent1's uiLanguage is FI; the parameter wins.
    assert names("?queueId=" + Q1, user="agent1") == ["Alfa Myynti"] * 2
    assert names("?queueId=%s&language=en" % Q1,
                 user="agent1") == ["Alpha Sales"] * 2
    # Application names are not translated.
    r = srv.get("/contactSummaries/%s?language=fi" % K1).json()
    assert (r["applicationName"], r["queueName"]) == ("ContactCenter",
                                                      "Alfa Myynti")
    r = srv.get("/contactSummaries?language=suomi")
    expect_plain(r, 400, startswith="Invalid language")


@test
def summaries_type_and_queue_lists(srv):
    assert get_ids(srv, "?type=phone,EMAIL") == [T1, T2, T6, T7, T8]
    assert get_ids(srv, "?type=Chat") == [T3, T4, T5]
    assert get_ids(srv, "?queueId=%s,%s" % (Q4, Q2)) == [T3, T4, T5, T7]
    assert get_ids(srv, "?queueId=%s&type=Chat" % Q1) == []
    assert get_ids(srv, "?queueId=%s&%s" % (Q7, START_13)) == [K5, K6, T8]
    r = srv.get("/contactSummaries?type=Phone,Voice")
    expect_plain(r, 400, startswith="Invalid value for type: 'Voice'")
    r = srv.get("/contactSummaries?queueId=%s,nope" % Q1)
    expect_plain(r, 400, body="Invalid GUID: 'nope'")


@test
def summaries_wildcards(srv):
    def f(q):
        return get_ids(srv, "?" + q)
    assert f("queueName=alpha*") == [T1, T2]
    assert f("queueName=*CHAT") == [T3, T4, T5]
    assert f("queueName=%C3%A4rende?Chat") == [T3, T4, T5]
    assert f("queueName=Zeta%20Support,%20Tier%202") == [T6]
    assert f("queueName=Zeta") == []
    assert f("language=fi&queueName=alfa*") == [T1, T2]
    assert f("applicationName=contactcenter") == TODAY
    assert f("applicationId=" + APP) == TODAY
    assert f("hourTime=2026-01-15T09:45*") == [T2, T5, T7]
    assert f("id=*20260115T094500Z") == [T2, T5, T7]
    assert f("id=" + T6) == [T6]
    assert f("inArrivedActive=4") == [T2]
    assert f("changeTimeStamp=*.766Z") == [T5]
    assert f("inQueueTimeMax=?0000&" + START_13) == [K1, Y1, T1, K4, Y2]
    assert f("outHandled=1&" + START_13) == [K1, K2, K6]
    assert f("_=1480000000000&showThresholds=1") == TODAY


@test
def summaries_sort(srv):
    def f(q, extra=""):
        return get_ids(srv, "?sort=" + q + extra)
    assert f("-inArrivedActive") == [T2, T7, T5, T6, T1, T3, T4, T8]
    assert f("-hourTime") == [T2, T5, T7, T4, T3, T1, T6, T8]
    assert f("hourTime") == [T8, T6, T1, T3, T4, T2, T5, T7]
    assert f("-changeTimeStamp") == [T7, T2, T5, T4, T3, T1, T6, T8]
    assert f("type") == [T3, T4, T5, T6, T8, T1, T2, T7]
    assert f("queueName") == [T1, T2, T3, T4, T5, T8, T7, T6]
    assert f("queueName,LOCALE-fi") == [T1, T2, T8, T6, T3, T4, T5, T7]
    assert f("id") == TODAY
    assert f("-id") == list(reversed(TODAY))
    assert f("-inHandleTimeTotal,hourTime", "&" + START_13) == [
        K3, K5, T1, K1, K2, Y1, Y2,
        K4, K6, T8, T6, T3, T4, T2, T5, T7]
    r = srv.get("/contactSummaries?sort=name")
    expect_plain(r, 400, body="Invalid sort field: 'name'")
    r = srv.get("/contactSummaries?sort=queueName,LOCALE-xx-YY-zzzzzzzzz")
    expect_plain(r, 400, startswith="Invalid locale")


@test
def summaries_paging(srv):
    seen = []
    for off in range(0, 12, 3):
        page = get_ids(srv, "?limit=3&offset=%d" % off)
        assert len(page) == max(0, min(3, 8 - off)), page
        seen += page
    assert seen == TODAY
    seen = []
    for off in range(0, 20, 5):
        seen += get_ids(srv, "?limit=5&offset=%d&%s" % (off, START_13))
    assert seen == SINCE_13
    assert get_ids(srv, "?limit=0") == []
    assert get_ids(srv, "/?limit=2") == TODAY[:2]
    r = srv.get("/contactSummaries?offset=-3")
    expect_plain(r, 400, startswith="Invalid offset: '-3'")


@test
def summaries_start_time_errors(srv):
    for bad in ("2026-01-13", "2026-01-13T08:00:00", "yesterday",
                "2026-01-13T08:00:00%2B02:00", "2026-02-30T00:00:00Z"):
        r = srv.get("/contactSummaries?startTime=" + bad)
        expect_plain(r, 400, startswith="Invalid startTime: '%s' (expected "
                     "UTC time as 2016-01-02T22:00:00.000Z)"
                     % bad.replace("%2B", "+"))


@test
def summaries_xml(srv):
    r = srv.get("/contactSummaries?" + START_13 + "&queueId=" + Q1,
                headers={"Accept": "application/xml"})
    expect_status(r, 200)
    root = r.xml()
    assert root.tag == "contactSummaries"
    assert all(item.tag == "contactSummary" for item in root)
    items = xml_items(root)
    assert [i["id"] for i in items] == [K1, K2, Y1, T1, T2]
    for item in items:
        assert list(item.keys()) == FIELDS
        assert item == {k: str(v) for k, v in EXPECTED[item["id"]].items()}
    r = srv.get("/contactSummaries/" + K1, headers={"Accept": "text/xml"})
    root = r.xml()
    assert root.tag == "contactSummary"
    assert {c.tag: c.text for c in root} == {
        k: str(v) for k, v in EXPECTED[K1].items()}


@test
def summaries_methods_and_auth(srv):
    r = srv.request("POST", "/contactSummaries", body=b"{}",
                    headers={"Content-Type": "application/json"})
    expect_plain(r, 405)
    assert r.header("allow") == "GET, HEAD"
    r = srv.get("/contactSummaries/%s/details" % K1)
    expect_plain(r, 404, body="HTTP 404 Not Found")
    h = srv.request("HEAD", "/contactSummaries/" + K1)
    expect_status(h, 200)
    assert h.body == b""
    expect_status(srv.get("/contactSummaries", user=None), 401)
    expect_plain(srv.get("/contactSummaries/" + K1, user="ghost"), 403)
    # Identity before the id's form (docs/decisions.md: order of checks).
    expect_status(srv.get("/contactSummaries/X", user=None), 401)
