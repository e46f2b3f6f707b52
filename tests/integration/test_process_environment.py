"""The environment the shipped configs give the programs.

GnuTLS is linked in through libpq's libldap only; GNUTLS_NO_IMPLICIT_INIT=1
spares every process its constructor's work and 0.7 MB of RSS
(bench/README.md, "Memory"). lighttpd sets it in bin-environment, mod_fcgid
in InitialEnv, the systemd unit of the pools (which servers.sh follows) in
Environment=. The processes of the server under test are told apart by
their ancestors: lighttpd, apache2 (mod_fcgid's process manager), or
neither (a pool's master and workers).
"""
import os

from rmitest import test, expect_status

WANT = b"GNUTLS_NO_IMPLICIT_INIT=1"
FAMILY = "/queueStatuses"
KIND = {"lighttpd": "lighttpd", "apache-fcgid": "apache2",
        "apache-proxy": None}
# The programs under test, not those of another installation running here
# (servers.sh: RMI_PKGLIBEXECDIR, else PREFIX/libexec/rmi).
LIBEXEC = os.path.realpath(os.environ.get("RMI_PKGLIBEXECDIR") or
                           os.path.join(os.environ["RMI_INSTALL"],
                                        "libexec", "rmi")).encode() + b"/"


def read(pid, name):
    with open("/proc/%d/%s" % (pid, name), "rb") as f:
        return f.read()


def parent(pid):
    # The fields after the command's closing parenthesis: state, ppid, ...
    stat = read(pid, "stat")
    return int(stat[stat.rindex(b")") + 2:].split()[1])


def spawner(pid):
    """lighttpd or apache2 if one is an ancestor of pid, else None."""
    while pid > 1:
        pid = parent(pid)
        comm = read(pid, "comm").strip().decode()
        if comm in ("lighttpd", "apache2"):
            return comm
    return None


def family_processes(kind):
    """Processes running the queueStatuses program under that kind."""
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        pid = int(d)
        try:
            argv = read(pid, "cmdline").split(b"\0")
            # The program's path (under valgrind-wrap, LIBEXEC/real/...).
            if not any(a.endswith(FAMILY.encode()) and
                       os.path.realpath(a).startswith(LIBEXEC)
                       for a in argv):
                continue
            if spawner(pid) == kind:
                found.append((pid, read(pid, "environ").split(b"\0")))
        except (FileNotFoundError, ProcessLookupError):
            continue        # gone meanwhile
    return found


@test
def programs_skip_gnutls_initialization(srv):
    for _ in range(8):      # reach every process of the family
        expect_status(srv.get(FAMILY), 200)
    procs = family_processes(KIND[srv.name])
    assert procs, "no %s process of %s found" % (FAMILY, srv.name)
    for pid, env in procs:
        assert WANT in env, "pid %d lacks %s" % (pid, WANT.decode())
