/* check_writer.c: JSON and XML writers, element for element. */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "suites.h"
#include "writer.h"

/* A list of two items, the second with a nested wrapped array. */
static void
write_sample(struct rmi_writer *w)
{
	ck_assert_int_eq(rmi_writer_list_begin(w, "agents", "agent"), 0);
	ck_assert_int_eq(rmi_writer_object_begin(w, NULL), 0);
	ck_assert_int_eq(rmi_writer_field(w, "id", RMI_T_GUID, "A1"), 0);
	ck_assert_int_eq(rmi_writer_field(w, "name", RMI_T_STRING,
	    "Fox, \"J\" <&> \\ \x01\n\xc3\x84"), 0);
	ck_assert_int_eq(rmi_writer_field(w, "n", RMI_T_INT, "42"), 0);
	ck_assert_int_eq(rmi_writer_field(w, "ok", RMI_T_BOOL, "t"), 0);
	ck_assert_int_eq(rmi_writer_end(w), 0);
	ck_assert_int_eq(rmi_writer_object_begin(w, NULL), 0);
	ck_assert_int_eq(rmi_writer_field(w, "ok", RMI_T_BOOL, "f"), 0);
	ck_assert_int_eq(rmi_writer_object_begin(w, "queues"), 0);
	ck_assert_int_eq(rmi_writer_array_begin(w, "queue"), 0);
	ck_assert_int_eq(rmi_writer_object_begin(w, NULL), 0);
	ck_assert_int_eq(rmi_writer_field(w, "id", RMI_T_GUID, "Q1"), 0);
	ck_assert_int_eq(rmi_writer_end(w), 0);
	ck_assert_int_eq(rmi_writer_object_begin(w, NULL), 0);
	ck_assert_int_eq(rmi_writer_field(w, "id", RMI_T_GUID, "Q2"), 0);
	ck_assert_int_eq(rmi_writer_end(w), 0);
	ck_assert_int_eq(rmi_writer_end(w), 0);	/* array */
	ck_assert_int_eq(rmi_writer_end(w), 0);	/* queues */
	ck_assert_int_eq(rmi_writer_end(w), 0);	/* agent */
	ck_assert_int_eq(rmi_writer_end(w), 0);	/* list */
	ck_assert_int_eq(rmi_writer_finish(w), 0);
}

START_TEST(test_json)
{
	struct rmi_buf		 b;
	struct rmi_writer	*w;
	json_object		*o;

	rmi_buf_init(&b);
	w = rmi_writer_new(RMI_FMT_JSON, &b);
	write_sample(w);
	ck_assert_str_eq(b.data, "[{\"id\":\"A1\",\"name\":"
	    "\"Fox, \\\"J\\\" <&> \\\\ \\u0001\\n\xc3\x84\",\"n\":42,"
	    "\"ok\":true},{\"ok\":false,\"queues\":{\"queue\":["
	    "{\"id\":\"Q1\"},{\"id\":\"Q2\"}]}}]");
	/* And json-c reads back what we meant. */
	o = json_tokener_parse(b.data);
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(json_object_get_string(json_object_object_get(
	    json_object_array_get_idx(o, 0), "name")),
	    "Fox, \"J\" <&> \\ \x01\n\xc3\x84");
	json_object_put(o);
	rmi_writer_free(w);
	rmi_buf_free(&b);
}
END_TEST

START_TEST(test_xml)
{
	struct rmi_buf		 b;
	struct rmi_writer	*w;

	rmi_buf_init(&b);
	w = rmi_writer_new(RMI_FMT_XML, &b);
	write_sample(w);
	rmi_writer_free(w);
	ck_assert_str_eq(b.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<agents><agent><id>A1</id><name>Fox, &quot;J&quot; &lt;&amp;&gt; \\ "
	    "\xef\xbf\xbd\n\xc3\x84</name><n>42</n><ok>true</ok></agent>"
	    "<agent><ok>false</ok><queues><queue><id>Q1</id></queue>"
	    "<queue><id>Q2</id></queue></queues></agent></agents>\n");
	rmi_buf_free(&b);
}
END_TEST

/*
 * Whatever the database holds, the XML stays well-formed: characters XML
 * 1.0 forbids and invalid UTF-8 become U+FFFD.
 */
