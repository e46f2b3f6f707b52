"""The rights matrix: every user of the fixture against every route and
method of the seven programs, generated from the database.

What each user may see and change is computed here, in Python, from the
raw tables (users, rights, queues, queue_group_queues, contacts,
applications, agent_queues, agent_presence_profiles, agent_states,
settings) read with plain SELECTs, never through the rmi_* functions
under test, following the rules of docs/decisions.md (STATISTICS_DETAILS
on a queue, agent, campaign or IVR application to see it; SERVE to pick a
queue's contacts; MANAGE, MANAGE_PRESENCE or being the agent to write;
/contactSummaries, computed rows, are checked against the union of every
user's answer). Then:

- every list, plain, with a wildcard filter on an always-set field
  (`name=*` or the like) and with an `id=` list mixing visible and
  invisible ids, holds exactly the visible rows: zero rows outside the
  user's rights, none missing;
- every by-id GET is 200 for a visible object and 404 for any other;
- every write the user has no right to is 403 or 404 and changes nothing:
  a checksum of every table a write may touch is the same before and
  after (the allowed writes sent are no-ops and must not change it either);
- ghost (authenticated, unknown to the database) gets 403 and no
  credentials 401 on every route and method.
"""
import json
import os
import subprocess

from rmitest import test

# htpasswd users (tests/integration/run) that the database knows.
USERS = ["supervisor", "agent1", "norights", "settingsuser", "teamlead",
         "agentx", "agentz"]
SINCE = "startTime=2000-01-01T00:00:00Z"
GUID0 = "0" * 32


def psql(sql):
    r = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
         "-d", os.environ["RMI_DB"], "-c", sql],
        check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        universal_newlines=True)
    return r.stdout.strip()


def rows(sql):
    """The rows of sql as a list of lists (through json_agg)."""
    out = psql("SELECT coalesce(json_agg(to_json(x)), '[]') FROM (%s) x"
               % sql)
    return [list(r.values()) for r in json.loads(out)]


# Every table a write of the suite may touch (directly or by trigger).
CHECKSUM = """
SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
    SELECT 'agent_states' || t::text x FROM agent_states t
    UNION ALL SELECT 'agent_state_history' || t::text
        FROM agent_state_history t
    UNION ALL SELECT 'agent_queues' || t::text FROM agent_queues t
    UNION ALL SELECT 'queue_agent_counts' || t::text
        FROM queue_agent_counts t
    UNION ALL SELECT 'settings' || t::text FROM settings t
    UNION ALL SELECT 'rights' || t::text FROM rights t
    UNION ALL SELECT 'users' || t::text FROM users t) s
"""


class Model:
    """The fixture as plain rows, and who may see and do what."""

    def __init__(self):
        self.user_id = dict(rows("SELECT login, id FROM users"))
        self.agents = {r[0] for r in rows(
            "SELECT id FROM users WHERE is_agent")}
        self.users = {r[0] for r in rows("SELECT id FROM users")}
        self.rights = {}
        for u, o, right in rows(
                "SELECT user_id, object_id, right_name FROM rights"):
            self.rights.setdefault((u, right), set()).add(o)
        self.queues = {r[0] for r in rows("SELECT id FROM queues")}
        self.groups = {}
        for g, q in rows("SELECT g.id, m.queue_id FROM queue_groups g "
                         "LEFT JOIN queue_group_queues m "
                         "ON m.queue_group_id = g.id"):
            self.groups.setdefault(g, set())
            if q is not None:
                self.groups[g].add(q)
        self.contacts = rows(
            "SELECT c.id, c.queue_id, c.agent_id, c.outbound_campaign_id,"
            " CASE WHEN a.kind = 'IVR' THEN c.application_id END,"
            " c.arrival_time >= '2000-01-01', c.channel, c.status, c.type"
            " FROM contacts c"
            " LEFT JOIN applications a ON a.id = c.application_id")
        self.agent_queues = rows(
            "SELECT aq.agent_id, aq.queue_id, aq.serving,"
            " aq.external_serving, aq.can_change_queue_login, q.name, q.type"
            " FROM agent_queues aq JOIN queues q ON q.id = aq.queue_id")
        self.presences = rows(
            "SELECT ap.agent_id, p.id, p.name, p.reason, p.type, p.priority"
            " FROM agent_presence_profiles ap"
            " JOIN presence_profiles p ON p.id = ap.profile_id")
        self.states = {r[0]: (r[1], r[2]) for r in rows(
            "SELECT agent_id, user_status, profile_id FROM agent_states")}
        self.settings = rows("SELECT user_id, id FROM settings")

    def right(self, uid, name):
        return self.rights.get((uid, name), set())

    def sd(self, uid):
        return self.right(uid, "STATISTICS_DETAILS")

    def contact_visible(self, uid, c):
        return any(o is not None and o in self.sd(uid) for o in c[1:5])

    def pickable(self, uid, c):
        cid, queue, agent, _, _, _, channel, status, ctype = c
        return (self.contact_visible(uid, c) and channel != "PHONE" and
                queue in self.right(uid, "SERVE") and
                ((status == "InQueue" and channel in ("CHAT", "EMAIL")) or
                 (status == "InProcess_Pending" and
                  (ctype == "EMAILIN" or
                   (ctype == "EMAILOUT" and agent == uid)))))

    def agent_seen(self, uid):
        """Agents listed in /agents: itself and STATISTICS_DETAILS."""
        return {a for a in self.agents if a == uid or a in self.sd(uid)}

    def agent_refs(self, uid):
        """Agents one may look below (queues, presences, readyState)."""
        return {a for a in self.agents
                if a == uid or a in self.sd(uid) or
                a in self.right(uid, "MANAGE") or
                a in self.right(uid, "MANAGE_PRESENCE")}

    def write_refusal(self, uid, agent, right):
        """404 / 403 as a write on agent must be refused, or None."""
        if agent not in self.agent_refs(uid):
            return 404
        if agent != uid and agent not in self.right(uid, right):
            return 403
        return None


