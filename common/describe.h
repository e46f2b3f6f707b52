/* describe.h: a program's contract as JSON, for tests and the API reference. */
#ifndef RMI_DESCRIBE_H
#define RMI_DESCRIBE_H

#include <stdio.h>

struct rmi_program;

/*
 * Writes the program's routes and every resource they serve (with their
 * parents) to out as one JSON object: {"program", "version", "routes":
 * [{"methods", "pattern", "handler", "resource": index}], "resources":
 * [{"collection", "item", "from", "params", "get_params", "fields",
 * "default_sort", "tiebreak", "default_limit", "args", "parent": index,
 * "id_format", "nested", "view", "create", "replace"}]}. Flags are words
 * (resource.h's names in lower case, without the prefix); "params" name
 * what $1, $2, ... of `from` are for a list, "get_params" for a look-up by
 * id. The keys and their order are stable. Returns 0, or -1 on a write
 * error.
 */
int	rmi_describe(const struct rmi_program *, FILE *out);

#endif
