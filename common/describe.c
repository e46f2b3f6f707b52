/* describe.c: a program's routes and resource tables as JSON (--describe). */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "app.h"
#include "describe.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

/* A flag bit and its word. */
struct word {
	unsigned int	 bit;
	const char	*word;
};

static const struct word field_flags[] = {
	{ RMI_F_REQUIRED, "required" }, { RMI_F_LIST, "list" },
	{ RMI_F_NOFILTER, "nofilter" }, { RMI_F_NOSORT, "nosort" },
	{ RMI_F_ID, "id" }, { RMI_F_VIEW1, "view1" }, { RMI_F_VIEW2, "view2" },
	{ RMI_F_HIDDEN, "hidden" }, { 0, NULL }
};
static const struct word arg_flags[] = {
	{ RMI_A_REQUIRED, "required" }, { RMI_A_LOCAL, "local" },
	{ RMI_F_VIEW1, "view1" }, { RMI_F_VIEW2, "view2" }, { 0, NULL }
};
static const struct word prop_flags[] = {
	{ RMI_P_REQUIRED, "required" }, { RMI_P_PATHID, "pathid" },
	{ RMI_P_CAPTURE, "capture" }, { RMI_P_CHECK, "check" }, { 0, NULL }
};
static const struct word methods[] = {
	{ RMI_M_GET, "GET" }, { RMI_M_HEAD, "HEAD" }, { RMI_M_PUT, "PUT" },
	{ RMI_M_POST, "POST" }, { RMI_M_DELETE, "DELETE" }, { 0, NULL }
};

/* Indexed by the enums of resource.h. */
static const char *const field_types[] = {
	"string", "guid", "int", "bool", "datetime", "enum"
};
static const char *const arg_types[] = {
	"time", "bool", "pattern", "capture", "choice", "guids", "shows",
	"only"
};
static const char *const prop_types[] = {
	"string", "key", "language", "bool", "enum", "guid", "int"
};

/* The resources described so far: their index is their id in the JSON. */
struct seen {
	const struct rmi_resource	*res[32];
	size_t				 n;
};

