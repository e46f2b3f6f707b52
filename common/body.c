/* body.c: parse JSON (json-c) and XML (libxml2) bodies (see body.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "body.h"
#include "text.h"

/* Deep nesting is never legitimate here; json-c refuses beyond this. */
#define JSON_MAX_DEPTH 8
#define MAX_PROPS 64

enum media { MEDIA_OTHER, MEDIA_JSON, MEDIA_XML };

static enum media
media(const char *ctype)
{
	size_t	 n;

	if (ctype == NULL)
		return MEDIA_OTHER;
	n = strcspn(ctype, "; \t");
	if (n == 16 && strncasecmp(ctype, "application/json", n) == 0)
		return MEDIA_JSON;
	if ((n == 15 && strncasecmp(ctype, "application/xml", n) == 0) ||
	    (n == 8 && strncasecmp(ctype, "text/xml", n) == 0))
		return MEDIA_XML;
	return MEDIA_OTHER;
}

static enum rmi_err
add(struct rmi_request *req, struct rmi_body *b, const char *name,
    const char *value)
{
	size_t	 i;

	for (i = 0; i < b->nprops; i++)
		if (strcmp(b->props[i].name, name) == 0)
			return rmi_fail(req, RMI_EBADREQ,
			    "Invalid body: property '%.64s' given twice", name);
	if (b->nprops == MAX_PROPS)
		return rmi_fail(req, RMI_EBADREQ,
		    "Invalid body: more than %d properties", MAX_PROPS);
	if (b->props == NULL &&
	    (b->props = calloc(MAX_PROPS, sizeof(*b->props))) == NULL)
		return rmi_fail(req, RMI_EINTERNAL, "out of memory");
	b->props[b->nprops].name = strdup(name);
	b->props[b->nprops].value = strdup(value);
	if (b->props[b->nprops].name == NULL ||
	    b->props[b->nprops].value == NULL) {
		free(b->props[b->nprops].name);
		free(b->props[b->nprops].value);
		return rmi_fail(req, RMI_EINTERNAL, "out of memory");
	}
	b->nprops++;
	return RMI_OK;
}

static enum rmi_err
parse_json(struct rmi_request *req, const char *data, size_t len,
    struct rmi_body *b)
{
	struct json_tokener	*tok;
	json_object		*root;
	enum rmi_err		 err = RMI_OK;
	size_t			 used;

	if ((tok = json_tokener_new_ex(JSON_MAX_DEPTH)) == NULL)
		return rmi_fail(req, RMI_EINTERNAL, "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	root = json_tokener_parse_ex(tok, data, (int)len);
	used = (size_t)json_tokener_get_parse_end(tok);
	if (root == NULL || json_tokener_get_error(tok) != json_tokener_success) {
		err = rmi_fail(req, RMI_EBADREQ, "Invalid body: malformed JSON "
		    "(%s)", root == NULL && json_tokener_get_error(tok) ==
		    json_tokener_continue ? "truncated" :
		    json_tokener_error_desc(json_tokener_get_error(tok)));
		goto out;
	}
	for (; used < len; used++)
		if (strchr(" \t\r\n", data[used]) == NULL) {
			err = rmi_fail(req, RMI_EBADREQ,
			    "Invalid body: text after the JSON value");
			goto out;
		}
	if (!json_object_is_type(root, json_type_object)) {
		err = rmi_fail(req, RMI_EBADREQ,
		    "Invalid body: a JSON object is expected");
		goto out;
	}
	json_object_object_foreach(root, key, val) {
		if (val == NULL)
			continue;	/* null: as if absent */
		switch (json_object_get_type(val)) {
		case json_type_object:
		case json_type_array:
			err = rmi_fail(req, RMI_EBADREQ, "Invalid body: property "
			    "'%.64s' must be a single value", key);
			goto out;
		default:
			err = add(req, b, key, json_object_get_string(val));
		}
		if (err != RMI_OK)
			goto out;
	}
out:
	json_object_put(root);
	json_tokener_free(tok);
	return err;
}

/* The text of an element whose children may only be text. */
static int
element_text(xmlNodePtr el, xmlChar **out)
{
	xmlNodePtr	 c;

	for (c = el->children; c != NULL; c = c->next)
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			return -1;
	*out = xmlNodeGetContent(el);
	return *out == NULL ? -1 : 0;
}

static enum rmi_err
parse_xml(struct rmi_request *req, const char *data, size_t len,
    struct rmi_body *b)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, c;
	xmlChar		*text;
	enum rmi_err	 err = RMI_OK;

	/*
	 * No network, no entity substitution (XML_PARSE_NOENT is not given),
	 * no DTD loading; a document that declares a DTD is refused below.
	 */
	doc = xmlReadMemory(data, (int)len, "body.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_NOBLANKS);
	if (doc == NULL)
		return rmi_fail(req, RMI_EBADREQ, "Invalid body: malformed XML");
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		err = rmi_fail(req, RMI_EBADREQ,
		    "Invalid body: DTDs are not accepted");
		goto out;
	}
	if ((root = xmlDocGetRootElement(doc)) == NULL) {
		err = rmi_fail(req, RMI_EBADREQ, "Invalid body: no root element");
		goto out;
	}
	for (c = root->children; c != NULL && err == RMI_OK; c = c->next) {
		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c))
			continue;
		if (c->type == XML_COMMENT_NODE)
			continue;
		if (c->type != XML_ELEMENT_NODE || element_text(c, &text) == -1) {
			err = rmi_fail(req, RMI_EBADREQ, "Invalid body: element "
			    "'%.64s' must hold only text", c->name ?
			    (const char *)c->name : "?");
			break;
		}
		err = add(req, b, (const char *)c->name, (const char *)text);
		xmlFree(text);
	}
out:
	xmlFreeDoc(doc);
	return err;
}

enum rmi_err
rmi_body_parse(struct rmi_request *req, const char *content_type,
    const char *data, size_t len, struct rmi_body *body)
{
	memset(body, 0, sizeof(*body));
	switch (media(content_type)) {
	case MEDIA_JSON:
		if (!rmi_utf8_valid(data, len))
			return rmi_fail(req, RMI_EBADREQ,
			    "Invalid body: not UTF-8");
		if (memchr(data, '\0', len) != NULL)
			return rmi_fail(req, RMI_EBADREQ,
			    "Invalid body: NUL character");
		return parse_json(req, data, len, body);
	case MEDIA_XML:
		return parse_xml(req, data, len, body);
	default:
		return rmi_fail(req, RMI_EMEDIATYPE, "%s",
		    rmi_err_message(RMI_EMEDIATYPE));
	}
}

void
rmi_body_free(struct rmi_body *body)
{
	size_t	 i;

	for (i = 0; i < body->nprops; i++) {
		free(body->props[i].name);
		free(body->props[i].value);
	}
	free(body->props);
	memset(body, 0, sizeof(*body));
}

const char *
rmi_body_get(const struct rmi_body *body, const char *name)
{
	size_t	 i;

	for (i = 0; i < body->nprops; i++)
		if (strcmp(body->props[i].name, name) == 0)
			return body->props[i].value;
	return NULL;
}
