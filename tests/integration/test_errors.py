"""Integration tests of failures that must never be a 500: many filters
(the parameter budget), serialization failures and deadlocks of a write
(retried, then 503 with Retry-After), provoked for real in the test
database ($RMI_DB) by triggers and by locks held from psql sessions.

Every test removes what it installed (also when it fails).
"""
import json
import os
import subprocess
import threading
import time

from rmitest import test, expect_status, expect_plain

USER = "settingsuser"
JSON = {"Content-Type": "application/json"}
# Every /contacts field that a "*" filter accepts (none is a GUID list).
CONTACT_FILTERS = [
    "contactGroupId", "channel", "type", "subtype", "status", "source",
    "destination", "agentName", "queueName", "origQueueId", "origQueueName",
    "applicationId", "applicationName", "reportingGroupId",
    "reportingGroupName", "outboundCampaignId", "outboundCampaignName",
    "arrivalTime", "arrivalQueueTime", "previewTime", "connectTime",
    "pendingTime", "pickTime", "disconnectTime", "wrapUpBeginTime",
    "wrapUpEndTime", "queuingDuration", "handlingDuration",
    "wrapUpTotalDuration", "wrapUpScriptingDuration",
    "wrapUpRestingDuration", "totalDuration", "waitingDuration",
    "serviceClosed", "answeredOnTimeThreshold", "falseAttemptTimeThreshold",
    "subject",
]
# Advisory lock keys of the deadlock test.
K_SERVER, K_GATE, K_HELD = 7315001, 7315002, 7315003


def psql(sql):
    return subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
         "-d", os.environ["RMI_DB"], "-c", sql],
        check=True, capture_output=True, text=True).stdout.strip()


def put(srv, id, value):
    return srv.request("PUT", "/settings/" + id, user=USER, headers=JSON,
                       body=json.dumps({"uiLanguage": "",
                                        "value": value}).encode())


def setting(srv, id):
    return srv.get("/settings/" + id, user=USER).json()["value"]


def make_setting(srv, base):
    id = "%s_%s" % (base, srv.name)
    if srv.get("/settings/" + id, user=USER).status == 404:
        expect_status(srv.request("POST", "/settings", user=USER,
                                  headers=JSON, body=json.dumps(
                                      {"id": id}).encode()), 201)
    expect_status(put(srv, id, "start"), 204)
    return id


@test
def errors_many_filters_are_200_or_400_never_500(srv):
    # 2 + 6 args + 32 filters + limit + offset parameters at most.
    for n in (30, 31, 32):
        q = "&".join("%s=*" % f for f in CONTACT_FILTERS[:n])
        r = srv.get("/contacts?" + q)
        assert r.status == 200, (n, r)
        assert r.json() == [] or isinstance(r.json(), list)
    q = "&".join("%s=*" % f for f in CONTACT_FILTERS[:33])
    expect_plain(srv.get("/contacts?" + q), 400, body="Too many filters")


# A trigger on settings that fails a write with the given SQLSTATE while
# the value is `value` and the attempts (a sequence, which rollbacks do not
# undo) are at most `times`.
FAILING = """
CREATE SEQUENCE rmi_test_attempts;
CREATE FUNCTION rmi_test_fail() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF NEW.value = '{value}' AND nextval('rmi_test_attempts') <= {times} THEN
        RAISE EXCEPTION 'provoked by the test' USING ERRCODE = '{state}';
    END IF;
    RETURN NEW;
END $f$;
CREATE TRIGGER rmi_test_fail BEFORE UPDATE ON settings FOR EACH ROW
    EXECUTE FUNCTION rmi_test_fail();
"""
UNFAIL = """
DROP TRIGGER IF EXISTS rmi_test_fail ON settings;
DROP FUNCTION IF EXISTS rmi_test_fail();
DROP SEQUENCE IF EXISTS rmi_test_attempts;
"""


def attempts():
    return int(psql("SELECT last_value FROM rmi_test_attempts"))


@test
def errors_serialization_failure_is_retried(srv):
    id = make_setting(srv, "RETRY")
    psql(UNFAIL + FAILING.format(value="twice", times=2, state="40001"))
    try:
        expect_status(put(srv, id, "twice"), 204)
        assert attempts() == 3, attempts()
        assert setting(srv, id) == "twice"
    finally:
        psql(UNFAIL)


