"""Integration tests of the /agents family against fixture_agents.sql.

The clock is pinned at 2026-01-15T10:00:00Z; START is two hours before.
Every expected number is worked out in the fixture's comments. The three
servers share one database, so each write test puts back what it changed
(the state history keeps zero-length intervals at the pinned instant, which
change no duration).
"""
import json
import os
import subprocess
import threading

from rmitest import test, expect_status, expect_plain, xml_items

START = "2026-01-15T08:00:00.000Z"
MIDNIGHT = "2026-01-15T00:00:00Z"
X1 = "F6000000000000000000000000000011"
X2 = "F6000000000000000000000000000012"
X3 = "F6000000000000000000000000000013"
X4 = "F6000000000000000000000000000014"
X5 = "F6000000000000000000000000000015"
Q61 = "F6000000000000000000000000000C61"
Q62 = "F6000000000000000000000000000C62"
Q63 = "F6000000000000000000000000000C63"
P1 = "F6000000000000000000000000000D01"
P2 = "F6000000000000000000000000000D02"
P3 = "F6000000000000000000000000000D03"
P4 = "F6000000000000000000000000000D04"
RG = "F6000000000000000000000000000B01"
NOBODY = "F6000000000000000000000000000099"
LEAD = "teamlead"
JSON = {"Content-Type": "application/json"}
XML = {"Content-Type": "application/xml"}

# X1 from START, every field (showQueueInfo=0: no queues).
X1_FULL = {
    "id": X1, "name": "Xavier, Ann", "reportingGroupid": RG,
    "reportingGroupName": "Team Six", "number": "601",
    "mobileNumber": "+358401000601", "externalNumber": "+358402000601",
    "location": "Espoo", "manageable": False, "manageablePresence": False,
    "chatName": "Ann X", "chat": "ann@chat.example.com",
    "email": "ann@example.com",
    "userStatus": "Ready", "userStatusDuration": 1800000,
    "userReadyStatus": True,
    "contactHandlingStatus": "Talking_Inbound",
    "contactHandlingStatusDuration": 120000,
    "profileId": P1, "profile": "Available", "profileDuration": 5400000,
    "profileType": "PRESENCE", "availability": "Busy",
    "dailyPauseDuration": 1800000, "dailyWorkDuration": 28800000,
    "activePhoneContacts": 1, "activeChatContacts": 1,
    "activeEmailContacts": 0, "activeContactDuration": 1140000,
    "chatCapacity": 2,
    "handledContactsCallIn": 2, "handledContactsChatIn": 2,
    "handledContactseEmailIn": 2, "handledContactsEmailIn": 2,
    "handledContactsCbrIn": 1, "handledContactsTotalIn": 7,
    "handledContactsCallOut": 1, "handledContactsChatOut": 0,
    "handledContactsEmailOut": 1, "handledContactsTotalOut": 2,
    "handledContactsTotal": 9,
    "totalHandlingDuration": 10260000, "totalWrapupDuration": 730000,
    "readyTime": 2700000, "notReadyTime": 3600000, "pauseTime": 900000,
}

# X1's AgentQueue items from START, by name: Six Chat, Six Mail, Six Phone.
CONF = ("serving", "externalServing", "canChangeQueueLogin")
STATS = ("handledContactsCallIn", "handledContactsCallOut",
         "handledContactsChatIn", "handledContactsEmailIn",
         "handlingDuration", "wrapUpDuration")
X1_QUEUES = [
    {"id": Q62, "name": "Six Chat", "type": "Chat",
     "serving": False, "externalServing": True, "canChangeQueueLogin": False,
     "handledContactsCallIn": 0, "handledContactsCallOut": 0,
     "handledContactsChatIn": 2, "handledContactsEmailIn": 0,
     "handlingDuration": 1140000, "wrapUpDuration": 630000},
    # Only statistics here (X1 is not in Q63): no configuration fields.
    {"id": Q63, "name": "Six Mail", "type": "Email",
     "handledContactsCallIn": 0, "handledContactsCallOut": 0,
     "handledContactsChatIn": 0, "handledContactsEmailIn": 2,
     "handlingDuration": 8340000, "wrapUpDuration": 0},
    {"id": Q61, "name": "Six Phone", "type": "Phone",
     "serving": True, "externalServing": False, "canChangeQueueLogin": True,
     "handledContactsCallIn": 2, "handledContactsCallOut": 0,
     "handledContactsChatIn": 0, "handledContactsEmailIn": 0,
     "handlingDuration": 480000, "wrapUpDuration": 40000},
]


def agents(srv, query="", user=LEAD, **kw):
    return srv.get("/agents?startTime=%s%s" % (START, query), user=user, **kw)


def agent(srv, id, query="", user=LEAD, **kw):
    return srv.get("/agents/%s?startTime=%s%s" % (id, START, query),
                   user=user, **kw)