def ids_of(r):
    assert r.status == 200, r
    return sorted(i["id"] for i in r.json())


def mixed(visible, invisible):
    """An id list of one visible (if any) and one invisible id (if any)."""
    v = sorted(visible)[:1]
    i = sorted(invisible)[:1]
    return v, ",".join(v + i) if v or i else GUID0


class Matrix:
    """One user's checks; failures are collected, not raised one by one."""

    def __init__(self, srv, m, login):
        self.srv, self.m, self.login = srv, m, login
        self.uid = m.user_id[login]
        self.failures = []
        self.requests = 0
        self.outcomes = {}     # write status wanted -> how many

    def get(self, path):
        self.requests += 1
        return self.srv.get(path, user=self.login)

    def expect(self, what, got, want):
        if got != want:
            self.failures.append("%s %s: got %r, want %r" %
                                 (self.login, what, got, want))

    def list_exact(self, path, want):
        r = self.get(path)
        if r.status != 200:
            self.expect("GET " + path, r.status, 200)
            return
        self.expect("GET " + path, sorted(i["id"] for i in r.json()),
                    sorted(want))

    def by_id(self, path, visible):
        self.expect("GET " + path, self.get(path).status,
                    200 if visible else 404)

    def family(self, coll, everything, visible, wildcard, extra=""):
        """A list plain, with a wildcard, with mixed ids; every by-id GET."""
        sep = "&" if extra else ""
        self.list_exact("/%s?limit=10000%s%s" % (coll, sep, extra), visible)
        self.list_exact("/%s?limit=10000&%s=*%s%s" %
                        (coll, wildcard, sep, extra), visible)
        v, idlist = mixed(visible, set(everything) - set(visible))
        self.list_exact("/%s?id=%s%s%s" % (coll, idlist, sep, extra), v)
        for o in sorted(everything):
            self.by_id("/%s/%s%s%s" % (coll, o, "?" if extra else "", extra),
                       o in visible)

    def reads(self):
        m, uid = self.m, self.uid
        sd = m.sd(uid)
        self.family("queueStatuses", m.queues, m.queues & sd, "name")
        self.family("userStatuses", m.users, m.agents & sd, "name")
        self.family("agents", m.users, m.agent_seen(uid), "name", SINCE)
        self.agent_flags()
        self.queue_groups(sd)
        visible = {c[0] for c in m.contacts if m.contact_visible(uid, c)}
        since = {c[0] for c in m.contacts if c[5]}
        self.list_exact("/contacts?limit=10000&" + SINCE, visible & since)
        self.list_exact("/contacts?limit=10000&source=*&" + SINCE,
                        visible & since)
        v, idlist = mixed(visible & since, since - visible)
        self.list_exact("/contacts?id=%s&%s" % (idlist, SINCE), v)
        self.list_exact("/contacts?limit=10000&pickable=true&" + SINCE,
                        {c[0] for c in m.contacts
                         if c[5] and m.pickable(uid, c)})
        for c in m.contacts:
            self.by_id("/contacts/" + c[0], c[0] in visible)
        # Details: the parent's check, the same for every contact; a few
        # visible and a few invisible ones keep the run short.
        every = sorted(c[0] for c in m.contacts)
        for cid in ([i for i in every if i in visible][:4] +
                    [i for i in every if i not in visible][:4]):
            self.by_id("/contacts/%s/details" % cid, cid in visible)
        self.below_agents()
        self.summaries(sd, self.m.summaries)
        own = {s[1] for s in m.settings if s[0] == uid}
        self.list_exact("/settings", own)
        self.list_exact("/settings?id=*", own)
        for key in sorted({s[1] for s in m.settings}):
            self.by_id("/settings/" + key, key in own)

    def agent_flags(self):
        """manageable / manageablePresence: the user's rights on each."""
        r = self.get("/agents?limit=10000&" + SINCE)
        for a in r.json() if r.status == 200 else []:
            self.expect("manageable of " + a["id"], a["manageable"],
                        a["id"] == self.uid or
                        a["id"] in self.m.right(self.uid, "MANAGE"))
            self.expect("manageablePresence of " + a["id"],
                        a["manageablePresence"],
                        a["id"] == self.uid or a["id"] in
                        self.m.right(self.uid, "MANAGE_PRESENCE"))

    def queue_groups(self, sd):
        m = self.m
        want = {g: qs & sd for g, qs in m.groups.items() if qs & sd}
        want["ALL_QUEUES"] = m.queues & sd
        for path in ("/queueGroups?limit=10000",
                     "/queueGroups?limit=10000&name=*"):
            r = self.get(path)
            if r.status != 200:
                self.expect("GET " + path, r.status, 200)
                continue
            got = {g["id"]: {q["id"] for q in
                             (g.get("queues") or {}).get("queue", [])}
                   for g in r.json()}
            self.expect("GET " + path, got, want)
        for g in sorted(m.groups) + ["ALL_QUEUES"]:
            self.by_id("/queueGroups/" + g, g in want)

    def below_agents(self):
        """Queues, presences and ready state of every agent."""
        m, refs = self.m, self.m.agent_refs(self.uid)
        for a in sorted(m.agents):
            seen = a in refs
            queues = {q[1] for q in m.agent_queues if q[0] == a}
            profiles = {p[1] for p in m.presences if p[0] == a}
            for sub, objs in (("queues", queues), ("presences", profiles)):
                path = "/agents/%s/%s" % (a, sub)
                if seen:
                    self.list_exact(path + "?limit=10000", objs)
                    v, idlist = mixed(objs, m.queues - objs if
                                      sub == "queues" else {GUID0})
                    self.list_exact("%s?id=%s" % (path, idlist), v)
                else:
                    self.by_id(path, False)
                for o in sorted(objs)[:1]:
                    self.by_id("%s/%s" % (path, o), seen)
            self.by_id("/agents/%s/readyState" % a, seen)

    def summaries(self, sd, every):
        """every: the summaries any user of the matrix got (their ids
        hold their queue, so whose they are is known here)."""
        r = self.get("/contactSummaries?limit=10000&" + SINCE)
        if r.status != 200:
            self.expect("GET /contactSummaries", r.status, 200)
            return
        self.expect("GET /contactSummaries",
                    sorted(i["id"] for i in r.json()),
                    [i for i in every if i[:32] in sd])
        # One summary of each queue.
        for i in sorted({i[:32]: i for i in every}.values()):
            self.by_id("/contactSummaries/" + i, i[:32] in sd)

    def write(self, method, path, body, want):
        self.requests += 1
        self.outcomes[want] = self.outcomes.get(want, 0) + 1
        r = self.srv.request(method, path, user=self.login,
                             headers={"Content-Type": "application/json"},
                             body=json.dumps(body))
        self.expect("%s %s %s" % (method, path, json.dumps(body)),
                    r.status, want)

    def writes(self):
        """Each refused write, and each allowed one that is a no-op."""
        m, uid = self.m, self.uid
        before = psql(CHECKSUM)
        for a in sorted(m.agents):
            refused = m.write_refusal(uid, a, "MANAGE")
            state = m.states.get(a, ("LoggedOut", None))[0]
            if refused:
                # A real change, were it let through.
                self.write("PUT", "/agents/%s/readyState" % a,
                           {"readyState": "Pause" if state == "Ready"
                            else "Ready"}, refused)
            elif state != "LoggedOut":
                self.write("PUT", "/agents/%s/readyState" % a,
                           {"readyState": state}, 204)
        for a, q, serving, ext, can, name, qtype in m.agent_queues:
            refused = m.write_refusal(uid, a, "MANAGE")
            if refused is None and a == uid and not can:
                refused = 403
            body = {"id": q, "name": name, "type": qtype,
                    "serving": not serving if refused else serving,
                    "externalServing": ext, "canChangeQueueLogin": can}
            self.write("PUT", "/agents/%s/queues/%s" % (a, q), body,
                       refused or 204)
        for a, p, name, reason, ptype, prio in m.presences:
            refused = m.write_refusal(uid, a, "MANAGE_PRESENCE")
            body = {"id": p, "name": name, "reason": reason, "type": ptype,
                    "priority": prio}
            if refused:
                self.write("PUT", "/agents/%s/presences/%s" % (a, p), body,
                           refused)
            elif m.states.get(a, (None, None))[1] == p:
                self.write("PUT", "/agents/%s/presences/%s" % (a, p), body,
                           204)
        own = {s[1] for s in m.settings if s[0] == uid}
        for key in sorted({s[1] for s in m.settings} - own):
            # Another user's key, which this one has not: nothing to update.
            self.write("PUT", "/settings/" + key,
                       {"id": key, "uiLanguage": "", "value": "x"}, 404)
        after = psql(CHECKSUM)
        self.expect("checksum of the written tables", after, before)


