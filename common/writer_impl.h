/* writer_impl.h: writer internals shared by the JSON and XML backends. */
#ifndef RMI_WRITER_IMPL_H
#define RMI_WRITER_IMPL_H

#include "buf.h"

#define RMI_WRITER_DEPTH 16

enum rmi_level {
	RMI_LEVEL_LIST,		/* the top-level list */
	RMI_LEVEL_OBJECT,
	RMI_LEVEL_ARRAY		/* an array member of an object */
};

struct rmi_level_state {
	enum rmi_level	 kind;
	size_t		 count;	/* members written so far */
	const char	*item;	/* list/array: the element name of items */
};

/* Member names' lengths by address (the tables' names repeat every row). */
#define RMI_WRITER_NAMES 64

struct rmi_writer {
	struct rmi_buf		*out;
	struct {
		const char	*name;
		size_t		 len;
	}			 names[RMI_WRITER_NAMES];
	int			 xml;
	int			 done;	/* the root has been closed */
	size_t			 depth;
	struct rmi_level_state	 stack[RMI_WRITER_DEPTH];
	void			*xw;	/* xmlTextWriterPtr */
};

int	rmi_xml_open(struct rmi_writer *);
void	rmi_xml_close(struct rmi_writer *);
int	rmi_xml_start(struct rmi_writer *, const char *name);
int	rmi_xml_end(struct rmi_writer *);
int	rmi_xml_element(struct rmi_writer *, const char *name, const char *text);
int	rmi_xml_finish(struct rmi_writer *);

#endif