def put(srv, path, body, headers=JSON, user=LEAD):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return srv.request("PUT", path, body=data, headers=headers, user=user)


def refused(srv, path, body, headers, user, status, msg):
    """A PUT answered with status and a text/plain message starting msg."""
    r = put(srv, path, body, headers=headers, user=user)
    assert r.status == status, (path, user, repr(body)[:60], r)
    expect_plain(r, status)
    if msg is not None:
        assert r.text.startswith(msg), (msg, r.text)


def psql(sql):
    return subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
         "-d", os.environ["RMI_DB"], "-c", sql],
        check=True, capture_output=True, text=True).stdout.strip()


def only(d, keys):
    return {k: v for k, v in d.items() if k in keys}


# ---------------------------------------------------------------- reads

@test
def agents_every_field_of_one_agent(srv):
    got = agent(srv, X1, "&showQueueInfo=0").json()
    assert got == X1_FULL, got
    # Same agent in the list, same values.
    lst = agents(srv, "&showQueueInfo=0&id=" + X1).json()
    assert lst == [X1_FULL], lst


@test
def agents_list_visibility_and_default_sort(srv):
    names = [a["name"] for a in agents(srv, "&showQueueInfo=0").json()]
    # STATISTICS_DETAILS on X1..X4; MANAGE_PRESENCE alone (X5) is not enough.
    assert names == ["Öberg, Dag", "Xavier, Ann", "Yellow, Bo", "Zulu, Cy"], \
        names
    fi = [a["name"] for a in
          agents(srv, "&showQueueInfo=0&sort=name,LOCALE-fi").json()]
    assert fi == ["Xavier, Ann", "Yellow, Bo", "Zulu, Cy", "Öberg, Dag"], fi
    desc = [a["id"] for a in agents(srv, "&showQueueInfo=0&sort=-name").json()]
    assert desc == [X3, X2, X1, X4], desc
    # An agent sees itself, and nobody else without rights.
    own = agents(srv, "&showQueueInfo=0", user="agentx").json()
    assert [a["id"] for a in own] == [X1], own
    assert own[0]["manageable"] is True
    assert own[0]["manageablePresence"] is True
    # norights is an agent too: itself, nobody else.
    assert [a["id"] for a in agents(srv, user="norights").json()] == \
        ["AA000000000000000000000000000003"]
    # The supervisor of the other fixtures has no rights on these agents.
    assert agent(srv, X1, user="supervisor").status == 404


@test
def agents_state_history_clipped_to_the_window(srv):
    def times(id, start):
        a = srv.get("/agents/%s?startTime=%s&showQueueInfo=0" % (id, start),
                    user=LEAD).json()
        return a["readyTime"], a["notReadyTime"], a["pauseTime"]
    assert times(X1, START) == (2700000, 3600000, 900000)
    # From midnight the Ready interval 07:30-08:15 counts whole; LoggedOut
    # time before it never counts.
    assert times(X1, MIDNIGHT) == (4500000, 3600000, 900000)
    # A start inside an interval cuts it: 08:40 is in NotReady 08:30-08:45.
    assert times(X1, "2026-01-15T08:40:00Z") == (1800000, 2100000, 900000)
    # A start on a boundary; a start in the future counts nothing.
    assert times(X1, "2026-01-15T09:30:00Z") == (1800000, 0, 0)
    assert times(X1, "2026-01-15T11:00:00Z") == (0, 0, 0)
    assert times(X2, START) == (3600000, 0, 0)
    assert times(X3, START) == (6600000, 600000, 0)
    assert times(X4, START) == (0, 0, 1200000)


@test
def agents_handled_contacts_window(srv):
    a = srv.get("/agents/%s?startTime=%s&showQueueInfo=0" % (X1, MIDNIGHT),
                user=LEAD).json()
    # K10 (07:50) joins: one more inbound call of 300 s.
    assert a["handledContactsCallIn"] == 3
    assert a["handledContactsTotalIn"] == 8
    assert a["handledContactsTotal"] == 10
    assert a["totalHandlingDuration"] == 10560000
    assert a["totalWrapupDuration"] == 730000
    # From 08:00:00.001 the pending e-mail K11 (08:00 sharp) drops out.
    a = srv.get("/agents/%s?startTime=2026-01-15T08:00:00.001Z"
                "&showQueueInfo=0" % X1, user=LEAD).json()
    assert a["handledContactseEmailIn"] == 1
    assert a["handledContactsEmailIn"] == 1
    assert a["totalHandlingDuration"] == 10260000 - 7140000


