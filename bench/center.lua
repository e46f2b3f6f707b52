-- bench/center.lua: wrk script of bench/center: the polling mix of a contact
-- center, each request from a poller of its own (login, ids), chosen at
-- random with the weight of its line in the mix; one RESULT line at the end.
--
-- The pollers file (CENTER_POLLERS, written by bench/center) has one line per
-- request a poller makes: "line<TAB>base64(login:password)<TAB>path". The
-- weights are req/s per 100 agents (CENTER_WEIGHTS: "line=w,line=w,...").
local threads = {}

function setup(thread)
	thread:set("id", #threads + 1)
	table.insert(threads, thread)
end

local lines, weights, total, reqs = {}, {}, 0, {}

function init(args)
	non2xx = 0
	for kv in string.gmatch(os.getenv("CENTER_WEIGHTS"), "[^,]+") do
		local k, w = string.match(kv, "^([^=]+)=([0-9.]+)$")
		table.insert(lines, k)
		weights[k] = tonumber(w)
		total = total + tonumber(w)
		reqs[k] = {}
	end
	local f = assert(io.open(os.getenv("CENTER_POLLERS"), "r"))
	for l in f:lines() do
		local k, auth, path = string.match(l, "^([^\t]+)\t([^\t]+)\t(.+)$")
		if k and reqs[k] then
			table.insert(reqs[k], wrk.format("GET", path,
			    { ["Authorization"] = "Basic " .. auth }))
		end
	end
	f:close()
	for _, k in ipairs(lines) do
		assert(#reqs[k] > 0, "no pollers for " .. k)
	end
	math.randomseed(os.time() * 100 + id)
end

-- A line by its weight, then one of its pollers uniformly.
function request()
	local x = math.random() * total
	for _, k in ipairs(lines) do
		x = x - weights[k]
		if x < 0 then
			local r = reqs[k]
			return r[math.random(#r)]
		end
	end
	local r = reqs[lines[#lines]]
	return r[math.random(#r)]
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
