"""Integration tests of /contacts against tests/integration/fixture.sql.

Now is pinned at 2026-01-15T10:00:00Z; the default window is that day.
"""
from rmitest import test, expect_status, expect_plain, xml_items

def C(n):
    return "C%031d" % n


Q1 = "11111111111111111111111111111111"
Q2 = "22222222222222222222222222222222"
Q4 = "44444444444444444444444444444444"
AGENT_A = "AB00000000000000000000000000000A"
AGENT_B = "AB00000000000000000000000000000B"

# Today, newest first, as supervisor sees them.
TODAY = [C(4), C(2), C(1), C(3), C(6), C(7), C(8), C(13), C(14), C(5), C(9),
         C(16), C(17), C(18)]
# agent1: Q1 and Q2, agent A's contacts, the IVR's; not C3 (now in Q4).
AGENT1_TODAY = [C(2), C(1), C(6), C(7), C(8), C(13), C(14), C(5), C(16),
                C(17)]

C10 = {
    "id": C(10), "contactGroupId": C(10), "channel": "PHONE",
    "type": "CallIn", "status": "Handled_AOT", "source": "0401234567",
    "destination": "320", "agentId": AGENT_A, "agentName": "Free, Anna",
    "queueId": Q1, "queueName": "Alpha Sales", "origQueueId": Q1,
    "origQueueName": "Alpha Sales", "queueLoginType": "AutoAllocation",
    "applicationId": "A0000000000000000000000000000001",
    "applicationName": "ContactCenter",
    "reportingGroupId": "B0000000000000000000000000000001",
    "reportingGroupName": "Sales",
    "arrivalTime": "2026-01-14T12:00:00.000Z",
    "arrivalQueueTime": "2026-01-14T12:00:01.000Z",
    "connectTime": "2026-01-14T12:00:11.000Z",
    "disconnectTime": "2026-01-14T12:05:00.000Z",
    "wrapUpBeginTime": "2026-01-14T12:05:00.000Z",
    "wrapUpEndTime": "2026-01-14T12:05:10.000Z",
    "queuingDuration": 10000, "handlingDuration": 289000,
    "wrapUpTotalDuration": 10000, "wrapUpScriptingDuration": 7000,
    "wrapUpRestingDuration": 3000, "totalDuration": 300000,
    "waitingDuration": 3500, "serviceClosed": False, "record": True,
    "answeredOnTimeThreshold": 20, "falseAttemptTimeThreshold": 5,
}


def ids(items):
    return [i["id"] for i in items]


def get_ids(srv, q, **kw):
    r = srv.get("/contacts" + q, **kw)
    expect_status(r, 200)
    return ids(r.json())


@test
def contacts_default_window_and_sort(srv):
    assert get_ids(srv, "") == TODAY
    assert get_ids(srv, "/?limit=5") == TODAY[:5]


@test
def contacts_every_field_of_a_handled_call(srv):
    r = srv.get("/contacts/" + C(10))
    expect_status(r, 200)
    assert r.json() == C10, r.json()
    assert list(r.json().keys()) == list(C10.keys())


@test
def contacts_durations_run_to_now(srv):
    c7 = srv.get("/contacts/" + C(7)).json()
    assert c7["status"] == "InProcess"
    assert c7["handlingDuration"] == 60000        # connected 09:59
    assert c7["totalDuration"] == 120000          # arrived 09:58
    assert c7["queuingDuration"] == 60000
    for key in ("disconnectTime", "wrapUpScriptingDuration",
                "wrapUpRestingDuration", "pendingTime", "previewTime"):
        assert key not in c7, key
    c1 = srv.get("/contacts/" + C(1)).json()
    assert (c1["queuingDuration"], c1["handlingDuration"],
            c1["totalDuration"]) == (30000, 0, 31000)
    assert "connectTime" not in c1 and "agentId" not in c1


