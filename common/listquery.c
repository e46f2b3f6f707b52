/* listquery.c: parse filters, sort and paging (see listquery.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "listquery.h"
#include "text.h"

char *
rmi_wildcard_to_like(const char *v)
{
	struct rmi_buf	 b;

	rmi_buf_init(&b);
	rmi_buf_puts(&b, "");
	for (; *v != '\0'; v++) {
		switch (*v) {
		case '*':
			rmi_buf_putc(&b, '%');
			break;
		case '?':
			rmi_buf_putc(&b, '_');
			break;
		case '%':
		case '_':
		case '\\':
			rmi_buf_putc(&b, '\\');
			rmi_buf_putc(&b, *v);
			break;
		default:
			rmi_buf_putc(&b, *v);
		}
	}
	if (b.oom) {
		rmi_buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* Appends one element to a PostgreSQL array literal, quoted. */
static void
array_add(struct rmi_buf *b, const char *v)
{
	if (b->len > 1)
		rmi_buf_putc(b, ',');
	rmi_buf_putc(b, '"');
	for (; *v != '\0'; v++) {
		if (*v == '"' || *v == '\\')
			rmi_buf_putc(b, '\\');
		rmi_buf_putc(b, *v);
	}
	rmi_buf_putc(b, '"');
}

/* Checks one element of a GUID list; returns it or NULL. */
static const char *
list_element(const struct rmi_field *f, const char *v)
{
	return f->type != RMI_T_GUID || rmi_field_guid_ok(f, v) ? v : NULL;
}

/* The value of the enumeration f spelled v in any case, or NULL. */
static const char *
enum_value(const struct rmi_field *f, const char *v)
{
	const char *const	*e;

	for (e = f->values; e != NULL && *e != NULL; e++)
		if (strcasecmp(*e, v) == 0)
			return *e;
	return NULL;
}

/* 400 naming the parameter, the value and what the enumeration takes. */
static enum rmi_err
bad_enum(struct rmi_request *req, const struct rmi_field *f, const char *v)
{
	const char *const	*e;
	struct rmi_buf		 list;

	rmi_buf_init(&list);
	rmi_buf_puts(&list, "");
	for (e = f->values; e != NULL && *e != NULL; e++)
		rmi_buf_printf(&list, "%s%s", list.len ? ", " : "", *e);
	rmi_fail(req, RMI_EBADREQ, "Invalid value for %s: '%.100s' (expected "
	    "%s, or a pattern with * or ?)", f->name, v,
	    list.data != NULL ? list.data : "");
	rmi_buf_free(&list);
	return RMI_EBADREQ;
}

/*
 * A filter on an enumeration (RMI_T_ENUM, with or without RMI_F_LIST):
 * the value is a comma list, OR-ed, each element a value in any case or a
 * wildcard pattern (enumeration values never contain commas, * or ?).
 * Without patterns the filter is an exact = ANY of the spelled values;
 * with one, every element becomes an ILIKE pattern (ILIKE ANY).
 */
