/* cors.h: browser origins: the allowed list (CORS) and cross-site writes. */
#ifndef RMI_CORS_H
#define RMI_CORS_H

/*
 * 1 if origin (an Origin header, e.g. "http://localhost:5173") is one of
 * the space-separated origins of allowed (RMI_CORS_ORIGINS; NULL or blank:
 * none), compared without regard to case; else 0. "null" never is.
 */
int	 rmi_origin_allowed(const char *allowed, const char *origin);

/*
 * 1 if origin is the request's own origin: scheme (https when https, else
 * http), host and port of host (HTTP_HOST, "name[:port]" or "[v6][:port]",
 * the port defaulting to the scheme's), compared without regard to case;
 * else 0 (also when host is NULL).
 */
int	 rmi_origin_same(const char *origin, const char *host, int https);

#endif
