# bench/lib.sh: helpers of bench/run (sourced after tests/integration/servers.sh).

# bench_db SIZE: the cluster of SIZE contacts in $BENCH_DIR/pg-SIZE, started,
# migrated and generated once (marker file `generated` holds the gen-scale
# time); later runs reuse it. Exports what pg_start exports.
bench_db() {
	local size=$1 dir=$BENCH_DIR/pg-$1 t
	pg_start "$dir" || return 1
	if [ "$PG_CREATED" = 1 ]; then
		# A benchmark cluster: memory for the 10M case, no fsync (servers.sh).
		cat >>"$dir/data/postgresql.conf" <<CONF

# bench/run: sized for the scale data (24 GB machine).
shared_buffers = 2GB
effective_cache_size = 8GB
maintenance_work_mem = 1GB
work_mem = 16MB
max_wal_size = 16GB
checkpoint_timeout = 30min
max_connections = 200
CONF
		pg_stop "$dir" && pg_start "$dir" || return 1
	fi
	if [ ! -f "$dir/generated" ]; then
		"$BENCH_TOP/db/migrate" "$RMI_DB" >/dev/null || return 1
		"$BENCH_TOP/bench/gen-scale" --contacts "$size" \
		    --queues "${BENCH_QUEUES:-200}" --agents "${BENCH_AGENTS:-1000}" \
		    "$RMI_DB" 2>&1 | tee "$dir/gen-scale.log" >&2
		t=$(sed -n 's/^gen-scale: contacts=[0-9]* seconds=//p' "$dir/gen-scale.log")
		[ -n "$t" ] || return 1
		printf '%s\n' "$t" >"$dir/generated"
	fi
}
