"""Integration tests of refusals against failures, and of /health.

A write refused by the SQL functions raises an SQLSTATE of the suite's own
class RM (RM403, RM404, RM409, RM400: test_agents.py has the real writes
refused 403, 404 and 409); anything else the database raises, a missing
grant's genuine 42501 included, is a 500 with a generic body, logged with
its SQLSTATE, program, method and path in the log the operator reads
($RMI_SERVER_LOGS). GET <prefix>/health answers without credentials.

Every test restores what it changed in the database (also when it fails).
"""
import glob
import json
import os
import re
import subprocess
import time

from rmitest import test, expect_status, expect_plain, PREFIX

USER = "settingsuser"
JSON = {"Content-Type": "application/json"}
TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def psql(sql):
    return subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
         "-d", os.environ["RMI_DB"], "-c", sql],
        check=True, capture_output=True, text=True).stdout.strip()


def version():
    """The version configure.ac gives (AC_INIT), which /health reports."""
    with open(os.path.join(TOP, "configure.ac")) as f:
        return re.search(r"AC_INIT\(\[rmi\], \[([^]]+)\]", f.read()).group(1)


def put(srv, id, value, user=USER):
    return srv.request("PUT", "/settings/" + id, user=user, headers=JSON,
                       body=json.dumps({"uiLanguage": "",
                                        "value": value}).encode())


def make_setting(srv, base):
    id = "%s_%s" % (base, srv.name)
    if srv.get("/settings/" + id, user=USER).status == 404:
        expect_status(srv.request("POST", "/settings", user=USER,
                                  headers=JSON, body=json.dumps(
                                      {"id": id}).encode()), 201)
    expect_status(put(srv, id, "start"), 204)
    return id


class Log:
    """The log srv's programs write their stderr to, read from now on."""

    def __init__(self, srv):
        logs = dict(s.split("=", 1) for s in
                    os.environ["RMI_SERVER_LOGS"].split(","))
        self.pattern = logs[srv.name]
        self.start = {p: os.path.getsize(p) for p in self.files()}

    def files(self):
        return sorted(glob.glob(self.pattern))

    def new(self):
        out = ""
        for p in self.files():
            with open(p, "rb") as f:
                f.seek(self.start.get(p, 0))
                out += f.read().decode("utf-8", "replace")
        return out

    def wait_for(self, *needles):
        """The new text once it holds every needle. Apache copies a
        program's stderr into its log on its own schedule: poll (up to 30 s),
        the test does not depend on how long it takes."""
        for _ in range(300):
            text = self.new()
            if all(n in text for n in needles):
                return text
            time.sleep(0.1)
        raise AssertionError("log %s lacks %r; new text: %r" %
                             (self.pattern, needles, self.new()[-2000:]))


# A genuine missing grant: the settings trigger runs a SECURITY DEFINER
# function owned by a role without any grant on agent_states, so the write
# fails with PostgreSQL's own 42501 "permission denied for table
# agent_states", as it would for a program role missing a grant. The role
# is the test's (the programs connect as the superuser: no REVOKE on them
# can fail anything).
REVOKED = """
CREATE ROLE rmi_test_nogrant NOLOGIN;
CREATE FUNCTION rmi_test_revoked() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $f$
BEGIN
    IF NEW.value = 'revoked' THEN
        PERFORM 1 FROM agent_states LIMIT 1;
    END IF;
    RETURN NEW;
END $f$;
ALTER FUNCTION rmi_test_revoked() OWNER TO rmi_test_nogrant;
CREATE TRIGGER rmi_test_revoked BEFORE UPDATE ON settings FOR EACH ROW
    EXECUTE FUNCTION rmi_test_revoked();
"""
UNREVOKED = """
DROP TRIGGER IF EXISTS rmi_test_revoked ON settings;
DROP FUNCTION IF EXISTS rmi_test_revoked();
DROP ROLE IF EXISTS rmi_test_nogrant;
"""


@test
def refusals_revoked_grant_is_500_generic_and_logged(srv):
    id = make_setting(srv, "REVOKED")
    psql(UNREVOKED + REVOKED)
    try:
        log = Log(srv)
        r = put(srv, id, "revoked")
        expect_plain(r, 500, body="HTTP 500 Internal Server Error")
        assert "agent_states" not in r.text, r
        log.wait_for("SQLSTATE 42501",
                     "permission denied for table agent_states",
                     "settings: PUT %s/settings/%s answered 500"
                     % (PREFIX, id))
        assert srv.get("/settings/" + id, user=USER).json()["value"] == \
            "start"
    finally:
        psql(UNREVOKED)


