"""Concurrent ready-state writes on one agent keep its history whole.

Eight clients PUT readyState on one agent (X3 of fixture_agents.sql, which
teamlead may MANAGE), a bounded number of requests each, then the history
rules of db/check.sql must hold for that agent: one open interval equal to
agent_states, contiguous (each end is the next start), none in the future,
and stamped in the order the writers got the agent's row (ids ascend with
start times). db/check.sql itself, over the whole fixture, must report
what it reported before.

The harness pins the clock (rmi.now), and a pinned clock stamps every
transition at the same instant: zero-length intervals that cannot be out
of order, whoever waits for whom. So this test runs the writes on the real
clock, the production path: it unpins rmi.now for the database and ends
the programs' sessions (pg_terminate_backend; a program reconnects on its
next request, common/db.c), so that their new sessions start without it;
afterwards it pins the clock again the same way and puts back the agent's
state and history. The checks run in a session without the pin as well.
"""
import json
import os
import subprocess
import threading

from rmitest import test

X3 = "F6000000000000000000000000000013"
LEAD = "teamlead"
CLIENTS = 8
PER_CLIENT = 40
STATES = ["Ready", "Pause", "NotReady"]
HERE = os.path.dirname(os.path.abspath(__file__))
CHECK_SQL = os.path.join(HERE, "..", "..", "db", "check.sql")


def psql(sql, unpinned=False, path=None):
    env = dict(os.environ)
    if unpinned:
        env["PGOPTIONS"] = "-c rmi.now="
    args = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
            "-d", os.environ["RMI_DB"]]
    args += ["-f", path] if path else ["-c", sql]
    r = subprocess.run(args, env=env, capture_output=True, text=True)
    return r.returncode, r.stdout.strip()


def sql(q):
    rc, out = psql(q)
    assert rc == 0, (q, out)
    return out


def set_clock(value):
    """Sets (or with None resets) rmi.now for the database and ends the
    programs' sessions, so that their next ones take the new setting."""
    setting = ("SET rmi.now = %s" % quote(value)) if value else \
        "RESET rmi.now"
    sql("DO $$ BEGIN EXECUTE format('ALTER DATABASE %%I %s', "
        "current_database()); END $$" % setting.replace("'", "''"))
    sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND backend_type = 'client backend' AND application_name = 'rmi'")


def quote(s):
    return "'" + s.replace("'", "''") + "'"


def history_checks():
    """db/check.sql's lines about agent_state_history, on the real clock."""
    rc, out = psql(None, unpinned=True, path=CHECK_SQL)
    lines = [l.split("|") for l in out.splitlines() if "|" in l]
    got = {name: int(bad) for name, bad in lines if "history" in name}
    assert len(got) >= 4, out
    return got


def agent_history_rules(agent):
    """The same rules for one agent's history, offending rows per rule."""
    rc, out = psql("""
        WITH h AS (
            SELECT h.*,
                lead(h.start_time) OVER (ORDER BY h.start_time, h.id) AS next,
                lag(h.start_time) OVER (ORDER BY h.id) AS prev_by_id
            FROM agent_state_history h WHERE h.agent_id = '%s')
        SELECT (SELECT count(*) FROM h WHERE h.end_time IS NULL) - 1,
            (SELECT count(*) FROM h JOIN agent_states s
                ON s.agent_id = h.agent_id AND h.end_time IS NULL
             WHERE h.user_status <> s.user_status
                OR h.profile_id IS DISTINCT FROM s.profile_id
                OR h.start_time <> s.user_status_since),
            (SELECT count(*) FROM h WHERE h.next IS NOT NULL
                AND h.end_time IS DISTINCT FROM h.next),
            (SELECT count(*) FROM h WHERE h.end_time IS NULL
                AND h.next IS NOT NULL),
            (SELECT count(*) FROM h WHERE h.start_time > now()),
            (SELECT count(*) FROM h WHERE h.start_time < h.prev_by_id)
        """ % agent, unpinned=True)
    assert rc == 0, out
    names = ["open intervals - 1", "open interval differs from agent_states",
             "gap or overlap", "open interval not the latest",
             "starts in the future", "stamped out of order"]
    return dict(zip(names, (int(x) for x in out.split("|"))))


@test
def ready_state_concurrent_writers_real_clock(srv):
    pinned = sql("SELECT current_setting('rmi.now', true)")
    assert pinned, "the harness pins rmi.now"
    last = sql("SELECT max(id) FROM agent_state_history")
    saved = sql("SELECT format('UPDATE agent_states SET user_status = %%L, "
                "user_status_since = %%L, profile_id = %%L, "
                "profile_since = %%L WHERE agent_id = %%L', user_status, "
                "user_status_since, profile_id, profile_since, agent_id) "
                "FROM agent_states WHERE agent_id = '%s'" % X3)
    reopen = sql("SELECT id FROM agent_state_history WHERE agent_id = '%s' "
                 "AND end_time IS NULL" % X3)
    before = history_checks()
    assert set(agent_history_rules(X3).values()) == {0}
    statuses = []

    def client(n):
        path = "/agents/%s/readyState" % X3
        for i in range(PER_CLIENT):
            body = json.dumps({"readyState": STATES[(n + i) % 3]}).encode()
            r = srv.request("PUT", path, body=body, user=LEAD,
                            headers={"Content-Type": "application/json"})
            statuses.append(r.status)

    set_clock(None)
    try:
        threads = [threading.Thread(target=client, args=(n,))
                   for n in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        transitions = int(sql("SELECT count(*) FROM agent_state_history "
                              "WHERE id > %s" % last))
        after = agent_history_rules(X3)
        whole = history_checks()
    finally:
        set_clock(pinned)
        sql("BEGIN; DELETE FROM agent_state_history WHERE id > %s; "
            "UPDATE agent_state_history SET end_time = NULL WHERE id = %s; "
            "%s; COMMIT" % (last, reopen, saved))
    assert statuses == [204] * (CLIENTS * PER_CLIENT), \
        sorted(set(statuses))
    assert transitions > CLIENTS, transitions
    assert set(after.values()) == {0}, (transitions, after)
    assert whole == before, (before, whole)
    assert history_checks() == before
