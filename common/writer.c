/* writer.c: the writer interface and its JSON backend (see writer.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "writer.h"
#include "writer_impl.h"
#include "wire.h"

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

/* Bytes a JSON string cannot hold as they are. */
static const unsigned char json_special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1
};

/*
 * The length of the leading run of s[0..n) that needs no escaping. Eight
 * bytes at a time (is any byte < 0x20, '"' or '\\'?), then byte by byte
 * from the word that has one: strings are most of a row's bytes.
 */
static size_t
json_plain_run(const unsigned char *s, size_t n)
{
	const uint64_t	 ones = 0x0101010101010101ULL;
	const uint64_t	 highs = 0x8080808080808080ULL;
	uint64_t	 x, q, b;
	size_t		 i;

	for (i = 0; n - i >= 8; i += 8) {
		memcpy(&x, s + i, 8);
		q = x ^ (ones * '"');
		b = x ^ (ones * '\\');
		if ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
		    ((b - ones) & ~b)) & highs)
			break;
	}
	while (i < n && !json_special[s[i]])
		i++;
	return i;
}

/*
 * Escapes s[0..n) into p, which has room for 6 * n bytes (every byte a
 * \u00XX at worst); returns the end of what it wrote.
 */
static char *
json_escape_into(char *p, const char *str, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 run;

	for (;;) {
		run = json_plain_run(s, n);
		memcpy(p, s, run);
		p += run;
		if (run == n)
			return p;
		s += run;
		n -= run;
		*p++ = '\\';
		switch (*s) {
		case '"':
		case '\\':
			*p++ = (char)*s;
			break;
		case '\n':
			*p++ = 'n';
			break;
		case '\r':
			*p++ = 'r';
			break;
		case '\t':
			*p++ = 't';
			break;
		default:
			memcpy(p, "u00", 3);
			p[3] = hex[*s >> 4];
			p[4] = hex[*s & 15];
			p += 5;
		}
		s++;
		n--;
	}
}

/*
 * JSON: opens an object or array (c: '{' or '['), after the separator and,
 * inside an object, the key; with one reservation, so that a row's opening
 * is one append (output is written in place, never byte by byte: those
 * appends were half the contacts program's CPU time per row).
 */
static int
json_open(struct rmi_writer *w, const char *name, char c)
{
	struct rmi_level_state	*t = top(w);
	int			 key = t != NULL && t->kind == RMI_LEVEL_OBJECT;
	size_t			 n = key ? strlen(name) : 0;
	char			*p, *start;

	if (n > ((size_t)-1 - 8) / 6 ||
	    (p = start = rmi_buf_room(w->out, 6 * n + 8)) == NULL)
		return -1;
	if (t != NULL && t->count++ > 0)
		*p++ = ',';
	if (key) {
		*p++ = '"';
		p = json_escape_into(p, name, n);
		*p++ = '"';
		*p++ = ':';
	}
	*p++ = c;
	rmi_buf_commit(w->out, (size_t)(p - start));
	return 0;
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
	} else if (json_open(w, name, '{') == -1)
		return -1;
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
	else if (json_open(w, name, '[') == -1)
		return -1;
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

/* strlen(name), remembered by the name's address. */
static size_t
name_len(struct rmi_writer *w, const char *name)
{
	size_t	 i = ((uintptr_t)name >> 3) % RMI_WRITER_NAMES;

	if (w->names[i].name != name) {
		w->names[i].name = name;
		w->names[i].len = strlen(name);
	}
	return w->names[i].len;
}

/*
 * A JSON member written in place with one reservation: the separator, the
 * key (a table's name, never escaped) and the value, quoted and escaped
 * unless a number or boolean. The scalars of large lists go through here,
 * 40-odd a row.
 */
static int
json_field(struct rmi_writer *w, struct rmi_level_state *t, const char *name,
    int quoted, const char *text, size_t len)
{
	size_t	 nlen = name_len(w, name);
	char	*p, *start;

	if (len > ((size_t)-1 - 64 - nlen) / 6)
		return -1;
	if ((p = start = rmi_buf_room(w->out, nlen + 6 * len + 6)) == NULL)
		return -1;
	if (t->count++ > 0)
		*p++ = ',';
	*p++ = '"';
	memcpy(p, name, nlen);
	p += nlen;
	*p++ = '"';
	*p++ = ':';
	if (!quoted) {
		memcpy(p, text, len);
		p += len;
	} else {
		*p++ = '"';
		p = json_escape_into(p, text, len);
		*p++ = '"';
	}
	rmi_buf_commit(w->out, (size_t)(p - start));
	return 0;
}

int
rmi_writer_field_len(struct rmi_writer *w, const char *name,
    enum rmi_type type, const char *text, size_t len)
{
	struct rmi_level_state	*t = top(w);

	if (t == NULL || t->kind != RMI_LEVEL_OBJECT)
		return -1;
	if (type == RMI_T_BOOL) {
		text = rmi_wire_bool(text);
		len = strlen(text);
	}
	if (w->xml) {
		t->count++;
		return rmi_xml_element(w, name, text);
	}
	return json_field(w, t, name, type != RMI_T_INT && type != RMI_T_BOOL,
	    text, len);
}

int
rmi_writer_field(struct rmi_writer *w, const char *name, enum rmi_type type,
    const char *text)
{
	return rmi_writer_field_len(w, name, type, text, strlen(text));
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
