/* args.h: resource-specific query parameters, checked, as SQL arguments. */
#ifndef RMI_ARGS_H
#define RMI_ARGS_H

#include "request.h"
#include "resource.h"

/*
 * Reads the args of res from req into values[0..res->nargs): each an owned
 * string in the form SQL takes it, or NULL when absent. Returns RMI_OK, or
 * RMI_EBADREQ with req->errmsg naming the parameter. The caller frees the
 * values with rmi_args_free either way.
 */
enum rmi_err	 rmi_args_parse(const struct rmi_resource *res,
		    struct rmi_request *req, char *values[RMI_MAX_ARGS]);
void		 rmi_args_free(char *values[RMI_MAX_ARGS]);

#endif
