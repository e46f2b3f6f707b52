#!/usr/bin/env python3
"""bench/pgbench-script.py: PostgreSQL log (log_statement = all) on stdin ->
pgbench script FILE of the statements one FastCGI request sent (extended
protocol "execute" lines), parameters as :sNpM variables whose values go to
FILE.vars as -D arguments (NULL stays a literal NULL)."""
import re
import sys

out = sys.argv[1]
lines = sys.stdin.read().splitlines()
stmts = []
pfx = re.compile(r'^.*?\[(\d+)\] (LOG|DETAIL):  (.*)$')
cur = None
for ln in lines:
    m = pfx.match(ln)
    if not m:
        if cur is not None and not cur[2]:	# continuation of the SQL text
            cur[1] += '\n' + ln
        continue
    pid, kind, text = m.groups()
    if kind == 'LOG':
        e = re.match(r'execute [^:]*: (.*)$', text)
        cur = [pid, e.group(1), None] if e else None
        if cur:
            stmts.append(cur)
    elif kind == 'DETAIL' and cur is not None and text.startswith('parameters: '):
        cur[2] = dict((int(k), v) for k, v in re.findall(
            r"\$(\d+) = (NULL|'(?:[^']|'')*')", text[len('parameters: '):]))
# Only the last request: from the last rmi_session statement on, same backend
# (queued requests of an earlier load may still be running).
# The backend of the very last statement served our request (the server
# was idle before it); its statements from its last rmi_session on.
if stmts:
    pid = stmts[-1][0]
    stmts = [st for st in stmts if st[0] == pid]
    last = [i for i, st in enumerate(stmts) if 'rmi_session(' in st[1]]
    if last:
        stmts = stmts[last[-1]:]
script, dargs = [], []
for n, (pid, sql, params) in enumerate(stmts, 1):
    params = params or {}
    def sub(m):
        k = int(m.group(1))
        v = params.get(k)
        if v is None or v == 'NULL':
            return 'NULL'
        name = 's%dp%d' % (n, k)
        dargs.append('-D')
        dargs.append('%s=%s' % (name, v[1:-1].replace("''", "'")))
        return ':' + name
    # pgbench takes every ":name" for a variable, also inside a string
    # literal ('…HH24:MI:SS…' of to_char): such a colon becomes chr(58),
    # constant-folded by the planner.
    sql = re.sub(r"'(?:[^']|'')*'",
                 lambda m: m.group(0).replace(':', "' || chr(58) || '"), sql)
    script.append(re.sub(r'\$(\d+)\b', sub, sql) + ';')
if not script:
    sys.exit('pgbench-script: no statements captured')
with open(out, 'w') as f:
    f.write('-- captured with log_statement = all: the statements of one request\n')
    f.write('\n'.join(script) + '\n')
with open(out + '.vars', 'w') as f:
    f.write(''.join(a + '\n' for a in dargs))