@test
def agents_logged_out_agent_omits_logged_in_fields(srv):
    a = agent(srv, X2, "&showQueueInfo=0").json()
    for k in ("contactHandlingStatus", "profile", "profileType"):
        assert k not in a, (k, a)
    assert a["userStatus"] == "LoggedOut"
    assert a["userReadyStatus"] is False
    assert a["availability"] == "LoggedOut"
    assert a["userStatusDuration"] == 3600000
    assert a["contactHandlingStatusDuration"] == 0
    # The profile it keeps is still named by id, with its age.
    assert a["profileId"] == P2 and a["profileDuration"] == 10800000
    assert a["handledContactsChatIn"] == 1
    assert a["totalHandlingDuration"] == 600000
    # Empty strings are values, not absences.
    assert a["mobileNumber"] == "" and a["email"] == ""
    # An agent without a reporting group has no reportingGroupid.
    d = agent(srv, X4, "&showQueueInfo=0").json()
    assert "reportingGroupid" not in d and "reportingGroupName" not in d
    assert d["profile"] == "Meeting" and d["profileType"] == "CONFERENCE"
    assert d["availability"] == "Busy"      # the Meeting profile says Busy
    assert d["userStatus"] == "Pause"


@test
def agents_availability(srv):
    got = {a["id"]: a["availability"]
           for a in agents(srv, "&showQueueInfo=0").json()}
    # X1 has active contacts; X2 is logged out; X3 is idle in Available;
    # X4 is in a Busy profile.
    assert got == {X1: "Busy", X2: "LoggedOut", X3: "Free", X4: "Busy"}, got
    ids = [a["id"] for a in agents(srv, "&showQueueInfo=0"
                                       "&availability=free,LoggedOut").json()]
    assert ids == [X2, X3], ids
    r = agents(srv, "&availability=Sleeping")
    expect_plain(r, 400, startswith="Invalid value for availability: "
                 "'Sleeping'")


@test
def agents_translations(srv):
    a = agent(srv, X1, "&showQueueInfo=3&language=fi").json()
    assert a["reportingGroupName"] == "Tiimi Kuusi"
    assert a["profile"] == "Available"      # no Finnish name
    assert [q["name"] for q in a["queues"]["queue"]] == \
        ["Kuusi Puhelin", "Six Chat", "Six Mail"]
    # The order follows the translated names.
    p = srv.get("/agents/%s/presences?language=FI" % X3, user=LEAD).json()
    assert [(x["name"], x["reason"]) for x in p] == \
        [("Available", "NONE"), ("Lounas", "NONE"), ("Vacation", "Loma")], p
    expect_plain(agent(srv, X1, "&language=finnish"), 400,
                 startswith="Invalid language")


@test
def agents_show_queue_info_fields(srv):
    def queues(level):
        q = "" if level is None else "&showQueueInfo=%s" % level
        return agent(srv, X1, q).json().get("queues")
    # Default (1) and 1: statistics only.
    stats_only = [{k: v for k, v in q.items() if k not in CONF}
                  for q in X1_QUEUES]
    assert queues(None) == {"queue": stats_only}, queues(None)
    assert queues(1) == {"queue": stats_only}
    # 2: configuration only, and only the queues it is configured in.
    conf_only = [{k: v for k, v in q.items() if k not in STATS}
                 for q in X1_QUEUES if "serving" in q]
    assert queues(2) == {"queue": conf_only}, queues(2)
    # 3: everything.
    assert queues(3) == {"queue": X1_QUEUES}, queues(3)
    # 0: no queues at all.
    assert queues(0) is None
    # 4..6 show what 1..3 show.
    assert queues(4) == queues(1)
    assert queues(5) == queues(2)
    assert queues(6) == queues(3)
    # An agent with no queue has an empty list, still wrapped.
    assert agent(srv, X4, "&showQueueInfo=3").json()["queues"] == \
        {"queue": []}
    # X3 is configured in two queues and has no statistics: zeros.
    x3 = agent(srv, X3, "&showQueueInfo=1").json()["queues"]["queue"]
    assert [(q["name"], q["handledContactsCallIn"], q["handlingDuration"])
            for q in x3] == [("Six Mail", 0, 0), ("Six Phone", 0, 0)], x3


@test
def agents_show_queue_info_selects_agents(srv):
    def ids(level):
        return [a["id"] for a in
                agents(srv, "&showQueueInfo=%d" % level).json()]
    everyone = [X4, X1, X2, X3]
    for level in (0, 1, 2, 3):
        assert ids(level) == everyone, (level, ids(level))
    assert ids(4) == [X1, X2]       # having statistics (in a queue)
    assert ids(5) == [X1, X3]       # having configuration
    assert ids(6) == [X1]           # both
    # The by-id form is not filtered.
    assert agent(srv, X4, "&showQueueInfo=6").status == 200
    for bad in ("7", "-1", "1.0", "x", ""):
        r = agents(srv, "&showQueueInfo=" + bad)
        expect_plain(r, 400, startswith="Invalid showQueueInfo: '%s'" % bad)


