"""Integration tests of TLS and directory (LDAP) authentication.

tests/integration/run starts, besides the plain servers, a real slapd with
the users agent1 and supervisor (passwords DIRECTORY_PASSWORDS, not those of
the htpasswd file) and one Apache (mod_fcgid) and one lighttpd with the
shipped rmi-tls.conf and rmi-ldap.conf, on a throwaway self-signed
certificate. RMI_TLS_SERVERS names them after the plain server of the same
kind: "apache-fcgid=https://...|http://...,lighttpd=...". Each test runs
against the TLS server of the plain server it is called with (apache-proxy
has none: the test returns at once). Certificates are verified against the
throwaway certificate (RMI_TLS_CERT).
"""
import base64
import http.client
import json
import os
import ssl
import subprocess
import urllib.parse

from rmitest import PREFIX, Response, test, expect_status

DIRECTORY_PASSWORDS = {"agent1": "agent1-in-directory",
                       "supervisor": "supervisor-in-directory"}


def tls_servers():
    out = {}
    for s in os.environ.get("RMI_TLS_SERVERS", "").split(","):
        if s:
            name, urls = s.split("=", 1)
            out[name] = urls.split("|")
    return out


TLS = tls_servers()


def request(url, path, user=None, password=None, method="GET", body=None,
            headers=None):
    """One request to url (https:// verified, or http://) for PREFIX+path."""
    u = urllib.parse.urlsplit(url)
    if u.scheme == "https":
        ctx = ssl.create_default_context(cafile=os.environ["RMI_TLS_CERT"])
        conn = http.client.HTTPSConnection(u.hostname, u.port, timeout=30,
                                           context=ctx)
    else:
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    h = dict(headers or {})
    if user is not None:
        h["Authorization"] = "Basic " + base64.b64encode(
            ("%s:%s" % (user, password)).encode()).decode()
    conn.request(method, PREFIX + path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    hdrs = {k.lower(): v for k, v in r.getheaders()}
    conn.close()
    return Response(r.status, hdrs, data)


def tls_of(srv):
    """(https URL, http URL) of srv's TLS twin, or None."""
    return TLS.get(srv.name)


def expect_hsts(r):
    hsts = r.header("strict-transport-security") or ""
    assert hsts.startswith("max-age=31536000"), r


@test
def tls_ldap_user_reaches_api_over_https(srv):
    if not tls_of(srv):
        return
    https, _ = tls_of(srv)
    r = request(https, "/queueStatuses", "agent1",
                DIRECTORY_PASSWORDS["agent1"])
    expect_status(r, 200)
    expect_hsts(r)
    mine = r.json()
    r = request(https, "/queueStatuses", "supervisor",
                DIRECTORY_PASSWORDS["supervisor"])
    expect_status(r, 200)
    # Each sees its own rights: REMOTE_USER is the directory user.
    assert r.json() != mine, mine


@test
def tls_ldap_wrong_password_is_401(srv):
    if not tls_of(srv):
        return
    https, _ = tls_of(srv)
    for user, password in (("agent1", "wrong"),
                           ("agent1", ""),
                           ("AGENT1", "wrong"),
                           ("nosuchuser", "agent1-in-directory"),
                           # In the htpasswd file, not in the directory:
                           # the file is no longer consulted.
                           ("norights", "norights"),
                           ("agent1", "agent1")):
        r = request(https, "/queueStatuses", user, password)
        expect_status(r, 401)
        expect_hsts(r)
    expect_status(request(https, "/queueStatuses"), 401)


@test
def tls_ldap_login_is_case_insensitive(srv):
    # The directory matches AGENT1 to agent1; so must the database
    # (REMOTE_USER is the login as typed): same user, same answer.
    if not tls_of(srv):
        return
    https, _ = tls_of(srv)
    pw = DIRECTORY_PASSWORDS["agent1"]
    want = request(https, "/queueStatuses", "agent1", pw)
    expect_status(want, 200)
    for login in ("AGENT1", "Agent1"):
        r = request(https, "/queueStatuses", login, pw)
        expect_status(r, 200)
        assert r.json() == want.json(), (login, r)


@test
def tls_ldap_health_needs_no_credentials(srv):
    if not tls_of(srv):
        return
    https, _ = tls_of(srv)
    r = request(https, "/health")
    expect_status(r, 200)
    assert r.text.startswith("ok "), r


@test
def tls_plain_http_redirects_to_https(srv):
    # Before authentication: a client without credentials is not asked
    # for them in clear, one with them is not let in.
    if not tls_of(srv):
        return
    https, http = tls_of(srv)
    pw = DIRECTORY_PASSWORDS["agent1"]
    for user, password in ((None, None), ("agent1", pw)):
        r = request(http, "/queueStatuses?limit=1", user, password)
        expect_status(r, 301)
        assert r.header("location") == \
            https + PREFIX + "/queueStatuses?limit=1", r
        assert b'"queue' not in r.body, r


def psql(sql):
    return subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
         "-d", os.environ["RMI_DB"], "-c", sql],
        capture_output=True, text=True)


@test
def login_differing_only_in_case_is_refused(srv):
    # AGENT1 would be ambiguous with agent1: the unique index on
    # lower(login) refuses it (nothing is written: the insert fails).
    if srv.name != "lighttpd":
        return
    p = psql("INSERT INTO users (id, login, name) VALUES "
             "('AA0000000000000000000000000000FF', 'Agent1', 'Dup')")
    assert p.returncode != 0, "inserted a login differing only in case"
    assert "users_login_lower" in p.stderr, p.stderr


@test
def tls_post_location_is_https(srv):
    # Behind TLS the programs see HTTPS=on: the Location of a created
    # entity is an https:// URL of the server asked. (Settings cannot be
    # deleted: this one, the test's own id without uiLanguage, stays and
    # changes nothing agent1 sees elsewhere.)
    if not tls_of(srv):
        return
    https, _ = tls_of(srv)
    sid = "TLS_" + srv.name.upper().replace("-", "_")
    pw = DIRECTORY_PASSWORDS["agent1"]
    r = request(https, "/settings", "agent1", pw, method="POST",
                body=json.dumps({"id": sid, "value": "x"}).encode(),
                headers={"Content-Type": "application/json"})
    expect_status(r, 201)
    assert r.header("location") == https + PREFIX + "/settings/" + sid, r