static json_object *
str(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

static json_object *
type_name(const char *const names[], size_t n, unsigned int t)
{
	return t < n ? str(names[t]) : str("unknown");
}

/* The set bits of flags as words; a bit without a word is a bug here. */
static json_object *
flag_words(const struct word *w, unsigned int flags)
{
	json_object	*a = json_object_new_array();
	unsigned int	 known = 0;
	char		 other[32];

	for (; w->word != NULL; w++) {
		known |= w->bit;
		if (flags & w->bit)
			json_object_array_add(a, str(w->word));
	}
	if (flags & ~known) {
		snprintf(other, sizeof(other), "0x%x", flags & ~known);
		json_object_array_add(a, str(other));
	}
	return a;
}

/* A NULL-terminated list of strings, or null. */
static json_object *
values(const char *const *v)
{
	json_object	*a;

	if (v == NULL)
		return NULL;
	a = json_object_new_array();
	for (; *v != NULL; v++)
		json_object_array_add(a, str(*v));
	return a;
}

static json_object *
fields(const struct rmi_field *f, size_t n)
{
	json_object	*a = json_object_new_array(), *o;
	size_t		 i;

	for (i = 0; i < n; i++) {
		o = json_object_new_object();
		json_object_object_add(o, "name", str(f[i].name));
		json_object_object_add(o, "type", type_name(field_types,
		    sizeof(field_types) / sizeof(field_types[0]), f[i].type));
		json_object_object_add(o, "flags", flag_words(field_flags,
		    f[i].flags));
		json_object_object_add(o, "values", values(f[i].values));
		json_object_object_add(o, "sql", str(f[i].sql));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *
args(const struct rmi_resource *res)
{
	json_object	*a = json_object_new_array(), *o;
	size_t		 i;

	for (i = 0; i < res->nargs; i++) {
		o = json_object_new_object();
		json_object_object_add(o, "name", str(res->args[i].name));
		json_object_object_add(o, "type", type_name(arg_types,
		    sizeof(arg_types) / sizeof(arg_types[0]),
		    res->args[i].type));
		json_object_object_add(o, "flags", flag_words(arg_flags,
		    res->args[i].flags));
		json_object_object_add(o, "not_before",
		    str(res->args[i].not_before));
		json_object_array_add(a, o);
	}
	return a;
}

/*
 * What $1, $2, ... of `from` are (resource.h): the list's; a look-up by id
 * binds the id after them.
 */
static json_object *
params(const struct rmi_resource *res, int get)
{
	json_object	*a = json_object_new_array();
	size_t		 i;

	json_object_array_add(a, str("user"));
	json_object_array_add(a, str("language"));
	for (i = 0; i < res->nargs; i++)
		if (!(res->args[i].flags & RMI_A_LOCAL))
			json_object_array_add(a, str(res->args[i].name));
	if (get)
		json_object_array_add(a, str("id"));
	return a;
}

static json_object *
nested(const struct rmi_nested *n)
{
	json_object	*o;

	if (n == NULL)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "wrapper", str(n->wrapper));
	json_object_object_add(o, "item", str(n->item));
	json_object_object_add(o, "from", str(n->from));
	json_object_object_add(o, "parent_key", str(n->parent_key));
	json_object_object_add(o, "order", str(n->order));
	json_object_object_add(o, "lateral",
	    json_object_new_boolean(n->lateral));
	json_object_object_add(o, "view", flag_words(field_flags, n->view));
	json_object_object_add(o, "fields", fields(n->fields, n->nfields));
	return o;
}

/* The view's values, each with the field groups it shows. */
static json_object *
view(const struct rmi_view *v)
{
	static const char *const bools[] = { "false", "true", NULL };
	const char *const	*vals;
	json_object		*o, *a, *e;
	size_t			 i;

	if (v == NULL)
		return NULL;
	vals = v->values != NULL ? v->values : bools;
	o = json_object_new_object();
	json_object_object_add(o, "arg", str(v->arg));
	json_object_object_add(o, "default", str(v->dflt));
	a = json_object_new_array();
	for (i = 0; vals[i] != NULL; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "value", str(vals[i]));
		json_object_object_add(e, "groups", flag_words(field_flags,
		    v->groups[i]));
		if (v->only != NULL)
			json_object_object_add(e, "only", flag_words(field_flags,
			    v->only[i]));
		json_object_array_add(a, e);
	}
	json_object_object_add(o, "values", a);
	return o;
}

static json_object *
write_desc(const struct rmi_write *wr)
{
	json_object	*o, *a, *p, *pa;
	size_t		 i;

	if (wr == NULL)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "sql", str(wr->sql));
	a = json_object_new_array();
	pa = json_object_new_array();
	json_object_array_add(pa, str("user"));
	for (i = 0; i < wr->nprops; i++) {
		p = json_object_new_object();
		json_object_object_add(p, "name", str(wr->props[i].name));
		json_object_object_add(p, "type", type_name(prop_types,
		    sizeof(prop_types) / sizeof(prop_types[0]),
		    wr->props[i].type));
		json_object_object_add(p, "flags", flag_words(prop_flags,
		    wr->props[i].flags));
		json_object_object_add(p, "maxlen",
		    json_object_new_int64((int64_t)wr->props[i].maxlen));
		json_object_object_add(p, "values",
		    values(wr->props[i].values));
		json_object_array_add(a, p);
		if (!(wr->props[i].flags & RMI_P_CHECK))
			json_object_array_add(pa, str(wr->props[i].name));
	}
	json_object_object_add(o, "props", a);
	json_object_object_add(o, "params", pa);
	json_object_object_add(o, "none", json_object_new_int(
	    rmi_err_status(wr->none)));
	return o;
}

