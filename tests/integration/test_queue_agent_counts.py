"""Integration tests of the maintained agent counters of /queueStatuses
(db/functions/20_queue_statuses.sql; the table: migration
013_queue_agent_counts.sql): agentsServing/Free/Busy/WrapUp/NotReady/Pause
follow the writes to agent_states, agent_queues and contacts through the
triggers, alone and under concurrent writers, and equal a recomputation
from scratch afterwards.

Writes go through psql to the test database ($RMI_DB, exported by
tests/integration/run) on rows of tests/integration/fixture.sql; every test
puts them back as it found them (also when it fails).
"""
import os
import random
import subprocess

from rmitest import test, expect_status

Q1 = "11111111111111111111111111111111"
Q4 = "44444444444444444444444444444444"
# Fixture agents: A Ready (Q1, Q4), B busy with C7, C wrap-up with C8,
# D NotReady (Q1, Q4), E Pause, F LoggedOut, AG10 Ready but not serving
# Q1, AG11 Ready with a pending e-mail (C9, not busy).
A, B, C, D, E, F = ("AB00000000000000000000000000000" + x for x in "ABCDEF")
AG10 = "AB000000000000000000000000000010"
AG11 = "AB000000000000000000000000000011"
AGENTS = [A, B, C, D, E, F, AG10, AG11]
C7, C8, C9 = ("C000000000000000000000000000000" + x for x in "789")
COUNTS = ["agentsServing", "agentsFree", "agentsBusy", "agentsWrapUp",
          "agentsNotReady", "agentsPause"]


def psql(sql, check=True):
    """Runs sql in the test database; its unaligned output (and errors)."""
    r = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v",
         "ON_ERROR_STOP=%d" % (1 if check else 0),
         "-d", os.environ["RMI_DB"], "-c", sql],
        check=check, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        universal_newlines=True)
    return r.stdout.strip() + r.stderr.strip()


def counts(srv, queue):
    r = srv.get("/queueStatuses/" + queue)
    expect_status(r, 200)
    q = r.json()
    return tuple(q[k] for k in COUNTS)


def consistent():
    """The table equals the definition computed from scratch, both ways."""
    diff = psql("""
        WITH a AS (SELECT * FROM rmi_queue_agent_aggregate(ARRAY(
            SELECT queue_id FROM agent_queues)))
        SELECT (SELECT count(*) FROM (SELECT * FROM a EXCEPT
                SELECT * FROM queue_agent_counts) x)
             + (SELECT count(*) FROM (SELECT * FROM queue_agent_counts
                EXCEPT SELECT * FROM a) y)""")
    assert diff == "0", "queue_agent_counts differs in %s rows" % diff


def snapshot():
    """The fixture rows these tests write, as SQL that restores them."""
    return psql("""
        SELECT string_agg(s, ' ') FROM (
          SELECT format('UPDATE agent_states SET user_status = %L'
              ' WHERE agent_id = %L;', user_status, agent_id) s
          FROM agent_states WHERE agent_id LIKE 'AB%'
          UNION ALL
          SELECT format('UPDATE contacts SET status = %L, agent_id = %L'
              ' WHERE id = %L;', status, agent_id, id)
          FROM contacts WHERE id IN ('{c7}', '{c8}', '{c9}')) x
        """.format(c7=C7, c8=C8, c9=C9))


QUEUE_ROWS = ("DELETE FROM agent_queues WHERE agent_id LIKE 'AB%%';"
              " INSERT INTO agent_queues (agent_id, queue_id, serving)"
              " VALUES %s;")


def queue_rows():
    """The fixture's agent_queues rows of those agents, as VALUES."""
    return psql("SELECT string_agg(format('(%L, %L, %L)', agent_id,"
                " queue_id, serving), ', ') FROM agent_queues"
                " WHERE agent_id LIKE 'AB%'")


def restore(states, queues):
    psql("BEGIN; " + states + " " + QUEUE_ROWS % queues + " COMMIT")


BASE_Q1 = (6, 2, 1, 1, 1, 1)
BASE_Q4 = (2, 1, 0, 0, 1, 0)