START_TEST(test_xml_forbidden_characters)
{
	struct rmi_buf		 b;
	struct rmi_writer	*w;

	rmi_buf_init(&b);
	w = rmi_writer_new(RMI_FMT_XML, &b);
	ck_assert_int_eq(rmi_writer_object_begin(w, "setting"), 0);
	ck_assert_int_eq(rmi_writer_field(w, "value", RMI_T_STRING,
	    "a\xef\xbf\xbe" "b\xef\xbf\xbf" "c\xff" "d\x1b" "e\xed\xa0\x80"), 0);
	ck_assert_int_eq(rmi_writer_end(w), 0);
	ck_assert_int_eq(rmi_writer_finish(w), 0);
	rmi_writer_free(w);
	ck_assert_str_eq(b.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<setting><value>a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd"
	    "d\xef\xbf\xbd" "e\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd</value>"
	    "</setting>\n");
	rmi_buf_free(&b);
}
END_TEST

START_TEST(test_single_entity)
{
	struct rmi_buf		 b;
	struct rmi_writer	*w;

	rmi_buf_init(&b);
	w = rmi_writer_new(RMI_FMT_XML, &b);
	ck_assert_int_eq(rmi_writer_object_begin(w, "queueStatus"), 0);
	ck_assert_int_eq(rmi_writer_field(w, "inQueue", RMI_T_INT, "0"), 0);
	ck_assert_int_eq(rmi_writer_end(w), 0);
	ck_assert_int_eq(rmi_writer_finish(w), 0);
	rmi_writer_free(w);
	ck_assert_ptr_nonnull(strstr(b.data,
	    "<queueStatus><inQueue>0</inQueue></queueStatus>"));
	rmi_buf_reset(&b);
	w = rmi_writer_new(RMI_FMT_JSON, &b);
	ck_assert_int_eq(rmi_writer_object_begin(w, "queueStatus"), 0);
	ck_assert_int_eq(rmi_writer_field(w, "inQueue", RMI_T_INT, "0"), 0);
	ck_assert_int_eq(rmi_writer_end(w), 0);
	ck_assert_int_eq(rmi_writer_finish(w), 0);
	rmi_writer_free(w);
	ck_assert_str_eq(b.data, "{\"inQueue\":0}");
	rmi_buf_free(&b);
}
END_TEST

START_TEST(test_misuse)
{
	struct rmi_buf		 b;
	struct rmi_writer	*w;

	rmi_buf_init(&b);
	w = rmi_writer_new(RMI_FMT_JSON, &b);
	ck_assert_int_eq(rmi_writer_field(w, "x", RMI_T_INT, "1"), -1);
	ck_assert_int_eq(rmi_writer_end(w), -1);
	ck_assert_int_eq(rmi_writer_list_begin(w, "a", "b"), 0);
	ck_assert_int_eq(rmi_writer_field(w, "x", RMI_T_INT, "1"), -1);
	ck_assert_int_eq(rmi_writer_array_begin(w, "x"), -1);
	ck_assert_int_eq(rmi_writer_finish(w), -1);
	ck_assert_int_eq(rmi_writer_end(w), 0);
	ck_assert_int_eq(rmi_writer_list_begin(w, "a", "b"), -1);
	ck_assert_int_eq(rmi_writer_finish(w), 0);
	ck_assert_str_eq(b.data, "[]");
	rmi_writer_free(w);
	rmi_buf_free(&b);
}
END_TEST

/* The escaping of one byte, as RFC 8259 and the writer spell it. */
static void
ref_escape(struct rmi_buf *b, unsigned char c)
{
	char	 u[8];

	switch (c) {
	case '"':
		rmi_buf_puts(b, "\\\"");
		break;
	case '\\':
		rmi_buf_puts(b, "\\\\");
		break;
	case '\n':
		rmi_buf_puts(b, "\\n");
		break;
	case '\r':
		rmi_buf_puts(b, "\\r");
		break;
	case '\t':
		rmi_buf_puts(b, "\\t");
		break;
	default:
		if (c < 0x20) {
			snprintf(u, sizeof(u), "\\u%04x", c);
			rmi_buf_puts(b, u);
		} else
			rmi_buf_putc(b, (char)c);
	}
}

