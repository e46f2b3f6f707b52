/* text.h: checked parsers for everything a request carries as text. */
#ifndef RMI_TEXT_H
#define RMI_TEXT_H

#include <stddef.h>

/*
 * Percent-decodes s[0..n) into a new NUL-terminated string; plus_space turns
 * '+' into ' ' (query strings). Returns NULL on a malformed escape, an
 * encoded NUL, invalid UTF-8 in the result, or no memory (*oom set).
 * The caller frees the result.
 */
char	*rmi_pct_decode(const char *s, size_t n, int plus_space, int *oom);

/* 1 if s[0..n) is valid UTF-8 (no overlongs, no surrogates), else 0. */
int	 rmi_utf8_valid(const char *s, size_t n);

/*
 * 1 if s[0..n) is valid UTF-8 of characters XML 1.0 allows (its Char
 * production: tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD and beyond
 * U+FFFF), else 0. What the API accepts and writes must be representable
 * in both of its formats.
 */
int	 rmi_xml_text_ok(const char *s, size_t n);

/*
 * A copy of s with every character XML 1.0 forbids, and every byte of
 * invalid UTF-8, replaced by U+FFFD; NULL when out of memory. The caller
 * frees it.
 */
char	*rmi_xml_text_clean(const char *s);

/* 1 if s is 32 upper-case hexadecimal characters, else 0. */
int	 rmi_guid_valid(const char *s);

/*
 * The one integer parser: a decimal integer in min..max, digits only but
 * for a leading '-' when min is negative (no '+', no space). Returns 0 and
 * sets *out, or -1.
 */
int	 rmi_parse_int(const char *s, long long min, long long max,
	    long long *out);
/* rmi_parse_int of a non-negative integer of at most max. */
int	 rmi_parse_uint(const char *s, long long max, long long *out);

/*
 * Parses an ISO-8601 UTC time as the wire uses it, YYYY-MM-DDTHH:MM:SS[.fff]Z
 * (1 to 3 fraction digits), into milliseconds since the epoch. Returns 0, or
 * -1 when malformed or not a real calendar time.
 */
int	 rmi_parse_time(const char *s, long long *ms);

/*
 * A language parameter: two ASCII letters, any case. Writes the upper-case
 * code to out[3] and returns 0, or returns -1.
 */
int	 rmi_parse_language(const char *s, char out[3]);

#endif