static enum rmi_err
parse_enum(struct rmi_request *req, struct rmi_filter *flt, const char *value)
{
	const struct rmi_field	*f = flt->field;
	struct rmi_buf		 exact, like;
	const char		*p = value, *end, *canon;
	char			*elem = NULL, *pat;
	size_t			 len;
	enum rmi_err		 err = RMI_OK;

	flt->match = RMI_MATCH_ANY;
	rmi_buf_init(&exact);
	rmi_buf_init(&like);
	rmi_buf_putc(&exact, '{');
	rmi_buf_putc(&like, '{');
	for (;;) {
		end = p + strcspn(p, ",");
		/* Spaces around an element are not part of it ("Phone, Chat"). */
		while (p < end && *p == ' ')
			p++;
		for (len = (size_t)(end - p); len > 0 && p[len - 1] == ' '; len--)
			continue;
		if ((elem = strndup(p, len)) == NULL)
			goto oom;
		if (strpbrk(elem, "*?") != NULL) {
			flt->match = RMI_MATCH_LIKE_ANY;
			canon = elem;
		} else if ((canon = enum_value(f, elem)) != NULL)
			array_add(&exact, canon);
		else {
			err = bad_enum(req, f, elem);
			goto out;
		}
		if ((pat = rmi_wildcard_to_like(canon)) == NULL)
			goto oom;
		array_add(&like, pat);
		free(pat);
		free(elem);
		elem = NULL;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	rmi_buf_putc(&exact, '}');
	rmi_buf_putc(&like, '}');
	if (exact.oom || like.oom)
		goto oom;
	if (flt->match == RMI_MATCH_ANY) {
		flt->value = exact.data;
		exact.data = NULL;
	} else {
		flt->value = like.data;
		like.data = NULL;
	}
	goto out;
oom:
	err = rmi_fail(req, RMI_EINTERNAL, "out of memory");
out:
	free(elem);
	rmi_buf_free(&exact);
	rmi_buf_free(&like);
	return err;
}

/* A comma list of GUIDs (RMI_F_LIST): each checked, matched exactly. */
static enum rmi_err
parse_list(struct rmi_request *req, const struct rmi_field *f,
    const char *value, char **out)
{
	struct rmi_buf	 b;
	const char	*p = value, *end, *canon;
	char		*elem;

	rmi_buf_init(&b);
	rmi_buf_putc(&b, '{');
	for (;;) {
		end = p + strcspn(p, ",");
		if ((elem = strndup(p, (size_t)(end - p))) == NULL)
			goto oom;
		if ((canon = list_element(f, elem)) == NULL) {
			rmi_fail(req, RMI_EBADREQ, "Invalid GUID: '%.100s'", elem);
			free(elem);
			rmi_buf_free(&b);
			return RMI_EBADREQ;
		}
		array_add(&b, canon);
		free(elem);
		if (*end == '\0')
			break;
		p = end + 1;
	}
	rmi_buf_putc(&b, '}');
	if (b.oom)
		goto oom;
	*out = b.data;
	return RMI_OK;
oom:
	rmi_buf_free(&b);
	return rmi_fail(req, RMI_EINTERNAL, "out of memory");
}

int
rmi_locale_tag(const char *tag, char *out, size_t outsz)
{
	size_t	 i, seg = 0, seglen = 0, n = strlen(tag);

	if (n == 0 || n >= outsz)
		return -1;
	for (i = 0; i <= n; i++) {
		if (tag[i] == '-' || tag[i] == '\0') {
			if (seg == 0 && (seglen < 2 || seglen > 3))
				return -1;
			if (seg > 0 && (seglen < 1 || seglen > 8))
				return -1;
			out[i] = tag[i];
			seg++;
			seglen = 0;
			continue;
		}
		if (!isalnum((unsigned char)tag[i]) ||
		    (seg == 0 && !isalpha((unsigned char)tag[i])))
			return -1;
		seglen++;
		out[i] = tag[i];
	}
	/*
	 * ICU collation names: language lower-case, a 2-letter region
	 * upper-case, a 4-letter script title-case (sr-Latn-RS).
	 */
	for (i = 0, seg = 0; i < n; seg++) {
		size_t s = i, len = strcspn(tag + i, "-"), k;
		for (k = s; k < s + len; k++) {
			if (seg == 0)
				out[k] = (char)tolower((unsigned char)tag[k]);
			else if (len == 2 && isalpha((unsigned char)tag[s]))
				out[k] = (char)toupper((unsigned char)tag[k]);
			else if (len == 4)
				out[k] = (char)(k == s ?
				    toupper((unsigned char)tag[k]) :
				    tolower((unsigned char)tag[k]));
			else
				out[k] = (char)tolower((unsigned char)tag[k]);
		}
		i = s + len + (tag[s + len] == '-');
	}
	return 0;
}

static enum rmi_err
parse_sort(struct rmi_listquery *lq, const struct rmi_resource *res,
    struct rmi_request *req, const char *spec)
{
	const char		*p = spec, *end;
	const struct rmi_field	*f;
	char			 tok[128];
	size_t			 len;
	int			 desc;

	lq->nsort = 0;
	for (;;) {
		end = p + strcspn(p, ",");
		while (p < end && *p == ' ')
			p++;
		len = (size_t)(end - p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len >= sizeof(tok))
			len = sizeof(tok) - 1;
		memcpy(tok, p, len);
		tok[len] = '\0';
		if (strncmp(tok, "LOCALE-", 7) == 0) {
			if (*end != '\0')
				return rmi_fail(req, RMI_EBADREQ, "Invalid sort: "
				    "LOCALE-xx must be the last element");
			if (rmi_locale_tag(tok + 7, lq->locale,
			    sizeof(lq->locale)) == -1)
				return rmi_fail(req, RMI_EBADREQ,
				    "Invalid locale: '%.40s'", tok + 7);
			break;
		}
		desc = tok[0] == '-';
		f = rmi_resource_field(res, tok + desc);
		if (f == NULL || (f->flags & RMI_F_NOSORT))
			return rmi_fail(req, RMI_EBADREQ,
			    "Invalid sort field: '%.100s'", tok + desc);
		if (lq->nsort == RMI_MAX_SORT)
			return rmi_fail(req, RMI_EBADREQ,
			    "Invalid sort: more than %d fields", RMI_MAX_SORT);
		lq->sort[lq->nsort].field = f;
		lq->sort[lq->nsort++].desc = desc;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	return RMI_OK;
}

static enum rmi_err
parse_paging(struct rmi_listquery *lq, const struct rmi_resource *res,
    struct rmi_request *req)
{
	const char	*v;

	lq->offset = 0;
	lq->limit = res->default_limit != 0 ? res->default_limit :
	    RMI_DEFAULT_LIMIT;
	if ((v = rmi_request_param(req, "offset")) != NULL &&
	    rmi_parse_uint(v, 2147483647, &lq->offset) == -1)
		return rmi_fail(req, RMI_EBADREQ,
		    "Invalid offset: '%.40s' (a non-negative integer)", v);
	if ((v = rmi_request_param(req, "limit")) != NULL &&
	    rmi_parse_uint(v, 2147483647, &lq->limit) == -1)
		return rmi_fail(req, RMI_EBADREQ,
		    "Invalid limit: '%.40s' (a non-negative integer)", v);
	return RMI_OK;
}

/*
 * The field a filter parameter names: its wire name exactly, else (pass 1)
 * in any case (a real client sends Channel=Phone), or NULL.
 */
static const struct rmi_field *
filter_field(const struct rmi_resource *res, const char *name, int pass)
{
	const struct rmi_field	*f;
	size_t			 i;

	if ((f = rmi_resource_field(res, name)) != NULL || pass == 0)
		return f;
	for (i = 0; i < res->nfields; i++)
		if (strcasecmp(res->fields[i].name, name) == 0)
			return &res->fields[i];
	return NULL;
}

/* Adds the filter of parameter i on f (the first one per field counts). */
static enum rmi_err
add_filter(struct rmi_listquery *lq, struct rmi_request *req,
    const struct rmi_field *f, const char *value)
{
	struct rmi_filter	*flt;
	enum rmi_err		 err;
	size_t			 j;

	for (j = 0; j < lq->nfilters; j++)
		if (lq->filters[j].field == f)
			return RMI_OK;
	if (lq->nfilters == RMI_MAX_FILTERS)
		return rmi_fail(req, RMI_EBADREQ, "Too many filters");
	flt = &lq->filters[lq->nfilters];
	flt->field = f;
	flt->match = RMI_MATCH_LIKE;
	if (f->type == RMI_T_ENUM)
		err = parse_enum(req, flt, value);
	else if (f->flags & RMI_F_LIST) {
		flt->match = RMI_MATCH_ANY;
		err = parse_list(req, f, value, &flt->value);
	} else if ((flt->value = rmi_wildcard_to_like(value)) == NULL)
		err = rmi_fail(req, RMI_EINTERNAL, "out of memory");
	else
		err = RMI_OK;
	if (err != RMI_OK) {
		free(flt->value);
		flt->value = NULL;
		return err;
	}
	lq->nfilters++;
	return RMI_OK;
}

enum rmi_err
rmi_listquery_parse(struct rmi_listquery *lq, const struct rmi_resource *res,
    struct rmi_request *req)
{
	const struct rmi_field	*f;
	const char		*sort;
	enum rmi_err		 err;
	size_t			 i;
	int			 pass;

	memset(lq, 0, sizeof(*lq));
	if ((err = parse_paging(lq, res, req)) != RMI_OK)
		return err;
	sort = rmi_request_param(req, "sort");
	if (sort == NULL || *sort == '\0')
		sort = res->default_sort;
	if ((err = parse_sort(lq, res, req, sort)) != RMI_OK)
		return err;

	/*
	 * Names spelled exactly first, then in another case: so an exact
	 * name wins over one differing only in case, wherever it stands.
	 */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < req->nparams; i++) {
			f = filter_field(res, req->params[i].name, pass);
			if (f == NULL || (f->flags & RMI_F_NOFILTER))
				continue;
			if ((err = add_filter(lq, req, f,
			    req->params[i].value)) != RMI_OK)
				return err;
		}
	return RMI_OK;
}

void
rmi_listquery_free(struct rmi_listquery *lq)
{
	size_t	 i;

	for (i = 0; i < lq->nfilters; i++)
		free(lq->filters[i].value);
	lq->nfilters = 0;
}
