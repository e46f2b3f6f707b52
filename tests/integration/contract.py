#!/usr/bin/env python3
"""contract: the C resource tables checked against the migrated database.

Usage: contract.py LIBEXECDIR     (the database: RMI_DB, or libpq's PG*)

Runs every program of LIBEXECDIR with --describe (and checks --version and
--help), then checks each resource, nested collection and write against the
SQL functions it calls, as common/resource.h states the contract:

- `from` and a write's `SELECT f(...)` call an existing function in named
  notation only (p_user => $1), naming only its arguments and every one
  without a default;
- the $N they use are exactly the parameters the C side binds (a list: the
  "params" of --describe; a look-up by id: "get_params", whose last one,
  the id, is also used by the WHERE sqlbuild adds), and each is passed to
  an argument of the SQL type its kind is sent as (a time to a timestamptz,
  ...), through a cast naming that type if any;
- every field's sql is a column of the function's result (pg_get_function_
  result, or the columns of its SETOF type) of a type that matches the
  field's, and every result column is used by a field, the order, the
  tie-break or the parent key;
- an RMI_T_ENUM field knows every value of a CHECK constraint of the schema
  that lists the same set (shares two values with it, or one and the name
  of its column); an enum property passed to SQL sends only values such a
  constraint allows.

Needs no web server: tests/integration/run calls it once, after the
migrations and before the servers start. Prints each failure and exits 1
if there is one.
"""
import json
import os
import re
import subprocess
import sys

FIELD_TYPES = {
    "int": {"integer", "bigint", "smallint"},
    "bool": {"boolean"},
    "datetime": {"timestamp with time zone"},
    "guid": {"guid"},
    "string": {"text"},
    "enum": {"text"},
}

failures = []
checks = 0
described = []      # (resource, its uses) of every program, for self_check


def check(ok, where, msg):
    global checks
    checks += 1
    if not ok:
        failures.append("%s: %s" % (where, msg))
    return ok


def psql_json(sql):
    out = subprocess.run(
        ["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d",
         os.environ.get("RMI_DB", ""), "-c", sql],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out) if out.strip() else []


def split_top(s):
    """Splits s on the commas outside parentheses and quotes."""
    parts, depth, quote, cur = [], 0, None, ""
    for c in s:
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        cur += c
    if cur.strip():
        parts.append(cur.strip())
    return parts


def name_and_rest(decl):
    """'"time" timestamp with time zone' -> ('time', 'timestamp ...')."""
    if decl.startswith('"'):
        end = decl.index('"', 1)
        return decl[1:end], decl[end + 1:].strip()
    name, _, rest = decl.partition(" ")
    return name, rest.strip()


def load_catalog():
    funcs = {}
    rows = psql_json(
        "SELECT json_agg(json_build_object('name', p.proname, "
        "'args', pg_get_function_arguments(p.oid), "
        "'result', pg_get_function_result(p.oid))) "
        "FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace")
    types = {}
    for t in psql_json(
            "SELECT json_agg(json_build_object('type', t.typname, "
            "'cols', (SELECT json_agg(json_build_array(a.attname, "
            "format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum) "
            "FROM pg_attribute a WHERE a.attrelid = t.typrelid "
            "AND a.attnum > 0 AND NOT a.attisdropped))) "
            "FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace "
            "AND t.typrelid <> 0") or []:
        types[t["type"]] = [tuple(c) for c in t["cols"] or []]
    for r in rows or []:
        if r["name"] in funcs:
            failures.append("function %s is overloaded" % r["name"])
        args = {}
        for a in split_top(r["args"]):
            for mode in ("IN ", "INOUT ", "VARIADIC "):
                if a.startswith(mode):
                    a = a[len(mode):]
            name, rest = name_and_rest(a)
            typ, _, dflt = rest.partition(" DEFAULT ")
            args[name] = (typ.strip(), bool(dflt))
        res = r["result"]
        cols = None
        m = re.match(r"^TABLE\((.*)\)$", res, re.S)
        if m:
            cols = [name_and_rest(c) for c in split_top(m.group(1))]
        elif res.startswith("SETOF ") and res[6:] in types:
            cols = types[res[6:]]
        funcs[r["name"]] = {"args": args, "cols": cols, "result": res}
    enums = []
    for c in psql_json(
            "SELECT json_agg(json_build_array(conrelid::regclass::text, "
            "pg_get_constraintdef(oid))) FROM pg_constraint "
            "WHERE contype = 'c' "
            "AND connamespace = 'public'::regnamespace") or []:
        m = re.match(r"^CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)"
                     r"( NOT VALID)?$", c[1])
        if m:
            vals = set(re.findall(r"'((?:[^']|'')*)'::text", m.group(2)))
            enums.append(("%s.%s" % (c[0], m.group(1)), vals))
    return funcs, enums


