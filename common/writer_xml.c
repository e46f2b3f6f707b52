/* writer_xml.c: the XML backend of the writer, on libxml2's xmlTextWriter. */
#include <libxml/xmlwriter.h>

#include "writer.h"
#include "writer_impl.h"

/* libxml2 hands us its output in chunks; they go to the writer's buffer. */
static int
write_cb(void *ctx, const char *data, int len)
{
	struct rmi_buf	*out = ctx;

	return rmi_buf_put(out, data, (size_t)len) == -1 ? -1 : len;
}

int
rmi_xml_open(struct rmi_writer *w)
{
	xmlOutputBufferPtr	 ob;
	xmlTextWriterPtr	 xw;

	if ((ob = xmlOutputBufferCreateIO(write_cb, NULL, w->out, NULL)) == NULL)
		return -1;
	if ((xw = xmlNewTextWriter(ob)) == NULL) {
		xmlOutputBufferClose(ob);
		return -1;
	}
	if (xmlTextWriterStartDocument(xw, NULL, "UTF-8", NULL) < 0) {
		xmlFreeTextWriter(xw);
		return -1;
	}
	w->xw = xw;
	return 0;
}

void
rmi_xml_close(struct rmi_writer *w)
{
	if (w->xw != NULL)
		xmlFreeTextWriter(w->xw);	/* also closes the output buffer */
	w->xw = NULL;
}

int
rmi_xml_start(struct rmi_writer *w, const char *name)
{
	if (name == NULL)
		return -1;
	return xmlTextWriterStartElement(w->xw, BAD_CAST name) < 0 ? -1 : 0;
}

int
rmi_xml_end(struct rmi_writer *w)
{
	return xmlTextWriterEndElement(w->xw) < 0 ? -1 : 0;
}

/* 1 if s has a control character XML 1.0 cannot carry, even escaped. */
static int
has_forbidden(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' &&
		    *s != '\r')
			return 1;
	return 0;
}

int
rmi_xml_element(struct rmi_writer *w, const char *name, const char *text)
{
	struct rmi_buf	 clean;
	int		 rc;

	if (!has_forbidden(text))
		return xmlTextWriterWriteElement(w->xw, BAD_CAST name,
		    BAD_CAST text) < 0 ? -1 : 0;
	/* Such characters become U+FFFD rather than a malformed document. */
	rmi_buf_init(&clean);
	for (; *text != '\0'; text++) {
		if ((unsigned char)*text < 0x20 && *text != '\t' &&
		    *text != '\n' && *text != '\r')
			rmi_buf_puts(&clean, "\xef\xbf\xbd");
		else
			rmi_buf_putc(&clean, *text);
	}
	rc = clean.oom ? -1 : xmlTextWriterWriteElement(w->xw, BAD_CAST name,
	    BAD_CAST clean.data) < 0 ? -1 : 0;
	rmi_buf_free(&clean);
	return rc;
}

int
rmi_xml_finish(struct rmi_writer *w)
{
	if (xmlTextWriterEndDocument(w->xw) < 0 ||
	    xmlTextWriterFlush(w->xw) < 0)
		return -1;
	return w->out->oom ? -1 : 0;
}
