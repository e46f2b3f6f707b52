/* writer.c: the writer interface and its JSON backend (see writer.h). */
#include <stdlib.h>
#include <string.h>

#include "writer.h"
#include "writer_impl.h"

struct rmi_writer *
rmi_writer_new(enum rmi_format fmt, struct rmi_buf *out)
{
	struct rmi_writer	*w;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	w->out = out;
	w->xml = fmt == RMI_FMT_XML;
	if (w->xml && rmi_xml_open(w) == -1) {
		free(w);
		return NULL;
	}
	return w;
}

void
rmi_writer_free(struct rmi_writer *w)
{
	if (w == NULL)
		return;
	if (w->xml)
		rmi_xml_close(w);
	free(w);
}

static int
push(struct rmi_writer *w, enum rmi_level kind, const char *item)
{
	if (w->depth == RMI_WRITER_DEPTH)
		return -1;
	w->stack[w->depth].kind = kind;
	w->stack[w->depth].count = 0;
	w->stack[w->depth].item = item;
	w->depth++;
	return 0;
}

static struct rmi_level_state *
top(struct rmi_writer *w)
{
	return w->depth ? &w->stack[w->depth - 1] : NULL;
}

/* JSON: the separator and, inside an object, the key of the next member. */
static void
json_member(struct rmi_writer *w, const char *name)
{
	struct rmi_level_state	*t = top(w);

	if (t == NULL)
		return;
	if (t->count++ > 0)
		rmi_buf_putc(w->out, ',');
	if (t->kind == RMI_LEVEL_OBJECT) {
		rmi_json_string(w->out, name);
		rmi_buf_putc(w->out, ':');
	}
}

void
rmi_json_string(struct rmi_buf *b, const char *s)
{
	static const char	 hex[] = "0123456789abcdef";
	const char		*run = s;

	rmi_buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		rmi_buf_put(b, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"':
			rmi_buf_put(b, "\\\"", 2);
			break;
		case '\\':
			rmi_buf_put(b, "\\\\", 2);
			break;
		case '\n':
			rmi_buf_put(b, "\\n", 2);
			break;
		case '\r':
			rmi_buf_put(b, "\\r", 2);
			break;
		case '\t':
			rmi_buf_put(b, "\\t", 2);
			break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4],
			    hex[c & 15] };
			rmi_buf_put(b, u, 6);
		}
		}
	}
	rmi_buf_put(b, run, (size_t)(s - run));
	rmi_buf_putc(b, '"');
}

int
rmi_writer_list_begin(struct rmi_writer *w, const char *collection,
    const char *item)
{
	if (w->depth != 0 || w->done)
		return -1;
	if (w->xml)
		return rmi_xml_start(w, collection) == -1 ? -1 :
		    push(w, RMI_LEVEL_LIST, item);
	rmi_buf_putc(w->out, '[');
	return push(w, RMI_LEVEL_LIST, item);
}

int
rmi_writer_object_begin(struct rmi_writer *w, const char *name)
{
	struct rmi_level_state	*t = top(w);

	if (t == NULL && w->done)
		return -1;
	if (w->xml) {
		if (rmi_xml_start(w, t != NULL && t->kind != RMI_LEVEL_OBJECT ?
		    t->item : name) == -1)
			return -1;
		if (t != NULL)
			t->count++;
	} else {
		json_member(w, name);
		rmi_buf_putc(w->out, '{');
	}
	return push(w, RMI_LEVEL_OBJECT, NULL);
}

int
rmi_writer_array_begin(struct rmi_writer *w, const char *name)
{
	struct rmi_level_state	*t = top(w);

	if (t == NULL || t->kind != RMI_LEVEL_OBJECT)
		return -1;
	if (w->xml)
		t->count++;
	else {
		json_member(w, name);
		rmi_buf_putc(w->out, '[');
	}
	return push(w, RMI_LEVEL_ARRAY, name);
}

int
rmi_writer_end(struct rmi_writer *w)
{
	struct rmi_level_state	*t = top(w);

	if (t == NULL)
		return -1;
	w->depth--;
	if (w->depth == 0)
		w->done = 1;
	if (w->xml)
		return t->kind == RMI_LEVEL_ARRAY ? 0 : rmi_xml_end(w);
	rmi_buf_putc(w->out, t->kind == RMI_LEVEL_OBJECT ? '}' : ']');
	return w->out->oom ? -1 : 0;
}

int
rmi_writer_field(struct rmi_writer *w, const char *name, enum rmi_type type,
    const char *text)
{
	struct rmi_level_state	*t = top(w);

	if (t == NULL || t->kind != RMI_LEVEL_OBJECT)
		return -1;
	if (type == RMI_T_BOOL)
		text = text[0] == 't' ? "true" : "false";
	if (w->xml) {
		t->count++;
		return rmi_xml_element(w, name, text);
	}
	json_member(w, name);
	if (type == RMI_T_INT || type == RMI_T_BOOL)
		rmi_buf_puts(w->out, text);
	else
		rmi_json_string(w->out, text);
	return w->out->oom ? -1 : 0;
}

int
rmi_writer_finish(struct rmi_writer *w)
{
	if (w->depth != 0 || !w->done)
		return -1;
	if (w->xml)
		return rmi_xml_finish(w);
	return w->out->oom ? -1 : 0;
}
