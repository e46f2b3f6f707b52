"""rmitest: a small HTTP test runner for the integration tests.

Each test is a function taking a Server (one web server in front of the
suite); the runner calls every registered test against every server named in
RMI_SERVERS ("name=url,name=url") and ends with the line
"N passed, N failed" that CI reads.
"""
import base64
import http.client
import json
import os
import sys
import traceback
import urllib.parse
import xml.etree.ElementTree as ET

PREFIX = "/RI/rmi"
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name.lower())

    @property
    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        assert self.header("content-type").startswith("application/json"), \
            self.header("content-type")
        return json.loads(self.body)

    def xml(self):
        assert self.header("content-type").startswith("application/xml"), \
            self.header("content-type")
        assert self.body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), \
            self.body[:60]
        return ET.fromstring(self.body)

    def __repr__(self):
        return "<%d %r %r>" % (self.status, self.headers, self.body[:300])


class Server:
    def __init__(self, name, url):
        self.name = name
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port

    def request(self, method, path, user="supervisor", password=None,
                headers=None, body=None, raw_path=False):
        """Sends one request; path is below the prefix unless raw_path."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        h = dict(headers or {})
        if user is not None:
            cred = "%s:%s" % (user, password if password is not None else user)
            h["Authorization"] = "Basic " + base64.b64encode(
                cred.encode()).decode()
        conn.request(method, path if raw_path else PREFIX + path, body=body,
                     headers=h)
        r = conn.getresponse()
        data = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        conn.close()
        return Response(r.status, hdrs, data)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)


def expect_status(r, status):
    assert r.status == status, "expected %d, got %r" % (status, r)


def expect_plain(r, status, body=None, startswith=None):
    """A text/plain error answer, optionally with an exact body."""
    expect_status(r, status)
    ctype = r.header("content-type") or ""
    assert ctype.startswith("text/plain"), "content-type %r" % ctype
    if body is not None:
        assert r.text == body, "body %r, expected %r" % (r.text, body)
    if startswith is not None:
        assert r.text.startswith(startswith), "body %r" % r.text


def xml_items(root):
    """An XML list as a list of dicts (text of each child element)."""
    return [{c.tag: c.text or "" for c in item} for item in root]


def run():
    servers = [Server(*s.split("=", 1))
               for s in os.environ["RMI_SERVERS"].split(",") if s]
    only = os.environ.get("RMI_TEST")
    passed = failed = 0
    for srv in servers:
        for fn in TESTS:
            if only and only not in fn.__name__:
                continue
            name = "%s[%s]" % (fn.__name__, srv.name)
            try:
                fn(srv)
            except Exception:
                failed += 1
                print("FAIL", name)
                traceback.print_exc(file=sys.stdout)
            else:
                passed += 1
                print("ok  ", name)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0
