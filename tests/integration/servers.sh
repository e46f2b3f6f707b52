# servers.sh: start and stop throwaway PostgreSQL, lighttpd and Apache for the integration tests.
#
# A bash library: `. tests/integration/servers.sh`, then
#
#   trap srv_cleanup EXIT           # stops everything started, even on failure
#   pg_start "$tmp/pg"              # exports PGHOST PGPORT PGUSER PGDATABASE RMI_DB
#                                   # and RMI_PG_STOP RMI_PG_START (commands)
#   srv_htpasswd "$tmp/htpasswd" supervisor:supervisor agent1:agent1
#   lighttpd_start "$tmp/lighttpd" "$prefix" "$tmp/htpasswd"    # LIGHTTPD_URL
#   apache_start "$tmp/fcgid" "$prefix" "$tmp/htpasswd" fcgid   # APACHE_URL
#   apache_start "$tmp/proxy" "$prefix" "$tmp/htpasswd" proxy   # APACHE_URL
#   srv_tls_cert "$tmp/tls"         # then servers started serve HTTPS too
#   slapd_start "$tmp/ldap" dc=rmi,dc=test searcher:pw user:pw...  # and
#                                   # authenticate against it (see TLS, LDAP)
#
# Each server lives in its own DIR (config, pid file, logs, sockets), so
# several run at once; *_stop DIR stops one, srv_cleanup all (last started
# first). Ports are free loopback ports picked at random (SRV_PORT=N forces
# one, for tools/demo). Functions return non-zero with a message on stderr,
# and the server's log, when something does not start; they work under
# `set -euo pipefail`.
#
# INSTALL_PREFIX is a `make install` prefix: the programs are found in
# $INSTALL_PREFIX/libexec/rmi, the shipped configs in
# $INSTALL_PREFIX/etc/rmi/{lighttpd,apache}/ (override with RMI_PKGLIBEXECDIR
# and RMI_SYSCONFDIR when configure was given other directories).
#
# As root: PostgreSQL runs as postgres (it refuses root); lighttpd and the
# Apache workers (hence mod_fcgid's programs) run as www-data (SRV_WEB_USER),
# so the server directories, the password file and the install prefix are
# made reachable for them (o+x on the directories leading there); the
# proxy pools run as that user too.
#
# Environment read: RMI_PREFIX (default /RI/rmi), RMI_DB (set by pg_start),
# RMI_CORS_ORIGINS (the browser origins allowed; default none),
# SRV_PORT, SRV_WEB_USER, PG_BINDIR, APACHE_MODDIR (default
# /usr/lib/apache2/modules), RMI_POOL_WORKERS (default 2).

_SRV_CLEANUP=()

_srv_err() {
	printf 'servers.sh: %s\n' "$*" >&2
}

# Registers a command (words, quoted safely) for srv_cleanup, once.
srv_on_cleanup() {
	local cmd c
	cmd=$(printf '%q ' "$@")
	for c in "${_SRV_CLEANUP[@]}"; do
		[ "$c" = "$cmd" ] && return 0
	done
	_SRV_CLEANUP+=("$cmd")
}

# Runs the registered commands, last registered first; each at most once.
srv_cleanup() {
	local i
	for ((i = ${#_SRV_CLEANUP[@]} - 1; i >= 0; i--)); do
		eval "${_SRV_CLEANUP[i]}" || true
	done
	_SRV_CLEANUP=()
}

_srv_is_root() {
	[ "$(id -u)" -eq 0 ]
}

# The user the web servers' workers run as: www-data as root, else ourselves.
_srv_web_user() {
	if _srv_is_root; then
		printf '%s\n' "${SRV_WEB_USER:-www-data}"
	else
		id -un
	fi
}

# Runs a command as the web user.
_srv_as_web() {
	if _srv_is_root; then
		runuser -u "$(_srv_web_user)" -- "$@"
	else
		"$@"
	fi
}

# As root, gives "others" search permission on PATH's directories up to /,
# so postgres and www-data can reach files below (mktemp -d makes 0700).
_srv_reachable() {
	local d perm
	_srv_is_root || return 0
	d=$(readlink -f -- "$1") || return 1
	[ -d "$d" ] || d=$(dirname -- "$d")
	while :; do
		perm=$(stat -c %A -- "$d") || return 1
		case $perm in
		*[xt]) ;;
		*) chmod o+x -- "$d" || return 1 ;;
		esac
		[ "$d" = / ] && break
		d=$(dirname -- "$d")
	done
}

# Fails unless the web user can read FILE.
_srv_web_readable() {
	if ! _srv_as_web test -r "$1"; then
		_srv_err "$1 is not readable by $(_srv_web_user)"
		return 1
	fi
}

# True when nothing is bound to 127.0.0.1:PORT (or to the wildcard address).
_srv_port_free() {
	if command -v python3 >/dev/null 2>&1; then
		python3 - "$1" 2>/dev/null <<'EOF'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.close()
EOF
	else
		! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
	fi
}

# Prints a free loopback TCP port, chosen at random below the kernel's
# ephemeral range (32768-60999) so outgoing connections do not take it.
free_port() {
	local p i
	if [ -n "${SRV_PORT:-}" ]; then
		printf '%s\n' "$SRV_PORT"
		return 0
	fi
	for ((i = 0; i < 200; i++)); do
		p=$((20000 + RANDOM % 12000))
		if _srv_port_free "$p"; then
			printf '%s\n' "$p"
			return 0
		fi
	done
	_srv_err "no free port found"
	return 1
}

# Fails when PATH is too long for a Unix socket (sun_path: 108 bytes).
_srv_sockpath_ok() {
	if [ "${#1}" -gt 100 ]; then
		_srv_err "socket path too long (${#1} > 100): $1"
		return 1
	fi
}

# True while process PID runs (a zombie does not count).
_srv_alive() {
	local st
	kill -0 "$1" 2>/dev/null || return 1
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $st in
	Z*) return 1 ;;
	esac
	return 0
}