@test
def agents_filters(srv):
    def ids(q):
        return [a["id"] for a in agents(srv, "&showQueueInfo=0" + q).json()]
    assert ids("&id=%s,%s" % (X3, X1)) == [X1, X3]
    assert ids("&queueId=" + Q63) == [X3]
    assert ids("&queueId=%s,%s" % (Q62, Q63)) == [X1, X3]
    assert ids("&queueId=" + Q61) == [X1, X3]
    assert ids("&location=esp*") == [X1, X3]
    assert ids("&number=60?") == [X4, X1, X2, X3]
    assert ids("&userStatus=NotReady") == [X3]
    assert ids("&userReadyStatus=true") == [X1]
    assert ids("&handledContactsTotal=9") == [X1]
    assert ids("&handledContactseEmailIn=2") == [X1]
    assert ids("&reportingGroupName=team*") == [X1, X2, X3]
    assert ids("&name=nobody") == []
    assert ids("&_=1480000000000") == [X4, X1, X2, X3]
    # Paging and sorting on statistics.
    assert ids("&sort=-readyTime&limit=2") == [X3, X2]
    assert ids("&sort=-readyTime&limit=2&offset=2") == [X1, X4]
    assert ids("&sort=pauseTime,name") == [X2, X3, X1, X4]


@test
def agents_bad_requests(srv):
    # Without startTime: the day so far (test_dropin.py); malformed: 400.
    for bad in ("2026-01-15", "yesterday", "2026-01-15T25:00:00Z",
                "2026-01-15T08:00:00%2B02:00"):
        r = srv.get("/agents?startTime=" + bad, user=LEAD)
        expect_plain(r, 400, startswith="Invalid startTime")
    expect_plain(agent(srv, "F6000000000000000000000000000011X"), 400,
                 body="Invalid GUID: 'F6000000000000000000000000000011X'")
    expect_plain(agent(srv, "f6000000000000000000000000000011"), 400,
                 startswith="Invalid GUID")
    expect_plain(agents(srv, "&id=%s,nope" % X1), 400,
                 body="Invalid GUID: 'nope'")
    expect_plain(agents(srv, "&queueId=%s,%s" % (Q61, Q61[:-1])), 400,
                 body="Invalid GUID: '%s'" % Q61[:-1])
    expect_plain(agents(srv, "&queueId="), 400, body="Invalid GUID: ''")
    expect_plain(agents(srv, "&sort=bogus"), 400, startswith="Invalid sort")
    expect_plain(agents(srv, "&sort=name,LOCALE-xx-nope"), 400,
                 startswith="Invalid")
    expect_plain(agents(srv, "&limit=-1"), 400, startswith="Invalid limit")
    expect_plain(agent(srv, NOBODY), 404, body="HTTP 404 Not Found")
    # Not an agent (teamlead itself is a supervisor).
    expect_plain(agent(srv, "F6000000000000000000000000000001"), 404)


@test
def agents_xml(srv):
    root = agent(srv, X1, "&showQueueInfo=3",
                 headers={"Accept": "application/xml"}).xml()
    assert root.tag == "agent"
    assert root.find("reportingGroupid").text == RG
    assert root.find("handledContactseEmailIn").text == "2"
    assert root.find("handledContactsEmailIn").text == "2"
    qs = root.find("queues")
    assert [q.tag for q in qs] == ["queue"] * 3
    assert xml_items(qs)[2] == {k: str(v).lower() if isinstance(v, bool)
                                else str(v) for k, v in X1_QUEUES[2].items()}
    lst = agents(srv, "&showQueueInfo=0",
                 headers={"Accept": "application/xml"}).xml()
    assert lst.tag == "agents" and [a.tag for a in lst] == ["agent"] * 4
    assert lst[0].find("queues") is None
    x2 = [a for a in lst if a.find("id").text == X2][0]
    assert x2.find("contactHandlingStatus") is None


