/* check_text.c: percent-decoding, UTF-8, GUIDs, numbers, times, languages. */
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "text.h"
#include "wire.h"

static const struct {
	int		 line;
	const char	*in;
	int		 plus;
	const char	*out;	/* NULL: rejected */
} decodes[] = {
	{ __LINE__, "abc", 1, "abc" },
	{ __LINE__, "a+b", 1, "a b" },
	{ __LINE__, "a+b", 0, "a+b" },
	{ __LINE__, "Fox%2C%20John", 1, "Fox, John" },
	{ __LINE__, "%C3%84", 1, "\xc3\x84" },		/* Ä */
	{ __LINE__, "%c3%a4", 1, "\xc3\xa4" },		/* ä, lower-case hex */
	{ __LINE__, "100%25", 1, "100%" },
	{ __LINE__, "%", 1, NULL },
	{ __LINE__, "%4", 1, NULL },
	{ __LINE__, "%G0", 1, NULL },
	{ __LINE__, "a%00b", 1, NULL },			/* encoded NUL */
	{ __LINE__, "%C3", 1, NULL },			/* truncated UTF-8 */
	{ __LINE__, "%FF%FE", 1, NULL },		/* not UTF-8 */
	{ __LINE__, "%C0%AF", 1, NULL },		/* overlong '/' */
	{ __LINE__, "%ED%A0%80", 1, NULL },		/* surrogate */
	{ __LINE__, "", 1, "" },
};

START_TEST(test_pct_decode)
{
	char	*out;
	int	 oom;

	out = rmi_pct_decode(decodes[_i].in, strlen(decodes[_i].in),
	    decodes[_i].plus, &oom);
	ck_assert_int_eq(oom, 0);
	if (decodes[_i].out == NULL)
		ck_assert_msg(out == NULL, "line %d: accepted", decodes[_i].line);
	else {
		ck_assert_msg(out != NULL, "line %d: rejected", decodes[_i].line);
		ck_assert_str_eq(out, decodes[_i].out);
	}
	free(out);
}
END_TEST

START_TEST(test_guid)
{
	ck_assert(rmi_guid_valid("F8C2697F37D044DB929B10F75381C624"));
	ck_assert(!rmi_guid_valid("F8C2697F37D044DB929B10F75381C62"));
	ck_assert(!rmi_guid_valid("F8C2697F37D044DB929B10F75381C6245"));
	ck_assert(!rmi_guid_valid("f8c2697f37d044db929b10f75381c624"));
	ck_assert(!rmi_guid_valid("F8C2697F-37D0-44DB-929B-10F75381C6"));
	ck_assert(!rmi_guid_valid("G8C2697F37D044DB929B10F75381C624"));
	ck_assert(!rmi_guid_valid(""));
}
END_TEST

static const struct {
	int		 line;
	const char	*in;
	long long	 max;
	int		 ok;
	long long	 v;
} uints[] = {
	{ __LINE__, "0", 100, 1, 0 },
	{ __LINE__, "100", 100, 1, 100 },
	{ __LINE__, "101", 100, 0, 0 },
	{ __LINE__, "-1", 100, 0, 0 },
	{ __LINE__, "+1", 100, 0, 0 },
	{ __LINE__, " 1", 100, 0, 0 },
	{ __LINE__, "1x", 100, 0, 0 },
	{ __LINE__, "", 100, 0, 0 },
	{ __LINE__, "2147483647", 2147483647, 1, 2147483647 },
	{ __LINE__, "2147483648", 2147483647, 0, 0 },
	{ __LINE__, "99999999999999999999999", 2147483647, 0, 0 },
};

START_TEST(test_uint)
{
	long long	 v = -1;
	int		 r = rmi_parse_uint(uints[_i].in, uints[_i].max, &v);

	ck_assert_msg((r == 0) == uints[_i].ok, "line %d", uints[_i].line);
	if (uints[_i].ok)
		ck_assert_int_eq(v, uints[_i].v);
}
END_TEST

/* rmi_parse_int as write.c's RMI_P_INT uses it (a 32-bit integer). */
static const struct {
	int		 line;
	const char	*in;
	int		 ok;
	long long	 v;
} ints[] = {
	{ __LINE__, "0", 1, 0 },
	{ __LINE__, "-0", 1, 0 },
	{ __LINE__, "007", 1, 7 },
	{ __LINE__, "-42", 1, -42 },
	{ __LINE__, "2147483647", 1, 2147483647 },
	{ __LINE__, "-2147483648", 1, -2147483648LL },
	{ __LINE__, "2147483648", 0, 0 },
	{ __LINE__, "-2147483649", 0, 0 },
	{ __LINE__, "-99999999999999999999999", 0, 0 },
	{ __LINE__, "-", 0, 0 },
	{ __LINE__, "+1", 0, 0 },
	{ __LINE__, "--1", 0, 0 },
	{ __LINE__, " 1", 0, 0 },
	{ __LINE__, "1 ", 0, 0 },
	{ __LINE__, "1.0", 0, 0 },
	{ __LINE__, "", 0, 0 },
};

