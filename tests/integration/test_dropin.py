"""Integration tests: the legacy interface's clients in the field, as they send.

Three clients replayed request by request, exactly as they send them: a
wallboard poller (no Origin, Content-Type on GETs, no Accept, trailing
slashes, filter names in another case, enum lists, /agents without
startTime), an agent panel writing presence and ready state from a
browser, and a cross-origin API explorer (CORS preflight, Accept: */*).
Then each rule alone with its negative case: enum lists, filter-name case,
the default startTime, CORS, cross-site writes, Accept.

tests/integration/run configures the allowed origins ALLOWED and
"https://explorer.example" on every server; EVIL is never allowed.
"""
import json
import os
import subprocess

from rmitest import test, expect_status, expect_plain, PREFIX

ALLOWED = "http://localhost:5173"
EVIL = "http://evil.example"
MIDNIGHT = "2026-01-15T00:00:00.000Z"
LEAD = "teamlead"
X1 = "F6000000000000000000000000000011"
X3 = "F6000000000000000000000000000013"
P1 = "F6000000000000000000000000000D01"
P2 = "F6000000000000000000000000000D02"
Q1 = "11111111111111111111111111111111"
C10 = "C%031d" % 10
# What the wallboard (Node, fetch with Basic auth) sends on every GET.
WALLBOARD = {"Content-Type": "application/json"}
CORS_HEADERS = ("access-control-allow-origin",
                "access-control-allow-credentials",
                "access-control-allow-methods",
                "access-control-allow-headers",
                "access-control-max-age",
                "access-control-expose-headers")


def psql(sql):
    return subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
         "-d", os.environ["RMI_DB"], "-c", sql],
        check=True, capture_output=True, text=True).stdout.strip()


def own_origin(srv):
    return "http://%s:%d" % (srv.host, srv.port)


def ids(r):
    expect_status(r, 200)
    return [i["id"] for i in r.json()]


def no_cors(r):
    for h in CORS_HEADERS:
        assert r.header(h) is None, (h, r)


def cors_ok(r, origin=ALLOWED):
    assert r.header("access-control-allow-origin") == origin, r
    assert r.header("access-control-allow-credentials") == "true", r
    assert "Origin" in (r.header("vary") or ""), r


