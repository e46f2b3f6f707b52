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

/* Checks one element of a comma list; returns its canonical form or NULL. */
static const char *
list_element(const struct rmi_field *f, const char *v)
{
	const char *const	*e;

	switch (f->type) {
	case RMI_T_GUID:
		return rmi_field_guid_ok(f, v) ? v : NULL;
	case RMI_T_ENUM:
		for (e = f->values; e != NULL && *e != NULL; e++)
			if (strcasecmp(*e, v) == 0)
				return *e;
		return NULL;
	default:
		return v;
	}
}

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
			if (f->type == RMI_T_GUID)
				rmi_fail(req, RMI_EBADREQ, "Invalid GUID: '%.100s'",
				    elem);
			else
				rmi_fail(req, RMI_EBADREQ,
				    "Invalid value for %s: '%.100s'", f->name, elem);
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

enum rmi_err
rmi_listquery_parse(struct rmi_listquery *lq, const struct rmi_resource *res,
    struct rmi_request *req)
{
	const struct rmi_field	*f;
	const char		*sort;
	struct rmi_filter	*flt;
	enum rmi_err		 err;
	size_t			 i, j;
	int			 seen;

	memset(lq, 0, sizeof(*lq));
	if ((err = parse_paging(lq, res, req)) != RMI_OK)
		return err;
	sort = rmi_request_param(req, "sort");
	if (sort == NULL || *sort == '\0')
		sort = res->default_sort;
	if ((err = parse_sort(lq, res, req, sort)) != RMI_OK)
		return err;

	for (i = 0; i < req->nparams; i++) {
		f = rmi_resource_field(res, req->params[i].name);
		if (f == NULL || (f->flags & RMI_F_NOFILTER))
			continue;
		/* The first of repeated parameters counts, as elsewhere. */
		for (j = 0, seen = 0; j < lq->nfilters; j++)
			seen |= lq->filters[j].field == f;
		if (seen)
			continue;
		if (lq->nfilters == RMI_MAX_FILTERS)
			return rmi_fail(req, RMI_EBADREQ, "Too many filters");
		flt = &lq->filters[lq->nfilters];
		flt->field = f;
		if (f->flags & RMI_F_LIST) {
			if ((err = parse_list(req, f, req->params[i].value,
			    &flt->value)) != RMI_OK)
				return err;
		} else if ((flt->value =
		    rmi_wildcard_to_like(req->params[i].value)) == NULL)
			return rmi_fail(req, RMI_EINTERNAL, "out of memory");
		lq->nfilters++;
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