def params_used(*sqls):
    used = set()
    for s in sqls:
        used |= {int(n) for n in re.findall(r"\$(\d+)", s or "")}
    return used


# The SQL type each kind of parameter is passed as (resource.h, args.c).
PARAM_TYPES = {
    "user": {"guid"}, "language": {"text"}, "id": {"text", "guid"},
    "time": {"timestamp with time zone"}, "bool": {"boolean"},
    "pattern": {"text"}, "capture": {"guid"}, "choice": {"text"},
    "guids": {"text[]"}, "shows": {"boolean"}, "only": {"boolean"},
    "string": {"text"}, "key": {"text"}, "enum": {"text"},
    "guid": {"guid"}, "int": {"integer"},
}
CASTS = {"timestamptz": "timestamp with time zone", "bool": "boolean",
         "int": "integer", "int4": "integer"}


def check_param_type(where, fn, arg, sqltype, expr, kinds):
    """$N passed to arg: its kind (kinds[N - 1]) and any cast fit it."""
    m = re.match(r"^\$(\d+)(?:::([\w\[\] ]+))?$", expr.strip())
    if not m or kinds is None:
        return
    n, cast = int(m.group(1)), m.group(2)
    if cast:
        cast = CASTS.get(cast.strip(), cast.strip())
        check(cast == sqltype, where, "%s: %s cast to %s, %s is %s" %
              (fn, expr, cast, arg, sqltype))
    if n <= len(kinds):
        check(sqltype in PARAM_TYPES.get(kinds[n - 1], ()), where,
              "%s: %s is %s, given $%d, a %s" % (fn, arg, sqltype, n,
                                                 kinds[n - 1]))


def check_call(where, call, funcs, kinds=None):
    """A call fn(name => expr, ...): returns the function or None. kinds:
    what each $N is (user, language, id, or an arg or prop type)."""
    m = re.match(r"^(\w+)\((.*)\)$", call.strip(), re.S)
    if not check(m is not None, where, "not a function call: %r" % call):
        return None
    fn, given = m.group(1), split_top(m.group(2))
    f = funcs.get(fn)
    if not check(f is not None, where, "no function %s" % fn):
        return None
    names = []
    for g in given:
        nm = re.match(r"^(\w+)\s*=>\s*(.+)$", g, re.S)
        if not check(nm is not None, where,
                     "%s: %r not in named notation" % (fn, g)):
            continue
        names.append(nm.group(1))
        if check(nm.group(1) in f["args"], where, "%s has no argument %s "
                 "(it takes %s)" % (fn, nm.group(1), ", ".join(f["args"]))):
            check_param_type(where, fn, nm.group(1),
                             f["args"][nm.group(1)][0], nm.group(2), kinds)
    check(len(names) == len(set(names)), where, "%s: an argument twice" % fn)
    for a, (_, has_default) in f["args"].items():
        check(has_default or a in names, where,
              "%s: argument %s not given" % (fn, a))
    return f


