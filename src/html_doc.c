/* html_doc.c - shared pieces of the HTML reports. */
#include "config.h"

#include "html_doc.h"

htmlDocPtr
html_doc_new(void)
{
	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);

	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	return doc;
}

xmlNodePtr
html_el(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name,
			       text ? BAD_CAST text : NULL);
}

void
html_attr(xmlNodePtr n, const char *k, const char *v)
{
	xmlNewProp(n, BAD_CAST k, BAD_CAST v);
}

int
html_doc_write(FILE *f, htmlDocPtr doc, bool indent, struct pk_err *err)
{
	xmlChar *mem = NULL;
	int len = 0;
	int rc = 0;

	htmlDocDumpMemoryFormat(doc, &mem, &len, indent);
	if (mem == NULL || fwrite(mem, 1, (size_t)len, f) != (size_t)len) {
		pk_err_set(err, "cannot write the HTML page");
		rc = -1;
	}
	xmlFree(mem);
	return rc;
}