@test
def agents_sub_resources_read(srv):
    q = srv.get("/agents/%s/queues" % X1, user=LEAD).json()
    assert q == [
        {"id": Q62, "name": "Six Chat", "type": "Chat", "serving": False,
         "externalServing": True, "canChangeQueueLogin": False},
        {"id": Q61, "name": "Six Phone", "type": "Phone", "serving": True,
         "externalServing": False, "canChangeQueueLogin": True}], q
    one = srv.get("/agents/%s/queues/%s" % (X1, Q61), user=LEAD).json()
    assert one == q[1], one
    assert srv.get("/agents/%s/queues?serving=true" % X1,
                   user=LEAD).json() == [q[1]]
    assert [x["id"] for x in srv.get("/agents/%s/queues?sort=-name&limit=1"
                                     % X1, user=LEAD).json()] == [Q61]
    # A queue the agent is not in, and an agent with none.
    expect_plain(srv.get("/agents/%s/queues/%s" % (X1, Q63), user=LEAD), 404)
    assert srv.get("/agents/%s/queues" % X4, user=LEAD).json() == []
    p = srv.get("/agents/%s/presences" % X1, user=LEAD).json()
    assert p == [
        {"id": P1, "name": "Available", "reason": "NONE", "type": "PRESENCE",
         "priority": 100},
        {"id": P2, "name": "Lunch", "reason": "NONE", "type": "ABSENCE",
         "priority": 90}], p
    assert srv.get("/agents/%s/presences/%s" % (X1, P2),
                   user=LEAD).json() == p[1]
    assert srv.get("/agents/%s/presences?type=abs*" % X1,
                   user=LEAD).json() == [p[1]]
    expect_plain(srv.get("/agents/%s/presences/%s" % (X1, P3), user=LEAD),
                 404)
    assert srv.get("/agents/%s/readyState" % X1, user=LEAD).json() == \
        {"readyState": "Ready"}
    assert srv.get("/agents/%s/readyState/" % X2, user=LEAD).json() == \
        {"readyState": "LoggedOut"}
    root = srv.get("/agents/%s/readyState" % X4, user=LEAD,
                   headers={"Accept": "application/xml"}).xml()
    assert root.tag == "readyState" and len(root) == 1
    assert root.find("readyState").text == "Pause"
    x = srv.get("/agents/%s/queues" % X1, user=LEAD,
                headers={"Accept": "application/xml"}).xml()
    assert x.tag == "queues" and [e.tag for e in x] == ["queue"] * 2
    # MANAGE_PRESENCE alone lets one look below an agent, not at its
    # statistics.
    assert srv.get("/agents/%s/presences" % X5, user=LEAD).status == 200
    assert srv.get("/agents/%s/readyState" % X5, user=LEAD).json() == \
        {"readyState": "LoggedOut"}
    expect_plain(agent(srv, X5), 404)


@test
def agents_sub_resources_refuse_strangers(srv):
    for path in ("/agents/%s/queues" % X1, "/agents/%s/presences" % X1,
                 "/agents/%s/readyState" % X1,
                 "/agents/%s/queues/%s" % (X1, Q61),
                 "/agents/%s/presences/%s" % (X1, P1),
                 "/agents/%s/queues" % NOBODY):
        expect_plain(srv.get(path, user="supervisor"), 404,
                     body="HTTP 404 Not Found")
    for path in ("/agents/nope/queues", "/agents/nope/presences",
                 "/agents/nope/readyState", "/agents/%s/queues/nope" % X1,
                 "/agents/nope/queues/%s" % Q61,
                 "/agents/%s/presences/nope" % X1):
        expect_plain(srv.get(path, user=LEAD), 400,
                     body="Invalid GUID: 'nope'")


@test
def agents_methods(srv):
    r = srv.request("POST", "/agents", user=LEAD, body=b"{}", headers=JSON)
    expect_status(r, 405)
    assert r.header("allow") == "GET, HEAD", r
    r = srv.request("DELETE", "/agents/%s/readyState" % X3, user=LEAD)
    expect_status(r, 405)
    assert r.header("allow") == "GET, HEAD, PUT", r
    r = srv.request("PUT", "/agents/%s" % X3, user=LEAD, body=b"{}",
                    headers=JSON)
    expect_status(r, 405)
    expect_status(srv.request("HEAD", "/agents?startTime=" + START,
                              user=LEAD), 200)
    expect_status(srv.get("/agents/%s/nothing" % X3, user=LEAD), 404)


# --------------------------------------------------------------- writes

def ready(srv, id, user=LEAD):
    return srv.get("/agents/%s/readyState" % id, user=user).json()["readyState"]


@test
def agents_ready_state_write_and_effects(srv):
    path = "/agents/%s/readyState" % X3
    assert ready(srv, X3) == "NotReady"
    before = psql("SELECT count(*) FROM agent_state_history "
                  "WHERE agent_id = '%s'" % X3)
    expect_status(put(srv, path, {"readyState": "Ready"}), 204)
    try:
        assert ready(srv, X3) == "Ready"
        a = agent(srv, X3, "&showQueueInfo=0").json()
        assert a["userStatus"] == "Ready" and a["userReadyStatus"] is True
        assert a["userStatusDuration"] == 0
        # The time so far is unchanged: the new interval starts now.
        assert (a["readyTime"], a["notReadyTime"]) == (6600000, 600000)
        assert a["profileId"] == P1     # the profile stays
        us = {u["id"]: u["status"] for u in
              srv.get("/userStatuses", user=LEAD).json()}
        assert us[X3] == "Ready", us
        # Q61 is served by X1 (busy) and X3: X3 now counts as free.
        qs = srv.get("/queueStatuses/" + Q61, user=LEAD).json()
        assert (qs["agentsServing"], qs["agentsFree"], qs["agentsBusy"],
                qs["agentsNotReady"]) == (2, 1, 1, 0), qs
        # One interval closed, one opened; exactly one is open.
        after = psql("SELECT count(*) FROM agent_state_history "
                     "WHERE agent_id = '%s'" % X3)
        assert int(after) == int(before) + 1
        assert psql("SELECT user_status FROM agent_state_history WHERE "
                    "agent_id = '%s' AND end_time IS NULL" % X3) == "Ready"
        # The same state again changes nothing.
        expect_status(put(srv, path, {"readyState": "ready"}), 204)
        assert psql("SELECT count(*) FROM agent_state_history "
                    "WHERE agent_id = '%s'" % X3) == after
    finally:
        expect_status(put(srv, path, {"readyState": "NotReady"}), 204)
    assert ready(srv, X3) == "NotReady"
    qs = srv.get("/queueStatuses/" + Q61, user=LEAD).json()
    assert (qs["agentsFree"], qs["agentsNotReady"]) == (0, 1), qs


