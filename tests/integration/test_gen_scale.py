"""bench/gen-scale on a center of more than 1 000 agents: it loads (its
contacts chunk once failed to plan: "geqo failed to make a valid plan"),
db/check.sql passes on what it wrote, and it writes the logins and rights
bench/center polls as.

Runs in a database of its own (rmi_gen_scale, created and dropped here in
the test cluster), once: on the first server of the run only, since no
server takes part.
"""
import os
import subprocess

from rmitest import test

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DB = "rmi_gen_scale"


def run(args, db=None, stdin=None):
    """Runs a command; its output, stdout and stderr together."""
    r = subprocess.run(args, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    assert r.returncode == 0, "%s: exit %d\n%s" % (args[0], r.returncode,
                                                    r.stdout[-3000:])
    return r.stdout.strip()


def conninfo(db):
    # a keyword given twice: libpq takes the last
    return os.environ["RMI_DB"] + " dbname=" + db


def psql(db, sql):
    return run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-d", conninfo(db), "-c", sql])


def first_server(srv):
    return srv.name == os.environ["RMI_SERVERS"].split(",")[0].split("=")[0]


@test
def gen_scale_center_of_1100_agents(srv):
    if not first_server(srv):
        return
    psql("postgres", "DROP DATABASE IF EXISTS " + DB)
    psql("postgres", "CREATE DATABASE " + DB)
    try:
        run([os.path.join(TOP, "db", "migrate"), conninfo(DB)])
        run([os.path.join(TOP, "bench", "gen-scale"), "--contacts", "2000",
             "--agents", "1100", "--queues", "110", "--days", "1",
             conninfo(DB)])
        assert psql(DB, "SELECT count(*) FROM contacts "
                        "WHERE status NOT LIKE 'In%'") == "2000"
        # db/check.sql: every line's count is 0
        out = run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                   "-d", conninfo(DB), "-f",
                   os.path.join(TOP, "db", "check.sql")])
        bad = [line for line in out.splitlines()
               if line.rsplit("|", 1)[-1].strip() != "0"]
        assert not bad, "db/check.sql: %s" % bad
        # 1 100 agents, one supervisor per 10, one wallboard per 50
        assert psql(DB, """SELECT count(*) FILTER (WHERE is_agent),
            count(*) FILTER (WHERE login ~ '^sup[0-9]{4}$'),
            count(*) FILTER (WHERE login ~ '^wall[0-9]{4}$'),
            count(*) FILTER (WHERE login = 'agent1099')
            FROM users""") == "1100|110|22|1"
        # sup0001, of agent0001's team (11 teams of 100 agents and 10
        # queues): STATISTICS_DETAILS on the team's queues and agents, MANAGE
        # and MANAGE_PRESENCE on the agents; nothing else
        assert psql(DB, """SELECT r.right_name, a.id IS NOT NULL, count(*),
                count(DISTINCT coalesce(a.reporting_group_id, aq.group_id))
            FROM rights r JOIN users s ON s.id = r.user_id
            LEFT JOIN users a ON a.id = r.object_id
            LEFT JOIN (SELECT DISTINCT aq.queue_id, u.reporting_group_id
                       FROM agent_queues aq JOIN users u ON u.id = aq.agent_id
                      ) aq(queue_id, group_id) ON aq.queue_id = r.object_id
            WHERE s.login = 'sup0001'
              AND coalesce(a.reporting_group_id, aq.group_id) =
                  (SELECT reporting_group_id FROM users
                   WHERE login = 'agent0001')
            GROUP BY 1, 2 ORDER BY 1, 2""") == "\n".join([
            "MANAGE|t|100|1", "MANAGE_PRESENCE|t|100|1",
            "STATISTICS_DETAILS|f|10|1", "STATISTICS_DETAILS|t|100|1"])
        assert psql(DB, """SELECT count(*) FROM rights r
            JOIN users s ON s.id = r.user_id WHERE s.login = 'sup0001'""") \
            == "310"
        # an agent: SERVE and STATISTICS_DETAILS on its 10 queues, itself
        assert psql(DB, """SELECT r.right_name, count(*) FROM rights r
            JOIN users a ON a.id = r.user_id WHERE a.login = 'agent0001'
            GROUP BY 1 ORDER BY 1""") == "SERVE|10\nSTATISTICS_DETAILS|11"
    finally:
        psql("postgres", "DROP DATABASE IF EXISTS " + DB)
