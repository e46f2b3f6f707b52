"""What the web servers themselves answer: dead workers, big and slow clients, timeouts.

The shipped configs (lighttpd/rmi.conf, apache/rmi-*.conf) decide these,
not the programs: a program process killed under load costs at most the
request it was serving, answered 503 with Retry-After, never 500; bodies
over the programs' 64 KiB are refused from their Content-Length, before
they are read; a client that stops sending its request is cut off; the
programs' database timeouts are below the servers' FastCGI timeouts, and a
database that does not answer at all (a blackholed address) gets the
program's 503, not the server's timeout page. No assertion depends on how
fast anything runs: times are upper bounds far above what is configured.
"""
import base64
import http.client
import os
import re
import select
import signal
import socket
import subprocess
import threading
import time

from rmitest import PREFIX, Server, test, expect_plain, expect_status
from test_process_environment import KIND, LIBEXEC, family_processes, parent

AUTH = "Basic " + base64.b64encode(b"supervisor:supervisor").decode()
LIMIT = 64 * 1024           # the programs' RMI_MAX_BODY
HUGE = 200 * 1024 * 1024    # the body the attacker announces
# What the socket buffers of both ends may hold before the server reads
# (loopback: a few MiB); a server that reads the body sends all of HUGE.
ABSORBED = 32 * 1024 * 1024


def one_request(srv, stats, lock):
    """GET /queueStatuses once; records the status (or the exception)."""
    conn = http.client.HTTPConnection(srv.host, srv.port, timeout=30)
    try:
        conn.request("GET", PREFIX + "/queueStatuses",
                     headers={"Authorization": AUTH})
        r = conn.getresponse()
        body = r.read()
        got = (r.status, r.getheader("Retry-After"), body[:100])
    except Exception as e:
        got = (type(e).__name__, None, str(e).encode())
    finally:
        conn.close()
    with lock:
        stats.append(got)


def load(srv, stop, stats, lock):
    while not stop.is_set():
        one_request(srv, stats, lock)


def workers(kind):
    """Pids of queueStatuses processes serving requests under that server:
    a pool's or lighttpd's workers (whose parent is the family's master),
    else every process (mod_fcgid's, or lighttpd's max-procs ones, each
    serving a socket of its own)."""
    procs = [pid for pid, _ in family_processes(kind)]
    return [p for p in procs if parent(p) in procs] or procs


@test
def server_killed_worker_costs_at_most_the_request_in_flight(srv):
    kind = KIND[srv.name]
    stats, lock, stop = [], threading.Lock(), threading.Event()
    threads = [threading.Thread(target=load, args=(srv, stop, stats, lock))
               for _ in range(6)]
    for t in threads:
        t.start()
    try:
        deadline = time.monotonic() + 20
        while len(stats) < 50 and time.monotonic() < deadline:
            time.sleep(0.05)
        victims = workers(kind)
        assert victims, "no queueStatuses worker of %s found" % srv.name
        os.kill(victims[0], signal.SIGKILL)
        n = len(stats)
        while len(stats) < n + 200 and time.monotonic() < deadline + 20:
            time.sleep(0.05)
    finally:
        stop.set()
        for t in threads:
            t.join()
    failed = [s for s in stats if s[0] != 200]
    # The request the worker was serving, at most one per thread in the
    # worst case; what lighttpd's max-procs lost was every request queued.
    assert len(failed) <= 2, failed
    for status, retry, body in failed:
        assert status == 503 and retry, (status, retry, body)
    expect_status(srv.get("/queueStatuses"), 200)


def send_huge(srv, chunked):
    """PUTs a HUGE body and returns (status line, bytes of body sent before
    the answer came)."""
    s = socket.create_connection((srv.host, srv.port), timeout=60)
    head = ("PUT %s/settings/BIGBODY HTTP/1.1\r\nHost: %s:%d\r\n"
            "Authorization: %s\r\nContent-Type: application/json\r\n"
            % (PREFIX, srv.host, srv.port, AUTH))
    head += ("Transfer-Encoding: chunked\r\n" if chunked else
             "Content-Length: %d\r\n" % HUGE)
    s.sendall((head + "\r\n").encode())
    piece = b"0" * 65536
    if chunked:
        piece = b"10000\r\n" + piece + b"\r\n"
    sent = 0
    try:
        while sent < HUGE:
            rd, wr, _ = select.select([s], [s], [], 60)
            if rd:
                break
            assert wr, "server neither reads nor answers"
            sent += s.send(piece)
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        answer = s.recv(4096)
    except ConnectionResetError:
        answer = b""
    s.close()
    return answer.split(b"\r\n", 1)[0], sent


@test
def server_refuses_oversized_body_before_reading_it(srv):
    line, sent = send_huge(srv, chunked=False)
    assert line.startswith(b"HTTP/1.1 413"), (line, sent)
    assert sent <= ABSORBED, "%d bytes sent before %r" % (sent, line)