# Sends SIGTERM to PID, waits up to 15 s, then SIGKILL.
_srv_kill_wait() {
	local pid=$1 i
	_srv_alive "$pid" || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for ((i = 0; i < 150; i++)); do
		_srv_alive "$pid" || return 0
		sleep 0.1
	done
	_srv_err "pid $pid ignored SIGTERM; killing it"
	kill -KILL "$pid" 2>/dev/null || true
	sleep 0.2
}

# Waits until URL answers HTTP (any status) while the process in PIDFILE
# runs; on failure prints LOG. Up to 20 s.
_srv_wait_http() {
	local url=$1 pidfile=$2 log=$3 i code pid
	for ((i = 0; i < 200; i++)); do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
		    -- "$url" 2>/dev/null) || true
		if [ -n "$code" ] && [ "$code" != 000 ]; then
			return 0
		fi
		if [ "$i" -gt 10 ]; then
			pid=$(cat -- "$pidfile" 2>/dev/null) || pid=
			if [ -z "$pid" ] || ! _srv_alive "$pid"; then
				break
			fi
		fi
		sleep 0.1
	done
	_srv_err "no answer from $url; $log says:"
	tail -n 30 -- "$log" >&2 2>/dev/null
	return 1
}

# A value quoted for a libpq connection string.
_srv_conninfo_quote() {
	local v=${1//\\/\\\\}
	printf "'%s'" "${v//\'/\\\'}"
}

# A value quoted for a lighttpd config string.
_srv_lighttpd_quote() {
	local v=${1//\\/\\\\}
	printf '"%s"' "${v//\"/\\\"}"
}

# A value quoted for an Apache config argument.
_srv_apache_quote() {
	local v=${1//\\/\\\\}
	printf '"%s"' "${v//\"/\\\"}"
}

# The directory of PostgreSQL's server programs.
_srv_pg_bindir() {
	local d
	if [ -n "${PG_BINDIR:-}" ]; then
		printf '%s\n' "$PG_BINDIR"
		return 0
	fi
	if command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir 2>/dev/null)
		if [ -x "$d/initdb" ]; then
			printf '%s\n' "$d"
			return 0
		fi
	fi
	for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
		if [ -x "$d/initdb" ]; then
			printf '%s\n' "$d"
			return 0
		fi
	done
	d=$(command -v initdb 2>/dev/null) && {
		dirname -- "$(readlink -f -- "$d")"
		return 0
	}
	_srv_err "initdb not found (install postgresql or set PG_BINDIR)"
	return 1
}

# Runs a PostgreSQL server program as the cluster's owner.
_srv_as_pg() {
	if _srv_is_root; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# Exports RMI_PG_STOP and RMI_PG_START: shell commands stopping and starting
# the cluster again (for tests of a database going away).
_srv_pg_cmds() {
	local bindir=$1 dir=$2 as=
	if _srv_is_root; then
		as="runuser -u postgres -- "
	fi
	RMI_PG_STOP="cd $(printf '%q' "$dir") && $as$(printf '%q' "$bindir/pg_ctl") -D $(printf '%q' "$dir/data") -m fast -w stop"
	RMI_PG_START="cd $(printf '%q' "$dir") && $as$(printf '%q' "$bindir/pg_ctl") -D $(printf '%q' "$dir/data") -l $(printf '%q' "$dir/postgresql.log") -w start"
	export RMI_PG_STOP RMI_PG_START
}

# pg_start DIR: a PostgreSQL cluster in DIR/data, listening only on a Unix
# socket in DIR, superuser postgres, trust authentication, database rmi.
# An existing cluster in DIR is started again as it is (tools/demo keeps
# one); PG_CREATED is 1 when this call ran initdb, else 0.
# Exports PGHOST PGPORT PGUSER PGDATABASE, RMI_DB (a conninfo for the
# programs) and RMI_PG_STOP / RMI_PG_START (shell commands); registers
# pg_stop DIR for srv_cleanup.
pg_start() {
	local dir=$1 bindir port
	if [ $# -ne 1 ] || [ -z "$dir" ]; then
		_srv_err "usage: pg_start DIR"
		return 2
	fi
	bindir=$(_srv_pg_bindir) || return 1
	mkdir -p -- "$dir" && dir=$(cd -- "$dir" && pwd -P) || return 1
	_srv_reachable "$dir" || return 1
	chmod 0755 -- "$dir" || return 1
	if _srv_is_root; then
		chown postgres: -- "$dir" || return 1
	fi
	PG_CREATED=0
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		port=$(free_port) || return 1
		while [ -e "$dir/.s.PGSQL.$port" ]; do
			port=$(free_port) || return 1
		done
		_srv_sockpath_ok "$dir/.s.PGSQL.$port" || return 1
		if ! (cd -- "$dir" && _srv_as_pg "$bindir/initdb" -D "$dir/data" \
		    -U postgres -A trust -E UTF8 --locale=C.UTF-8) \
		    >"$dir/initdb.log" 2>&1; then
			_srv_err "initdb failed:"
			cat -- "$dir/initdb.log" >&2
			return 1
		fi
		cat >>"$dir/data/postgresql.conf" <<EOF

# servers.sh: a throwaway cluster, Unix socket only.
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
		# shellcheck disable=SC2034 # read by the caller
		PG_CREATED=1
	else
		port=$(sed -n "s/^port = \([0-9]*\)$/\1/p" \
		    "$dir/data/postgresql.conf" | tail -n 1)
		if [ -z "$port" ]; then
			_srv_err "no port in $dir/data/postgresql.conf"
			return 1
		fi
	fi
	if ! (cd -- "$dir" && _srv_as_pg "$bindir/pg_ctl" -D "$dir/data" \
	    -l "$dir/postgresql.log" -w -t 60 start) >/dev/null; then
		_srv_err "pg_ctl start failed:"
		tail -n 30 -- "$dir/postgresql.log" >&2
		return 1
	fi
	srv_on_cleanup pg_stop "$dir"
	_srv_pg_cmds "$bindir" "$dir"
	export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=postgres
	if [ "$("$bindir/psql" -X -A -t -c \
	    "SELECT count(*) FROM pg_database WHERE datname = 'rmi'")" != 1 ]; then
		"$bindir/psql" -X -q -v ON_ERROR_STOP=1 \
		    -c 'CREATE DATABASE rmi' || return 1
	fi
	export PGDATABASE=rmi
	RMI_DB="host=$(_srv_conninfo_quote "$dir") port=$port user=postgres dbname=rmi"
	export RMI_DB
}

# pg_stop [DIR]: stops the cluster in DIR (default: the one PGHOST names).
pg_stop() {
	local dir=${1:-${PGHOST:-}} bindir
	[ -n "$dir" ] && [ -f "$dir/data/postmaster.pid" ] || return 0
	bindir=$(_srv_pg_bindir) || return 1
	(cd -- "$dir" && _srv_as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast \
	    -w -t 60 stop) >/dev/null
}

# srv_htpasswd FILE USER:PASSWORD...: a password file both servers read
# ($apr1$ MD5: cheap per request; lighttpd verifies it natively).
srv_htpasswd() {
	local file=$1 pair flag=-c
	shift
	if [ -z "$file" ] || [ $# -eq 0 ]; then
		_srv_err "usage: srv_htpasswd FILE USER:PASSWORD..."
		return 2
	fi
	rm -f -- "$file"
	for pair in "$@"; do
		htpasswd $flag -b -m -- "$file" "${pair%%:*}" "${pair#*:}" \
		    2>/dev/null || {
			_srv_err "htpasswd failed for ${pair%%:*}"
			return 1
		}
		flag=
	done
	chmod 0644 -- "$file"
	_srv_reachable "$file"
}

# Where make install put the programs and the configs below PREFIX.
_srv_libexec() {
	printf '%s\n' "${RMI_PKGLIBEXECDIR:-$1/libexec/rmi}"
}
_srv_confdir() {
	printf '%s\n' "${RMI_SYSCONFDIR:-$1/etc}/rmi"
}

# Checks the arguments common to lighttpd_start and apache_start; sets
# _dir, _prefix, _passwd (absolute) and creates _dir.
_srv_web_args() {
	_dir=$1 _prefix=$2 _passwd=$3
	if [ -z "$_dir" ] || [ -z "$_prefix" ] || [ -z "$_passwd" ]; then
		return 2
	fi
	_prefix=$(cd -- "$_prefix" 2>/dev/null && pwd -P) || {
		_srv_err "no such install prefix: $2"
		return 1
	}
	[ -f "$_passwd" ] || {
		_srv_err "no such password file: $_passwd"
		return 1
	}
	_passwd=$(readlink -f -- "$_passwd") || return 1
	mkdir -p -- "$_dir" && _dir=$(cd -- "$_dir" && pwd -P) || return 1
	chmod 0755 -- "$_dir" || return 1
	_srv_reachable "$_dir" && _srv_reachable "$_passwd" &&
	    _srv_reachable "$(_srv_libexec "$_prefix")" || return 1
	_srv_web_readable "$_passwd"
}

# _srv_start_web NAME DIR PIDFILE STOP CONF START: the start-and-retry
# loop of lighttpd_start and apache_start. Picks a free port, writes and
# checks the config (CONF DIR PORT), starts the server (START DIR, which
# returns once the daemon listens, its pid in PIDFILE), registers STOP DIR for srv_cleanup and waits until it answers
# HTTP. A port taken between the choice and the start (another server
# starting at once) is retried with another, up to 3 times. Sets _port.
_srv_start_web() {
	# Not named conf: the CONF function reads its caller's conf.
	local name=$1 dir=$2 pidfile=$3 stop=$4 writeconf=$5 start=$6
	for _ in 1 2 3; do
		_port=$(free_port) || return 1
		"$writeconf" "$dir" "$_port" || return 1
		rm -f -- "$pidfile"
		if "$start" "$dir" >>"$dir/error.log" 2>&1; then
			srv_on_cleanup "$stop" "$dir"
			if ! _srv_wait_http "http://127.0.0.1:$_port/" \
			    "$pidfile" "$dir/error.log"; then
				"$stop" "$dir"
				return 1
			fi
			return 0
		fi
		grep -q 'in use' -- "$dir/error.log" && [ -z "${SRV_PORT:-}" ] &&
		    continue
		break
	done
	_srv_err "$name did not start:"
	tail -n 30 -- "$dir/error.log" >&2
	return 1
}

# lighttpd_start DIR INSTALL_PREFIX PASSWDFILE: lighttpd on 127.0.0.1 and a
# free port, with the installed rmi.conf; it spawns the programs itself.
# Exports LIGHTTPD_URL (http://127.0.0.1:PORT) and LIGHTTPD_PORT; registers
# lighttpd_stop DIR.
lighttpd_start() {
	local _dir _prefix _passwd _port conf
	_srv_web_args "$@" || {
		[ $? -eq 2 ] && _srv_err "usage: lighttpd_start DIR INSTALL_PREFIX PASSWDFILE"
		return 1
	}
	conf=$(_srv_confdir "$_prefix")/lighttpd/rmi.conf
	[ -r "$conf" ] || {
		_srv_err "not installed: $conf"
		return 1
	}
	mkdir -p -- "$_dir/run" "$_dir/htdocs" "$_dir/tmp" || return 1
	_srv_sockpath_ok "$_dir/run/rmi-contactSummaries.sock-99" || return 1
	if _srv_is_root; then
		chown "$(_srv_web_user):" -- "$_dir/run" "$_dir/tmp" || return 1
	fi
	_srv_start_web lighttpd "$_dir" "$_dir/lighttpd.pid" lighttpd_stop \
	    _srv_lighttpd_conf _srv_lighttpd_run || return 1
	_SRV_LIGHTTPD_DIR=$_dir
	LIGHTTPD_PORT=$_port
	LIGHTTPD_URL=http://127.0.0.1:$_port
	export LIGHTTPD_PORT LIGHTTPD_URL
	_srv_tls_export LIGHTTPD
}

# In the foreground (-D), as systemd runs it, its stderr (the caller's
# error.log) inherited by the programs it spawns: daemonized, lighttpd
# 1.4.69 gives them /dev/null and their log lines (a database error with
# its SQLSTATE) are lost. Returns once the pid file names the server (it
# listens and has spawned the programs), or 1 when it exited first.
_srv_lighttpd_run() {
	local pid i
	rm -f -- "$1/lighttpd.pid"
	setsid lighttpd -D -f "$1/lighttpd.conf" </dev/null &
	pid=$!
	for ((i = 0; i < 300; i++)); do
		[ -s "$1/lighttpd.pid" ] && return 0
		_srv_alive "$pid" || return 1
		sleep 0.1
	done
	return 1
}

# _srv_lighttpd_conf DIR PORT: writes and checks DIR/lighttpd.conf (the
# variables of lighttpd_start) and makes its logs.
_srv_lighttpd_conf() {
	local _dir=$1 port=$2
	{
		printf '# lighttpd.conf: written by servers.sh\n'
		printf 'server.bind = "127.0.0.1"\n'
		printf 'server.port = %s\n' "$port"
		printf 'server.document-root = %s\n' "$(_srv_lighttpd_quote "$_dir/htdocs")"
		printf 'server.pid-file = %s\n' "$(_srv_lighttpd_quote "$_dir/lighttpd.pid")"
		printf 'server.errorlog = %s\n' "$(_srv_lighttpd_quote "$_dir/error.log")"
		printf 'server.upload-dirs = ( %s )\n' "$(_srv_lighttpd_quote "$_dir/tmp")"
		if _srv_is_root; then
			printf 'server.username = "%s"\n' "$(_srv_web_user)"
			printf 'server.groupname = "%s"\n' "$(id -gn "$(_srv_web_user)")"
		fi
		printf 'server.modules = ( "mod_accesslog" )\n'
		printf 'accesslog.filename = %s\n' "$(_srv_lighttpd_quote "$_dir/access.log")"
		printf 'accesslog.format = "%%h %%u \\"%%r\\" %%>s %%b %%D"\n'
		cat <<'EOF'
# URL parsing as Debian's /etc/lighttpd/lighttpd.conf sets it.
server.http-parseopts = (
	"header-strict"            => "enable",
	"host-strict"              => "enable",
	"host-normalize"           => "enable",
	"url-normalize-unreserved" => "enable",
	"url-normalize-required"   => "enable",
	"url-ctrls-reject"         => "enable",
	"url-path-2f-decode"       => "enable",
	"url-path-dotseg-remove"   => "enable",
)
EOF
		printf '\n# The settings rmi.conf needs (see lighttpd/50-rmi.conf).\n'
		printf 'var.rmi_prefix = %s\n' "$(_srv_lighttpd_quote "${RMI_PREFIX:-/RI/rmi}")"
		printf 'var.rmi_db = %s\n' "$(_srv_lighttpd_quote "${RMI_DB:-}")"
		printf 'var.rmi_htpasswd = %s\n' "$(_srv_lighttpd_quote "$_passwd")"
		printf 'var.rmi_sockdir = %s\n' "$(_srv_lighttpd_quote "$_dir/run")"
		printf 'var.rmi_cors_origins = %s\n' "$(_srv_lighttpd_quote "${RMI_CORS_ORIGINS:-}")"
		printf 'include %s\n' "$(_srv_lighttpd_quote "$conf")"
		_srv_lighttpd_tls_ldap "$port" || return 1
	} >"$_dir/lighttpd.conf" || return 1
	if ! lighttpd -tt -f "$_dir/lighttpd.conf" >"$_dir/configtest.log" 2>&1; then
		_srv_err "lighttpd config test failed:"
		cat -- "$_dir/configtest.log" >&2
		return 1
	fi
	: >"$_dir/error.log" && : >>"$_dir/access.log" || return 1
	# lighttpd opens the access log after dropping root.
	if _srv_is_root; then
		chown "$(_srv_web_user):" -- "$_dir/error.log" \
		    "$_dir/access.log" || return 1
	fi
}

# lighttpd_stop [DIR]: stops the lighttpd of DIR (default: the last started),
# and with it the programs it spawned.
lighttpd_stop() {
	local dir=${1:-${_SRV_LIGHTTPD_DIR:-}} pid
	[ -n "$dir" ] || return 0
	pid=$(cat -- "$dir/lighttpd.pid" 2>/dev/null) || return 0
	[ -n "$pid" ] && _srv_kill_wait "$pid"
	rm -f -- "$dir/lighttpd.pid"
}

# The families installed below PREFIX (executables in pkglibexecdir).
_srv_families() {
	local f
	for f in "$(_srv_libexec "$1")"/*; do
		[ -f "$f" ] && [ -x "$f" ] && printf '%s\n' "${f##*/}"
	done
}

# The environment the installed systemd unit gives each pool (its
# Environment= lines, NAME=VALUE without spaces), so that the pools tested
# run as the unit would run them.
_srv_unit_env() {
	local unit
	unit=$(_srv_confdir "$1")/apache/rmi@.service
	[ -r "$unit" ] || { _srv_err "no $unit"; return 1; }
	sed -n 's/^Environment=//p' "$unit"
}

# Starts one pre-forked pool per installed family on DIR/run/<family>.sock.
_srv_pools_start() {
	local dir=$1 prefix=$2 fam sock i user env
	user=$(_srv_web_user)
	env=$(_srv_unit_env "$prefix") || return 1
	for fam in $(_srv_families "$prefix"); do
		sock=$dir/run/$fam.sock
		_srv_sockpath_ok "$sock" || return 1
		rm -f -- "$sock"
		# In its own session, as the web user (as the systemd unit runs
		# it); setpriv execs, so $! is the pool's master process.
		(
			cd / || exit 1
			if _srv_is_root; then
				set -- setpriv --reuid="$user" --regid="$(id -g "$user")" \
				    --init-groups --
			else
				set --
			fi
			# shellcheck disable=SC2086 # one word per NAME=VALUE
			RMI_PREFIX=${RMI_PREFIX:-/RI/rmi} exec env $env setsid "$@" \
			    "$(_srv_libexec "$prefix")/$fam" \
			    --socket "$sock" --workers "${RMI_POOL_WORKERS:-2}" \
			    </dev/null >>"$dir/pool-$fam.log" 2>&1
		) &
		printf '%s\n' "$!" >"$dir/pool-$fam.pid"
		for ((i = 0; i < 100; i++)); do
			[ -S "$sock" ] && break
			if ! _srv_alive "$(cat -- "$dir/pool-$fam.pid")"; then
				break
			fi
			sleep 0.1
		done
		if [ ! -S "$sock" ]; then
			_srv_err "pool $fam did not start:"
			tail -n 30 -- "$dir/pool-$fam.log" >&2
			return 1
		fi
	done
}

_srv_pools_stop() {
	local dir=$1 f pid
	for f in "$dir"/pool-*.pid; do
		[ -f "$f" ] || continue
		pid=$(cat -- "$f") && [ -n "$pid" ] && _srv_kill_wait "$pid"
		rm -f -- "$f"
	done
}

# apache_start DIR INSTALL_PREFIX PASSWDFILE VARIANT: Apache (event MPM) on
# 127.0.0.1 and a free port, with the installed rmi-fcgid.conf (VARIANT
# fcgid) or rmi-proxy-fcgi.conf (VARIANT proxy; first starts a pool per
# installed family, `<family> --socket DIR/run/<family>.sock --workers
# ${RMI_POOL_WORKERS:-2}`, environment RMI_DB and RMI_PREFIX).
# Exports APACHE_URL and APACHE_PORT (save them before starting another);
# registers apache_stop DIR.
apache_start() {
	local _dir _prefix _passwd _port variant=${4:-} conf moddir user
	if [ $# -ne 4 ]; then
		_srv_err "usage: apache_start DIR INSTALL_PREFIX PASSWDFILE fcgid|proxy"
		return 2
	fi
	_srv_web_args "$1" "$2" "$3" || {
		[ $? -eq 2 ] && _srv_err "usage: apache_start DIR INSTALL_PREFIX PASSWDFILE fcgid|proxy"
		return 1
	}
	case $variant in
	fcgid) conf=$(_srv_confdir "$_prefix")/apache/rmi-fcgid.conf ;;
	proxy) conf=$(_srv_confdir "$_prefix")/apache/rmi-proxy-fcgi.conf ;;
	*)
		_srv_err "apache_start: VARIANT is fcgid or proxy, not '$variant'"
		return 2
		;;
	esac
	[ -r "$conf" ] || {
		_srv_err "not installed: $conf"
		return 1
	}
	moddir=${APACHE_MODDIR:-/usr/lib/apache2/modules}
	user=$(_srv_web_user)
	mkdir -p -- "$_dir/run" "$_dir/fcgid" || return 1
	chmod 0755 -- "$_dir/run" || return 1
	if _srv_is_root; then
		chown "$user:" -- "$_dir/run" "$_dir/fcgid" || return 1
	fi
	if [ "$variant" = proxy ]; then
		srv_on_cleanup _srv_pools_stop "$_dir"
		_srv_pools_start "$_dir" "$_prefix" || {
			_srv_pools_stop "$_dir"
			return 1
		}
	fi
	_srv_start_web Apache "$_dir" "$_dir/httpd.pid" apache_stop \
	    _srv_apache_conf _srv_apache_run || return 1
	_SRV_APACHE_DIR=$_dir
	APACHE_PORT=$_port
	APACHE_URL=http://127.0.0.1:$_port
	export APACHE_PORT APACHE_URL
	_srv_tls_export APACHE
}

# Loads mod_qos (per-address connection limits) when installed. Debian 12's
# build still links PCRE 1, which this Apache no longer loads: load it first.
_srv_apache_qos() {
	local pcre
	[ -f "$1/mod_qos.so" ] || return 0
	printf '<IfModule !qos_module>\n'
	for pcre in /usr/lib/*/libpcre.so.3; do
		[ -f "$pcre" ] && printf '\tLoadFile %s\n' "$pcre"
	done
	printf '\tLoadModule qos_module %s/mod_qos.so\n' "$1"
	printf '</IfModule>\n'
}

_srv_apache_run() {
	apache2 -f "$1/httpd.conf" -k start
}

# _srv_apache_conf DIR PORT: writes and checks DIR/httpd.conf (the
# variables of apache_start) and empties its error log.
_srv_apache_conf() {
	local _dir=$1 port=$2 m mods
	{
		printf '# httpd.conf: written by servers.sh\n'
		printf 'ServerRoot %s\n' "$(_srv_apache_quote "$_dir")"
		printf 'ServerName 127.0.0.1\n'
		printf 'Listen 127.0.0.1:%s\n' "$port"
		printf 'PidFile %s\n' "$(_srv_apache_quote "$_dir/httpd.pid")"
		printf 'DefaultRuntimeDir %s\n' "$(_srv_apache_quote "$_dir/run")"
		printf 'ErrorLog %s\n' "$(_srv_apache_quote "$_dir/error.log")"
		printf 'LogLevel warn\n'
		printf 'LogFormat "%%h %%u \\"%%r\\" %%>s %%b %%D" rmi\n'
		printf 'CustomLog %s rmi\n' "$(_srv_apache_quote "$_dir/access.log")"
		if [ "$variant" = fcgid ]; then
			mods="alias fcgid env"
		else
			mods="proxy proxy_fcgi env"
		fi
		# Some are compiled in (unixd on Debian): load the others.
		for m in mpm_event unixd authn_core authn_file authz_core \
		    authz_user auth_basic headers lua reqtimeout $mods; do
			printf '<IfModule !%s_module>\n' "$m"
			printf '\tLoadModule %s_module %s/mod_%s.so\n' "$m" "$moddir" "$m"
			printf '</IfModule>\n'
		done
		_srv_apache_qos "$moddir"
		if [ "$variant" = fcgid ]; then
			printf 'FcgidIPCDir %s\n' "$(_srv_apache_quote "$_dir/fcgid")"
			printf 'FcgidProcessTableFile %s\n' "$(_srv_apache_quote "$_dir/fcgid/shm")"
		fi
		if _srv_is_root; then
			printf 'User %s\nGroup %s\n' "$user" "$(id -gn "$user")"
		fi
		printf '\n# The settings the shipped config reads.\n'
		printf 'Define RMI_PREFIX %s\n' "$(_srv_apache_quote "${RMI_PREFIX:-/RI/rmi}")"
		# Apache cannot Define an empty value: no RMI_DB, no Define.
		if [ -n "${RMI_DB:-}" ]; then
			printf 'Define RMI_DB %s\n' "$(_srv_apache_quote "$RMI_DB")"
		fi
		printf 'Define RMI_HTPASSWD %s\n' "$(_srv_apache_quote "$_passwd")"
		printf 'Define RMI_RUNDIR %s\n' "$(_srv_apache_quote "$_dir/run")"
		# Empty: the shipped default (none allowed).
		if [ -n "${RMI_CORS_ORIGINS:-}" ]; then
			printf 'Define RMI_CORS_ORIGINS %s\n' "$(_srv_apache_quote "$RMI_CORS_ORIGINS")"
		fi
		printf 'Include %s\n' "$(_srv_apache_quote "$conf")"
		_srv_apache_tls_ldap "$moddir" "$port" || return 1
	} >"$_dir/httpd.conf" || return 1
	# AH00111: a ${VAR} without a Define, left literal: an error here.
	if ! apache2 -t -f "$_dir/httpd.conf" >"$_dir/configtest.log" 2>&1 ||
	    grep -q AH00111 -- "$_dir/configtest.log"; then
		_srv_err "Apache config test failed:"
		cat -- "$_dir/configtest.log" >&2
		return 1
	fi
	: >"$_dir/error.log"
}

# apache_stop [DIR]: stops the Apache of DIR (default: the last started;
# mod_fcgid stops its programs) and the pools started for it.
apache_stop() {
	local dir=${1:-${_SRV_APACHE_DIR:-}} pid
	[ -n "$dir" ] || return 0
	pid=$(cat -- "$dir/httpd.pid" 2>/dev/null) || pid=
	[ -n "$pid" ] && _srv_kill_wait "$pid"
	rm -f -- "$dir/httpd.pid"
	_srv_pools_stop "$dir"
}

# Command names used above that Debian keeps in /usr/sbin.
case ":$PATH:" in
*:/usr/sbin:*) ;;
*) PATH=$PATH:/usr/sbin ;;
esac

# ---------------------------------------------------------------- TLS, LDAP

# srv_tls_cert DIR: a throwaway self-signed certificate for 127.0.0.1 and
# localhost, DIR/cert.pem and DIR/key.pem, readable by the web user.
# Exports RMI_TLS_CERT and RMI_TLS_KEY (read by apache_start and
# lighttpd_start: see "TLS and LDAP in the servers" below). A test key,
# world-readable: nothing it protects outlives the test run.
srv_tls_cert() {
	local dir=$1
	mkdir -p -- "$dir" && dir=$(cd -- "$dir" && pwd -P) || return 1
	if ! openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
	    -subj /CN=127.0.0.1 \
	    -addext 'subjectAltName=IP:127.0.0.1,DNS:localhost' \
	    -keyout "$dir/key.pem" -out "$dir/cert.pem" \
	    >"$dir/openssl.log" 2>&1; then
		_srv_err "openssl req failed:"
		cat -- "$dir/openssl.log" >&2
		return 1
	fi
	chmod 0644 -- "$dir/cert.pem" "$dir/key.pem" &&
	    _srv_reachable "$dir" || return 1
	RMI_TLS_CERT=$dir/cert.pem RMI_TLS_KEY=$dir/key.pem
	export RMI_TLS_CERT RMI_TLS_KEY
}

# The user slapd runs as: openldap (the Debian package's) as root, else
# ourselves.
_srv_as_ldap() {
	if _srv_is_root; then
		runuser -u openldap -- "$@"
	else
		"$@"
	fi
}

# slapd_start DIR SUFFIX SEARCHER:PASSWORD USER:PASSWORD...: a throwaway
# OpenLDAP server (Debian package slapd, its own slapd.conf in DIR, an mdb
# database in DIR/db) on 127.0.0.1 and a free port, as the user openldap
# when run as root. It holds the entries uid=USER,ou=people,SUFFIX
# (inetOrgPerson, userPassword hashed {SSHA}) and the search account
# SEARCHER (cn=SEARCHER,SUFFIX): as in Active Directory, only that account
# may search, anonymous clients may only bind. Exports RMI_LDAP_URL (an
# AuthLDAPURL searching uid below ou=people), RMI_LDAP_HOST
# (ldap://127.0.0.1:PORT), RMI_LDAP_BASE, RMI_LDAP_BIND_DN and
# RMI_LDAP_BIND_PW; registers slapd_stop DIR.
slapd_start() {
	local dir=$1 suffix=$2 searcher=${3%%:*} spw=${3#*:} pair port i
	if [ $# -lt 4 ] || [ -z "$dir" ] || [ -z "$suffix" ]; then
		_srv_err "usage: slapd_start DIR SUFFIX SEARCHER:PASSWORD USER:PASSWORD..."
		return 2
	fi
	shift 3
	mkdir -p -- "$dir/db" && dir=$(cd -- "$dir" && pwd -P) || return 1
	rm -rf -- "${dir:?}/db"/* || return 1
	{
		printf 'dn: %s\nobjectClass: dcObject\nobjectClass: organization\n' "$suffix"
		printf 'dc: %s\no: rmi test directory\n\n' "$(printf '%s' "$suffix" |
		    sed 's/^dc=\([^,]*\).*/\1/')"
		printf 'dn: ou=people,%s\nobjectClass: organizationalUnit\nou: people\n\n' "$suffix"
		printf 'dn: cn=%s,%s\nobjectClass: person\ncn: %s\nsn: %s\n' \
		    "$searcher" "$suffix" "$searcher" "$searcher"
		printf 'userPassword: %s\n\n' "$(slappasswd -s "$spw")"
		for pair in "$@"; do
			printf 'dn: uid=%s,ou=people,%s\n' "${pair%%:*}" "$suffix"
			printf 'objectClass: inetOrgPerson\nuid: %s\ncn: %s\nsn: %s\n' \
			    "${pair%%:*}" "${pair%%:*}" "${pair%%:*}"
			printf 'userPassword: %s\n\n' "$(slappasswd -s "${pair#*:}")"
		done
	} >"$dir/init.ldif" || return 1
	port=$(free_port) || return 1
	cat >"$dir/slapd.conf" <<EOF || return 1
# slapd.conf: written by servers.sh (a throwaway directory).
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $dir/slapd.pid
argsfile $dir/slapd.args
database mdb
maxsize 16777216
suffix "$suffix"
directory $dir/db
# Passwords: only for binding. Entries: only the search account reads
# them (an Active Directory refuses anonymous searches too).
access to attrs=userPassword
	by anonymous auth
	by * none
access to *
	by dn.exact="cn=$searcher,$suffix" read
	by anonymous auth
	by * none
EOF
	if _srv_is_root; then
		chown -R openldap:openldap -- "$dir" || return 1
		_srv_reachable "$dir" || return 1
	fi
	if ! _srv_as_ldap slapadd -q -f "$dir/slapd.conf" -l "$dir/init.ldif" \
	    >"$dir/slapadd.log" 2>&1; then
		_srv_err "slapadd failed:"
		cat -- "$dir/slapadd.log" >&2
		return 1
	fi
	if _srv_is_root; then
		set -- -u openldap -g openldap
	else
		set --
	fi
	if ! slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$port/" "$@" \
	    >"$dir/slapd.log" 2>&1; then
		_srv_err "slapd did not start:"
		cat -- "$dir/slapd.log" >&2
		return 1
	fi
	srv_on_cleanup slapd_stop "$dir"
	for ((i = 0; i < 100; i++)); do
		ldapwhoami -x -H "ldap://127.0.0.1:$port/" \
		    -D "cn=$searcher,$suffix" -w "$spw" >/dev/null 2>&1 && break
		sleep 0.1
	done
	if [ "$i" -eq 100 ]; then
		_srv_err "slapd does not answer on port $port"
		return 1
	fi
	RMI_LDAP_HOST=ldap://127.0.0.1:$port
	RMI_LDAP_BASE=ou=people,$suffix
	RMI_LDAP_URL="$RMI_LDAP_HOST/$RMI_LDAP_BASE?uid?one?(objectClass=inetOrgPerson)"
	RMI_LDAP_BIND_DN=cn=$searcher,$suffix
	RMI_LDAP_BIND_PW=$spw
	export RMI_LDAP_HOST RMI_LDAP_BASE RMI_LDAP_URL RMI_LDAP_BIND_DN \
	    RMI_LDAP_BIND_PW
}

# slapd_stop DIR: stops the slapd of DIR.
slapd_stop() {
	local pid
	pid=$(cat -- "$1/slapd.pid" 2>/dev/null) || return 0
	[ -n "$pid" ] && _srv_kill_wait "$pid"
	rm -f -- "$1/slapd.pid"
}

# TLS and LDAP in the servers apache_start and lighttpd_start start, both
# read from the environment, both off unless set:
#  - RMI_TLS_CERT and RMI_TLS_KEY (srv_tls_cert sets them): the server also
#    listens for HTTPS on a second free port with the shipped rmi-tls.conf
#    (plain HTTP on the first port is redirected there, HSTS); exports
#    APACHE_TLS_URL or LIGHTTPD_TLS_URL (https://127.0.0.1:PORT);
#  - RMI_LDAP_URL (Apache) and RMI_LDAP_HOST, RMI_LDAP_BASE (lighttpd),
#    with RMI_LDAP_BIND_DN and RMI_LDAP_BIND_PW (slapd_start sets them all):
#    users are authenticated against that directory with the shipped
#    rmi-ldap.conf instead of the password file.
# Start the servers that should have neither before setting them.

# Picks the HTTPS port of a server whose HTTP port is $1: _SRV_TLS_PORT.
_srv_tls_port() {
	_SRV_TLS_PORT=$1
	while [ "$_SRV_TLS_PORT" = "$1" ]; do
		_SRV_TLS_PORT=$(free_port) || return 1
	done
}

# _srv_apache_tls_ldap MODDIR PORT: the lines httpd.conf gets for TLS and
# LDAP (after the rmi config is included), per the environment.
_srv_apache_tls_ldap() {
	local moddir=$1 port=$2 m
	if [ -n "${RMI_TLS_CERT:-}" ]; then
		_srv_tls_port "$port" || return 1
		printf '\n# TLS: the shipped example, on a second port.\n'
		printf 'Listen 127.0.0.1:%s\n' "$_SRV_TLS_PORT"
		for m in ssl alias; do
			printf '<IfModule !%s_module>\n' "$m"
			printf '\tLoadModule %s_module %s/mod_%s.so\n' "$m" "$moddir" "$m"
			printf '</IfModule>\n'
		done
		printf 'Define RMI_TLS_NAME 127.0.0.1\n'
		printf 'Define RMI_TLS_CERT %s\n' "$(_srv_apache_quote "$RMI_TLS_CERT")"
		printf 'Define RMI_TLS_KEY %s\n' "$(_srv_apache_quote "$RMI_TLS_KEY")"
		printf 'Define RMI_HTTP_PORT %s\n' "$port"
		printf 'Define RMI_HTTPS_PORT %s\n' "$_SRV_TLS_PORT"
		printf 'Define RMI_TLS_URL https://127.0.0.1:%s\n' "$_SRV_TLS_PORT"
		printf 'Include %s\n' "$(_srv_apache_quote "$(dirname -- "$conf")/rmi-tls.conf")"
	fi
	if [ -n "${RMI_LDAP_URL:-}" ]; then
		printf '\n# LDAP instead of the password file: the shipped config.\n'
		for m in ldap authnz_ldap; do
			printf '<IfModule !%s_module>\n' "$m"
			printf '\tLoadModule %s_module %s/mod_%s.so\n' "$m" "$moddir" "$m"
			printf '</IfModule>\n'
		done
		printf 'Define RMI_LDAP_URL %s\n' "$(_srv_apache_quote "$RMI_LDAP_URL")"
		if [ -n "${RMI_LDAP_BIND_DN:-}" ]; then
			printf 'Define RMI_LDAP_BIND_DN %s\n' "$(_srv_apache_quote "$RMI_LDAP_BIND_DN")"
			printf 'Define RMI_LDAP_BIND_PW %s\n' "$(_srv_apache_quote "${RMI_LDAP_BIND_PW:-}")"
		fi
		printf 'Include %s\n' "$(_srv_apache_quote "$(dirname -- "$conf")/rmi-ldap.conf")"
	fi
}

# _srv_lighttpd_tls_ldap PORT: the lines lighttpd.conf gets for TLS and
# LDAP (after rmi.conf is included), per the environment.
_srv_lighttpd_tls_ldap() {
	local port=$1
	if [ -n "${RMI_TLS_CERT:-}" ]; then
		_srv_tls_port "$port" || return 1
		printf '\n# TLS: the shipped example, on a second port.\n'
		printf 'var.rmi_tls_socket = "127.0.0.1:%s"\n' "$_SRV_TLS_PORT"
		printf 'var.rmi_tls_pemfile = %s\n' "$(_srv_lighttpd_quote "$RMI_TLS_CERT")"
		printf 'var.rmi_tls_privkey = %s\n' "$(_srv_lighttpd_quote "$RMI_TLS_KEY")"
		printf 'var.rmi_tls_url = "https://127.0.0.1:%s"\n' "$_SRV_TLS_PORT"
		printf 'include %s\n' "$(_srv_lighttpd_quote "$(dirname -- "$conf")/rmi-tls.conf")"
	fi
	if [ -n "${RMI_LDAP_HOST:-}" ]; then
		printf '\n# LDAP instead of the password file: the shipped config.\n'
		printf 'var.rmi_ldap_host = %s\n' "$(_srv_lighttpd_quote "$RMI_LDAP_HOST")"
		printf 'var.rmi_ldap_base = %s\n' "$(_srv_lighttpd_quote "$RMI_LDAP_BASE")"
		printf 'var.rmi_ldap_filter = "(uid=$)"\n'
		printf 'var.rmi_ldap_bind_dn = %s\n' "$(_srv_lighttpd_quote "${RMI_LDAP_BIND_DN:-}")"
		printf 'var.rmi_ldap_bind_pw = %s\n' "$(_srv_lighttpd_quote "${RMI_LDAP_BIND_PW:-}")"
		printf 'include %s\n' "$(_srv_lighttpd_quote "$(dirname -- "$conf")/rmi-ldap.conf")"
	fi
}

# _srv_tls_export NAME: exports NAME_TLS_URL for the server just started
# with TLS; unsets it otherwise.
_srv_tls_export() {
	if [ -n "${RMI_TLS_CERT:-}" ]; then
		printf -v "$1_TLS_URL" 'https://127.0.0.1:%s' "$_SRV_TLS_PORT"
		export "$1_TLS_URL"
	else
		unset "$1_TLS_URL"
	fi
}
