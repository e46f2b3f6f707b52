/* buf.c: growable byte buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void
rmi_buf_init(struct rmi_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void
rmi_buf_free(struct rmi_buf *b)
{
	free(b->data);
	rmi_buf_init(b);
}

void
rmi_buf_reset(struct rmi_buf *b)
{
	b->len = 0;
	b->oom = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Makes room for n more bytes plus a NUL. */
static int
reserve(struct rmi_buf *b, size_t n)
{
	size_t	 cap;
	char	*p;

	if (b->oom)
		return -1;
	if (n < b->cap - b->len || (b->cap > 0 && n == 0))
		return 0;
	if (n > ((size_t)-1) / 2 - b->len) {
		b->oom = 1;
		return -1;
	}
	cap = b->cap ? b->cap : 256;
	while (cap - b->len <= n)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

int
rmi_buf_put(struct rmi_buf *b, const char *s, size_t n)
{
	if (reserve(b, n) == -1)
		return -1;
	if (n > 0)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

char *
rmi_buf_room(struct rmi_buf *b, size_t n)
{
	return reserve(b, n) == -1 ? NULL : b->data + b->len;
}

void
rmi_buf_commit(struct rmi_buf *b, size_t m)
{
	b->len += m;
	b->data[b->len] = '\0';
}

int
rmi_buf_puts(struct rmi_buf *b, const char *s)
{
	return rmi_buf_put(b, s, strlen(s));
}

int
rmi_buf_putc(struct rmi_buf *b, char c)
{
	return rmi_buf_put(b, &c, 1);
}

int
rmi_buf_printf(struct rmi_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || reserve(b, (size_t)n) == -1)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}
