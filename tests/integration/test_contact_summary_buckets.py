"""Integration tests of the maintained /contactSummaries aggregates
(db/functions/50_contact_summaries.sql; the table: migration
009_contact_summary_buckets.sql): summaries follow the writes to
contacts, through the triggers.

Writes go through psql to the test database ($RMI_DB, exported by
tests/integration/run), on 2026-01-12, a day no fixture uses, and every
test removes its contacts again (also when it fails), so the tests run once
per server and leave the fixture as they found it.
"""
import os
import subprocess

from rmitest import test, expect_status, expect_plain

Q1 = "11111111111111111111111111111111"
Q4 = "44444444444444444444444444444444"
C1 = "CB900000000000000000000000000001"
C2 = "CB900000000000000000000000000002"
C3 = "CB900000000000000000000000000003"
S1 = Q1 + "20260112T060000Z"
S4 = Q4 + "20260112T060000Z"
S4B = Q4 + "20260112T061500Z"
START = "startTime=2026-01-12T00:00:00Z"


def psql(sql):
    """Runs sql in the test database; its unaligned output."""
    r = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
         "-d", os.environ["RMI_DB"], "-c", sql],
        check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        universal_newlines=True)
    return r.stdout.strip()


def cleanup():
    """Removes this file's contacts (ids no fixture uses; only on
    2026-01-12, so that a clash could never delete a fixture's contact)."""
    psql("DELETE FROM contacts WHERE id IN ('%s', '%s', '%s')"
         " AND arrival_time >= '2026-01-12T00:00:00Z'"
         " AND arrival_time < '2026-01-13T00:00:00Z'" % (C1, C2, C3))


def contact_sql(cid, queue, arrival, status="InQueue", ctype="CallIn"):
    """A VALUES row of an inbound phone contact waiting since arrival."""
    return ("('%s', '%s', 'PHONE', '%s', '%s', '%s', '%s', '%s', "
            "'%s', '%s', '%s')" % (cid, cid, ctype, status, queue, queue,
                                   arrival, arrival, arrival, arrival))


def insert(*rows):
    psql("INSERT INTO contacts (id, contact_group_id, channel, type, status,"
         " queue_id, orig_queue_id, arrival_time, arrival_queue_time,"
         " queue_entry_time, changed_at) VALUES " + ", ".join(rows))


def summary(srv, sid):
    r = srv.get("/contactSummaries/" + sid)
    expect_status(r, 200)
    return r.json()


def gone(srv, sid):
    expect_plain(srv.get("/contactSummaries/" + sid), 404,
                 body="HTTP 404 Not Found")


def day_ids(srv, queue):
    r = srv.get("/contactSummaries?%s&queueId=%s&limit=1000" % (START, queue))
    expect_status(r, 200)
    return [i["id"] for i in r.json() if "20260112T" in i["id"]]


def consistent():
    """The table equals a recomputation from scratch, both ways."""
    diff = psql("""
        WITH k AS (SELECT array_agg(queue_id) q, array_agg(s) s FROM (
            SELECT DISTINCT queue_id, date_bin('15 minutes', arrival_time,
                timestamptz '1970-01-01 00:00:00+00') s
            FROM contacts WHERE queue_id IS NOT NULL) x),
        a AS (SELECT r.* FROM k, rmi_contact_summary_aggregate(k.q, k.s) r)
        SELECT (SELECT count(*) FROM (SELECT * FROM a EXCEPT
                SELECT * FROM contact_summary_buckets) x)
             + (SELECT count(*) FROM (SELECT * FROM contact_summary_buckets
                EXCEPT SELECT * FROM a) y)""")
    assert diff == "0", "buckets differ from contacts in %s rows" % diff