@test
def errors_deadlock_every_time_is_503_with_retry_after(srv):
    id = make_setting(srv, "DEADLOCK")
    psql(UNFAIL + FAILING.format(value="never", times=1000, state="40P01"))
    try:
        r = put(srv, id, "never")
        expect_plain(r, 503, startswith="HTTP 503 Service Unavailable")
        assert r.header("retry-after") == "2", r
        assert attempts() == 3, attempts()
        assert setting(srv, id) == "start"
    finally:
        psql(UNFAIL)


class Session:
    """An open psql session fed line by line (its output is not read)."""

    def __init__(self, name):
        env = dict(os.environ, PGAPPNAME=name)
        self.p = subprocess.Popen(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
             os.environ["RMI_DB"]], stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
            text=True)

    def send(self, sql):
        self.p.stdin.write(sql + "\n")
        self.p.stdin.flush()

    def close(self):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        self.p.wait(timeout=60)


def wait_lock(key, granted, app=None):
    """Polls pg_locks until an advisory lock on key is (not) granted."""
    cond = ("l.locktype = 'advisory' AND l.objid = %d AND l.granted = %s"
            % (key, "true" if granted else "false"))
    if app is not None:
        cond += " AND a.application_name = '%s'" % app
    for _ in range(6000):
        if psql("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a "
                "USING (pid) WHERE " + cond) != "0":
            return
        time.sleep(0.01)
    raise AssertionError("lock %d never %s" % (key, granted))


DEADLOCKING = """
CREATE SEQUENCE rmi_test_attempts;
CREATE FUNCTION rmi_test_fail() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF NEW.value = 'deadlock' THEN
        PERFORM nextval('rmi_test_attempts');
        PERFORM pg_advisory_xact_lock({server});
        PERFORM pg_advisory_xact_lock({gate});
        PERFORM pg_advisory_xact_lock({held});
    END IF;
    RETURN NEW;
END $f$;
CREATE TRIGGER rmi_test_fail BEFORE UPDATE ON settings FOR EACH ROW
    EXECUTE FUNCTION rmi_test_fail();
""".format(server=K_SERVER, gate=K_GATE, held=K_HELD)


@test
def errors_real_deadlock_is_retried(srv):
    """
    The program's write takes lock S, then waits at a gate; a psql session
    holding H waits for S; the gate opens, the write asks for H: a deadlock
    that the program's backend detects (the session's deadlock_timeout is
    long), so the program's transaction is the one rolled back. Its retry
    succeeds once the session is done. No step depends on timing: each
    waits for the lock state it needs.
    """
    id = make_setting(srv, "REALDL")
    psql(UNFAIL + DEADLOCKING)
    gate = Session("rmi-test-gate")
    held = Session("rmi-test-held")
    result = {}
    try:
        gate.send("BEGIN; SELECT pg_advisory_xact_lock(%d);" % K_GATE)
        held.send("SET deadlock_timeout = '10min'; BEGIN; "
                  "SELECT pg_advisory_xact_lock(%d);" % K_HELD)
        wait_lock(K_GATE, True, "rmi-test-gate")
        wait_lock(K_HELD, True, "rmi-test-held")
        t = threading.Thread(target=lambda: result.update(
            r=put(srv, id, "deadlock")))
        t.start()
        wait_lock(K_GATE, False)	# the write holds S, waits at the gate
        held.send("SELECT pg_advisory_xact_lock(%d);" % K_SERVER)
        wait_lock(K_SERVER, False, "rmi-test-held")
        gate.send("COMMIT;")
        # The write's backend finds the cycle and is rolled back; the
        # session gets S and finishes; the retry goes through.
        wait_lock(K_SERVER, True, "rmi-test-held")
        held.send("COMMIT;")
        t.join(60)
        assert not t.is_alive()
        expect_status(result["r"], 204)
        assert attempts() == 2, attempts()
        assert setting(srv, id) == "deadlock"
    finally:
        gate.close()
        held.close()
        psql(UNFAIL)