@test
def agents_ready_state_pause_and_xml_body(srv):
    path = "/agents/%s/readyState" % X3
    body = b"<readyState><readyState>Pause</readyState></readyState>"
    expect_status(put(srv, path, body, headers=XML), 204)
    try:
        assert ready(srv, X3) == "Pause"
        assert agent(srv, X3, "&showQueueInfo=0").json()["userStatus"] == \
            "Pause"
    finally:
        expect_status(put(srv, path, {"readyState": "NotReady"}), 204)


@test
def agents_ready_state_self(srv):
    # agentz is X3, with no rights of its own.
    path = "/agents/%s/readyState" % X3
    expect_status(put(srv, path, {"readyState": "Ready"}, user="agentz"),
                  204)
    try:
        assert ready(srv, X3, user="agentz") == "Ready"
    finally:
        expect_status(put(srv, path, {"readyState": "NotReady"},
                          user="agentz"), 204)
    assert ready(srv, X3) == "NotReady"
    # ... but not another agent's.
    r = put(srv, "/agents/%s/readyState" % X1, {"readyState": "Pause"},
            user="agentz")
    expect_plain(r, 404)


@test
def agents_ready_state_refusals_change_nothing(srv):
    def history():
        return psql("SELECT count(*), max(id) FROM agent_state_history "
                    "WHERE agent_id LIKE 'F6%'")
    h = history()
    cases = [
        # teamlead has STATISTICS_DETAILS but not MANAGE on X1 and X4.
        (X1, LEAD, {"readyState": "NotReady"}, JSON, 403,
         "HTTP 403 Forbidden: no MANAGE right on agent " + X1),
        (X4, LEAD, {"readyState": "Ready"}, JSON, 403, "HTTP 403 Forbidden"),
        # MANAGE_PRESENCE is not MANAGE.
        (X5, LEAD, {"readyState": "Ready"}, JSON, 403, "HTTP 403 Forbidden"),
        # agentx may change itself only.
        (X3, "agentx", {"readyState": "Ready"}, JSON, 404,
         "HTTP 404 Not Found"),
        (NOBODY, LEAD, {"readyState": "Ready"}, JSON, 404,
         "HTTP 404 Not Found"),
        (X1, "supervisor", {"readyState": "Ready"}, JSON, 404, None),
        # A logged-out agent is not made ready from afar.
        (X2, LEAD, {"readyState": "Ready"}, JSON, 409,
         "HTTP 409 Conflict: agent %s is logged out" % X2),
        ("nope", LEAD, {"readyState": "Ready"}, JSON, 400,
         "Invalid GUID: 'nope'"),
        (X3, LEAD, {"readyState": "Sleeping"}, JSON, 400,
         "Invalid readyState: 'Sleeping'"),
        (X3, LEAD, {"readyState": "LoggedOut"}, JSON, 400,
         "Invalid readyState: 'LoggedOut'"),
        (X3, LEAD, {"state": "Ready"}, JSON, 400,
         "Invalid body: missing property 'readyState'"),
        (X3, LEAD, {"readyState": ["Ready"]}, JSON, 400,
         "Invalid body: property 'readyState' must be a single value"),
        (X3, LEAD, b'{"readyState": "Ready"', JSON, 400,
         "Invalid body: malformed JSON"),
        (X3, LEAD, b"", JSON, 400, "Invalid body"),
        (X3, LEAD, b'{"readyState": "Ready"}', {"Content-Type": "text/plain"},
         415, "HTTP 415 Unsupported Media Type"),
        (X3, LEAD, b'{"readyState": "Ready"}', {}, 415, None),
        (X3, LEAD, json.dumps({"readyState": "Ready",
                               "pad": "x" * 70000}).encode(), JSON, 413,
         "HTTP 413 Payload Too Large"),
        (X3, LEAD, b'{"readyState": "Re\xffady"}', JSON, 400,
         "Invalid body: not UTF-8"),
        (X3, LEAD, b'<!DOCTYPE r [<!ENTITY e "Ready">]>'
         b'<readyState><readyState>&e;</readyState></readyState>', XML, 400,
         "Invalid body: DTDs are not accepted"),
        (X3, LEAD, b'<readyState><readyState>Ready</readyState>', XML, 400,
         "Invalid body: malformed XML"),
    ]
    for id, user, body, headers, status, msg in cases:
        refused(srv, "/agents/%s/readyState" % id, body, headers, user,
                status, msg)
    assert history() == h
    assert ready(srv, X3) == "NotReady" and ready(srv, X1) == "Ready"
    assert ready(srv, X2) == "LoggedOut"