/* The index of res among those seen, adding it (and its parent) if new. */
static int
resource_id(struct seen *s, const struct rmi_resource *res)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (s->res[i] == res)
			return (int)i;
	if (s->n == sizeof(s->res) / sizeof(s->res[0]))
		return -1;
	s->res[s->n++] = res;
	if (res->parent != NULL)
		resource_id(s, res->parent);
	return (int)i;
}

static json_object *
idformat(const struct rmi_idformat *f)
{
	json_object	*o;

	if (f == NULL)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "pattern", str(f->pattern));
	json_object_object_add(o, "about", str(f->about));
	return o;
}

static json_object *
resource(struct seen *s, const struct rmi_resource *res)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "collection", str(res->collection));
	json_object_object_add(o, "item", str(res->item));
	json_object_object_add(o, "from", str(res->from));
	json_object_object_add(o, "params", params(res, 0));
	json_object_object_add(o, "get_params", params(res, 1));
	json_object_object_add(o, "fields", fields(res->fields, res->nfields));
	json_object_object_add(o, "default_sort", str(res->default_sort));
	json_object_object_add(o, "tiebreak", str(res->tiebreak));
	json_object_object_add(o, "default_limit",
	    json_object_new_int64(res->default_limit == 0 ? 100 :
	    res->default_limit));
	json_object_object_add(o, "args", args(res));
	json_object_object_add(o, "parent", res->parent != NULL ?
	    json_object_new_int(resource_id(s, res->parent)) : NULL);
	json_object_object_add(o, "id_format", idformat(res->idformat));
	json_object_object_add(o, "nested", nested(res->nested));
	json_object_object_add(o, "view", view(res->view));
	json_object_object_add(o, "create", write_desc(res->create));
	json_object_object_add(o, "replace", write_desc(res->replace));
	return o;
}

/* What a route's generic handler does; "custom" for a program's own. */
static const char *
handler_name(rmi_handler h)
{
	if (h == rmi_handle_list)
		return "list";
	if (h == rmi_handle_get)
		return "get";
	if (h == rmi_handle_post)
		return "post";
	if (h == rmi_handle_put)
		return "put";
	if (h == rmi_handle_health)
		return "health";
	return "custom";
}

static json_object *
routes(struct seen *s, const struct rmi_program *prog)
{
	json_object		*a = json_object_new_array(), *o;
	const struct rmi_route	*r;
	size_t			 i;

	for (i = 0; i < prog->nroutes; i++) {
		r = &prog->routes[i];
		o = json_object_new_object();
		json_object_object_add(o, "methods", flag_words(methods,
		    r->methods));
		json_object_object_add(o, "pattern", str(r->pattern));
		json_object_object_add(o, "handler", str(handler_name(
		    r->handler)));
		/* A route without a resource (health): null. */
		json_object_object_add(o, "resource", r->resource == NULL ?
		    NULL : json_object_new_int(resource_id(s, r->resource)));
		json_object_array_add(a, o);
	}
	return a;
}

int
rmi_describe(const struct rmi_program *prog, FILE *out)
{
	struct seen	 s;
	json_object	*o, *a;
	size_t		 i;
	int		 rc;

	s.n = 0;
	o = json_object_new_object();
	json_object_object_add(o, "program", str(prog->name));
	json_object_object_add(o, "version", str(PACKAGE_VERSION));
	json_object_object_add(o, "routes", routes(&s, prog));
	/* Describing one may add its parent: walk until none is new. */
	a = json_object_new_array();
	for (i = 0; i < s.n; i++)
		json_object_array_add(a, resource(&s, s.res[i]));
	json_object_object_add(o, "resources", a);
	rc = fprintf(out, "%s\n", json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	    JSON_C_TO_STRING_NOSLASHESCAPE)) < 0 || fflush(out) != 0 ? -1 : 0;
	json_object_put(o);
	return rc;
}