# A trigger on settings raising the SQLSTATE given while the value is
# 'refuse' (PostgreSQL's codes the programs once took for refusals, and the
# suite's own).
RAISING = """
CREATE FUNCTION rmi_test_raise() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF NEW.value = 'refuse' THEN
        RAISE EXCEPTION 'raised by the test' USING ERRCODE = '{state}';
    END IF;
    RETURN NEW;
END $f$;
CREATE TRIGGER rmi_test_raise BEFORE UPDATE ON settings FOR EACH ROW
    EXECUTE FUNCTION rmi_test_raise();
"""
UNRAISING = """
DROP TRIGGER IF EXISTS rmi_test_raise ON settings;
DROP FUNCTION IF EXISTS rmi_test_raise();
"""


@test
def refusals_postgresql_codes_are_failures(srv):
    """no_data_found, object_not_in_prerequisite_state and
    invalid_parameter_value from PostgreSQL itself are not refusals."""
    id = make_setting(srv, "PGCODES")
    try:
        for state in ("P0002", "55000", "22023", "42501"):
            psql(UNRAISING + RAISING.format(state=state))
            log = Log(srv)
            r = put(srv, id, "refuse")
            expect_plain(r, 500, body="HTTP 500 Internal Server Error")
            log.wait_for("SQLSTATE " + state)
    finally:
        psql(UNRAISING)


@test
def refusals_own_class_answers_its_status(srv):
    """RM400 is 400 with the function's message (no function raises it
    yet: the trigger stands in); RM403, RM404, RM409 likewise."""
    id = make_setting(srv, "RMCODES")
    try:
        for state, status, reason in (("RM400", 400, "Bad Request"),
                                      ("RM403", 403, "Forbidden"),
                                      ("RM409", 409, "Conflict")):
            psql(UNRAISING + RAISING.format(state=state))
            r = put(srv, id, "refuse")
            expect_plain(r, status, body="HTTP %d %s: raised by the test"
                         % (status, reason))
        psql(UNRAISING + RAISING.format(state="RM404"))
        expect_plain(put(srv, id, "refuse"), 404, body="HTTP 404 Not Found")
        assert srv.get("/settings/" + id, user=USER).json()["value"] == \
            "start"
    finally:
        psql(UNRAISING)


@test
def health_ok_without_credentials(srv):
    r = srv.get("/health", user=None)
    expect_plain(r, 200, body="ok " + version())
    r = srv.request("HEAD", "/health", user=None)
    expect_status(r, 200)
    assert r.body == b"", r
    # With credentials too (a load balancer may send them).
    expect_plain(srv.get("/health"), 200, body="ok " + version())


@test
def health_exempts_nothing_else(srv):
    for path in ("/settings", "/health/x", "/healthz", "/agents",
                 "/health/../settings", "/queueStatuses"):
        r = srv.get(path, user=None)
        assert r.status == 401, (path, r)


def expect_unhealthy(r, reason):
    expect_plain(r, 503, startswith="unhealthy: ")
    assert reason in r.text, r
    assert r.header("retry-after") == "2", r


@test
def health_503_when_a_function_file_differs(srv):
    file = "10_settings.sql"
    psql("UPDATE schema_functions SET checksum = 'x' || checksum "
         "WHERE file = '%s'" % file)
    try:
        expect_unhealthy(srv.get("/health", user=None), file)
    finally:
        psql("UPDATE schema_functions SET checksum = substr(checksum, 2) "
             "WHERE file = '%s' AND checksum LIKE 'x%%'" % file)
    expect_plain(srv.get("/health", user=None), 200, body="ok " + version())


@test
def health_503_when_a_migration_is_missing(srv):
    v = psql("SELECT max(version) FROM schema_migrations")
    at = psql("SELECT applied_at FROM schema_migrations "
              "WHERE version = '%s'" % v)
    psql("DELETE FROM schema_migrations WHERE version = '%s'" % v)
    try:
        expect_unhealthy(srv.get("/health", user=None),
                         "migrations not applied: " + v)
    finally:
        psql("INSERT INTO schema_migrations (version, applied_at) "
             "VALUES ('%s', '%s') ON CONFLICT DO NOTHING" % (v, at))
    expect_plain(srv.get("/health", user=None), 200, body="ok " + version())


@test
def health_503_when_the_database_is_down(srv):
    stop, start = os.environ.get("RMI_PG_STOP"), os.environ.get("RMI_PG_START")
    assert stop and start, "RMI_PG_STOP / RMI_PG_START not set"
    expect_status(srv.get("/health", user=None), 200)
    subprocess.run(stop, shell=True, check=True, stdout=subprocess.DEVNULL)
    try:
        expect_unhealthy(srv.get("/health", user=None), "cannot be reached")
    finally:
        subprocess.run(start, shell=True, check=True,
                       stdout=subprocess.DEVNULL)
    expect_plain(srv.get("/health", user=None), 200, body="ok " + version())