@test
def contacts_optional_fields_where_they_apply(srv):
    email = srv.get("/contacts/" + C(15)).json()
    assert email["pendingTime"] == "2026-01-10T09:00:00.000Z"
    assert email["pickTime"] == "2026-01-10T08:30:00.000Z"
    assert email["subject"] == "Invoice question"
    assert "record" not in email                   # not a phone call
    campaign = srv.get("/contacts/" + C(16)).json()
    assert campaign["previewTime"] == "2026-01-15T06:59:00.000Z"
    assert campaign["outboundCampaignName"] == "Spring Campaign"
    assert campaign["record"] is False
    assert "queueId" not in campaign
    assert campaign["answeredOnTimeThreshold"] == 0
    chat = srv.get("/contacts/" + C(6)).json()
    assert chat["subtype"] == "text" and "record" not in chat


@test
def contacts_transfer_keeps_group(srv):
    c11 = srv.get("/contacts/" + C(11)).json()
    assert c11["contactGroupId"] == C(10)
    assert (c11["queueId"], c11["queueName"]) == (Q4, "Öljy Phone")
    assert (c11["origQueueId"], c11["origQueueName"]) == (Q1, "Alpha Sales")


@test
def contacts_time_window(srv):
    day = "startTime=2026-01-14T00:00:00Z&endTime=2026-01-15T00:00:00.000Z"
    assert get_ids(srv, "?" + day) == [C(11), C(10)]
    assert get_ids(srv, "?startTime=2026-01-15T09:59:29.000Z"
                   "&endTime=2026-01-15T09:59:47Z") == [C(1)]
    got = get_ids(srv, "?showAllInProcess=1&limit=100&" + day)
    assert got == [C(4), C(2), C(1), C(3), C(6), C(7), C(8), C(13), C(14),
                   C(9), C(11), C(10), C(15)], got
    r = srv.get("/contacts?startTime=2026-01-15T00:00:00Z"
                "&endTime=2026-01-14T00:00:00Z")
    expect_plain(r, 400, startswith="Invalid endTime: "
                 "'2026-01-14T00:00:00Z' is before startTime")
    for bad in ("startTime=2026-01-15", "startTime=2026-01-15T25:00:00Z",
                "endTime=now", "startTime=2026-01-15T00:00:00%2B02:00"):
        r = srv.get("/contacts?" + bad)
        expect_plain(r, 400, startswith="Invalid ")


@test
def contacts_lists_and_wildcards(srv):
    assert get_ids(srv, "?queueId=" + Q2) == [C(6), C(13), C(14)]
    assert get_ids(srv, "?agentId=%s,%s" % (AGENT_A, AGENT_B)) == [
        C(7), C(14), C(5), C(16)]
    assert get_ids(srv, "?queueLoginType=HuntGroup") == [C(6), C(13), C(14),
                                                         C(18)]
    assert get_ids(srv, "?agentName=Free,%20Anna") == [C(5), C(16)]
    assert get_ids(srv, "?status=inqueue&channel=PHONE") == [C(4), C(2), C(1),
                                                            C(3)]
    assert get_ids(srv, "?search=040*") == [C(2), C(1), C(16), C(17)]
    assert get_ids(srv, "?search=*@example.com&channel=EMAIL") == [
        C(13), C(14), C(18)]
    assert get_ids(srv, "?subject=re:*") == [C(13)]
    assert get_ids(srv, "?arrivalTime=2026-01-15T09:00*") == [C(5)]
    for q, msg in (("agentId=%s,xyz" % AGENT_A, "Invalid GUID: 'xyz'"),
                   ("queueId=", "Invalid GUID: ''"),
                   ("queueLoginType=Manual",
                    "Invalid value for queueLoginType: 'Manual'"),
                   ("pickable=maybe", "Invalid pickable: 'maybe'"),
                   ("activeQueue=2", "Invalid activeQueue: '2'"),
                   ("showAllInProcess=yes", "Invalid showAllInProcess"),
                   ("sort=name", "Invalid sort field: 'name'")):
        r = srv.get("/contacts?" + q)
        expect_plain(r, 400, startswith=msg)


@test
def contacts_sort_and_paging(srv):
    got = get_ids(srv, "?sort=arrivalTime&limit=3")
    assert got == list(reversed(TODAY))[:3]
    got = get_ids(srv, "?sort=-handlingDuration,id&queueId=" + Q2)
    assert got == [C(14), C(13), C(6)]
    seen = []
    for off in range(0, 20, 4):
        seen += get_ids(srv, "?limit=4&offset=%d" % off)
    assert seen == TODAY


