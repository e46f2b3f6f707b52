/* writer_xml.c: the XML backend of the writer, on libxml2's xmlTextWriter. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "writer.h"
#include "writer_impl.h"
#include "text.h"

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

/*
 * Text goes out only as characters XML 1.0 allows: anything else (C0
 * controls but tab, LF and CR; U+FFFE, U+FFFF; invalid UTF-8 from the
 * database) becomes U+FFFD rather than a malformed document. Bodies with
 * such characters are refused on input (body.c), so only data written by
 * other means ever needs it.
 */
int
rmi_xml_element(struct rmi_writer *w, const char *name, const char *text)
{
	char	*clean;
	int	 rc;

	if (rmi_xml_text_ok(text, strlen(text)))
		return xmlTextWriterWriteElement(w->xw, BAD_CAST name,
		    BAD_CAST text) < 0 ? -1 : 0;
	if ((clean = rmi_xml_text_clean(text)) == NULL)
		return -1;
	rc = xmlTextWriterWriteElement(w->xw, BAD_CAST name,
	    BAD_CAST clean) < 0 ? -1 : 0;
	free(clean);
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
