-- rmi.lua: what Apache answers itself under the rmi prefix (mod_lua).
--
-- The hooks the shipped configs (rmi-fcgid.conf, rmi-proxy-fcgi.conf) set:
--
-- body_limit (LuaHookFixups): a request announcing a body over the
-- programs' 64 KiB (Content-Length) is answered 413 before any of the body
-- is read. LimitRequestBody alone stops the reading too, but mod_fcgid then
-- hands the program an empty body (400) and mod_proxy_fcgi answers 400.
--
-- unavailable (LuaMapHandler, the ErrorDocument of Apache's own 500 and
-- 503): mod_fcgid answers 500 when a program dies under a request,
-- mod_proxy_fcgi 503 when a pool cannot be reached or a worker dies:
-- outages, not faults of the request, so the client is told when to come
-- back. The programs' own answers (their 500s and 503s too) never come here.

local LIMIT = 64 * 1024

function body_limit(r)
	local len = tonumber(r.headers_in["Content-Length"] or "")
	if len ~= nil and len > LIMIT then
		return 413
	end
	return apache2.DECLINED
end

-- too_large (LuaMapHandler, the ErrorDocument of Apache's own 413): the
-- API's text/plain message, as the programs give it.
function too_large(r)
	r.status = 413
	r.content_type = "text/plain; charset=utf-8"
	if r.method ~= "HEAD" then
		r:puts("HTTP 413 Payload Too Large: at most " .. LIMIT
		    .. " bytes are accepted\n")
	end
	return apache2.OK
end

function unavailable(r)
	r.status = 503
	r.err_headers_out["Retry-After"] = "2"
	r.content_type = "text/plain; charset=utf-8"
	if r.method ~= "HEAD" then
		r:puts("HTTP 503 Service Unavailable: the request could not be "
		    .. "served; try again in a few seconds.\n")
	end
	return apache2.OK
end
