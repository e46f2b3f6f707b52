/* buf.h: a growable byte buffer, the unit of all output in librmi. */
#ifndef RMI_BUF_H
#define RMI_BUF_H

#include <stddef.h>

struct rmi_buf {
	char	*data;	/* NUL-terminated while len < cap; owned */
	size_t	 len;
	size_t	 cap;
	int	 oom;	/* an append failed; contents are truncated */
};

void	 rmi_buf_init(struct rmi_buf *);
/* Frees the data; the buffer may be reused after rmi_buf_init. */
void	 rmi_buf_free(struct rmi_buf *);
void	 rmi_buf_reset(struct rmi_buf *);
/* Appends; returns 0, or -1 (and sets oom) when memory runs out. */
int	 rmi_buf_put(struct rmi_buf *, const char *, size_t);
int	 rmi_buf_puts(struct rmi_buf *, const char *);
int	 rmi_buf_putc(struct rmi_buf *, char);
/*
 * Room for n more bytes at the end, for writing in place: returns where
 * they go (NULL, oom set, when memory runs out). rmi_buf_commit(b, m), m <= n,
 * then adds the m bytes written.
 */
char	*rmi_buf_room(struct rmi_buf *, size_t n);
void	 rmi_buf_commit(struct rmi_buf *, size_t m);
int	 rmi_buf_printf(struct rmi_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