@test
def agents_queue_login_writes(srv):
    path = "/agents/%s/queues/%s" % (X3, Q63)
    got = srv.get(path, user=LEAD).json()
    assert got["serving"] is False and got["canChangeQueueLogin"] is False
    # MANAGE lets teamlead log X3 in although X3 may not do it itself. The
    # client sends the whole queue back; only serving changes.
    body = dict(got, serving=True, canChangeQueueLogin=True, name="Renamed")
    expect_status(put(srv, path, body), 204)
    try:
        now = srv.get(path, user=LEAD).json()
        assert now == dict(got, serving=True), now
        qs = srv.get("/queueStatuses/" + Q63, user=LEAD).json()
        assert (qs["agentsServing"], qs["agentsNotReady"]) == (1, 1), qs
        a = agent(srv, X3, "&showQueueInfo=2").json()["queues"]["queue"]
        assert [q["serving"] for q in a] == [True, True], a
    finally:
        expect_status(put(srv, path, {"serving": False}), 204)
    assert srv.get(path, user=LEAD).json() == got
    qs = srv.get("/queueStatuses/" + Q63, user=LEAD).json()
    assert qs["agentsServing"] == 0, qs


@test
def agents_queue_login_self(srv):
    path = "/agents/%s/queues/%s" % (X1, Q61)
    expect_status(put(srv, path, {"id": Q61, "serving": False},
                      user="agentx"), 204)
    try:
        assert srv.get(path, user="agentx").json()["serving"] is False
    finally:
        expect_status(put(srv, path, b"<queue><serving>true</serving>"
                          b"</queue>", headers=XML, user="agentx"), 204)
    assert srv.get(path, user="agentx").json()["serving"] is True


@test
def agents_queue_login_refusals_change_nothing(srv):
    def logins():
        return psql("SELECT string_agg(agent_id || queue_id || serving, ',' "
                    "ORDER BY agent_id, queue_id) FROM agent_queues "
                    "WHERE agent_id LIKE 'F6%'")
    before = logins()
    cases = [
        # X1 may not change its Q62 login itself (canChangeQueueLogin).
        (X1, Q62, "agentx", {"serving": True}, JSON, 403,
         "HTTP 403 Forbidden: agent %s may not change its login" % X1),
        # teamlead lacks MANAGE on X1.
        (X1, Q61, LEAD, {"serving": False}, JSON, 403,
         "HTTP 403 Forbidden: no MANAGE right"),
        (X3, Q62, LEAD, {"serving": True}, JSON, 404, "HTTP 404 Not Found"),
        (X3, NOBODY, LEAD, {"serving": True}, JSON, 404, None),
        (X3, Q61, "supervisor", {"serving": True}, JSON, 404, None),
        (X3, "nope", LEAD, {"serving": True}, JSON, 400,
         "Invalid GUID: 'nope'"),
        (X3, Q61, LEAD, {"id": Q63, "serving": False}, JSON, 400,
         "Invalid body: id '%s' is not the one in the URL" % Q63),
        (X3, Q61, LEAD, {"id": Q61}, JSON, 400,
         "Invalid body: missing property 'serving'"),
        (X3, Q61, LEAD, {"serving": "yes"}, JSON, 400,
         "Invalid body: property 'serving' must be true or false"),
        (X3, Q61, LEAD, b"<queue><serving>yes</serving></queue>", XML, 400,
         "Invalid serving: 'yes'"),
        (X3, Q61, LEAD, {"serving": False, "type": "Fax"}, JSON, 400,
         "Invalid type: 'Fax'"),
        (X3, Q61, LEAD, {"serving": False, "externalServing": 3}, JSON, 400,
         "Invalid body: property 'externalServing' must be true or false"),
        (X3, Q61, LEAD, b"serving=false", {"Content-Type":
         "application/x-www-form-urlencoded"}, 415, None),
        (X3, Q61, LEAD, b"<queue><serving>maybe</serving></queue>", XML, 400,
         "Invalid serving: 'maybe'"),
    ]
    for agent_id, queue_id, user, body, headers, status, msg in cases:
        refused(srv, "/agents/%s/queues/%s" % (agent_id, queue_id), body,
                headers, user, status, msg)
    assert logins() == before


