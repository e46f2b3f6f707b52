#!/usr/bin/env python3
"""slow-probe.py: latency of normal requests while bench/slow-clients attacks.

Usage: slow-probe.py URL USER:PASSWORD SECONDS

One GET at a time from 127.0.0.1, a new connection each, every 100 ms,
for SECONDS; a request that takes over 5 s counts as 5 s and as failed.
Prints one line: n, failed (no answer or not 2xx/4xx), p50, p99, max (ms).
"""
import base64
import http.client
import sys
import time
import urllib.parse

url, cred, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
u = urllib.parse.urlsplit(url)
auth = "Basic " + base64.b64encode(cred.encode()).decode()
lat, failed = [], 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    t0 = time.monotonic()
    ok = False
    try:
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=5,
                                       source_address=("127.0.0.1", 0))
        c.request("GET", u.path, headers={"Authorization": auth})
        r = c.getresponse()
        r.read()
        ok = r.status < 500
        c.close()
    except Exception:
        pass
    dt = min(time.monotonic() - t0, 5.0)
    lat.append(dt * 1000)
    failed += not ok
    time.sleep(max(0, 0.1 - dt))
lat.sort()


def pct(p):
    return lat[min(len(lat) - 1, int(len(lat) * p))]


print("n=%d failed=%d p50=%.0fms p99=%.0fms max=%.0fms"
      % (len(lat), failed, pct(0.5), pct(0.99), lat[-1]))