START_TEST(test_int)
{
	long long	 v = -1;
	int		 r = rmi_parse_int(ints[_i].in, -2147483648LL, 2147483647,
	    &v);

	ck_assert_msg((r == 0) == ints[_i].ok, "line %d", ints[_i].line);
	if (ints[_i].ok)
		ck_assert_int_eq(v, ints[_i].v);
}
END_TEST

/* A negative range: '-' is required, the bounds hold. */
START_TEST(test_int_negative_range)
{
	long long	 v = 0;

	ck_assert_int_eq(rmi_parse_int("-5", -10, -5, &v), 0);
	ck_assert_int_eq(v, -5);
	ck_assert_int_eq(rmi_parse_int("-4", -10, -5, &v), -1);
	ck_assert_int_eq(rmi_parse_int("5", -10, -5, &v), -1);
	ck_assert_int_eq(rmi_parse_int("-11", -10, -5, &v), -1);
	ck_assert_int_eq(rmi_parse_int("-1", 0, 10, &v), -1);
}
END_TEST

static const struct {
	int		 line;
	const char	*in;
	long long	 ms;	/* -1: rejected */
} times[] = {
	{ __LINE__, "1970-01-01T00:00:00.000Z", 0 },
	{ __LINE__, "1970-01-01T00:00:00Z", 0 },
	{ __LINE__, "2016-02-01T09:22:11.000Z", 1454318531000LL },
	{ __LINE__, "2016-02-01T09:22:11.5Z", 1454318531500LL },
	{ __LINE__, "2016-02-29T00:00:00Z", 1456704000000LL },
	{ __LINE__, "2015-02-29T00:00:00Z", -1 },
	{ __LINE__, "2016-13-01T00:00:00Z", -1 },
	{ __LINE__, "2016-02-01T24:00:00Z", -1 },
	{ __LINE__, "2016-02-01T09:22:11.0000Z", -1 },
	{ __LINE__, "2016-02-01T09:22:11.Z", -1 },
	{ __LINE__, "2016-02-01T09:22:11", -1 },
	{ __LINE__, "2016-02-01 09:22:11Z", -1 },
	{ __LINE__, "2016-02-01T09:22:11+02:00", -1 },
	{ __LINE__, "2016-02-01T09:22:11ZZ", -1 },
	{ __LINE__, "yesterday", -1 },
	{ __LINE__, "", -1 },
};

START_TEST(test_time)
{
	long long	 ms = -2;
	int		 r = rmi_parse_time(times[_i].in, &ms);

	if (times[_i].ms == -1)
		ck_assert_msg(r == -1, "line %d: accepted", times[_i].line);
	else {
		ck_assert_msg(r == 0, "line %d: rejected", times[_i].line);
		ck_assert_int_eq(ms, times[_i].ms);
	}
}
END_TEST

/* PostgreSQL's timestamptz text (UTC, DateStyle ISO) to the wire form. */
static const struct {
	const char	*pg;
	const char	*wire;	/* NULL: refused, the field omitted */
} wire_times[] = {
	{ "2016-02-01 09:22:11+00", "2016-02-01T09:22:11.000Z" },
	{ "2016-02-01 09:22:11.5+00", "2016-02-01T09:22:11.500Z" },
	{ "2016-02-01 09:22:11.12+00", "2016-02-01T09:22:11.120Z" },
	/* truncated, as to_char's MS */
	{ "2020-01-01 00:00:00.9999+00", "2020-01-01T00:00:00.999Z" },
	{ "0001-01-01 00:00:00.000999+00", "0001-01-01T00:00:00.000Z" },
	{ "12020-01-01 00:00:00.001234+00", "12020-01-01T00:00:00.001Z" },
	{ "294276-12-31 23:59:59.999999+00", "294276-12-31T23:59:59.999Z" },
	/* to_char writes a BC year as it is */
	{ "0044-03-15 12:00:00+00 BC", "0044-03-15T12:00:00.000Z" },
	{ "infinity", NULL },
	{ "-infinity", NULL },
	{ "2016-02-01 09:22:11+02", NULL },
	{ "2016-02-01 09:22:11", NULL },
	{ "2016-02-01T09:22:11+00", NULL },
	{ "2016-02-01 09:22:1+00", NULL },
	{ "216-02-01 09:22:11+00", NULL },
	{ "2016-02-01 09:22:11.+00x", NULL },
	{ "2016-02-01 09:22:11+00 AD", NULL },
	{ "1234567-02-01 09:22:11+00", NULL },
	{ "", NULL },
};