def preflight(srv, path, method, headers="authorization", origin=ALLOWED):
    """A browser's preflight: no credentials, raw path below the prefix."""
    return srv.request("OPTIONS", path, user=None, headers={
        "Origin": origin, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": headers})


def expect_preflight(r, methods, origin=ALLOWED):
    expect_status(r, 204)
    assert r.body == b"", r
    cors_ok(r, origin)
    got = {m.strip() for m in r.header("access-control-allow-methods")
           .split(",")}
    assert got == set(methods), got
    allowed = {h.strip().lower() for h in
               r.header("access-control-allow-headers").split(",")}
    assert {"authorization", "content-type", "accept",
            "cache-control"} <= allowed, allowed
    assert int(r.header("access-control-max-age")) > 0, r


# ------------------------------------------------------------ the clients

@test
def dropin_wallboard_sequence(srv):
    """The wallboard's tick, as it sends it (no Origin, no Accept)."""
    # Live queues: the Phone and Chat ones, shaped as the full list.
    r = srv.get("/queueStatuses?type=Phone,Chat", headers=WALLBOARD)
    expect_status(r, 200)
    live = r.json()
    full = srv.get("/queueStatuses", headers=WALLBOARD).json()
    want = [q for q in full if q["type"] in ("Phone", "Chat")]
    assert live == want and len(want) >= 2, live
    assert {q["type"] for q in live} == {"Phone", "Chat"}, live
    # Agents without startTime: the day so far, three availabilities.
    r = srv.get("/agents?showQueueInfo=3&availability=Away,Busy,Free",
                user=LEAD, headers=WALLBOARD)
    expect_status(r, 200)
    got = r.json()
    day = srv.get("/agents?startTime=%s&showQueueInfo=3" % MIDNIGHT,
                  user=LEAD).json()
    want = [a for a in day if a["availability"] in ("Away", "Busy", "Free")]
    assert got == want and 0 < len(want) < len(day), (got, day)
    # Contacts, trailing slash, Channel in another case: phone ones only.
    q = "showAllInProcess=1&applicationName=ContactCenter&limit=5000"
    r = srv.get("/contacts/?%s&Channel=Phone" % q, headers=WALLBOARD)
    expect_status(r, 200)
    phone = r.json()
    every = srv.get("/contacts/?%s" % q).json()
    assert phone == [c for c in every if c["channel"] == "PHONE"], phone
    assert 0 < len(phone) < len(every), (len(phone), len(every))


@test
def dropin_agent_panel_sequence(srv):
    """The agent panel (fetch, credentials: 'include') of agent X3."""
    h = {"Origin": ALLOWED, "Content-Type": "application/json"}
    base = "/agents/%s" % X3
    # The browser's preflight for a PUT with a JSON body.
    expect_preflight(preflight(srv, base + "/presences/" + P2, "PUT",
                               "content-type"), ["GET", "HEAD", "PUT"])
    r = srv.get(base + "/presences", user="agentz", headers=h)
    expect_status(r, 200)
    cors_ok(r)
    presences = {p["id"]: p for p in r.json()}
    lunch = presences[P2]
    r = srv.get(base + "/readyState/", user="agentz", headers=h)
    expect_status(r, 200)
    assert r.json() == {"readyState": "NotReady"}, r
    # The presence object PUT back whole, as the GET gave it.
    try:
        r = srv.request("PUT", base + "/presences/" + P2, user="agentz",
                        headers=h, body=json.dumps(lunch))
        expect_status(r, 204)
        cors_ok(r)
        a = srv.get("/agents/%s?showQueueInfo=0" % X3, user=LEAD).json()
        assert (a["profileId"], a["availability"]) == (P2, "Away"), a
        expect_preflight(preflight(srv, base + "/readyState/", "PUT",
                                   "content-type"), ["GET", "HEAD", "PUT"])
        r = srv.request("PUT", base + "/readyState/", user="agentz",
                        headers=h, body=json.dumps({"readyState": "Ready"}))
        expect_status(r, 204)
        r = srv.get(base + "/readyState/", user="agentz", headers=h)
        assert r.json() == {"readyState": "Ready"}, r
    finally:
        expect_status(srv.request(
            "PUT", base + "/readyState/", user="agentz", headers=h,
            body=json.dumps({"readyState": "NotReady"})), 204)
        expect_status(srv.request(
            "PUT", base + "/presences/" + P1, user="agentz", headers=h,
            body=json.dumps(presences[P1])), 204)
    a = srv.get("/agents/%s?showQueueInfo=0" % X3, user=LEAD).json()
    assert (a["profileId"], a["userStatus"]) == (P1, "NotReady"), a


@test
def dropin_api_explorer_sequence(srv):
    """The API explorer on a Vite dev server: cross-origin, Accept: */*."""
    h = {"Origin": ALLOWED, "Accept": "*/*"}
    expect_preflight(preflight(srv, "/queueStatuses", "GET"),
                     ["GET", "HEAD"])
    r = srv.get("/queueStatuses", headers=h)
    expect_status(r, 200)
    cors_ok(r)
    assert len(r.json()) > 0
    r = srv.get("/queueStatuses/" + Q1, headers=h)
    cors_ok(r)
    assert r.json()["id"] == Q1
    # An error reaches the page too (it can read it).
    r = srv.get("/queueStatuses?limit=x", headers=h)
    expect_plain(r, 400, startswith="Invalid limit")
    cors_ok(r)
    # A write from the explorer: preflight, then POST with credentials.
    sid = "dropin-explorer-" + srv.name
    expect_preflight(preflight(srv, "/settings", "POST", "content-type"),
                     ["GET", "HEAD", "POST"])
    try:
        r = srv.request("POST", "/settings", user="settingsuser", headers={
            "Origin": ALLOWED, "Accept": "*/*",
            "Content-Type": "application/json"},
            body=json.dumps({"id": sid, "uiLanguage": "", "value": "x"}))
        expect_status(r, 201)
        cors_ok(r)
        assert "location" in r.header("access-control-expose-headers") \
            .lower(), r
    finally:
        psql("DELETE FROM settings WHERE id = '%s'" % sid)


# ------------------------------------------------------------ enum lists

@test
def dropin_enum_lists_everywhere(srv):
    def f(path, user="supervisor"):
        return ids(srv.get(path, user=user))
    # /queueStatuses (type was one value before): list, any case, pattern.
    phone = f("/queueStatuses?type=Phone")
    chat = f("/queueStatuses?type=Chat")
    both = f("/queueStatuses?type=Phone,Chat")
    assert phone and chat and sorted(both) == sorted(phone + chat), both
    assert f("/queueStatuses?type=chat,PHONE") == both
    assert f("/queueStatuses?type=Ph*,Chat") == both
    assert f("/queueStatuses?type=*") == f("/queueStatuses")
    # /contacts: channel and status lists, patterns.
    q = "/contacts?showAllInProcess=1&limit=1000"
    every = srv.get(q).json()

    def having(key, *vals):
        return [c["id"] for c in every if c.get(key) in vals]
    assert f(q + "&channel=PHONE,email") == having("channel", "PHONE",
                                                    "EMAIL")
    assert f(q + "&status=InQueue,inprocess") == having(
        "status", "InQueue", "InProcess")
    inproc = having("status", "InProcess", "InProcess_WrapUp",
                    "InProcess_Preview", "InProcess_Pending")
    assert inproc and f(q + "&status=InProcess*") == inproc
    assert f(q + "&status=InQueue,InProcess_*") == having(
        "status", "InQueue", "InProcess_WrapUp", "InProcess_Preview",
        "InProcess_Pending")
    # /agents: userStatus and the presences' type (an enumeration too).
    a = "/agents?startTime=%s&showQueueInfo=0" % MIDNIGHT
    day = srv.get(a, user=LEAD).json()
    assert f(a + "&userStatus=ready,LoggedOut", LEAD) == [
        x["id"] for x in day if x["userStatus"] in ("Ready", "LoggedOut")]
    assert len(f("/agents/%s/presences?type=presence,ABSENCE" % X1,
                 LEAD)) == 2
    # /userStatuses status list.
    us = srv.get("/userStatuses").json()
    assert f("/userStatuses?status=Ready,NotReady") == [
        u["id"] for u in us if u["status"] in ("Ready", "NotReady")]
    # Free text stays one value, commas included.
    assert f(q + "&agentName=Free,%20Anna") == having("agentName",
                                                       "Free, Anna")


@test
def dropin_enum_list_unknown_value_is_400(srv):
    for path, msg in (
            ("/queueStatuses?type=Phone,Fax", "Invalid value for type: 'Fax'"),
            ("/queueStatuses?type=Phone,", "Invalid value for type: ''"),
            ("/contacts?channel=PHONE,FAX", "Invalid value for channel: 'FAX'"),
            ("/contacts?status=Ph*,Done", "Invalid value for status: 'Done'"),
            ("/userStatuses?status=Asleep", "Invalid value for status: "
             "'Asleep'"),
            ("/agents?availability=Away,Sleeping",
             "Invalid value for availability: 'Sleeping'"),
            ("/agents/%s/presences?type=Holiday" % X1,
             "Invalid value for type: 'Holiday'")):
        r = srv.get(path, user=LEAD if "agents" in path else "supervisor")
        expect_plain(r, 400, startswith=msg)
        assert "expected" in r.text, r.text


# ------------------------------------------------------------ name case

@test
def dropin_filter_and_parameter_names_in_any_case(srv):
    q = "/contacts?showAllInProcess=1&limit=1000"
    phone = ids(srv.get(q + "&channel=PHONE"))
    assert phone and ids(srv.get(q + "&Channel=Phone")) == phone
    assert ids(srv.get(q + "&CHANNEL=phone")) == phone
    # An exact name wins over one in another case, wherever it stands.
    chat = ids(srv.get(q + "&channel=CHAT"))
    assert ids(srv.get(q + "&Channel=PHONE&channel=CHAT")) == chat
    # Reserved parameters and the resource's own.
    assert len(ids(srv.get("/contacts?showAllInProcess=1&LIMIT=2"))) == 2
    assert len(ids(srv.get(q + "&LIMIT=2"))) > 2     # limit= is exact
    names = [x["name"] for x in srv.get("/queueStatuses?Sort=-name").json()]
    assert names == [x["name"] for x in
                     srv.get("/queueStatuses?sort=-name").json()]
    assert ids(srv.get("/queueStatuses?Offset=1&Limit=1")) == \
        ids(srv.get("/queueStatuses?offset=1&limit=1"))
    a = srv.get("/agents/%s?StartTime=%s&ShowQueueInfo=0" % (X1, MIDNIGHT),
                user=LEAD).json()
    assert "queues" not in a, a
    assert a == srv.get("/agents/%s?startTime=%s&showQueueInfo=0" % (
        X1, MIDNIGHT), user=LEAD).json()
    expect_plain(srv.get("/queueStatuses?Language=xyz"), 400,
                 startswith="Invalid language")
    expect_plain(srv.get("/agents?STARTTIME=yesterday", user=LEAD), 400,
                 startswith="Invalid startTime")


# ------------------------------------------------------------ startTime

@test
def dropin_agents_start_time_defaults_to_the_day(srv):
    for path in ("/agents?showQueueInfo=3", "/agents/%s?showQueueInfo=3" % X1):
        r = srv.get(path, user=LEAD)
        expect_status(r, 200)
        sep = "&"
        assert r.json() == srv.get(path + sep + "startTime=" + MIDNIGHT,
                                   user=LEAD).json(), path
        # Not the beginning of time nor now: the day's own statistics.
        assert r.json() != srv.get(path + sep + "startTime="
                                   "2026-01-15T09:59:59Z", user=LEAD).json()
    # A malformed one is still 400.
    expect_plain(srv.get("/agents?startTime=today", user=LEAD), 400,
                 startswith="Invalid startTime")
    expect_plain(srv.get("/agents?startTime=", user=LEAD), 400,
                 startswith="Invalid startTime")


# ------------------------------------------------------------ CORS

@test
def dropin_cors_preflight_every_route(srv):
    for path, methods in (
            ("/contacts", ["GET", "HEAD"]),
            ("/contacts/%s/details/" % C10, ["GET", "HEAD"]),
            ("/agents/%s/queues/%s" % (X1, Q1), ["GET", "HEAD", "PUT"]),
            ("/settings/", ["GET", "HEAD", "POST"]),
            ("/settings/x", ["GET", "HEAD", "PUT"]),
            ("/queueGroups/ALL_QUEUES", ["GET", "HEAD"]),
            ("/contactSummaries", ["GET", "HEAD"]),
            ("/userStatuses", ["GET", "HEAD"])):
        expect_preflight(preflight(srv, path, "GET"), methods)
    # The other allowed origin is echoed, never *.
    expect_preflight(preflight(srv, "/contacts", "GET",
                               origin="https://explorer.example"),
                     ["GET", "HEAD"], origin="https://explorer.example")


@test
def dropin_cors_foreign_origin_gets_no_cors_header(srv):
    r = preflight(srv, "/queueStatuses", "GET", origin=EVIL)
    no_cors(r)
    assert r.body == b"", r
    r = srv.get("/queueStatuses", headers={"Origin": EVIL})
    expect_status(r, 200)
    no_cors(r)
    # Without Origin (scripts): no CORS header either.
    no_cors(srv.get("/queueStatuses"))


@test
def dropin_cors_options_to_unknown_paths(srv):
    # Below a family: the program's 404, no CORS header.
    for path in ("/queueStatuses/%s/more/and/more" % Q1,
                 "/contacts/%s/nothing" % C10, "/settings/a/b"):
        r = preflight(srv, path, "GET")
        expect_plain(r, 404, body="HTTP 404 Not Found")
        no_cors(r)
    # No family at all: the web server's own answer (404, or Apache's
    # OPTIONS with Allow), never a CORS header, never data.
    r = preflight(srv, "/nothing", "GET")
    assert r.status in (200, 404), r
    no_cors(r)
    assert not r.body.startswith((b"[", b"{")), r
    # Outside the prefix altogether.
    r = srv.request("OPTIONS", "/elsewhere", user=None, raw_path=True,
                    headers={"Origin": ALLOWED,
                             "Access-Control-Request-Method": "GET"})
    assert r.header("access-control-allow-origin") is None, r


@test
def dropin_cors_options_never_returns_data(srv):
    for user in (None, "supervisor"):
        for path in ("/queueStatuses", "/queueStatuses/" + Q1,
                     "/contacts?limit=5", "/settings"):
            r = srv.request("OPTIONS", path, user=user,
                            headers={"Origin": ALLOWED})
            expect_status(r, 204)
            assert r.body == b"", r
            assert r.header("content-length") in (None, "0"), r


@test
def dropin_cors_exemption_is_options_only(srv):
    """From an allowed origin, without credentials: still 401, unchanged."""
    before = psql("SELECT user_status FROM agent_states WHERE agent_id = "
                  "'%s'" % X3)
    for method, path, body in (
            ("GET", "/queueStatuses", None),
            ("HEAD", "/queueStatuses", None),
            ("GET", "/contacts/?limit=5", None),
            ("PUT", "/agents/%s/readyState" % X3, b'{"readyState":"Ready"}'),
            ("POST", "/settings", b'{"id":"dropin-noauth","value":"x"}'),
            ("DELETE", "/settings/x", None)):
        r = srv.request(method, path, user=None, body=body, headers={
            "Origin": ALLOWED, "Content-Type": "application/json"})
        assert r.status == 401, (method, path, r)
        assert not r.body.startswith((b"[", b"{")), r
    assert psql("SELECT user_status FROM agent_states WHERE agent_id = "
                "'%s'" % X3) == before
    assert psql("SELECT count(*) FROM settings WHERE id = "
                "'dropin-noauth'") == "0"


# ------------------------------------------------------------ cross-site

@test
def dropin_cross_site_writes_refused(srv):
    path = "/agents/%s/readyState" % X3
    body = json.dumps({"readyState": "Ready"})

    def state():
        return psql("SELECT user_status || ' ' || (SELECT count(*) FROM "
                    "agent_state_history WHERE agent_id = '%s') FROM "
                    "agent_states WHERE agent_id = '%s'" % (X3, X3))
    before = state()
    for origin, ctype in ((EVIL, "application/json"),
                          (EVIL, "text/plain"),
                          (EVIL, "application/x-www-form-urlencoded"),
                          ("null", "application/json"),
                          # Same host, other port: another site.
                          ("http://%s:%d" % (srv.host, srv.port + 1),
                           "application/json")):
        r = srv.request("PUT", path, user=LEAD, body=body, headers={
            "Origin": origin, "Content-Type": ctype})
        expect_plain(r, 403, startswith="HTTP 403 Forbidden: a write "
                     "from origin")
        no_cors(r)
    sid = "dropin-csrf-" + srv.name
    r = srv.request("POST", "/settings", user="settingsuser", headers={
        "Origin": EVIL, "Content-Type": "text/plain"},
        body=json.dumps({"id": sid, "value": "x"}))
    expect_plain(r, 403)
    assert state() == before
    assert psql("SELECT count(*) FROM settings WHERE id = '%s'" % sid) == "0"


@test
def dropin_form_content_types_are_415(srv):
    """Form posts (no preflight) are not JSON or XML: 415, nothing written."""
    sid = "dropin-form-" + srv.name
    for ctype, data in (
            ("text/plain", json.dumps({"id": sid, "value": "x"})),
            ("text/plain;charset=UTF-8", json.dumps({"id": sid})),
            ("application/x-www-form-urlencoded", "id=%s&value=x" % sid),
            ("multipart/form-data; boundary=x",
             "--x\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n"
             "%s\r\n--x--\r\n" % sid)):
        for origin in (None, own_origin(srv)):
            h = {"Content-Type": ctype}
            if origin:
                h["Origin"] = origin
            r = srv.request("POST", "/settings", user="settingsuser",
                            headers=h, body=data)
            expect_plain(r, 415)
        r = srv.request("PUT", "/agents/%s/readyState" % X3, user=LEAD,
                        headers={"Content-Type": ctype},
                        body='{"readyState":"Ready"}')
        expect_plain(r, 415)
    assert psql("SELECT count(*) FROM settings WHERE id = '%s'" % sid) == "0"
    assert psql("SELECT user_status FROM agent_states WHERE agent_id = "
                "'%s'" % X3) == "NotReady"


@test
def dropin_same_origin_and_no_origin_writes_work(srv):
    path = "/agents/%s/readyState" % X3
    try:
        for h in ({"Origin": own_origin(srv)}, {}, {"Origin": ALLOWED}):
            h["Content-Type"] = "application/json"
            for s in ("Ready", "NotReady"):
                r = srv.request("PUT", path, user=LEAD, headers=h,
                                body=json.dumps({"readyState": s}))
                expect_status(r, 204)
    finally:
        srv.request("PUT", path, user=LEAD, headers={
            "Content-Type": "application/json"},
            body=json.dumps({"readyState": "NotReady"}))


# ------------------------------------------------------------ Accept

def every_get(srv):
    """(user, path) of every GET route, with ids that exist."""
    out = []
    for user, coll in (("supervisor", "/queueStatuses"),
                       ("supervisor", "/contacts"),
                       (LEAD, "/agents"),
                       ("supervisor", "/userStatuses"),
                       ("supervisor", "/contactSummaries"),
                       ("settingsuser", "/settings"),
                       ("supervisor", "/queueGroups")):
        out.append((user, coll))
        items = srv.get(coll, user=user).json()
        if items:
            out.append((user, "%s/%s" % (coll, items[0]["id"])))
    out += [("supervisor", "/contacts/%s/details" % C10),
            (LEAD, "/agents/%s/queues" % X1),
            (LEAD, "/agents/%s/presences" % X1),
            (LEAD, "/agents/%s/presences/%s" % (X1, P1)),
            (LEAD, "/agents/%s/readyState" % X1)]
    return out


@test
def dropin_accept_any_or_none_is_json(srv):
    paths = every_get(srv)
    assert len(paths) >= 17, paths
    for user, path in paths:
        for h in ({"Accept": "*/*"}, {}, {"Accept": "application/*"},
                  WALLBOARD, {"Accept": "*/*", "Origin": ALLOWED}):
            r = srv.get(path, user=user, headers=h)
            expect_status(r, 200)
            r.json()    # asserts application/json
    # Errors with */*: the documented text/plain answers, never 406.
    for user, path, status in (
            ("supervisor", "/queueStatuses/XYZ", 400),
            ("supervisor", "/queueStatuses/" + "A" * 32, 404),
            ("supervisor", "/queueStatuses?limit=-1", 400),
            ("ghost", "/queueStatuses", 403),
            (None, "/queueStatuses", 401)):
        for h in ({"Accept": "*/*"}, {}):
            r = srv.get(path, user=user, headers=h)
            assert r.status == status, (path, h, r)
    # What is not acceptable stays 406.
    expect_plain(srv.get("/queueStatuses", headers={"Accept": "text/html"}),
                 406)


@test
def dropin_preflight_path_prefix_is_exact(srv):
    """/RI/rmix is not below the prefix: no CORS exemption there."""
    r = srv.request("OPTIONS", PREFIX + "x/queueStatuses", user=None,
                    raw_path=True, headers={"Origin": ALLOWED})
    assert r.header("access-control-allow-origin") is None, r