def check_fields(where, fields, alias, f, extra_sql):
    """fields[] against the function's result columns."""
    if not check(f["cols"] is not None, where,
                 "result %s is not a table" % f["result"]):
        return
    cols = dict(f["cols"])
    used = set()
    for fd in fields:
        w = "%s field %s" % (where, fd["name"])
        m = re.match(r"^%s\.(\w+)$" % alias, fd["sql"])
        if not check(m is not None, w, "sql %r is not %s.column" %
                     (fd["sql"], alias)):
            continue
        col = m.group(1)
        used.add(col)
        if not check(col in cols, w, "no column %s in the result of the "
                     "function (%s)" % (col, ", ".join(cols))):
            continue
        ok = set(FIELD_TYPES[fd["type"]])
        if fd["type"] == "guid" and fd["values"]:
            ok.add("text")          # ids that are not GUIDs by nature
        check(cols[col] in ok, w, "%s is %s, the field %s" %
              (col, cols[col], fd["type"]))
        check(not any(fl.startswith("0x") for fl in fd["flags"]), w,
              "unnamed flag")
    for col in cols:
        check(col in used or re.search(r"\b%s\.%s\b" % (alias, col),
                                       extra_sql or ""), where,
              "result column %s is used by no field, order or key" % col)


def same_set(vals, col, allowed, column):
    """Is the CHECK constraint on col the one of an enum of values vals?
    When they share two values, or one and the column's name."""
    common = len(set(vals) & allowed)
    return common >= 2 or (common == 1 and col.split(".")[1] == column)


def check_enums(where, fields, enums):
    for fd in fields:
        if fd["type"] != "enum":
            continue
        vals = set(fd["values"] or [])
        for col, allowed in enums:
            if same_set(vals, col, allowed, fd["sql"].split(".")[-1]):
                check(allowed <= vals, "%s field %s" % (where, fd["name"]),
                      "%s allows %s, unknown to the field" %
                      (col, sorted(allowed - vals)))


def check_write(where, wr, funcs, enums):
    used = params_used(wr["sql"])
    n = len(wr["params"])
    check(used == set(range(1, n + 1)), where, "uses %s, binds $1..$%d (%s)"
          % (sorted(used), n, ", ".join(wr["params"])))
    m = re.match(r"^SELECT (\w+\(.*\))$", wr["sql"], re.S)
    if m:
        kinds = ["user"] + [p["type"] for p in wr["props"]
                            if "check" not in p["flags"]]
        check_call(where, m.group(1), funcs, kinds)
    for p in wr["props"]:
        if p["type"] != "enum" or "check" in p["flags"]:
            continue
        for col, allowed in enums:
            if same_set(p["values"], col, allowed, ""):
                check(set(p["values"]) <= allowed, "%s prop %s" %
                      (where, p["name"]), "%s refuses %s" %
                      (col, sorted(set(p["values"]) - allowed)))


def param_kinds(res):
    """What $1, $2, ... of a look-up are: user, language, arg types, id."""
    local = {a["name"] for a in res["args"] if "local" in a["flags"]}
    kinds = ["user", "language"] + [a["type"] for a in res["args"]
                                    if a["name"] not in local]
    return kinds + ["id"]


def check_view_args(where, res, uses):
    """The args that pass what the view's value says (shows, only) name one
    group each, and a list passes every group some value lists only rows
    of (a look-up by id is not filtered)."""
    view = res["view"]
    for a in res["args"]:
        if a["type"] not in ("shows", "only"):
            continue
        groups = [g for g in a["flags"] if g in ("view1", "view2")]
        check(view is not None and len(groups) == 1, where,
              "arg %s: a %s arg needs a view and one group" %
              (a["name"], a["type"]))
    only = {g for v in (view or {}).get("values", [])
            for g in (v.get("only") or [])}
    passed = {g for a in res["args"] if a["type"] == "only"
              for g in a["flags"]}
    check("list" not in uses or only <= passed, where, "the view lists only rows having %s, "
          "but no only arg passes it" % sorted(only - passed))


