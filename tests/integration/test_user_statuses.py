"""Integration tests of /userStatuses against fixture.sql and
fixture_user_statuses.sql.

The clock is pinned at 2026-01-15T10:00:00Z. supervisor sees fixture.sql's
agents and U5, U6; agent1 sees agent A and U1..U6 (the agents with live
contacts of fixture_user_statuses.sql are visible to agent1 only, see there).
"""
from rmitest import test, expect_status, expect_plain, xml_items

AGENT1 = "AA000000000000000000000000000002"
NORIGHTS = "AA000000000000000000000000000003"
A = "AB00000000000000000000000000000A"
B = "AB00000000000000000000000000000B"
C = "AB00000000000000000000000000000C"
D = "AB00000000000000000000000000000D"
E = "AB00000000000000000000000000000E"
F = "AB00000000000000000000000000000F"
G = "AB000000000000000000000000000010"
H = "AB000000000000000000000000000011"


def U(n):
    return "A500000000000000000000000000000%d" % n


FIELDS = ["activeIbCallCnt", "activeIbChatCnt", "activeIbEmailCnt",
          "activeIbOperDirCallCnt", "activeIbVideoChatCnt", "activeObCallCnt",
          "activeObCampaignCallCnt", "activeObCbrCallCnt", "activeObEmailCnt",
          "id", "name", "phoneCapacity", "status", "taskCapacity",
          "textChatCapacity", "videoChatCapacity"]


def us(id, name, status, ib_call=0, ib_chat=0, ib_email=0, oper_dir=0,
       video=0, ob_call=0, campaign=0, cbr=0, ob_email=0, phone=0, task=0,
       text=0, vchat=0):
    return {"activeIbCallCnt": ib_call, "activeIbChatCnt": ib_chat,
            "activeIbEmailCnt": ib_email, "activeIbOperDirCallCnt": oper_dir,
            "activeIbVideoChatCnt": video, "activeObCallCnt": ob_call,
            "activeObCampaignCallCnt": campaign, "activeObCbrCallCnt": cbr,
            "activeObEmailCnt": ob_email, "id": id, "name": name,
            "phoneCapacity": phone, "status": status, "taskCapacity": task,
            "textChatCapacity": text, "videoChatCapacity": vchat}


EXPECTED = {
    # fixture.sql: B has a call in process, C one in wrap-up; H's and
    # agent1's pending e-mails are parked (not counted); agent1 and
    # norights have no agent_states row (LoggedOut).
    A: us(A, "Free, Anna", "Ready"),
    B: us(B, "Busy, Bert", "Ready", ib_call=1),
    C: us(C, "Wrap, Cecilia", "Ready", ib_call=1),
    D: us(D, "Notready, Dan", "NotReady"),
    E: us(E, "Pause, Eeva", "Pause"),
    F: us(F, "Out, Frank", "LoggedOut"),
    G: us(G, "Member, Greta", "Ready"),
    H: us(H, "Pending, Harri", "Ready"),
    AGENT1: us(AGENT1, "One, Agent", "LoggedOut"),
    NORIGHTS: us(NORIGHTS, "Nobody, No", "LoggedOut"),
    # fixture_user_statuses.sql
    U(1): us(U(1), "Åkerman, Åsa", "Ready", ib_call=1, ib_chat=2, ib_email=1,
             video=1, ob_email=1, phone=1, task=5, text=4, vchat=1),
    U(2): us(U(2), "Zorro, Zeke", "NotReady", oper_dir=1, ob_call=1, phone=2),
    U(3): us(U(3), "Callback, Carl", "Pause", campaign=1, cbr=1, phone=1),
    U(4): us(U(4), "Öberg, Olle", "Ready", ib_chat=1, ob_call=1, phone=1,
             task=3, text=2),
    U(5): us(U(5), "Wolf, Jane", "LoggedOut", task=4, text=20),
    U(6): us(U(6), "Fox, John", "LoggedOut", task=5, text=4),
}

