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

/*
 * Adds a property of len bytes. A NUL would cut the value short on its way
 * to SQL, and a character XML 1.0 forbids could not be written back as
 * XML: both are refused, in either format.
 */
static enum rmi_err
add(struct rmi_request *req, struct rmi_body *b, const char *name,
    const char *value, size_t len, enum rmi_bodykind kind)
{
	struct rmi_bodyprop	*p;

	if (rmi_body_prop(b, name) != NULL)
		return rmi_fail(req, RMI_EBADREQ,
		    "Invalid body: property '%.64s' given twice", name);
	if (memchr(value, '\0', len) != NULL)
		return rmi_fail(req, RMI_EBADREQ,
		    "Invalid body: property '%.64s' holds a NUL character", name);
	if (!rmi_xml_text_ok(value, len))
		return rmi_fail(req, RMI_EBADREQ, "Invalid body: property "
		    "'%.64s' holds a character XML 1.0 forbids", name);
	if (b->nprops == MAX_PROPS)
		return rmi_fail(req, RMI_EBADREQ,
		    "Invalid body: more than %d properties", MAX_PROPS);
	if (b->props == NULL &&
	    (b->props = calloc(MAX_PROPS, sizeof(*b->props))) == NULL)
		return rmi_fail(req, RMI_EINTERNAL, "out of memory");
	p = &b->props[b->nprops];
	p->name = strdup(name);
	p->value = strdup(value);
	p->kind = kind;
	if (p->name == NULL || p->value == NULL) {
		free(p->name);
		free(p->value);
		return rmi_fail(req, RMI_EINTERNAL, "out of memory");
	}
	b->nprops++;
	return RMI_OK;
}

static size_t
skip_ws(const char *d, size_t len, size_t i)
{
	while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' ||
	    d[i] == '\n'))
		i++;
	return i;
}

/* The end of the JSON string literal at d[i] (its opening quote). */
static size_t
string_end(const char *d, size_t len, size_t i)
{
	for (i++; i < len; i++)
		if (d[i] == '\\')
			i++;
		else if (d[i] == '"')
			return i + 1;
	return len;
}

/* The end of the JSON value at d[i]: a string, scalar, object or array. */
static size_t
value_end(const char *d, size_t len, size_t i)
{
	int	 depth = 0;

	if (i < len && d[i] == '"')
		return string_end(d, len, i);
	if (i < len && d[i] != '{' && d[i] != '[') {
		while (i < len && strchr(",}] \t\r\n", d[i]) == NULL)
			i++;
		return i;
	}
	while (i < len) {
		if (d[i] == '"') {
			i = string_end(d, len, i);
			continue;
		}
		if (d[i] == '{' || d[i] == '[')
			depth++;
		else if ((d[i] == '}' || d[i] == ']') && --depth == 0)
			return i + 1;
		i++;
	}
	return len;
}

/* Decodes the JSON string literal d[0..n) into a json-c string, or NULL. */
static json_object *
decode_key(const char *d, size_t n)
{
	struct json_tokener	*tok;
	json_object		*o;

	if ((tok = json_tokener_new()) == NULL)
		return NULL;
	o = json_tokener_parse_ex(tok, d, (int)n);
	json_tokener_free(tok);
	if (o != NULL && !json_object_is_type(o, json_type_string)) {
		json_object_put(o);
		o = NULL;
	}
	return o;
}

/*
 * json-c keeps the last of repeated keys, silently; so the object's keys
 * are read again from the text (one well-formed object: json-c parsed it),
 * decoded, and a name given twice (however spelled) or holding a NUL is
 * refused, as it is in XML.
 */
static enum rmi_err
json_keys(struct rmi_request *req, const char *d, size_t len)
{
	json_object	*keys[MAX_PROPS + 1];
	const char	*name;
	size_t		 i, k, n = 0, end;
	enum rmi_err	 err = RMI_OK;

	i = skip_ws(d, len, 0) + 1;	/* past the '{' */
	while ((i = skip_ws(d, len, i)) < len && d[i] == '"') {
		end = string_end(d, len, i);
		if (n == MAX_PROPS + 1) {
			err = rmi_fail(req, RMI_EBADREQ,
			    "Invalid body: more than %d properties", MAX_PROPS);
			break;
		}
		if ((keys[n] = decode_key(d + i, end - i)) == NULL) {
			err = rmi_fail(req, RMI_EINTERNAL, "out of memory");
			break;
		}
		name = json_object_get_string(keys[n++]);
		if (strlen(name) !=
		    (size_t)json_object_get_string_len(keys[n - 1])) {
			err = rmi_fail(req, RMI_EBADREQ, "Invalid body: a "
			    "property name holds a NUL character");
			break;
		}
		for (k = 0; k + 1 < n; k++)
			if (strcmp(json_object_get_string(keys[k]), name) == 0)
				break;
		if (k + 1 < n) {
			err = rmi_fail(req, RMI_EBADREQ,
			    "Invalid body: property '%.64s' given twice", name);
			break;
		}
		i = skip_ws(d, len, end) + 1;	/* past the ':' */
		i = skip_ws(d, len, value_end(d, len, skip_ws(d, len, i)));
		if (i < len && d[i] == ',')
			i++;
	}
	for (k = 0; k < n; k++)
		json_object_put(keys[k]);
	return err;
}

/* A scalar JSON value as a property (objects and arrays are refused). */
static enum rmi_err
add_json(struct rmi_request *req, struct rmi_body *b, const char *key,
    json_object *val)
{
	const char	*s = json_object_get_string(val);

	switch (json_object_get_type(val)) {
	case json_type_string:
		return add(req, b, key, s,
		    (size_t)json_object_get_string_len(val), RMI_B_STRING);
	case json_type_int:
		return add(req, b, key, s, strlen(s), RMI_B_INT);
	case json_type_double:
		return add(req, b, key, s, strlen(s), RMI_B_NUMBER);
	case json_type_boolean:
		return add(req, b, key, s, strlen(s), RMI_B_BOOL);
	default:
		return rmi_fail(req, RMI_EBADREQ, "Invalid body: property "
		    "'%.64s' must be a single value", key);
	}
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
	if ((err = json_keys(req, data, len)) != RMI_OK)
		goto out;
	json_object_object_foreach(root, key, val) {
		if (val == NULL)
			continue;	/* null: as if absent */
		if ((err = add_json(req, b, key, val)) != RMI_OK)
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
		err = add(req, b, (const char *)c->name, (const char *)text,
		    strlen((const char *)text), RMI_B_TEXT);
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

const struct rmi_bodyprop *
rmi_body_prop(const struct rmi_body *body, const char *name)
{
	size_t	 i;

	for (i = 0; i < body->nprops; i++)
		if (strcmp(body->props[i].name, name) == 0)
			return &body->props[i];
	return NULL;
}

const char *
rmi_body_get(const struct rmi_body *body, const char *name)
{
	const struct rmi_bodyprop	*p = rmi_body_prop(body, name);

	return p != NULL ? p->value : NULL;
}