START_TEST(test_wire_time)
{
	char	 out[RMI_WIRE_TIME_MAX];
	int	 r = rmi_wire_time(wire_times[_i].pg, out);

	if (wire_times[_i].wire == NULL)
		ck_assert_msg(r == -1, "%s: accepted", wire_times[_i].pg);
	else {
		ck_assert_msg(r >= 0, "%s: refused", wire_times[_i].pg);
		ck_assert_str_eq(out, wire_times[_i].wire);
		ck_assert_int_eq(r, (int)strlen(out));
	}
}
END_TEST

START_TEST(test_language)
{
	char	 out[3];

	ck_assert_int_eq(rmi_parse_language("fi", out), 0);
	ck_assert_str_eq(out, "FI");
	ck_assert_int_eq(rmi_parse_language("Sv", out), 0);
	ck_assert_str_eq(out, "SV");
	ck_assert_int_eq(rmi_parse_language("fin", out), -1);
	ck_assert_int_eq(rmi_parse_language("f", out), -1);
	ck_assert_int_eq(rmi_parse_language("", out), -1);
	ck_assert_int_eq(rmi_parse_language("f1", out), -1);
	ck_assert_int_eq(rmi_parse_language("\xc3\xa4" "a", out), -1);
}
END_TEST

/* XML 1.0's Char production over UTF-8; what it refuses becomes U+FFFD. */
static const struct {
	int		 line;
	const char	*in;
	int		 ok;
	const char	*clean;
} xmltexts[] = {
	{ __LINE__, "", 1, "" },
	{ __LINE__, "a\tb\nc\rd", 1, "a\tb\nc\rd" },
	{ __LINE__, "\xc3\x84 \xef\xbf\xbd \xf0\x9f\x98\x80 \xee\x80\x80", 1,
	    "\xc3\x84 \xef\xbf\xbd \xf0\x9f\x98\x80 \xee\x80\x80" },
	{ __LINE__, "\x7f\xc2\x80\xed\x9f\xbf", 1, "\x7f\xc2\x80\xed\x9f\xbf" },
	{ __LINE__, "a\x01" "b", 0, "a\xef\xbf\xbd" "b" },
	{ __LINE__, "\x1f", 0, "\xef\xbf\xbd" },
	{ __LINE__, "a\xef\xbf\xbe", 0, "a\xef\xbf\xbd" },		/* U+FFFE */
	{ __LINE__, "\xef\xbf\xbfz", 0, "\xef\xbf\xbdz" },		/* U+FFFF */
	{ __LINE__, "\xed\xa0\x80", 0,				/* surrogate */
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ __LINE__, "\xff", 0, "\xef\xbf\xbd" },
	{ __LINE__, "\xc3", 0, "\xef\xbf\xbd" },				/* truncated */
	{ __LINE__, "\xc3(", 0, "\xef\xbf\xbd(" },
	{ __LINE__, "\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd" },	/* overlong */
	{ __LINE__, "\xf4\x90\x80\x80", 0,			/* > U+10FFFF */
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
};

START_TEST(test_xml_text)
{
	const char	*in = xmltexts[_i].in;
	char		*clean;

	ck_assert_msg(rmi_xml_text_ok(in, strlen(in)) == xmltexts[_i].ok,
	    "line %d", xmltexts[_i].line);
	clean = rmi_xml_text_clean(in);
	ck_assert_ptr_nonnull(clean);
	ck_assert_msg(strcmp(clean, xmltexts[_i].clean) == 0, "line %d: %s",
	    xmltexts[_i].line, clean);
	ck_assert(rmi_xml_text_ok(clean, strlen(clean)));
	free(clean);
}
END_TEST

Suite *
text_suite(void)
{
	Suite	*s = suite_create("text");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_pct_decode, 0,
	    sizeof(decodes) / sizeof(decodes[0]));
	tcase_add_test(tc, test_guid);
	tcase_add_loop_test(tc, test_uint, 0, sizeof(uints) / sizeof(uints[0]));
	tcase_add_loop_test(tc, test_int, 0, sizeof(ints) / sizeof(ints[0]));
	tcase_add_test(tc, test_int_negative_range);
	tcase_add_loop_test(tc, test_time, 0, sizeof(times) / sizeof(times[0]));
	tcase_add_loop_test(tc, test_wire_time, 0,
	    sizeof(wire_times) / sizeof(wire_times[0]));
	tcase_add_test(tc, test_language);
	tcase_add_loop_test(tc, test_xml_text, 0,
	    sizeof(xmltexts) / sizeof(xmltexts[0]));
	suite_add_tcase(s, tc);
	return s;
}
