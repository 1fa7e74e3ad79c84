/* html_doc.h - the pieces every HTML report shares: a libxml2 document
 * that serialises as HTML5, element and attribute helpers, and writing
 * the finished page.
 */
#ifndef PK_HTML_DOC_H
#define PK_HTML_DOC_H

#include <stdbool.h>
#include <stdio.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "diag.h"

/* An empty document whose doctype is "<!DOCTYPE html>". */
htmlDocPtr html_doc_new(void);
/* A child element with escaped text (text may be NULL). */
xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *text);
void html_attr(xmlNodePtr n, const char *k, const char *v);
/* Serialise doc to f (indent: libxml2's formatting).  0, or -1 with err
 * set.  The document stays the caller's to free. */
int html_doc_write(FILE *f, htmlDocPtr doc, bool indent, struct pk_err *err);

#endif
