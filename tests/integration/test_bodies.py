"""Integration tests of the rules every write body follows, on every family:
one rule for JSON and XML (duplicates, types, NUL, XML 1.0 characters, ids
matching the path, a PUT carries every property), and XML output that stays
well-formed whatever the database holds.

Writes use ids of their own (suffixed with the server's name) or fixture
rows that each test puts back; refused writes are checked to change nothing.
"""
import json
import os
import subprocess
import xml.etree.ElementTree as ET

from rmitest import test, expect_status, expect_plain

USER = "settingsuser"
LEAD = "teamlead"
JSON = {"Content-Type": "application/json"}
XML = {"Content-Type": "application/xml"}
# fixture_agents.sql: teamlead has MANAGE on X3 (NotReady), not on X1.
X1 = "F6000000000000000000000000000011"
X3 = "F6000000000000000000000000000013"
Q61 = "F6000000000000000000000000000C61"
Q63 = "F6000000000000000000000000000C63"
P1 = "F6000000000000000000000000000D01"
# fixture.sql: a handled call the supervisor sees.
C1 = "C0000000000000000000000000000001"


def psql(sql):
    return subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
         "-d", os.environ["RMI_DB"], "-c", sql],
        check=True, capture_output=True, text=True).stdout.strip()


def send(srv, method, path, body, headers=JSON, user=USER):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return srv.request(method, path, body=data, headers=headers, user=user)


def setting(srv, id):
    r = srv.get("/settings/" + id, user=USER)
    return r.json() if r.status == 200 else r.status


def make_setting(srv, base, value="kept"):
    id = "%s_%s" % (base, srv.name)
    if setting(srv, id) == 404:
        expect_status(send(srv, "POST", "/settings",
                           {"id": id, "uiLanguage": "", "value": value}),
                      201)
    expect_status(send(srv, "PUT", "/settings/" + id,
                       {"uiLanguage": "", "value": value}), 204)
    return id


def ready(srv, id):
    return srv.get("/agents/%s/readyState" % id, user=LEAD).json()[
        "readyState"]


def ready_back(srv):
    """Puts X3 back in NotReady (the fixture's), should a test change it."""
    if ready(srv, X3) != "NotReady":
        expect_status(send(srv, "PUT", "/agents/%s/readyState" % X3,
                           {"readyState": "NotReady"}, user=LEAD), 204)


def refused(srv, method, path, body, msg, headers=JSON, user=USER):
    r = send(srv, method, path, body, headers=headers, user=user)
    expect_plain(r, 400)
    assert r.text.startswith(msg), (body, r.text, msg)


@test
def bodies_nul_in_a_json_string_is_400(srv):
    id = make_setting(srv, "NUL")
    x = "NULX_" + srv.name
    for body, msg in [
            (b'{"id": "%s\\u0000y"}' % x.encode(),
             "Invalid body: property 'id' holds a NUL character"),
            (b'{"id": "%s", "value": "before\\u0000after"}' % x.encode(),
             "Invalid body: property 'value' holds a NUL character"),
            (b'{"id\\u0000x": "%s"}' % x.encode(),
             "Invalid body: a property name holds a NUL character")]:
        refused(srv, "POST", "/settings", body, msg)
    assert setting(srv, x) == 404
    refused(srv, "PUT", "/settings/" + id,
            b'{"uiLanguage": "", "value": "before\\u0000after"}',
            "Invalid body: property 'value' holds a NUL character")
    assert setting(srv, id)["value"] == "kept"
    refused(srv, "PUT", "/agents/%s/readyState" % X3,
            b'{"readyState": "Ready\\u0000junk"}',
            "Invalid body: property 'readyState' holds a NUL character",
            user=LEAD)
    try:
        assert ready(srv, X3) == "NotReady"
    finally:
        ready_back(srv)


@test
def bodies_characters_xml_forbids_are_400_in_json_too(srv):
    id = make_setting(srv, "CHARS")
    for esc in (b"\\ufffe", b"\\uffff", b"\\u0001", b"\\u001b",
                "\ufffe".encode()):
        refused(srv, "PUT", "/settings/" + id,
                b'{"uiLanguage": "", "value": "a%sb"}' % esc,
                "Invalid body: property 'value' holds a character XML "
                "1.0 forbids")
    # The same characters in an XML body: libxml2 refuses them.
    refused(srv, "PUT", "/settings/" + id,
            "<setting><uiLanguage/><value>a\ufffeb</value></setting>"
            .encode(), "Invalid body: malformed XML", headers=XML)
    assert setting(srv, id)["value"] == "kept"
    # Tab, LF, CR and the rest of Unicode are fine.
    v = "a\tb\nc\rd \u00e4 \U0001f600 \ufffd"
    expect_status(send(srv, "PUT", "/settings/" + id,
                       {"uiLanguage": "", "value": v}), 204)
    assert setting(srv, id)["value"] == v


