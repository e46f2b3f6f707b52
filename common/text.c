/* text.c: checked parsers for request text (see text.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
rmi_pct_decode(const char *s, size_t n, int plus_space, int *oom)
{
	char	*out;
	size_t	 i, j;
	int	 hi, lo;

	*oom = 0;
	if ((out = malloc(n + 1)) == NULL) {
		*oom = 1;
		return NULL;
	}
	for (i = j = 0; i < n; i++) {
		if (s[i] == '%') {
			if (n - i < 3)
				goto bad;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				goto bad;
			out[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_space)
			out[j++] = ' ';
		else if (s[i] == '\0')
			goto bad;
		else
			out[j++] = s[i];
	}
	out[j] = '\0';
	if (!rmi_utf8_valid(out, j))
		goto bad;
	return out;
bad:
	free(out);
	return NULL;
}

/*
 * Decodes the UTF-8 sequence at s[0..n) (n > 0): its code point, with its
 * length in *len; -1 for an invalid sequence (overlong, surrogate, beyond
 * U+10FFFF, truncated), *len then 1 (the byte to skip).
 */
static long
utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	size_t		 k;
	unsigned int	 cp, min;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	if ((s[0] & 0xE0) == 0xC0) {
		k = 2;
		cp = s[0] & 0x1F;
		min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		k = 3;
		cp = s[0] & 0x0F;
		min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		k = 4;
		cp = s[0] & 0x07;
		min = 0x10000;
	} else
		return -1;
	if (n < k)
		return -1;
	for (*len = 1; *len < k; (*len)++) {
		if ((s[*len] & 0xC0) != 0x80) {
			*len = 1;
			return -1;
		}
		cp = cp << 6 | (s[*len] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*len = 1;
		return -1;
	}
	return cp;
}

int
rmi_utf8_valid(const char *str, size_t n)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i, len;

	for (i = 0; i < n; i += len)
		if (utf8_next(s + i, n - i, &len) == -1)
			return 0;
	return 1;
}

/* XML 1.0's Char production (surrogates never decode, see utf8_next). */
static int
xml_char(long cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD ||
	    (cp >= 0x20 && cp <= 0xFFFD && cp != 0xFFFE) ||
	    (cp >= 0x10000 && cp <= 0x10FFFF);
}

int
rmi_xml_text_ok(const char *str, size_t n)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i, len;

	for (i = 0; i < n; i += len)
		if (!xml_char(utf8_next(s + i, n - i, &len)))
			return 0;
	return 1;
}

char *
rmi_xml_text_clean(const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i, j, len, n = strlen(str);
	char			*out;

	/* Each replaced byte grows to at most the 3 bytes of U+FFFD. */
	if (n > (SIZE_MAX - 1) / 3 || (out = malloc(3 * n + 1)) == NULL)
		return NULL;
	for (i = j = 0; i < n; i += len) {
		if (xml_char(utf8_next(s + i, n - i, &len))) {
			memcpy(out + j, s + i, len);
			j += len;
		} else {
			memcpy(out + j, "\xef\xbf\xbd", 3);
			j += 3;
		}
	}
	out[j] = '\0';
	return out;
}

int
rmi_guid_valid(const char *s)
{
	size_t	 i;

	for (i = 0; i < 32; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return s[32] == '\0';
}

int
rmi_parse_int(const char *s, long long min, long long max, long long *out)
{
	unsigned long long	 v = 0, lim;
	int			 neg = 0;

	if (*s == '-' && min < 0) {
		neg = 1;
		s++;
	}
	/* The magnitude's limit, computed without overflowing. */
	lim = neg ? (unsigned long long)-(min + 1) + 1 :
	    max < 0 ? 0 : (unsigned long long)max;
	if (*s == '\0' || (!neg && max < 0))
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > (lim - (unsigned long long)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(*s - '0');
	}
	/* v <= lim: as long long, v - 1 cannot overflow when negated. */
	if (!neg)
		*out = (long long)v;
	else
		*out = v == 0 ? 0 : -(long long)(v - 1) - 1;
	if (*out < min || *out > max)
		return -1;
	return 0;
}

int
rmi_parse_uint(const char *s, long long max, long long *out)
{
	return rmi_parse_int(s, 0, max, out);
}

/* Reads exactly n digits; returns the value or -1. */
static int
digits(const char *s, int n)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm). */
static long long
days_from_civil(long long y, int m, int d)
{
	long long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
month_days(int y, int m)
{
	static const int	 mdays[] = {31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31};
	int			 leap = (y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0;

	return mdays[m - 1] + (m == 2 && leap);
}

int
rmi_parse_time(const char *s, long long *ms)
{
	int	 y, mo, d, h, mi, sec, frac = 0, nfrac = 0;

	if (strlen(s) < 20)
		return -1;
	if ((y = digits(s, 4)) < 1 || s[4] != '-' ||
	    (mo = digits(s + 5, 2)) < 1 || mo > 12 || s[7] != '-' ||
	    (d = digits(s + 8, 2)) < 1 || d > month_days(y, mo) ||
	    s[10] != 'T' ||
	    (h = digits(s + 11, 2)) < 0 || h > 23 || s[13] != ':' ||
	    (mi = digits(s + 14, 2)) < 0 || mi > 59 || s[16] != ':' ||
	    (sec = digits(s + 17, 2)) < 0 || sec > 59)
		return -1;
	s += 19;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (++nfrac > 3)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (nfrac == 0)
			return -1;
		for (; nfrac < 3; nfrac++)
			frac *= 10;
	}
	if (s[0] != 'Z' || s[1] != '\0')
		return -1;
	*ms = ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000LL +
	    sec * 1000LL + frac;
	return 0;
}

int
rmi_parse_language(const char *s, char out[3])
{
	int	 i;

	for (i = 0; i < 2; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			out[i] = (char)(s[i] - 'a' + 'A');
		else if (s[i] >= 'A' && s[i] <= 'Z')
			out[i] = s[i];
		else
			return -1;
	}
	out[2] = '\0';
	return s[2] == '\0' ? 0 : -1;
}