def everything(m):
    """Every route and method, with ids of the fixture."""
    agent = sorted(m.agents)[0]
    q = next(r for r in m.agent_queues if r[0] == agent) \
        if any(r[0] == agent for r in m.agent_queues) else None
    queue = sorted(m.queues)[0]
    contact = sorted(c[0] for c in m.contacts)[0]
    summary = queue + "20260115T090000Z"
    presence = sorted(p[1] for p in m.presences)[0]
    gets = ["/agents?" + SINCE, "/agents/" + agent,
            "/agents/%s/queues" % agent,
            "/agents/%s/queues/%s" % (agent, q[1] if q else queue),
            "/agents/%s/presences" % agent,
            "/agents/%s/presences/%s" % (agent, presence),
            "/agents/%s/readyState" % agent,
            "/contactSummaries", "/contactSummaries/" + summary,
            "/contacts", "/contacts/" + contact,
            "/contacts/%s/details" % contact,
            "/queueGroups", "/queueGroups/ALL_QUEUES",
            "/queueStatuses", "/queueStatuses/" + queue,
            "/settings", "/settings/MON365_SETTINGS",
            "/userStatuses", "/userStatuses/" + agent]
    writes = [("PUT", "/agents/%s/queues/%s" % (agent, queue),
               {"id": queue, "serving": True}),
              ("PUT", "/agents/%s/presences/%s" % (agent, presence),
               {"id": presence}),
              ("PUT", "/agents/%s/readyState" % agent,
               {"readyState": "Ready"}),
              ("POST", "/settings", {"id": "matrix", "value": "x"}),
              ("PUT", "/settings/MON365_SETTINGS",
               {"id": "MON365_SETTINGS", "value": "x"})]
    return gets, writes