# Default sort: name, ICU root collation (Å beside A, Ö beside O).
SUPERVISOR = [B, U(6), A, G, NORIGHTS, D, AGENT1, F, E, H, U(5), C]
AGENT1_ALL = [U(1), U(3), U(6), A, U(4), U(5), U(2)]


def ids(items):
    return [i["id"] for i in items]


def get_ids(srv, q, **kw):
    r = srv.get("/userStatuses" + q, **kw)
    expect_status(r, 200)
    return ids(r.json())


@test
def user_statuses_every_field_supervisor(srv):
    r = srv.get("/userStatuses")
    expect_status(r, 200)
    items = r.json()
    assert ids(items) == SUPERVISOR, ids(items)
    for item in items:
        assert list(item.keys()) == FIELDS, list(item.keys())
        assert item == EXPECTED[item["id"]], item


@test
def user_statuses_every_counter_agent1(srv):
    items = srv.get("/userStatuses", user="agent1").json()
    assert ids(items) == AGENT1_ALL, ids(items)
    for item in items:
        assert list(item.keys()) == FIELDS
        assert item == EXPECTED[item["id"]], item


@test
def user_statuses_by_id(srv):
    r = srv.get("/userStatuses/" + B)
    expect_status(r, 200)
    assert r.json() == EXPECTED[B]
    assert list(r.json().keys()) == FIELDS
    r = srv.get("/userStatuses/%s/" % U(1), user="agent1")   # trailing slash
    assert r.json() == EXPECTED[U(1)]
    # No agent_states row.
    assert srv.get("/userStatuses/" + U(6)).json() == EXPECTED[U(6)]


@test
def user_statuses_rights(srv):
    # Each sees the agents it has STATISTICS_DETAILS on, nothing else.
    for user, visible in (("supervisor", SUPERVISOR),
                          ("agent1", AGENT1_ALL)):
        for id in list(EXPECTED) + [U(7), U(8)]:
            r = srv.get("/userStatuses/" + id, user=user)
            if id in visible:
                expect_status(r, 200)
            else:
                expect_plain(r, 404, body="HTTP 404 Not Found")
    assert get_ids(srv, "", user="norights") == []
    # Not agents: never listed, whatever the rights (supervisor, U7).
    r = srv.get("/userStatuses/AA000000000000000000000000000001")
    expect_plain(r, 404, body="HTTP 404 Not Found")
    assert get_ids(srv, "?name=Admin*", user="agent1") == []


@test
def user_statuses_xml(srv):
    r = srv.get("/userStatuses", user="agent1",
                headers={"Accept": "application/xml"})
    expect_status(r, 200)
    root = r.xml()
    assert root.tag == "userStatuses"
    assert all(item.tag == "userStatus" for item in root)
    items = xml_items(root)
    assert [i["id"] for i in items] == AGENT1_ALL
    for item in items:
        assert list(item.keys()) == FIELDS
        assert item == {k: str(v) for k, v in EXPECTED[item["id"]].items()}
    r = srv.get("/userStatuses/" + U(1), user="agent1",
                headers={"Accept": "text/xml"})
    root = r.xml()
    assert root.tag == "userStatus"
    assert {c.tag: c.text for c in root} == {
        k: str(v) for k, v in EXPECTED[U(1)].items()}


@test
def user_statuses_id_list(srv):
    assert get_ids(srv, "?id=%s,%s" % (U(2), U(1)), user="agent1") == [
        U(1), U(2)]
    # Invisible ones are simply absent.
    assert get_ids(srv, "?id=%s,%s" % (B, U(5)), user="agent1") == [U(5)]
    r = srv.get("/userStatuses?id=%s,12345" % B)
    expect_plain(r, 400, body="Invalid GUID: '12345'")
    r = srv.get("/userStatuses?id=" + U(1).lower())
    expect_plain(r, 400, body="Invalid GUID: '%s'" % U(1).lower())


