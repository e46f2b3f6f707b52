-- bench/report.lua: wrk script: counts non-2xx answers across threads and
-- prints one machine-readable RESULT line (latencies in ms).
local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	non2xx = 0
end

function response(status, headers, body)
	if status < 200 or status > 299 then
		non2xx = non2xx + 1
	end
end

function done(summary, latency, requests)
	local n = 0
	for _, t in ipairs(threads) do
		n = n + t:get("non2xx")
	end
	local e = summary.errors
	io.write(string.format(
	    "RESULT requests=%d rps=%.1f p50=%.3f p90=%.3f p99=%.3f max=%.3f non2xx=%d sockerr=%d timeouts=%d\n",
	    summary.requests, summary.requests / summary.duration * 1e6,
	    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
	    latency:percentile(99) / 1000, latency.max / 1000, n,
	    e.connect + e.read + e.write + e.timeout, e.timeout))
end