/*
 * Long values (the writer scans eight bytes at a time and assembles members
 * in a 1 KB buffer): every length up to past 2 KB, special bytes at every
 * position of a word, UTF-8 and DEL left alone.
 */
START_TEST(test_json_long_strings)
{
	static const unsigned char	 pick[] = { 'a', '"', '\\', 0x01, '\n',
	    0x1f, 0x7f, 0xc3, 0x84, ' ', '~', 0x20, '\t', 0xff };
	struct rmi_buf			 b, want;
	struct rmi_writer		*w;
	char				 v[2600];
	size_t				 len, i;

	rmi_buf_init(&b);
	rmi_buf_init(&want);
	for (len = 0; len < sizeof(v); len += len < 40 ? 1 : 97) {
		for (i = 0; i < len; i++)
			v[i] = (char)((i * 7 + len) % 11 == 0 ?
			    pick[(i + len) % sizeof(pick)] : 'a' + (char)(i % 26));
		v[len] = '\0';
		rmi_buf_reset(&b);
		rmi_buf_reset(&want);
		rmi_buf_puts(&want, "{\"k\":\"");
		for (i = 0; i < len; i++)
			ref_escape(&want, (unsigned char)v[i]);
		rmi_buf_puts(&want, "\",\"n\":7}");
		w = rmi_writer_new(RMI_FMT_JSON, &b);
		ck_assert_int_eq(rmi_writer_object_begin(w, "x"), 0);
		ck_assert_int_eq(rmi_writer_field(w, "k", RMI_T_STRING, v), 0);
		ck_assert_int_eq(rmi_writer_field(w, "n", RMI_T_INT, "7"), 0);
		ck_assert_int_eq(rmi_writer_end(w), 0);
		ck_assert_int_eq(rmi_writer_finish(w), 0);
		rmi_writer_free(w);
		ck_assert_msg(strcmp(b.data, want.data) == 0,
		    "length %zu: %s", len, b.data);
	}
	rmi_buf_free(&b);
	rmi_buf_free(&want);
}
END_TEST

/*
 * A value written in place: its length is the given one (not up to a NUL),
 * and a value of only control bytes, each \u00XX, fills the reservation
 * of six bytes a byte exactly.
 */
START_TEST(test_json_field_len)
{
	struct rmi_buf		 b, want;
	struct rmi_writer	*w;
	char			 v[3000];
	size_t			 i;

	memset(v, 0x01, sizeof(v));
	rmi_buf_init(&b);
	rmi_buf_init(&want);
	w = rmi_writer_new(RMI_FMT_JSON, &b);
	ck_assert_int_eq(rmi_writer_object_begin(w, "x"), 0);
	ck_assert_int_eq(rmi_writer_field_len(w, "s", RMI_T_STRING, "abcdef",
	    3), 0);
	ck_assert_int_eq(rmi_writer_field_len(w, "n", RMI_T_INT, "12345", 2),
	    0);
	ck_assert_int_eq(rmi_writer_field_len(w, "b", RMI_T_BOOL, "t", 1), 0);
	ck_assert_int_eq(rmi_writer_field_len(w, "c", RMI_T_STRING, v,
	    sizeof(v)), 0);
	ck_assert_int_eq(rmi_writer_end(w), 0);
	ck_assert_int_eq(rmi_writer_finish(w), 0);
	rmi_writer_free(w);
	rmi_buf_puts(&want, "{\"s\":\"abc\",\"n\":12,\"b\":true,\"c\":\"");
	for (i = 0; i < sizeof(v); i++)
		rmi_buf_puts(&want, "\\u0001");
	rmi_buf_puts(&want, "\"}");
	ck_assert_str_eq(b.data, want.data);
	rmi_buf_free(&b);
	rmi_buf_free(&want);
}
END_TEST

Suite *
writer_suite(void)
{
	Suite	*s = suite_create("writer");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_json_long_strings);
	tcase_add_test(tc, test_json_field_len);
	tcase_add_test(tc, test_xml);
	tcase_add_test(tc, test_single_entity);
	tcase_add_test(tc, test_xml_forbidden_characters);
	tcase_add_test(tc, test_misuse);
	suite_add_tcase(s, tc);
	return s;
}
