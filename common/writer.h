/* writer.h: one interface, two representations (JSON and XML), streaming. */
#ifndef RMI_WRITER_H
#define RMI_WRITER_H

#include "buf.h"
#include "request.h"
#include "resource.h"

struct rmi_writer;

/*
 * A writer appending to out (not owned), which the caller may drain at any
 * time between calls. XML gets a declaration and mirrors JSON element for
 * element: a list is <collection><item>...</item></collection>, an object in
 * an object is <name>...</name>, a nested array repeats its item element.
 * Returns NULL when out of memory. Free with rmi_writer_free.
 */
struct rmi_writer	*rmi_writer_new(enum rmi_format, struct rmi_buf *out);
void			 rmi_writer_free(struct rmi_writer *);

/*
 * Each returns 0, or -1 on misuse (structure errors: a field outside an
 * object, unbalanced ends) or when out of memory.
 */
/* The top-level list: JSON [ ], XML <collection> whose items are <item>. */
int	rmi_writer_list_begin(struct rmi_writer *, const char *collection,
	    const char *item);
/* An object: the root (name = its element), a list item (name ignored) or
 * a member of an object (name = its key). */
int	rmi_writer_object_begin(struct rmi_writer *, const char *name);
/* An array member of an object: JSON "name": [ ], XML repeated <name>. */
int	rmi_writer_array_begin(struct rmi_writer *, const char *name);
int	rmi_writer_end(struct rmi_writer *);	/* closes list, object or array */
/*
 * A scalar member: text is the value as PostgreSQL returns it (BOOL "t" or
 * "f", INT digits, DATETIME already in wire form), len its length. Member
 * and element names come from the resource tables: ASCII letters and
 * digits, written as they are, and unchanged while the writer lives (their
 * lengths are remembered by address).
 */
int	rmi_writer_field_len(struct rmi_writer *, const char *name,
	    enum rmi_type, const char *text, size_t len);
/* The same, for a NUL-terminated text. */
int	rmi_writer_field(struct rmi_writer *, const char *name, enum rmi_type,
	    const char *text);
/* Completes the document (all open levels must be closed). */
int	rmi_writer_finish(struct rmi_writer *);

#endif
