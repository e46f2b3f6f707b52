/* body.h: request bodies (PUT/POST) in JSON or XML, into one neutral form. */
#ifndef RMI_BODY_H
#define RMI_BODY_H

#include <stddef.h>

#include "request.h"

/* Bodies larger than this are refused with 413 before they are read. */
#define RMI_MAX_BODY (64 * 1024)

/* What a property's value was written as: what types it may stand for. */
enum rmi_bodykind {
	RMI_B_TEXT,	/* XML text: a value of any type, spelled out */
	RMI_B_STRING,	/* a JSON string */
	RMI_B_INT,	/* a JSON integer */
	RMI_B_NUMBER,	/* any other JSON number (fraction, exponent) */
	RMI_B_BOOL	/* JSON true or false */
};

struct rmi_bodyprop {
	char			*name;	/* owned */
	char			*value;	/* owned */
	enum rmi_bodykind	 kind;
};

/*
 * A body as a flat set of properties: each a name and its scalar value as
 * text (strings as they are, numbers as written, booleans "true"/"false")
 * with what it was written as. JSON: one object of scalars (null = absent).
 * XML: one root element whose child elements hold text. Either way a name
 * given twice, a NUL or a character XML 1.0 forbids (text.h) is 400: the
 * two formats accept the same bodies.
 */
struct rmi_body {
	struct rmi_bodyprop	*props;	/* owned */
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
/* Property name, or NULL when absent. */
const struct rmi_bodyprop *rmi_body_prop(const struct rmi_body *body,
		    const char *name);

#endif
