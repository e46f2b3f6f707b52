"""The programs prepare their statements once per connection (common/db.c).

Look-ups by key are prepared, lists are not. These tests check that both
answer alike over many executions, and that a migration changing a row
function's result type under prepared plans is survived (PostgreSQL refuses
to re-plan those; the programs drop their statements and prepare them
again).
"""
import os
import subprocess

from rmitest import test, expect_status

LEAD = "teamlead"
START = "2026-01-15T08:00:00Z"


def psql(sql):
    return subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
         "-d", os.environ["RMI_DB"], "-c", sql],
        check=True, capture_output=True, text=True).stdout.strip()


@test
def prepared_lookups_answer_like_lists(srv):
    # Look-ups by key run prepared, lists do not: the same rows either way,
    # over many executions (PostgreSQL may switch to a generic plan after
    # five) and for every id, including ones that are not there.
    rows = srv.get("/queueStatuses").json()
    for _ in range(3):
        for q in rows:
            got = srv.get("/queueStatuses/" + q["id"]).json()
            assert got == q, (got, q)
    for _ in range(7):
        r = srv.get("/queueStatuses/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")
        expect_status(r, 404)
    agents = srv.get("/agents?startTime=%s&showQueueInfo=3" % START,
                     user=LEAD).json()
    for _ in range(3):
        for a in agents:
            got = srv.get("/agents/%s?startTime=%s&showQueueInfo=3"
                          % (a["id"], START), user=LEAD).json()
            assert got == a, (got, a)


@test
def prepared_plans_survive_a_result_type_change(srv):
    def statuses():
        for _ in range(12):     # reach every process of the family
            r = srv.get("/userStatuses?sort=name", user=LEAD)
            expect_status(r, 200)
            yield [(u["name"], u["phoneCapacity"]) for u in r.json()]
    before = list(statuses())
    original = psql("SELECT pg_get_functiondef('rmi_user_statuses(guid,"
                    "text)'::regprocedure)")
    # The same function with phone_capacity as bigint: same wire, another
    # result type for every prepared plan that selects it.
    changed = original.replace("phone_capacity integer",
                               "phone_capacity bigint").replace(
        "u.id, u.name, u.phone_capacity,",
        "u.id, u.name, u.phone_capacity::bigint,")
    assert changed != original, original[:400]
    try:
        psql("BEGIN; DROP FUNCTION rmi_user_statuses(guid, text); %s; COMMIT"
             % changed)
        assert list(statuses()) == before
    finally:
        psql("BEGIN; DROP FUNCTION rmi_user_statuses(guid, text); %s; COMMIT"
             % original)
    assert list(statuses()) == before