@test
def contacts_rights(srv):
    assert get_ids(srv, "", user="agent1") == AGENT1_TODAY
    assert get_ids(srv, "", user="norights") == []
    r = srv.get("/contacts/" + C(18), user="agent1")
    expect_plain(r, 404, body="HTTP 404 Not Found")
    r = srv.get("/contacts/" + C(3), user="agent1")
    expect_plain(r, 404, body="HTTP 404 Not Found")
    r = srv.get("/contacts/%s/details" % C(18), user="agent1")
    expect_plain(r, 404, body="HTTP 404 Not Found")
    # agent1 reads Finnish by default.
    assert srv.get("/contacts/" + C(5), user="agent1").json()[
        "queueName"] == "Alfa Myynti"
    assert srv.get("/contacts/%s?language=sv" % C(5)).json()[
        "queueName"] == "Alfa Försäljning"


@test
def contacts_pickable_and_active_queue(srv):
    assert get_ids(srv, "?pickable=true", user="agent1") == [C(6), C(13)]
    assert get_ids(srv, "?activeQueue=true", user="agent1") == [
        C(6), C(13), C(14)]
    assert get_ids(srv, "?pickable=true&activeQueue=true&showAllInProcess=1",
                   user="agent1") == [C(6), C(13), C(15)]
    assert get_ids(srv, "?pickable=false", user="agent1") == AGENT1_TODAY
    # supervisor has no SERVE right and no queue login.
    assert get_ids(srv, "?pickable=true") == []
    assert get_ids(srv, "?activeQueue=TRUE") == []


@test
def contacts_details(srv):
    r = srv.get("/contacts/%s/details" % C(5))
    expect_status(r, 200)
    got = r.json()
    assert [(d["event"], d["value1"], d["value2"]) for d in got] == [
        ("Queing", "Alpha Sales", ""),
        ("DestAllocated", "Free, Anna", "Alpha Sales"),
        ("ConnectedToOper", "Free, Anna", "Alpha Sales"),
        ("DestUnAllocated", "Alpha Sales", "Connected"),
        ("Disconnected", ";0", "Alpha Sales")], got
    assert got[0] == {"id": "E0000000000000000000000000000005",
                      "time": "2026-01-15T09:00:00.000Z", "event": "Queing",
                      "value1": "Alpha Sales", "value2": ""}
    assert srv.get("/contacts/%s/details/" % C(1)).json() == []
    r = srv.get("/contacts/%s/details" % C(5),
                headers={"Accept": "application/xml"})
    root = r.xml()
    assert root.tag == "details" and root[0].tag == "detail"
    assert [d["event"] for d in xml_items(root)][:2] == ["Queing",
                                                         "DestAllocated"]
    r = srv.get("/contacts/nope/details")
    expect_plain(r, 400, body="Invalid GUID: 'nope'")
    r = srv.get("/contacts/%s/details" % ("F" * 32))
    expect_plain(r, 404, body="HTTP 404 Not Found")


@test
def contacts_xml_and_errors(srv):
    r = srv.get("/contacts/" + C(10), headers={"Accept": "application/xml"})
    root = r.xml()
    assert root.tag == "contact"
    assert {c.tag: c.text for c in root} == {
        k: (str(v).lower() if isinstance(v, bool) else str(v))
        for k, v in C10.items()}
    r = srv.get("/contacts?limit=2", headers={"Accept": "text/xml"})
    root = r.xml()
    assert root.tag == "contacts" and [c.tag for c in root] == ["contact"] * 2
    r = srv.get("/contacts/2B8ED95B0EC911E79675005056A75D9")
    expect_plain(r, 400, body="Invalid GUID: '2B8ED95B0EC911E79675005056A75D9'")
    r = srv.get("/contacts/" + "D" * 32)
    expect_plain(r, 404, body="HTTP 404 Not Found")
    r = srv.request("PUT", "/contacts/" + C(1), body=b"{}",
                    headers={"Content-Type": "application/json"})
    expect_plain(r, 405)
    assert r.header("allow") == "GET, HEAD"


# The contacts active now (InQueue, InProcess*, newest first): all of today's
# but C15, an e-mail pending since 2026-01-10.
ACTIVE = [C(4), C(2), C(1), C(3), C(6), C(7), C(8), C(13), C(14), C(9), C(15)]


