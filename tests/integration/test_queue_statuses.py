#!/usr/bin/env python3
"""Integration tests of /queueStatuses against tests/integration/fixture.sql.

The clock is pinned at 2026-01-15T10:00:00Z, so every number is exact.
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rmitest import test, expect_status, expect_plain, xml_items  # noqa

Q1 = "11111111111111111111111111111111"
Q2 = "22222222222222222222222222222222"
Q3 = "33333333333333333333333333333333"
Q4 = "44444444444444444444444444444444"
Q5 = "55555555555555555555555555555555"
Q6 = "66666666666666666666666666666666"
Q7 = "77777777777777777777777777777777"

FIELDS = ["id", "name", "type", "inQueue", "waitingDurationMax",
          "inQueueCurrent", "waitingDurationCurrentMax", "agentsServing",
          "agentsFree", "agentsBusy", "agentsWrapUp", "agentsNotReady",
          "agentsPause"]


def qs(id, name, type, inq=0, wmax=0, cur=0, cmax=0, serving=0, free=0,
       busy=0, wrap=0, notready=0, pause=0):
    return {"id": id, "name": name, "type": type, "inQueue": inq,
            "waitingDurationMax": wmax, "inQueueCurrent": cur,
            "waitingDurationCurrentMax": cmax, "agentsServing": serving,
            "agentsFree": free, "agentsBusy": busy, "agentsWrapUp": wrap,
            "agentsNotReady": notready, "agentsPause": pause}


EXPECTED = {
    Q1: qs(Q1, "Alpha Sales", "Phone", 3, 45000, 2, 30000, 6, 2, 1, 1, 1, 1),
    Q2: qs(Q2, "Ärende Chat", "Chat", 1, 61234, 1, 61234),
    Q3: qs(Q3, "Zeta Support, Tier 2", "Email"),
    Q4: qs(Q4, "Öljy Phone", "Phone", 1, 3000, 2, 5000, 2, 1, 0, 0, 1, 0),
    Q5: qs(Q5, "Help_100%", "Chat"),
    Q6: qs(Q6, "HelpX1000", "Chat"),
    Q7: qs(Q7, "Hidden Queue", "Email"),
}
# Default sort: name, by the ICU root collation (Ä beside A, Ö beside O).
DEFAULT_ORDER = [Q1, Q2, Q5, Q6, Q7, Q4, Q3]


def ids(items):
    return [i["id"] for i in items]


@test
def list_every_field_exact(srv):
    r = srv.get("/queueStatuses")
    expect_status(r, 200)
    items = r.json()
    assert ids(items) == DEFAULT_ORDER, ids(items)
    for item in items:
        assert list(item.keys()) == FIELDS, list(item.keys())
        assert item == EXPECTED[item["id"]], item


@test
def five_activities_add_up_to_serving(srv):
    for item in srv.get("/queueStatuses").json():
        assert item["agentsServing"] == sum(item[k] for k in (
            "agentsFree", "agentsBusy", "agentsWrapUp", "agentsNotReady",
            "agentsPause")), item


@test
def by_id(srv):
    r = srv.get("/queueStatuses/" + Q1)
    expect_status(r, 200)
    assert r.json() == EXPECTED[Q1]
    r = srv.get("/queueStatuses/" + Q4 + "/")   # trailing slash
    assert r.json() == EXPECTED[Q4]


@test
def xml_mirrors_json(srv):
    r = srv.get("/queueStatuses", headers={"Accept": "application/xml"})
    expect_status(r, 200)
    root = r.xml()
    assert root.tag == "queueStatuses"
    assert all(item.tag == "queueStatus" for item in root)
    items = xml_items(root)
    assert [i["id"] for i in items] == DEFAULT_ORDER
    for item in items:
        assert list(item.keys()) == FIELDS
        assert item == {k: str(v) for k, v in EXPECTED[item["id"]].items()}
    r = srv.get("/queueStatuses/" + Q2, headers={"Accept": "text/xml"})
    root = r.xml()
    assert root.tag == "queueStatus"
    assert {c.tag: c.text for c in root} == {
        k: str(v) for k, v in EXPECTED[Q2].items()}


@test
def accept_negotiation(srv):
    r = srv.get("/queueStatuses", headers={
        "Accept": "application/json;q=0.5, application/xml"})
    assert r.xml().tag == "queueStatuses"
    r = srv.get("/queueStatuses", headers={"Accept": "*/*"})
    r.json()
    r = srv.get("/queueStatuses", headers={"Accept": "application/*"})
    r.json()
    r = srv.get("/queueStatuses", headers={"Accept": "text/html"})
    expect_plain(r, 406, startswith="HTTP 406 Not Acceptable")
    r = srv.get("/queueStatuses/" + Q1, headers={"Accept": "image/png"})
    expect_plain(r, 406)


@test
def paging_covers_all_once(srv):
    seen = []
    for offset in range(0, 10, 2):
        page = srv.get("/queueStatuses?limit=2&offset=%d" % offset).json()
        assert len(page) == (2 if offset < 6 else 1 if offset == 6 else 0)
        seen += ids(page)
    assert seen == DEFAULT_ORDER
    assert srv.get("/queueStatuses?limit=0").json() == []
    assert srv.get("/queueStatuses?offset=100").json() == []
    assert ids(srv.get("/queueStatuses/?limit=5").json()) == DEFAULT_ORDER[:5]


@test
def sort_fields_and_direction(srv):
    got = ids(srv.get("/queueStatuses?sort=-inQueueCurrent,name").json())
    # inQueueCurrent: Q1 2, Q4 2, Q2 1, then zeros by name.
    assert got == [Q1, Q4, Q2, Q5, Q6, Q7, Q3], got
    got = ids(srv.get("/queueStatuses?sort=type,-name").json())
    # Chat < Email < Phone; names descending within (Ä beside A).
    assert got == [Q6, Q5, Q2, Q3, Q7, Q4, Q1], got
    # Ties (all zero) broken by id, ascending, whatever the direction.
    got = ids(srv.get("/queueStatuses?sort=-agentsPause").json())
    assert got == [Q1, Q2, Q3, Q4, Q5, Q6, Q7], got


@test
def sort_locales(srv):
    subset = "&id=%s,%s,%s,%s" % (Q1, Q2, Q3, Q4)
    fi = ids(srv.get("/queueStatuses?sort=name,LOCALE-fi" + subset).json())
    # Finnish: Ä and Ö after Z.
    assert fi == [Q1, Q3, Q2, Q4], fi
    de = ids(srv.get("/queueStatuses?sort=name,LOCALE-de" + subset).json())
    # German: Ä beside A, Ö beside O.
    assert de == [Q1, Q2, Q4, Q3], de
    sv = ids(srv.get("/queueStatuses?sort=-name,LOCALE-sv" + subset).json())
    assert sv == [Q4, Q2, Q3, Q1], sv
    r = srv.get("/queueStatuses?sort=name,LOCALE-en-US")
    assert ids(r.json()) == DEFAULT_ORDER
    r = srv.get("/queueStatuses?sort=name,LOCALE-qq")
    expect_plain(r, 400, body="Invalid locale: 'qq' (no such collation)")
    r = srv.get("/queueStatuses?sort=name,LOCALE-fi%22;drop")
    expect_plain(r, 400, startswith="Invalid locale")
    r = srv.get("/queueStatuses?sort=LOCALE-fi,name")
    expect_plain(r, 400, startswith="Invalid sort: LOCALE-xx must be")


@test
def sort_rejects_unknown_field(srv):
    r = srv.get("/queueStatuses?sort=nope")
    expect_plain(r, 400, body="Invalid sort field: 'nope'")
    r = srv.get("/queueStatuses?sort=name,-bogus")
    expect_plain(r, 400, body="Invalid sort field: 'bogus'")
    r = srv.get("/queueStatuses?sort=name%3BDROP%20TABLE%20queues")
    expect_plain(r, 400, body="Invalid sort field: 'name;DROP TABLE queues'")


@test
def wildcard_filters(srv):
    def f(q):
        return ids(srv.get("/queueStatuses?" + q).json())
    assert f("name=alpha*") == [Q1]              # case-insensitive
    assert f("name=*SALES") == [Q1]
    assert f("name=Alpha%20Sale?") == [Q1]
    assert f("name=Alpha%20Sale") == []          # whole value matches
    assert f("name=%C3%A4rende*") == [Q2]        # ä matches Ä
    # % and _ are literal: a LIKE would also match HelpX1000.
    assert f("name=Help_100%25") == [Q5]
    assert f("name=*100%25*") == [Q5]
    assert f("name=Help%3F1000") == [Q6]
    # Not split on commas.
    assert f("name=Zeta%20Support,%20Tier%202") == [Q3]
    assert f("name=Zeta*,*") == [Q3]
    # Numbers and enums match their wire text.
    assert f("inQueue=3") == [Q1]
    assert f("waitingDurationCurrentMax=5*") == [Q4]
    assert f("type=chat") == [Q2, Q5, Q6]
    assert f("type=Ph*&agentsServing=2") == [Q4]
    assert f("name=*&type=Email") == [Q7, Q3]


@test
def id_comma_list(srv):
    got = ids(srv.get("/queueStatuses?id=%s,%s" % (Q4, Q2)).json())
    assert got == [Q2, Q4], got
    got = ids(srv.get("/queueStatuses?id=%s" % Q3).json())
    assert got == [Q3]
    r = srv.get("/queueStatuses?id=%s,12345" % Q1)
    expect_plain(r, 400, body="Invalid GUID: '12345'")
    r = srv.get("/queueStatuses?id=abcdefabcdefabcdefabcdefabcdef12")
    expect_plain(r, 400, body="Invalid GUID: "
                 "'abcdefabcdefabcdefabcdefabcdef12'")


@test
def unknown_params_ignored(srv):
    r = srv.get("/queueStatuses?_=1480000000000&foo=bar&showThresholds=1")
    assert ids(r.json()) == DEFAULT_ORDER


@test
def bad_numbers(srv):
    for q, msg in (("limit=-1", "Invalid limit: '-1'"),
                   ("limit=abc", "Invalid limit: 'abc'"),
                   ("offset=1e3", "Invalid offset: '1e3'"),
                   ("limit=99999999999999999999", "Invalid limit: "
                    "'99999999999999999999'")):
        r = srv.get("/queueStatuses?" + q)
        expect_plain(r, 400, startswith=msg)


@test
def bad_encodings(srv):
    # lighttpd refuses invalid UTF-8 and NUL itself (its own 400 page) and
    # re-encodes a malformed escape as a literal; Apache passes them on and
    # the program answers. Either way: 400, or the literal value matched.
    for q in ("name=%FF%FE", "name=a%00b", "name=%C3%28"):
        r = srv.get("/queueStatuses?" + q)
        expect_status(r, 400)
        if r.header("content-type").startswith("text/plain"):
            assert r.text.startswith("Invalid query string"), r
    r = srv.get("/queueStatuses?name=%ZZ")
    if r.status == 200:
        assert r.json() == []
    else:
        expect_plain(r, 400, startswith="Invalid query string")
    r = srv.get("/queueStatuses?name=" + "x" * 6000)
    assert r.status in (200, 414), r
    if r.status == 200:
        assert r.json() == []


@test
def bad_and_unknown_ids(srv):
    r = srv.get("/queueStatuses/2B8ED95B0EC911E79675005056A75D9")
    expect_plain(r, 400, body="Invalid GUID: '2B8ED95B0EC911E79675005056A75D9'")
    r = srv.get("/queueStatuses/%27%20OR%201=1--")
    expect_plain(r, 400, body="Invalid GUID: '' OR 1=1--'")
    r = srv.get("/queueStatuses/ABCDEFABCDEFABCDEFABCDEFABCDEF12")
    expect_plain(r, 404, body="HTTP 404 Not Found")


@test
def unknown_paths_and_methods(srv):
    r = srv.get("/queueStatuses/%s/details" % Q1)
    expect_plain(r, 404, body="HTTP 404 Not Found")
    r = srv.request("POST", "/queueStatuses", body=b"{}",
                    headers={"Content-Type": "application/json"})
    expect_plain(r, 405)
    assert r.header("allow") == "GET, HEAD", r.headers
    r = srv.request("DELETE", "/queueStatuses/" + Q1)
    expect_plain(r, 405)
    assert r.header("allow") == "GET, HEAD"


@test
def head_like_get(srv):
    g = srv.get("/queueStatuses")
    h = srv.request("HEAD", "/queueStatuses")
    expect_status(h, 200)
    assert h.body == b""
    assert h.header("content-type") == g.header("content-type")
    assert int(h.header("content-length")) == len(g.body)


@test
def authentication_and_identity(srv):
    r = srv.get("/queueStatuses", user=None)
    expect_status(r, 401)
    r = srv.get("/queueStatuses", password="wrong")
    expect_status(r, 401)
    # Authenticated by the web server, unknown to the Monitoring Database.
    r = srv.get("/queueStatuses", user="ghost")
    expect_plain(r, 403, startswith="HTTP 403 Forbidden")
    # Identity comes from REMOTE_USER only, never from a request header.
    r = srv.get("/queueStatuses", user="norights",
                headers={"Remote-User": "supervisor",
                         "X-Remote-User": "supervisor"})
    assert r.json() == []


@test
def rights(srv):
    got = srv.get("/queueStatuses", user="agent1").json()
    assert ids(got) == [Q1, Q2], ids(got)
    r = srv.get("/queueStatuses/" + Q7, user="agent1")
    expect_plain(r, 404, body="HTTP 404 Not Found")
    r = srv.get("/queueStatuses/" + Q7)
    expect_status(r, 200)
    assert srv.get("/queueStatuses", user="norights").json() == []


@test
def language(srv):
    def name(path, **kw):
        return srv.get(path, **kw).json()["name"]
    assert name("/queueStatuses/" + Q1) == "Alpha Sales"
    assert name("/queueStatuses/%s?language=fi" % Q1) == "Alfa Myynti"
    assert name("/queueStatuses/%s?language=SV" % Q1) == "Alfa Försäljning"
    assert name("/queueStatuses/%s?language=de" % Q1) == "Alpha Sales"
    assert name("/queueStatuses/%s?language=sv" % Q4) == "Öljy Phone"
    # agent1's uiLanguage setting is FI; the parameter wins over it.
    assert name("/queueStatuses/" + Q1, user="agent1") == "Alfa Myynti"
    assert name("/queueStatuses/%s?language=en" % Q1,
                user="agent1") == "Alpha Sales"
    # Filters and sorting see the translated name.
    got = ids(srv.get("/queueStatuses?language=fi&name=alfa*").json())
    assert got == [Q1]
    for bad in ("fin", "f", "1a", "", "%C3%A4a"):
        r = srv.get("/queueStatuses?language=" + bad)
        expect_plain(r, 400, startswith="Invalid language")


@test
def database_down_then_back(srv):
    stop, start = os.environ.get("RMI_PG_STOP"), os.environ.get("RMI_PG_START")
    assert stop and start, "RMI_PG_STOP / RMI_PG_START not set"
    expect_status(srv.get("/queueStatuses"), 200)
    subprocess.run(stop, shell=True, check=True, stdout=subprocess.DEVNULL)
    try:
        r = srv.get("/queueStatuses")
        expect_plain(r, 503, startswith="HTTP 503 Service Unavailable")
        # Every 503 says when to come back (docs/decisions.md).
        assert r.header("retry-after") == "2", r
        r = srv.get("/queueStatuses/" + Q1)
        expect_plain(r, 503)
        assert r.header("retry-after") == "2", r
    finally:
        subprocess.run(start, shell=True, check=True,
                       stdout=subprocess.DEVNULL)
    # The first request after the database is back succeeds.
    r = srv.get("/queueStatuses/" + Q1)
    expect_status(r, 200)
    assert r.json() == EXPECTED[Q1]

