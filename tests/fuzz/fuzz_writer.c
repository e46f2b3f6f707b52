/*
 * fuzz_writer.c: a value as PostgreSQL returns it through the JSON and XML
 * writers (what every response body is made of). The document written
 * must parse back (json-c, libxml2) and give the value back unchanged for
 * strings: no value can break a client's parser.
 *
 * Input: one byte choosing the field type, then the value's text.
 */
#include <stdio.h>

#include <json-c/json.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "fuzz.h"
#include "text.h"
#include "writer.h"


/* Writes [ {"v": text} ] (JSON) or <things><thing><v>text</v>... (XML). */
static int
write_doc(enum rmi_format fmt, enum rmi_type t, const char *text,
    struct rmi_buf *out)
{
	struct rmi_writer	*w;
	int			 rc = -1;

	if ((w = rmi_writer_new(fmt, out)) == NULL)
		return -1;
	if (rmi_writer_list_begin(w, "things", "thing") == 0 &&
	    rmi_writer_object_begin(w, NULL) == 0 &&
	    rmi_writer_field(w, "v", t, text) == 0 &&
	    rmi_writer_end(w) == 0 && rmi_writer_end(w) == 0 &&
	    rmi_writer_finish(w) == 0)
		rc = 0;
	rmi_writer_free(w);
	return rc;
}

static void
check_json(enum rmi_type t, const char *text, const struct rmi_buf *out)
{
	struct json_tokener	*tok;
	struct json_object	*doc, *item, *v;

	if ((tok = json_tokener_new()) == NULL)
		return;
	doc = json_tokener_parse_ex(tok, out->data, (int)out->len);
	if (doc == NULL || json_tokener_get_error(tok) != json_tokener_success) {
		fprintf(stderr, "JSON not parsed: %.*s\n", (int)out->len,
		    out->data);
		abort();
	}
	if (json_object_array_length(doc) != 1 ||
	    (item = json_object_array_get_idx(doc, 0)) == NULL)
		abort();
	if (json_object_object_get_ex(item, "v", &v) && t == RMI_T_STRING &&
	    strcmp(json_object_get_string(v), text) != 0)
		abort();
	json_object_put(doc);
	json_tokener_free(tok);
}

/*
 * The text as XML carries it: what XML 1.0's Char production forbids (C0
 * controls but tab, LF and CR; U+FFFE and U+FFFF) becomes U+FFFD.
 */
static char *
xml_text(const char *s)
{
	char	*out = malloc(strlen(s) * 3 + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 && strchr("\t\n\r", *s) == NULL) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
		} else if (strncmp(s, "\xef\xbf\xbe", 3) == 0 ||
		    strncmp(s, "\xef\xbf\xbf", 3) == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			s += 2;
		} else
			*o++ = *s;
	*o = '\0';
	return out;
}

static void
check_xml(enum rmi_type t, const char *text, const struct rmi_buf *out)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 v;
	xmlChar		*got;
	char		*want;

	doc = xmlReadMemory(out->data, (int)out->len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		fprintf(stderr, "XML not well-formed: %.*s\n", (int)out->len,
		    out->data);
		abort();
	}
	v = xmlDocGetRootElement(doc);
	v = v != NULL ? xmlFirstElementChild(v) : NULL;	/* thing */
	v = v != NULL ? xmlFirstElementChild(v) : NULL;	/* v */
	if (v != NULL && t == RMI_T_STRING && (want = xml_text(text)) != NULL) {
		got = xmlNodeGetContent(v);
		if (got == NULL || strcmp((const char *)got, want) != 0) {
			fprintf(stderr, "XML gave '%s' for '%s'\n", got, want);
			abort();
		}
		xmlFree(got);
		free(want);
	}
	xmlFreeDoc(doc);
}

/* Text PostgreSQL can return for a field of type t (the writer's input). */
static int
pg_text(enum rmi_type t, const char *s)
{
	switch (t) {
	case RMI_T_INT:
		s += *s == '-';
		return *s != '\0' && strspn(s, "0123456789") == strlen(s);
	case RMI_T_BOOL:
		return strcmp(s, "t") == 0 || strcmp(s, "f") == 0;
	default:
		return 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum rmi_type	 types[] = { RMI_T_STRING, RMI_T_INT,
	    RMI_T_BOOL, RMI_T_DATETIME, RMI_T_GUID, RMI_T_ENUM };
	struct rmi_buf			 out;
	enum rmi_type			 t;
	char				*text;

	if (size < 1)
		return 0;
	t = types[data[0] % (sizeof(types) / sizeof(types[0]))];
	/* PostgreSQL's text: UTF-8 without NUL. */
	if (!rmi_utf8_valid((const char *)data + 1, size - 1) ||
	    memchr(data + 1, '\0', size - 1) != NULL ||
	    (text = rmi_fuzz_str(data + 1, size - 1)) == NULL)
		return 0;
	if (!pg_text(t, text)) {
		free(text);
		return 0;
	}
	rmi_buf_init(&out);
	if (write_doc(RMI_FMT_JSON, t, text, &out) == 0)
		check_json(t, text, &out);
	rmi_buf_free(&out);
	rmi_buf_init(&out);
	if (write_doc(RMI_FMT_XML, t, text, &out) == 0)
		check_xml(t, text, &out);
	rmi_buf_free(&out);
	free(text);
	return 0;
}