@test
def agents_presence_writes(srv):
    path = "/agents/%s/presences/%s" % (X3, P2)
    before = agent(srv, X3, "&showQueueInfo=0").json()
    assert before["profileId"] == P1 and before["availability"] == "Free"
    expect_status(put(srv, path, {"id": P2, "name": "Lunch", "reason": "NONE",
                                  "type": "ABSENCE", "priority": 90}), 204)
    try:
        a = agent(srv, X3, "&showQueueInfo=0").json()
        assert (a["profileId"], a["profile"], a["profileType"],
                a["availability"], a["profileDuration"]) == \
            (P2, "Lunch", "ABSENCE", "Away", 0), a
        # The ready state and its time are untouched.
        assert a["userStatus"] == "NotReady"
        assert a["userStatusDuration"] == before["userStatusDuration"]
        assert (a["readyTime"], a["notReadyTime"]) == (6600000, 600000)
        assert psql("SELECT user_status || ' ' || profile_id FROM "
                    "agent_state_history WHERE agent_id = '%s' AND "
                    "end_time IS NULL" % X3) == "NotReady " + P2
        fi = agent(srv, X3, "&showQueueInfo=0&language=fi").json()
        assert fi["profile"] == "Lounas"
    finally:
        expect_status(put(srv, "/agents/%s/presences/%s" % (X3, P1),
                          b"<presence><id>%s</id></presence>" % P1.encode(),
                          headers=XML), 204)
    a = agent(srv, X3, "&showQueueInfo=0").json()
    assert (a["profileId"], a["availability"]) == (P1, "Free")


@test
def agents_presence_self_and_manage_presence_only(srv):
    # An agent activates its own profile, logged in or not.
    expect_status(put(srv, "/agents/%s/presences/%s" % (X1, P1), {},
                      user="agentx"), 204)
    # MANAGE_PRESENCE is enough for presence, even without a state so far.
    expect_status(put(srv, "/agents/%s/presences/%s" % (X5, P1), {}), 204)
    assert srv.get("/agents/%s/readyState" % X5, user=LEAD).json() == \
        {"readyState": "LoggedOut"}
    assert psql("SELECT count(*) FROM agent_state_history WHERE agent_id = "
                "'%s' AND end_time IS NULL" % X5) == "1"


@test
def agents_presence_refusals_change_nothing(srv):
    def state():
        return psql("SELECT string_agg(agent_id || coalesce(profile_id, '-'),"
                    " ',' ORDER BY agent_id) FROM agent_states "
                    "WHERE agent_id LIKE 'F6%'")
    before = state()
    cases = [
        (X1, P2, LEAD, {}, 403, "HTTP 403 Forbidden: no MANAGE_PRESENCE"),
        (X4, P3, LEAD, {}, 403, None),
        (X3, P3, LEAD, {}, 404, "HTTP 404 Not Found"),   # not X3's profile
        (X3, NOBODY, LEAD, {}, 404, None),
        (X3, P2, "agentx", {}, 404, None),
        (X3, P2, LEAD, {"id": P4}, 400, "Invalid body: id"),
        (X3, P2, LEAD, {"priority": "high"}, 400,
         "Invalid body: property 'priority' must be an integer"),
        (X3, P2, LEAD, {"priority": 99999999999}, 400, "Invalid priority"),
        (X3, P2, LEAD, {"type": "HOLIDAY"}, 400, "Invalid type: 'HOLIDAY'"),
        (X3, "nope", LEAD, {}, 400, "Invalid GUID: 'nope'"),
    ]
    for agent_id, pid, user, body, status, msg in cases:
        refused(srv, "/agents/%s/presences/%s" % (agent_id, pid), body,
                JSON, user, status, msg)
    assert state() == before


@test
def agents_concurrent_writers_keep_history_whole(srv):
    path = "/agents/%s/readyState" % X3
    states = ["Ready", "Pause", "NotReady"] * 6
    statuses = []

    def writer(s):
        statuses.append(put(srv, path, {"readyState": s}).status)
    threads = [threading.Thread(target=writer, args=(s,)) for s in states]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert statuses == [204] * len(states), statuses
        # One open interval, equal to the current state; no overlaps.
        assert psql("""
            SELECT count(*) FILTER (WHERE h.end_time IS NULL) = 1
               AND bool_and(h.end_time IS NULL OR h.end_time >= h.start_time)
               AND (SELECT h2.user_status FROM agent_state_history h2
                    WHERE h2.agent_id = '%s' AND h2.end_time IS NULL)
                   = (SELECT s.user_status FROM agent_states s
                      WHERE s.agent_id = '%s')
            FROM agent_state_history h WHERE h.agent_id = '%s'
        """ % (X3, X3, X3)) == "t"
        assert psql("""
            SELECT count(*) FROM agent_state_history a
            JOIN agent_state_history b ON a.agent_id = b.agent_id
              AND a.id < b.id
              AND a.start_time < coalesce(b.end_time, 'infinity')
              AND b.start_time < coalesce(a.end_time, 'infinity')
            WHERE a.agent_id = '%s'""" % X3) == "0"
    finally:
        expect_status(put(srv, path, {"readyState": "NotReady"}), 204)
