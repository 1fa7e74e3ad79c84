/* html_doc.h - the drawing kit every HTML page and inline SVG chart
 * shares (prof-compare's report, prof-history's trend and check pages,
 * heap2svg's HTML page): a libxml2 document that serialises as HTML5, one
 * page head with one base stylesheet, element and attribute helpers (text
 * is escaped by libxml2), the SVG primitives, one number format for
 * coordinates, the colour palette and axis tick steps.
 */
#ifndef PK_HTML_DOC_H
#define PK_HTML_DOC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "diag.h"

/* The palette, as CSS colours (string literals, so that a page's CSS can
 * be put together at compile time). */
#define HTML_INK        "#222"     /* text */
#define HTML_MUTED      "#555"     /* axis labels, secondary text */
#define HTML_RULE       "#ddd"     /* table rules, frames */
#define HTML_SERIES     "#1f77b4"  /* a data series */
#define HTML_LEVEL      "#ff7f0e"  /* a fitted level */
#define HTML_ALERT      "#d62728"  /* a change point, a highlighted point */
#define HTML_WORSE      "#c62828"  /* a regression */
#define HTML_BETTER     "#2e7d32"  /* an improvement */
#define HTML_DOUBT      "#f9a825"  /* suspect */
#define HTML_WARN       "#ef6c00"  /* a warning */
#define HTML_BAND       "#eef"     /* a tolerance band */
#define HTML_REFLINE    "#88a"     /* a reference line */

/* An empty document whose doctype is "<!DOCTYPE html>". */
htmlDocPtr html_doc_new(void);
/* The page: <html lang="en">, a head with charset, viewport and a
 * content security policy that allows no network access (inline style
 * and script only), the title, one <style> of the base stylesheet
 * followed by css (the page's own rules, may be NULL); then the body with
 * the title as <h1>.  Returns the body. */
xmlNodePtr html_page(htmlDocPtr doc, const char *title, const char *css);
/* A child element with escaped text (text may be NULL). */
xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *text);
void html_attr(xmlNodePtr n, const char *k, const char *v);
/* A <tr> in parent with one cell element (cell: "th" or "td") per text. */
xmlNodePtr html_row(xmlNodePtr parent, const char *cell,
		    const char *const *texts, size_t n);
/* A number attribute: two decimals at most, trailing zeros dropped. */
void html_num(xmlNodePtr n, const char *k, double v);
/* "#rrggbb" of 0xRRGGBB into buf (8 bytes). */
void html_colour(char *buf, uint32_t rgb);
/* Drop cairo's and fontconfig's caches after the last chart, so leak
 * checkers see a clean heap at exit. */
void html_cairo_cleanup(void);

/* SVG inline in an HTML page (the HTML parser gives it its namespace,
 * so no xmlns: a page names no URL).  html_svg: the root (with parent
 * NULL a free node), viewBox
 * "0 0 W H", width, height, role="img", class and aria-label when not
 * NULL.  The shapes take a class (NULL: none) for the page's CSS. */
xmlNodePtr html_svg(xmlNodePtr parent, double w, double h, const char *cls,
		    const char *label);
xmlNodePtr html_svg_line(xmlNodePtr svg, const char *cls, double x1,
			 double y1, double x2, double y2);
xmlNodePtr html_svg_rect(xmlNodePtr svg, const char *cls, double x, double y,
			 double w, double h);
xmlNodePtr html_svg_circle(xmlNodePtr svg, const char *cls, double cx,
			   double cy, double r);
/* Text at (x, y); anchor "middle"/"end" or NULL (start). */
xmlNodePtr html_svg_text(xmlNodePtr svg, const char *cls, double x, double y,
			 const char *anchor, const char *text);

/* A round step for about n axis ticks over [lo, hi] (1, 2 or 5 x 10^k). */
double html_tick_step(double lo, double hi, int n);

/* Serialise doc to f (indent: libxml2's formatting).  0, or -1 with err
 * set.  The document stays the caller's to free. */
int html_doc_write(FILE *f, htmlDocPtr doc, bool indent, struct pk_err *err);

#endif