@test
def bodies_xml_output_is_well_formed_whatever_the_database_holds(srv):
    id = make_setting(srv, "FFFE")
    bad = "a\ufffeb\uffffc\x01d\x1fe\x7ff"
    psql("UPDATE settings SET value = E'%s' WHERE id = '%s'" % (
        bad.replace("\x01", "\\x01").replace("\x1f", "\\x1f")
        .replace("\x7f", "\\x7f"), id))
    try:
        for path in ("/settings/" + id, "/settings"):
            r = srv.get(path, user=USER,
                        headers={"Accept": "application/xml"})
            expect_status(r, 200)
            root = r.xml()	# raises when not well-formed
            vals = [e.text for e in root.iter("value")]
            assert "a\ufffdb\ufffdc\ufffdd\ufffde\x7ff" in vals, vals
        # JSON carries them as they are (escaped where JSON needs it).
        assert setting(srv, id)["value"] == bad
    finally:
        psql("UPDATE settings SET value = 'kept' WHERE id = '%s'" % id)
    # A contact's subject, in a list every XML client reads.
    old = psql("SELECT coalesce(subject, '<null>') FROM contacts "
               "WHERE id = '%s'" % C1)
    psql("UPDATE contacts SET subject = E'Re: \\uFFFF\\x02 offer' "
         "WHERE id = '%s'" % C1)
    try:
        r = srv.get("/contacts/" + C1, headers={"Accept": "application/xml"})
        expect_status(r, 200)
        assert r.xml().find("subject").text == "Re: \ufffd\ufffd offer"
        r = srv.get("/contacts?id=%s" % C1,
                    headers={"Accept": "application/xml"})
        expect_status(r, 200)
        ET.fromstring(r.body)
    finally:
        psql("UPDATE contacts SET subject = %s WHERE id = '%s'" % (
            "NULL" if old == "<null>" else "'%s'" % old.replace("'", "''"),
            C1))


@test
def bodies_duplicate_keys_are_400_in_json_too(srv):
    id = make_setting(srv, "DUP")
    refused(srv, "PUT", "/settings/" + id,
            b'{"uiLanguage": "", "value": "a", "value": "b"}',
            "Invalid body: property 'value' given twice")
    # Spelled differently, the same name after decoding.
    refused(srv, "PUT", "/settings/" + id,
            b'{"uiLanguage": "", "value": "a", "v\\u0061lue": "b"}',
            "Invalid body: property 'value' given twice")
    refused(srv, "PUT", "/settings/" + id,
            b"<setting><uiLanguage/><value>a</value><value>b</value>"
            b"</setting>", "Invalid body: property 'value' given twice",
            headers=XML)
    assert setting(srv, id)["value"] == "kept"
    refused(srv, "PUT", "/agents/%s/readyState" % X3,
            b'{"readyState": "Ready", "readyState": "Pause"}',
            "Invalid body: property 'readyState' given twice", user=LEAD)
    try:
        assert ready(srv, X3) == "NotReady"
    finally:
        ready_back(srv)