def paged(srv, q, size, user="supervisor"):
    """Every page of q, limit=size, until an empty one (as clients page)."""
    seen, off = [], 0
    while True:
        page = get_ids(srv, "%s&limit=%d&offset=%d" % (q, size, off),
                       user=user)
        if not page:
            return seen
        seen += page
        off += size


@test
def contacts_show_all_in_process_union(srv):
    # rmi_contact_rows (db/functions/30_contacts.sql) reads the window and
    # the active contacts outside it as two
    # branches of a UNION ALL merged in the list's order: each contact once,
    # in one order across both, whatever the window and the page size.
    assert get_ids(srv, "?showAllInProcess=1") == TODAY + [C(15)]
    for size in (1, 3, 5, 14):
        assert paged(srv, "?showAllInProcess=1", size) == TODAY + [C(15)]
    # C15 in the window and active: from the window only, not twice.
    jan10 = "startTime=2026-01-10T00:00:00Z&endTime=2026-01-10T12:00:00Z"
    assert get_ids(srv, "?showAllInProcess=1&" + jan10) == ACTIVE
    assert paged(srv, "?showAllInProcess=1&" + jan10, 4) == ACTIVE
    assert get_ids(srv, "?" + jan10) == [C(15)]
    # An empty window: only the active contacts, before and after it.
    empty = "startTime=2026-01-12T00:00:00Z&endTime=2026-01-12T00:00:00Z"
    assert get_ids(srv, "?" + empty) == []
    assert get_ids(srv, "?showAllInProcess=1&" + empty) == ACTIVE
    # The other directions and orders merge the same way.
    assert get_ids(srv, "?showAllInProcess=1&sort=arrivalTime&limit=3") == [
        C(15), C(18), C(17)]
    got = get_ids(srv, "?showAllInProcess=1&sort=queueName,-arrivalTime"
                  "&queueId=%s,%s" % (Q2, Q4))
    assert got == [C(6), C(13), C(14), C(15), C(4), C(3)], got
    assert get_ids(srv, "?showAllInProcess=0") == TODAY
    assert get_ids(srv, "?showAllInProcess=1&status=InProcess_Pending") == [
        C(13), C(14), C(9), C(15)]
    # Rights apply to both branches. agent1 also sees the live contacts of
    # fixture_user_statuses.sql (C5..., yesterday): between today's and C15.
    full = get_ids(srv, "?showAllInProcess=1&limit=1000", user="agent1")
    n = len(AGENT1_TODAY)
    assert full[:n] == AGENT1_TODAY and full[-1] == C(15), full
    assert all(c.startswith("C5") for c in full[n:-1]), full
    assert len(set(full)) == len(full), full
    assert paged(srv, "?showAllInProcess=1", 2, user="agent1") == full
    done = (C(5), C(16), C(17))     # agent1's finished ones of today
    assert paged(srv, "?showAllInProcess=1&" + jan10, 3, user="agent1") == [
        c for c in full if c not in done]
    assert get_ids(srv, "?showAllInProcess=1", user="norights") == []


@test
def contacts_list_names_translated(srv):
    # Translations are joins in db/functions/30_contacts.sql (rmi_tr()
    # per row in the old 004): per language, with
    # the own name where a language has none, in lists as in single items.
    def names(q, **kw):
        r = srv.get("/contacts?queueId=%s&%s" % (Q4, q), **kw)
        expect_status(r, 200)
        return [(c["id"], c["queueName"], c["origQueueName"])
                for c in r.json()]
    assert names("") == [(C(4), "Öljy Phone", "Öljy Phone"),
                         (C(3), "Öljy Phone", "Alpha Sales")]
    assert names("language=fi") == [(C(4), "Öljy Puhelin", "Öljy Puhelin"),
                                    (C(3), "Öljy Puhelin", "Alfa Myynti")]
    assert names("language=SV") == [(C(4), "Öljy Phone", "Öljy Phone"),
                                    (C(3), "Öljy Phone", "Alfa Försäljning")]
    assert names("language=de") == names("")
    # agent1 reads Finnish by default; no queue: no names at all.
    c16 = srv.get("/contacts/" + C(16), user="agent1").json()
    assert "queueName" not in c16 and "origQueueName" not in c16