@test
def server_refuses_oversized_chunked_body_early(srv):
    line, sent = send_huge(srv, chunked=True)
    # mod_proxy_fcgi, once LimitRequestBody stops the body, passes the
    # program none: its 400 "Invalid body: none sent". Still refused early.
    want = (b"HTTP/1.1 413", b"HTTP/1.1 400") if srv.name == "apache-proxy" \
        else (b"HTTP/1.1 413",)
    assert line.startswith(want), (line, sent)
    assert sent <= ABSORBED, "%d bytes sent before %r" % (sent, line)


@test
def server_passes_body_at_the_limit_to_the_program(srv):
    # Exactly 64 KiB passes the server: the program judges it (a JSON
    # string value too long or not, never the server's 413).
    body = b'{"id":"BIGBODY","value":"' + b"x" * (LIMIT - 27) + b'"}'
    assert len(body) == LIMIT
    r = srv.request("PUT", "/settings/BIGBODY", body=body,
                    headers={"Content-Type": "application/json"})
    assert r.status != 413, r
    assert (r.header("content-type") or "").startswith("text/plain") or \
        r.status < 300, r
    r = srv.request("PUT", "/settings/BIGBODY", body=body + b" ",
                    headers={"Content-Type": "application/json"})
    # The server's 413 says what the program's says, in text/plain.
    expect_plain(r, 413, startswith="HTTP 413 Payload Too Large")


@test
def server_cuts_off_a_silent_request_header(srv):
    # A request whose headers stop coming: the server closes it (lighttpd
    # after 20 s of silence, Apache's mod_reqtimeout after 10 s); before
    # the limits, 60 s and 300 s. 45 s is a bound, not a measurement.
    s = socket.create_connection((srv.host, srv.port), timeout=45)
    s.sendall(("GET %s/queueStatuses HTTP/1.1\r\nHost: x\r\nX-Slow: a"
               % PREFIX).encode())
    try:
        data = s.recv(4096)
    except ConnectionResetError:
        data = b""
    except socket.timeout:
        raise AssertionError("still open after 45 s of silence")
    finally:
        s.close()
    # Closed, with nothing or with 408 Request Timeout.
    assert data == b"" or data.startswith(b"HTTP/1.1 408"), data[:80]


def program_timeouts():
    """(connect, statement) seconds from a program's --help."""
    out = subprocess.run([LIBEXEC.decode() + "queueStatuses", "--help"],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r"connect_timeout=(\d+)s statement_timeout=(\d+)ms", out)
    assert m, out
    return int(m.group(1)), int(m.group(2)) / 1000.0


def installed(*path):
    conf = os.path.join(os.environ.get("RMI_SYSCONFDIR") or
                        os.path.join(os.environ["RMI_INSTALL"], "etc"),
                        "rmi", *path)
    with open(conf) as f:
        return f.read()


def server_timeouts(name):
    """The FastCGI timeouts of the shipped config of that server, seconds."""
    if name == "lighttpd":
        conf = installed("lighttpd", "rmi.conf")
        found = re.findall(r'"read-timeout"\s*=>\s*(\d+)', conf)
        assert len(found) == 1, found
        return [int(found[0])]
    if name == "apache-fcgid":
        conf = installed("apache", "rmi-fcgid.conf")
        lines = re.findall(r"^\s*FcgidCmdOptions .*$", conf, re.M)
        io = [re.search(r" IOTimeout (\d+)", l) for l in lines]
        assert lines and all(io), lines
        busy = re.findall(r"^FcgidBusyTimeout (\d+)", conf, re.M)
        assert len(busy) == 1, busy
        return [int(m.group(1)) for m in io] + [int(busy[0])]
    conf = installed("apache", "rmi-proxy-fcgi.conf")
    lines = re.findall(r"^ProxyPass .*$", conf, re.M)
    t = [re.search(r" timeout=(\d+)", l) for l in lines]
    assert lines and all(t), lines
    return [int(m.group(1)) for m in t]


@test
def server_timeouts_exceed_the_database_timeouts(srv):
    connect, statement = program_timeouts()
    # A request may wait for a connection, then for its statement.
    for limit in server_timeouts(srv.name):
        assert connect + statement < limit, (connect, statement, limit)


@test
def server_unreachable_database_answers_503_with_retry_after(srv):
    # The same server and installation, its RMI_DB a blackholed address
    # (tests/integration/blackhole: connections are never answered).
    urls = dict(s.split("=", 1) for s in
                os.environ.get("RMI_BLACKHOLE_SERVERS", "").split(",") if s)
    assert srv.name in urls, "no blackholed %s started" % srv.name
    bh = Server(srv.name, urls[srv.name])
    r = bh.get("/queueStatuses")
    expect_status(r, 503)
    assert r.header("retry-after"), r
    # The program's own answer (text/plain, its message), not the server's.
    assert (r.header("content-type") or "").startswith("text/plain"), r
    assert r.text.startswith("HTTP 503 Service Unavailable"), r
