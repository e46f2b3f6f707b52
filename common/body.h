/* body.h: request bodies (PUT/POST) in JSON or XML, into one neutral form. */
#ifndef RMI_BODY_H
#define RMI_BODY_H

#include <stddef.h>

#include "request.h"

/* Bodies larger than this are refused with 413 before they are read. */
#define RMI_MAX_BODY (64 * 1024)

/*
 * A body as a flat set of properties: each a name and its scalar value as
 * text (strings as they are, numbers as written, booleans "true"/"false").
 * JSON: one object of scalars (null = absent). XML: one root element whose
 * child elements hold text. Anything else is 400.
 */
struct rmi_body {
	struct rmi_param	*props;	/* owned */
	size_t			 nprops;
};

/*
 * Parses data[0..len) by content_type (application/json; application/xml
 * or text/xml; parameters such as charset ignored). XML is read with no
 * network access, no DTD and no entity expansion. Returns RMI_OK,
 * RMI_EMEDIATYPE (other or missing type) or RMI_EBADREQ, with req->errmsg
 * set. The caller frees body with rmi_body_free either way.
 */
enum rmi_err	 rmi_body_parse(struct rmi_request *req, const char *content_type,
		    const char *data, size_t len, struct rmi_body *body);
void		 rmi_body_free(struct rmi_body *body);
/* The value of property name, or NULL when absent. */
const char	*rmi_body_get(const struct rmi_body *body, const char *name);

#endif
