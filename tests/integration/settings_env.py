#!/usr/bin/env python3
"""settings_env: RMI_STATEMENT_TIMEOUT and RMI_WORK_MEM reach the database.

Usage: settings_env.py LIBEXECDIR     (the database: RMI_DB)

Starts queueStatuses in socket mode with each environment below and sends it
one FastCGI request directly (no web server: the setting is the program's).
A value PostgreSQL refuses (work_mem under 64kB, a timeout over 2^31 ms)
makes the connection fail, 503: proof that it is passed. A value that could
split the connection options is logged and the default used, 200. Run once
by tests/integration/run, like contract.py.
"""
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

CASES = [
    ({}, 200, None),
    ({"RMI_WORK_MEM": "32MB", "RMI_STATEMENT_TIMEOUT": "10s"}, 200, None),
    ({"RMI_WORK_MEM": "1"}, 503, None),
    ({"RMI_STATEMENT_TIMEOUT": "99999999999"}, 503, None),
    ({"RMI_WORK_MEM": "1MB -c work_mem=1"}, 200,
     "RMI_WORK_MEM: not a setting value"),
]


def record(rtype, content):
    return struct.pack("!BBHHBx", 1, rtype, 1, len(content), 0) + content


def pair(k, v):
    k, v = k.encode(), v.encode()
    ln = b""
    for x in (k, v):
        ln += bytes([len(x)]) if len(x) < 128 else \
            struct.pack("!I", len(x) | 0x80000000)
    return ln + k + v


def request(path, params):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(60)
    s.connect(path)
    body = b"".join(pair(k, v) for k, v in params.items())
    s.sendall(record(1, struct.pack("!HB5x", 1, 0)) + record(4, body) +
              record(4, b"") + record(5, b""))
    data, out = s.makefile("rb").read(), b""
    s.close()
    while len(data) >= 8:
        _, rtype, _, clen, plen = struct.unpack("!BBHHBx", data[:8])
        if rtype == 6:
            out += data[8:8 + clen]
        data = data[8 + clen + plen:]
    return out.decode("utf-8", "replace")


def status(resp):
    for line in resp.split("\r\n"):
        if line.startswith("Status: "):
            return int(line.split()[1])
    return 200


def run_case(prog, env, work):
    path = os.path.join(work, "s.sock")
    log = open(os.path.join(work, "stderr"), "w+")
    full = dict(os.environ)
    full.update(env)
    p = subprocess.Popen([prog, "--socket", path, "--workers", "1"],
                         env=full, stderr=log)
    try:
        for _ in range(600):
            if os.path.exists(path):
                break
            time.sleep(0.05)
        resp = request(path, {
            "REQUEST_METHOD": "GET", "REQUEST_URI": "/RI/rmi/queueStatuses",
            "SCRIPT_NAME": "/RI/rmi/queueStatuses", "QUERY_STRING": "",
            "REMOTE_USER": "supervisor", "SERVER_NAME": "localhost",
            "HTTP_ACCEPT": "application/json"})
    finally:
        p.terminate()
        p.wait()
    log.seek(0)
    return status(resp), log.read()


def main():
    prog = os.path.join(sys.argv[1], "queueStatuses")
    failed = 0
    with tempfile.TemporaryDirectory() as work:
        for env, want, logged in CASES:
            got, err = run_case(prog, env, work)
            ok = got == want and (logged is None or logged in err)
            failed += not ok
            print("settings_env: %s %r: %d%s" % (
                "ok  " if ok else "FAIL", env, got,
                "" if ok else " (want %d, %r; stderr %r)" %
                (want, logged, err[-300:])))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