@test
def bodies_wrong_json_types_are_400_naming_the_property(srv):
    id = make_setting(srv, "TYPES")
    for body, msg in [
            (b'{"id": 123}', "Invalid body: property 'id' must be a string"),
            (b'{"id": true}', "Invalid body: property 'id' must be a string")]:
        refused(srv, "POST", "/settings", body, msg)
    assert setting(srv, "123") == 404
    for v in (b"12", b"true", b"1e400", b"-0.5"):
        refused(srv, "PUT", "/settings/" + id,
                b'{"uiLanguage": "", "value": %s}' % v,
                "Invalid body: property 'value' must be a string")
    refused(srv, "PUT", "/settings/" + id, b'{"uiLanguage": 12, "value": ""}',
            "Invalid body: property 'uiLanguage' must be a string")
    assert setting(srv, id)["value"] == "kept"
    path = "/agents/%s/queues/%s" % (X3, Q63)
    before = srv.get(path, user=LEAD).json()
    for body, msg in [
            ({"serving": "true"},
             "Invalid body: property 'serving' must be true or false"),
            ({"serving": 1},
             "Invalid body: property 'serving' must be true or false"),
            (dict(before, serving=True, externalServing="false"),
             "Invalid body: property 'externalServing' must be true or "
             "false"),
            ({"id": 5, "serving": True},
             "Invalid body: property 'id' must be a string")]:
        refused(srv, "PUT", path, body, msg, user=LEAD)
    assert srv.get(path, user=LEAD).json() == before
    ppath = "/agents/%s/presences/%s" % (X3, P1)
    r = srv.get(ppath, user=LEAD)
    expect_status(r, 200)
    p = r.json()
    refused(srv, "PUT", ppath, dict(p, priority=str(p["priority"])),
            "Invalid body: property 'priority' must be an integer", user=LEAD)
    refused(srv, "PUT", ppath, dict(p, priority=1.5),
            "Invalid body: property 'priority' must be an integer", user=LEAD)
    refused(srv, "PUT", "/agents/%s/readyState" % X3, {"readyState": 1},
            "Invalid body: property 'readyState' must be a string", user=LEAD)
    try:
        assert ready(srv, X3) == "NotReady"
    finally:
        ready_back(srv)
    # XML carries only text: "true" is the boolean there.
    expect_status(send(srv, "PUT", path,
                       b"<queue><serving>false</serving></queue>",
                       headers=XML, user=LEAD), 204)


@test
def bodies_ids_in_the_body_match_the_path(srv):
    path = "/agents/%s/readyState" % X3
    refused(srv, "PUT", path, {"agentId": X1, "readyState": "Ready"},
            "Invalid body: agentId '%s' is not the one in the URL" % X1,
            user=LEAD)
    refused(srv, "PUT", path, b"<readyState><agentId>%s</agentId><readyState>"
            b"Ready</readyState></readyState>" % X1.encode(),
            "Invalid body: agentId '%s' is not the one in the URL" % X1,
            headers=XML, user=LEAD)
    try:
        assert ready(srv, X3) == "NotReady" and ready(srv, X1) == "Ready"
    finally:
        ready_back(srv)
    # The same id, or none, is fine.
    expect_status(send(srv, "PUT", path, {"agentId": X3,
                                          "readyState": "NotReady"},
                       user=LEAD), 204)
    qpath = "/agents/%s/queues/%s" % (X3, Q61)
    r = send(srv, "PUT", qpath, {"agentId": X1, "id": Q61, "serving": True},
             user=LEAD)
    expect_plain(r, 400, startswith="Invalid body: agentId '%s' is not the "
                 "one in the URL" % X1)
    id = make_setting(srv, "PATHID")
    refused(srv, "PUT", "/settings/" + id,
            {"id": "OTHER", "uiLanguage": "", "value": "x"},
            "Invalid body: id 'OTHER' is not the one in the URL")
    assert setting(srv, id)["value"] == "kept"


@test
def bodies_put_without_a_property_is_400_and_changes_nothing(srv):
    id = make_setting(srv, "PARTIAL", value="layout")
    for body, missing in [({"uiLanguage": "sv"}, "value"),
                          ({"value": "x"}, "uiLanguage"),
                          ({"uiLanguage": "sv", "value": None}, "value"),
                          ({}, "uiLanguage")]:
        refused(srv, "PUT", "/settings/" + id, body,
                "Invalid body: missing property '%s'" % missing)
    refused(srv, "PUT", "/settings/" + id,
            b"<setting><uiLanguage>sv</uiLanguage></setting>",
            "Invalid body: missing property 'value'", headers=XML)
    assert setting(srv, id) == {"id": id, "uiLanguage": "",
                                "value": "layout"}
    # The whole object as a GET gave it is a complete PUT.
    got = setting(srv, id)
    expect_status(send(srv, "PUT", "/settings/" + id,
                       dict(got, value="layout2")), 204)
    assert setting(srv, id)["value"] == "layout2"
    # A POST may still leave uiLanguage and value out (they start empty).
    nid = "PARTIALNEW_" + srv.name
    if setting(srv, nid) == 404:
        expect_status(send(srv, "POST", "/settings", {"id": nid}), 201)
    # Read-only properties sent back stay accepted and ignored (the whole
    # queue from a GET: test_agents.py agents_queue_login_writes).