def all_summaries(srv):
    """The union of every user's /contactSummaries: the summaries have no
    table of their own to read them from (they are computed)."""
    every = set()
    for login in USERS:
        r = srv.get("/contactSummaries?limit=10000&" + SINCE, user=login)
        assert r.status == 200, r
        every |= {i["id"] for i in r.json()}
    return sorted(every)


@test
def rights_matrix_reads(srv):
    m = Model()
    m.summaries = all_summaries(srv)
    assert m.summaries, "no contact summaries to check"
    failures, n = [], 0
    for login in USERS:
        mx = Matrix(srv, m, login)
        mx.reads()
        failures += mx.failures
        n += mx.requests
    assert not failures, "%d of %d checks failed:\n%s" % (
        len(failures), n, "\n".join(failures[:40]))


@test
def rights_matrix_refused_writes_change_nothing(srv):
    m = Model()
    failures, n, outcomes = [], 0, {}
    for login in USERS:
        mx = Matrix(srv, m, login)
        mx.writes()
        failures += mx.failures
        n += mx.requests
        for k, v in mx.outcomes.items():
            outcomes[k] = outcomes.get(k, 0) + v
    # The fixture must give the matrix each kind of answer to check.
    assert all(outcomes.get(k) for k in (204, 403, 404)), outcomes
    assert not failures, "%d of %d checks failed:\n%s" % (
        len(failures), n, "\n".join(failures[:40]))


@test
def rights_matrix_strangers(srv):
    """ghost: 403 everywhere; no credentials: 401 everywhere; no change."""
    m = Model()
    gets, writes = everything(m)
    before = psql(CHECKSUM)
    failures = []
    for user, want in (("ghost", 403), (None, 401)):
        for path in gets:
            for method in ("GET", "HEAD"):
                r = srv.request(method, path, user=user)
                if r.status != want:
                    failures.append("%s %s %s: %d" % (user, method, path,
                                                      r.status))
        for method, path, body in writes:
            r = srv.request(method, path, user=user,
                            headers={"Content-Type": "application/json"},
                            body=json.dumps(body))
            if r.status != want:
                failures.append("%s %s %s: %d" % (user, method, path,
                                                  r.status))
    assert psql(CHECKSUM) == before, "a stranger's write changed data"
    assert not failures, "\n".join(failures)
