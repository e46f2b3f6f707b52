"""Integration tests of /queueGroups against fixture_queue_groups.sql."""
from rmitest import test, expect_status, expect_plain

Q = {n: str(n) * 32 for n in range(1, 8)}
G1 = "D0000000000000000000000000000001"
G2 = "D0000000000000000000000000000002"
G3 = "D0000000000000000000000000000003"
NAMES = {1: "Alpha Sales", 2: "Ärende Chat", 3: "Zeta Support, Tier 2",
         4: "Öljy Phone", 5: "Help_100%", 6: "HelpX1000", 7: "Hidden Queue"}
TYPES = {1: "Phone", 2: "Chat", 3: "Email", 4: "Phone", 5: "Chat", 6: "Chat",
         7: "Email"}
Q1_LEVELS = {"freeAgentCriticalLevel": 1, "freeAgentWarningLevel": 2,
             "interactionsCriticalLevel": 10, "interactionsWarningLevel": 5,
             "maxWaitTimeCriticalLevel": 120000,
             "maxWaitTimeWarningLevel": 60000,
             "servingAgentCriticalLevel": 1, "servingAgentWarningLevel": 3,
             "serviceLevelCriticalLevel": 20, "serviceLevelWarningLevel": 50}
Q2_LEVELS = {"serviceLevelCriticalLevel": 30, "serviceLevelWarningLevel": 60}


def queue(n, levels=False):
    q = {"id": Q[n], "name": NAMES[n], "type": TYPES[n]}
    if levels:
        q.update({1: Q1_LEVELS, 2: Q2_LEVELS}.get(n, {}))
    return q


def group(id, name, queues, levels=False):
    return {"id": id, "name": name,
            "queues": {"queue": [queue(n, levels) for n in queues]}}


ALL = [1, 2, 5, 6, 7, 4, 3]     # by name, Ä beside A


@test
def queue_groups_list_exact(srv):
    r = srv.get("/queueGroups")
    expect_status(r, 200)
    assert r.json() == [
        group("ALL_QUEUES", "ALL_QUEUES", ALL),
        group(G2, "Chat queues", [6, 2, 5]),
        group(G1, "Sales queues", [4, 1]),
        group(G3, "Secret group", [7])], r.json()


@test
def queue_groups_thresholds_only_when_asked(srv):
    got = srv.get("/queueGroups/%s?showThresholds=1" % G1).json()
    assert got == group(G1, "Sales queues", [4, 1], levels=True), got
    assert list(got["queues"]["queue"][1].keys())[3:] == list(Q1_LEVELS)
    got = srv.get("/queueGroups/%s?showThresholds=true" % G2).json()
    assert got == group(G2, "Chat queues", [6, 2, 5], levels=True), got
    for q in ("", "?showThresholds=0", "?showThresholds=false"):
        got = srv.get("/queueGroups/" + G1 + q).json()
        assert got == group(G1, "Sales queues", [4, 1]), got
    r = srv.get("/queueGroups?showThresholds=yes")
    expect_plain(r, 400, startswith="Invalid showThresholds: 'yes'")


@test
def queue_groups_all_queues_by_id(srv):
    got = srv.get("/queueGroups/ALL_QUEUES/").json()
    assert got == group("ALL_QUEUES", "ALL_QUEUES", ALL)
    got = srv.get("/queueGroups?id=ALL_QUEUES,%s" % G3).json()
    assert [g["id"] for g in got] == ["ALL_QUEUES", G3]
    r = srv.get("/queueGroups/ALL_QUEUEZ")
    expect_plain(r, 400, body="Invalid GUID: 'ALL_QUEUEZ'")
    r = srv.get("/queueGroups?id=all_queues")
    expect_plain(r, 400, body="Invalid GUID: 'all_queues'")
    r = srv.get("/queueGroups/" + "D" * 32)
    expect_plain(r, 404, body="HTTP 404 Not Found")


@test
def queue_groups_rights_and_language(srv):
    got = srv.get("/queueGroups", user="agent1").json()   # FI by default
    q1_fi = {"id": Q[1], "name": "Alfa Myynti", "type": "Phone"}
    assert got == [group(G2, "Chat queues", [2]),
                   {"id": "ALL_QUEUES", "name": "Kaikki jonot",
                    "queues": {"queue": [q1_fi, queue(2)]}},
                   {"id": G1, "name": "Myyntijonot",
                    "queues": {"queue": [q1_fi]}}], got
    r = srv.get("/queueGroups/" + G3, user="agent1")
    expect_plain(r, 404, body="HTTP 404 Not Found")
    # No visible queue at all: ALL_QUEUES with an empty list.
    got = srv.get("/queueGroups", user="norights").json()
    assert got == [{"id": "ALL_QUEUES", "name": "ALL_QUEUES",
                    "queues": {"queue": []}}], got


@test
def queue_groups_filters_sort_paging(srv):
    def ids(q):
        return [g["id"] for g in srv.get("/queueGroups" + q).json()]
    # Case-insensitive: ALL_QUEUES matches too.
    assert ids("?name=*queues") == ["ALL_QUEUES", G2, G1]
    assert ids("?name=*%20queues") == [G2, G1]
    assert ids("?sort=-name") == [G3, G1, G2, "ALL_QUEUES"]
    assert ids("?limit=2&offset=1") == [G2, G1]
    assert ids("?limit=1&offset=3&showThresholds=1") == [G3]
    assert ids("?name=nothing") == []
    r = srv.get("/queueGroups?sort=queues")
    expect_plain(r, 400, body="Invalid sort field: 'queues'")


@test
def queue_groups_xml(srv):
    r = srv.get("/queueGroups?id=%s&showThresholds=1" % G1,
                headers={"Accept": "application/xml"})
    root = r.xml()
    assert root.tag == "queueGroups"
    g = root[0]
    assert g.tag == "queueGroup"
    assert [c.tag for c in g] == ["id", "name", "queues"]
    qs = g.find("queues")
    assert [c.tag for c in qs] == ["queue", "queue"]
    assert [c.tag for c in qs[1]] == ["id", "name", "type"] + list(Q1_LEVELS)
    assert qs[1].find("serviceLevelWarningLevel").text == "50"
    r = srv.get("/queueGroups/ALL_QUEUES", user="norights",
                headers={"Accept": "application/xml"})
    root = r.xml()
    assert root.tag == "queueGroup"
    assert [c.tag for c in root] == ["id", "name", "queues"]
    assert len(root.find("queues")) == 0