def check_resource(where, res, uses, funcs, enums):
    nested = res["nested"]
    kinds = param_kinds(res)
    check_view_args(where, res, uses)
    f = check_call(where, res["from"], funcs, kinds)
    if f:
        check_fields(where, res["fields"], "r", f, res["tiebreak"])
    check_enums(where, res["fields"], enums)
    used = params_used(res["from"], nested and nested["from"])
    if "list" in uses:
        n = len(res["params"])
        check(used == set(range(1, n + 1)), where, "from uses %s, a list "
              "binds $1..$%d (%s)" % (sorted(used), n,
                                       ", ".join(res["params"])))
    if "get" in uses:
        n = len(res["get_params"])
        check(used >= set(range(1, n)) and used <= set(range(1, n + 1)),
              where, "from uses %s, a look-up binds $1..$%d (%s)" %
              (sorted(used), n, ", ".join(res["get_params"])))
    if nested:
        w = "%s nested %s" % (where, nested["wrapper"])
        nf = check_call(w, nested["from"], funcs, kinds)
        if nf:
            check_fields(w, nested["fields"], "n", nf,
                         nested["order"] + " " + nested["parent_key"])
        check_enums(w, nested["fields"], enums)
    for kind in ("create", "replace"):
        if res[kind]:
            check_write("%s %s" % (where, kind), res[kind], funcs, enums)


def check_program(path, funcs, enums):
    name = os.path.basename(path)
    for opt, pat in (("--version", r"^%s \(rmi\) \S+\n$" % name),
                     ("--help", r"^usage: ")):
        r = subprocess.run([path, opt], capture_output=True, text=True)
        check(r.returncode == 0 and re.match(pat, r.stdout), name,
              "%s: exit %d, %r" % (opt, r.returncode, r.stdout[:80]))
    r = subprocess.run([path, "--describe"], capture_output=True, text=True)
    if not check(r.returncode == 0, name, "--describe: exit %d: %s" %
                 (r.returncode, r.stderr[:200])):
        return 0
    d = json.loads(r.stdout)
    check(d["program"] == name, name, "--describe names %s" % d["program"])
    uses = [set() for _ in d["resources"]]
    for rt in d["routes"]:
        # A route without a resource (health) has no SQL contract.
        if rt["resource"] is not None:
            uses[rt["resource"]].add(rt["handler"])
    for i, res in enumerate(d["resources"]):
        if res["parent"] is not None:
            uses[res["parent"]].add("get")
    for i, res in enumerate(d["resources"]):
        where = "%s resource %d (%s)" % (name, i, res["collection"])
        check_resource(where, res, uses[i], funcs, enums)
        described.append((res, uses[i]))
    return len(d["resources"])


def self_check(funcs, enums):
    """A check that cannot fail is no check: a resource with a field
    renamed and an argument the function lacks, and one with an enum value
    dropped, must fail."""
    global failures
    res, uses = described[0]
    res = json.loads(json.dumps(res))
    res["fields"][0]["sql"] = "r.rmi_contract_canary"
    res["from"] = res["from"][:-1] + ", p_canary => $%d)" % (
        len(res["get_params"]) + 1)
    kept, failures = failures, []
    check_resource("canary", res, uses, funcs, enums)
    caught = failures
    enum_res = next((r for r, _ in described if any(
        f["type"] == "enum" and f["values"] for f in r["fields"])), None)
    if enum_res is not None:
        enum_res = json.loads(json.dumps(enum_res))
        for f in enum_res["fields"]:
            if f["type"] == "enum" and f["values"]:
                f["values"] = f["values"][1:]
        failures = []
        check_enums("canary", enum_res["fields"], enums)
        caught = caught + failures
    failures = kept
    check(any("rmi_contract_canary" in f for f in caught), "self-check",
          "a renamed field went unnoticed")
    check(any("p_canary" in f for f in caught), "self-check",
          "an unknown argument went unnoticed")
    check(enum_res is None or any("unknown to the field" in f
                                  for f in caught), "self-check",
          "a dropped enum value went unnoticed")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: contract.py LIBEXECDIR")
    funcs, enums = load_catalog()
    progs = sorted(os.path.join(sys.argv[1], p)
                   for p in os.listdir(sys.argv[1]))
    progs = [p for p in progs if os.access(p, os.X_OK)
             and os.path.isfile(p)]
    check(len(progs) > 0, sys.argv[1], "no programs")
    nres = sum(check_program(p, funcs, enums) for p in progs)
    if described:
        self_check(funcs, enums)
    for f in failures:
        print("contract: FAIL " + f)
    print("contract: %d programs, %d resources, %d checks, %d failed" %
          (len(progs), nres, checks, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
