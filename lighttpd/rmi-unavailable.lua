-- rmi-unavailable.lua: lighttpd's own failures under the rmi prefix become 503 with Retry-After.
--
-- Run by mod_magnet at the start of every response under the prefix
-- (magnet.attract-response-start-to in rmi.conf). A program that dies
-- under a request leaves lighttpd with no answer, which it sends as its own
-- 500 (an HTML page: the programs' errors are never text/html); that is an
-- outage, not a fault of the request, so the client is told to come back.
-- A 503 without Retry-After (lighttpd's, when no program process can be
-- reached) gets one; lighttpd's own 413 gets the API's text/plain message.
-- The programs' own answers pass unchanged.
local r = lighty.r
local status = r.req_item.http_status
local retry = "2"

if status == 500 and (r.resp_header["Content-Type"] or ""):find("^text/html") then
	r.resp_header["Retry-After"] = retry
	r.resp_header["Content-Type"] = "text/plain; charset=utf-8"
	r.resp_body.set({ "HTTP 503 Service Unavailable: the request could "
	    .. "not be served; try again in a few seconds.\n" })
	return 503
end
-- lighttpd's own 413 (server.max-request-size) says what the programs' says,
-- in text/plain as every error of the API.
if status == 413 and (r.resp_header["Content-Type"] or ""):find("^text/html") then
	r.resp_header["Content-Type"] = "text/plain; charset=utf-8"
	r.resp_body.set({ "HTTP 413 Payload Too Large: at most 65536 bytes "
	    .. "are accepted\n" })
	return 413
end
if status == 503 and r.resp_header["Retry-After"] == nil then
	r.resp_header["Retry-After"] = retry
end