@test
def queue_agent_counts_follow_writes(srv):
    states, queues = snapshot(), queue_rows()
    try:
        assert counts(srv, Q1) == BASE_Q1
        assert counts(srv, Q4) == BASE_Q4
        consistent()
        # A ready state change moves an agent between counters.
        psql("UPDATE agent_states SET user_status = 'Pause'"
             " WHERE agent_id = '%s'" % AG11)
        assert counts(srv, Q1) == (6, 1, 1, 1, 1, 2)
        # A queue login adds one (AG10 is Ready).
        psql("UPDATE agent_queues SET serving = true WHERE agent_id = '%s'"
             " AND queue_id = '%s'" % (AG10, Q1))
        assert counts(srv, Q1) == (7, 2, 1, 1, 1, 2)
        # A contact being handled makes its agent busy, whatever the
        # ready state; its wrap-up makes it WrapUp.
        psql("UPDATE contacts SET status = 'InProcess' WHERE id = '%s'" % C9)
        assert counts(srv, Q1) == (7, 2, 2, 1, 1, 1)
        psql("UPDATE contacts SET status = 'InProcess_WrapUp'"
             " WHERE id = '%s'" % C9)
        assert counts(srv, Q1) == (7, 2, 1, 2, 1, 1)
        # Moved to another agent: the first is back to Pause, the second
        # in wrap-up.
        psql("UPDATE contacts SET agent_id = '%s' WHERE id = '%s'"
             % (AG10, C9))
        assert counts(srv, Q1) == (7, 1, 1, 2, 1, 2)
        # A serving agent in two queues: both follow.
        psql("UPDATE contacts SET agent_id = '%s' WHERE id = '%s'" % (A, C9))
        assert counts(srv, Q1) == (7, 1, 1, 2, 1, 2)
        assert counts(srv, Q4) == (2, 0, 0, 1, 1, 0)
        # Logged out: counted nowhere; deleted login and state: gone too.
        psql("UPDATE agent_states SET user_status = 'LoggedOut'"
             " WHERE agent_id = '%s'" % D)
        assert counts(srv, Q4) == (1, 0, 0, 1, 0, 0)
        psql("DELETE FROM agent_queues WHERE agent_id = '%s'"
             " AND queue_id = '%s'" % (AG10, Q1))
        assert counts(srv, Q1) == (5, 0, 1, 2, 0, 2)
        # A contact deleted while in wrap-up frees its agent (A).
        out = psql("BEGIN; DELETE FROM contacts WHERE id = '%s';"
                   " SELECT free, wrap_up FROM queue_agent_counts"
                   " WHERE queue_id = '%s'; ROLLBACK" % (C9, Q1))
        assert out == "1|1", out
        # A rolled-back write leaves the counters as they were.
        psql("BEGIN; UPDATE agent_states SET user_status = 'Ready';"
             " ROLLBACK")
        assert counts(srv, Q1) == (5, 0, 1, 2, 0, 2)
        consistent()
    finally:
        restore(states, queues)
    assert counts(srv, Q1) == BASE_Q1
    assert counts(srv, Q4) == BASE_Q4
    consistent()


@test
def queue_agent_counts_truncate_rebuilds(srv):
    # Inside a rolled-back transaction: TRUNCATE fires no row triggers, the
    # statement trigger rebuilds.
    out = psql("BEGIN; TRUNCATE agent_queues;"
               " SELECT count(*) FROM queue_agent_counts; ROLLBACK")
    assert out == "0", out
    out = psql("BEGIN; UPDATE agent_states SET user_status = 'LoggedOut';"
               " SELECT count(*) FROM queue_agent_counts; ROLLBACK")
    assert out == "0", out
    out = psql("BEGIN; SET LOCAL session_replication_role = replica;"
               " UPDATE agent_states SET user_status = 'Ready';"
               " SELECT free FROM queue_agent_counts WHERE queue_id = '%s';"
               " SELECT rmi_queue_agent_counts_rebuild();"
               " SELECT free FROM queue_agent_counts WHERE queue_id = '%s';"
               " ROLLBACK" % (Q1, Q1))
    # Without triggers the counters are stale (2 free) until the rebuild
    # (every serving agent not busy or in wrap-up: A, D, E, F, AG11).
    out = out.split()
    assert (out[0], out[-1]) == ("2", "5"), out
    assert counts(srv, Q1) == BASE_Q1
    consistent()


@test
def queue_agent_counts_concurrent_writers(srv):
    """Four sessions write agent states, queue logins and contacts of the
    same agents at once, one row per statement: no statement fails
    (single-row writers never deadlock), and the counters then equal the
    recomputation."""
    states, queues = snapshot(), queue_rows()
    rng = random.Random(13)
    statuses = ["Ready", "NotReady", "Pause", "LoggedOut"]
    cstatuses = ["InProcess", "InProcess_WrapUp", "InProcess_Preview",
                 "InProcess_Pending", "Handled"]

    def script():
        out = []
        for _ in range(150):
            r = rng.random()
            if r < 0.4:
                out.append("UPDATE agent_states SET user_status = '%s'"
                           " WHERE agent_id = '%s';"
                           % (rng.choice(statuses), rng.choice(AGENTS)))
            elif r < 0.6:
                out.append("UPDATE agent_queues SET serving = NOT serving"
                           " WHERE agent_id = '%s' AND queue_id = '%s';"
                           % (rng.choice(AGENTS), rng.choice([Q1, Q4])))
            else:
                out.append("UPDATE contacts SET status = '%s',"
                           " agent_id = '%s' WHERE id = '%s';"
                           % (rng.choice(cstatuses), rng.choice(AGENTS),
                              rng.choice([C7, C8, C9])))
        return "\n".join(out)

    try:
        procs = [subprocess.Popen(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=0", "-d",
             os.environ["RMI_DB"]], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            universal_newlines=True) for _ in range(4)]
        scripts = [script() for _ in procs]
        errors = [p.communicate(s)[1] for p, s in zip(procs, scripts)]
        assert all(p.returncode == 0 for p in procs)
        assert not any(errors), errors
        consistent()
    finally:
        restore(states, queues)
    assert counts(srv, Q1) == BASE_Q1
    consistent()