@test
def user_statuses_wildcards(srv):
    def f(q):
        return get_ids(srv, "?" + q, user="agent1")
    assert f("name=%C3%A5kerman*") == [U(1)]         # å matches Å
    assert f("name=*,%20J*") == [U(6), U(5)]          # not split on commas
    assert f("name=Fox,%20John") == [U(6)]
    assert f("name=F?x*") == [U(6)]
    assert f("name=Fox") == []                        # whole value
    assert f("status=ready") == [U(1), A, U(4)]
    assert f("status=*out") == [U(6), U(5)]
    assert f("activeIbChatCnt=2") == [U(1)]
    assert f("activeObCallCnt=1&status=NotReady") == [U(2)]
    assert f("taskCapacity=?") == [U(1), U(3), U(6), A, U(4), U(5), U(2)]
    assert f("textChatCapacity=2*") == [U(4), U(5)]
    assert f("name=*&phoneCapacity=1") == [U(1), U(3), U(4)]
    # Unknown parameters are ignored.
    assert f("_=1480000000000&foo=bar") == AGENT1_ALL


@test
def user_statuses_sort(srv):
    def f(q, user="agent1"):
        return get_ids(srv, "?sort=" + q, user=user)
    assert f("-name") == list(reversed(AGENT1_ALL))
    # Finnish and Swedish: Å, Ä, Ö after Z; German: beside A and O.
    fi = [U(3), U(6), A, U(5), U(2), U(1), U(4)]
    assert f("name,LOCALE-fi") == fi
    assert f("name,LOCALE-sv") == fi
    assert f("name,LOCALE-de") == AGENT1_ALL
    # Ties broken by id ascending.
    assert f("-activeIbChatCnt") == [U(1), U(4), U(2), U(3), U(5), U(6), A]
    assert f("status,-phoneCapacity") == [U(5), U(6), U(2), U(3), U(1), U(4),
                                          A]
    assert f("-taskCapacity,name") == [U(1), U(6), U(5), U(4), U(3), A, U(2)]
    r = srv.get("/userStatuses?sort=nope")
    expect_plain(r, 400, body="Invalid sort field: 'nope'")
    r = srv.get("/userStatuses?sort=name,LOCALE-qq")
    expect_plain(r, 400, body="Invalid locale: 'qq' (no such collation)")


@test
def user_statuses_paging(srv):
    seen = []
    for off in range(0, 10, 3):
        page = get_ids(srv, "?limit=3&offset=%d" % off, user="agent1")
        assert len(page) == max(0, min(3, 7 - off)), page
        seen += page
    assert seen == AGENT1_ALL
    assert get_ids(srv, "?limit=0") == []
    assert get_ids(srv, "?offset=12") == []
    assert get_ids(srv, "/?limit=5") == SUPERVISOR[:5]
    for q, msg in (("limit=-1", "Invalid limit: '-1'"),
                   ("offset=x", "Invalid offset: 'x'")):
        expect_plain(srv.get("/userStatuses?" + q), 400, startswith=msg)


@test
def user_statuses_language_and_errors(srv):
    # Nothing of a userStatus is translatable; the parameter is checked.
    assert srv.get("/userStatuses/%s?language=fi" % U(1),
                   user="agent1").json() == EXPECTED[U(1)]
    r = srv.get("/userStatuses?language=fin")
    expect_plain(r, 400, startswith="Invalid language")
    r = srv.get("/userStatuses/2B8ED95B0EC911E79675005056A75D9")
    expect_plain(r, 400, body="Invalid GUID: '2B8ED95B0EC911E79675005056A75D9'")
    r = srv.get("/userStatuses/" + "F" * 32)
    expect_plain(r, 404, body="HTTP 404 Not Found")
    r = srv.get("/userStatuses/%s/details" % B)
    expect_plain(r, 404, body="HTTP 404 Not Found")
    r = srv.request("PUT", "/userStatuses/" + B, body=b"{}",
                    headers={"Content-Type": "application/json"})
    expect_plain(r, 405)
    assert r.header("allow") == "GET, HEAD"
    h = srv.request("HEAD", "/userStatuses")
    expect_status(h, 200)
    assert h.body == b""
    expect_status(srv.get("/userStatuses", user=None), 401)
    expect_plain(srv.get("/userStatuses", user="ghost"), 403)
    r = srv.get("/userStatuses", headers={"Accept": "text/html"})
    expect_plain(r, 406)