@test
def buckets_follow_insert_update_delete(srv):
    cleanup()
    try:
        gone(srv, S1)
        insert(contact_sql(C1, Q1, "2026-01-12T06:03:00Z"))
        assert day_ids(srv, Q1) == [S1]
        s = summary(srv, S1)
        assert (s["inArrivedActive"], s["inArrivedHandled"],
                s["inHandled"]) == (1, 0, 0), s
        assert s["changeTimeStamp"] == "2026-01-12T06:03:00.000Z", s
        assert s["hourTime"] == "2026-01-12T06:00:00.000Z", s
        # Answered 30 s after entering the queue, talked 5 min, wrapped up.
        psql("UPDATE contacts SET status = 'Handled_AOT', agent_id = NULL,"
             " connect_time = '2026-01-12T06:03:30Z',"
             " disconnect_time = '2026-01-12T06:08:30Z',"
             " wrap_up_begin_time = '2026-01-12T06:08:30Z',"
             " wrap_up_end_time = '2026-01-12T06:09:00Z',"
             " changed_at = '2026-01-12T06:09:00Z' WHERE id = '%s'" % C1)
        s = summary(srv, S1)
        assert (s["inArrivedActive"], s["inArrivedHandled"], s["inHandled"],
                s["inAnsweredOnTime"]) == (0, 1, 1, 1), s
        assert (s["inHandleTimeMax"], s["inHandleTimeTotal"],
                s["inQueueTimeMax"],
                s["inAnsweredQueueTimeTotal"]) == (300000, 300000, 30000,
                                                   30000), s
        assert s["changeTimeStamp"] == "2026-01-12T06:09:00.000Z", s
        consistent()
        psql("DELETE FROM contacts WHERE id = '%s'" % C1)
        gone(srv, S1)
        assert day_ids(srv, Q1) == []
        consistent()
    finally:
        cleanup()


@test
def buckets_multi_row_statements_and_moves(srv):
    cleanup()
    try:
        # One statement, three keys; 06:14:59.999 is still in 06:00.
        insert(contact_sql(C1, Q1, "2026-01-12T06:01:00Z"),
               contact_sql(C2, Q4, "2026-01-12T06:14:59.999Z"),
               contact_sql(C3, Q4, "2026-01-12T06:15:00Z", "NotHandled_Ab"))
        assert day_ids(srv, Q4) == [S4, S4B]
        assert summary(srv, S4)["inArrivedActive"] == 1
        assert summary(srv, S4B)["inAbandoned"] == 1
        # An overflow moves C1 from Q1 to Q4: both keys are refreshed.
        psql("UPDATE contacts SET queue_id = '%s', changed_at ="
             " '2026-01-12T06:02:00Z' WHERE id = '%s'" % (Q4, C1))
        gone(srv, S1)
        s = summary(srv, S4)
        assert s["inArrivedActive"] == 2, s
        assert s["changeTimeStamp"] == "2026-01-12T06:14:59.999Z", s
        # A new arrival time moves a contact to another interval.
        psql("UPDATE contacts SET arrival_time = '2026-01-12T06:20:00Z'"
             " WHERE id = '%s'" % C2)
        assert summary(srv, S4)["inArrivedActive"] == 1
        s = summary(srv, S4B)
        assert (s["inArrivedActive"], s["inAbandoned"]) == (1, 1), s
        # An outbound contact counts in no inbound counter, but its summary
        # exists; a contact without a queue is in none.
        psql("UPDATE contacts SET type = 'CallOut', status = 'InProcess'"
             " WHERE id IN ('%s', '%s')" % (C2, C3))
        s = summary(srv, S4B)
        assert (s["inArrivedActive"], s["inAbandoned"],
                s["outHandled"]) == (0, 0, 0), s
        psql("UPDATE contacts SET queue_id = NULL WHERE id IN ('%s', '%s')"
             % (C2, C3))
        gone(srv, S4B)
        consistent()
        psql("DELETE FROM contacts WHERE id IN ('%s', '%s', '%s')"
             % (C1, C2, C3))
        assert day_ids(srv, Q1) == [] and day_ids(srv, Q4) == []
        consistent()
    finally:
        cleanup()


@test
def buckets_rollback_leaves_nothing(srv):
    cleanup()
    try:
        psql("BEGIN; INSERT INTO contacts (id, contact_group_id, channel,"
             " type, status, queue_id, arrival_time) VALUES ('%s', '%s',"
             " 'PHONE', 'CallIn', 'InQueue', '%s',"
             " '2026-01-12T06:05:00Z'); ROLLBACK" % (C1, C1, Q1))
        gone(srv, S1)
        assert psql("SELECT count(*) FROM contact_summary_buckets WHERE"
                    " interval_start >= '2026-01-12' AND interval_start <"
                    " '2026-01-13'") == "0"
        consistent()
    finally:
        cleanup()
