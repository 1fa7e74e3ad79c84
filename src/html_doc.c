/* html_doc.c - the drawing kit of the HTML pages and inline SVG charts. */
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "html_doc.h"

/* The base stylesheet: page, headings, notes, tables, the hover tip.  A
 * page adds its own rules after it (chart classes, row colours). */
static const char base_css[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:16px 24px;"
	"color:" HTML_INK ";background:#fff}"
	"h1{font-size:20px;margin:0 0 8px;overflow-wrap:anywhere}"
	"h2{font-size:16px;margin:24px 0 6px}"
	".sub,.meta{color:" HTML_MUTED ";margin:0 0 8px;font-size:13px}"
	".note{color:#333;font-size:13px;margin:4px 0}"
	".warn{background:#fff4d6;border:1px solid #e8c35a;padding:4px 8px;"
	"margin:4px 0;font-size:13px}"
	"table{border-collapse:collapse;margin:8px 0;font-size:13px}"
	"th,td{border-bottom:1px solid " HTML_RULE ";padding:2px 8px;"
	"text-align:right}"
	"th:first-child,td:first-child{text-align:left}"
	"#tip{display:none;pointer-events:none;z-index:2;"
	"background:rgba(255,255,255,.95);border:1px solid #888;"
	"border-radius:4px;padding:4px 8px;font:12px ui-monospace,monospace;"
	"white-space:pre;box-shadow:0 2px 6px rgba(0,0,0,.2)}";

htmlDocPtr
html_doc_new(void)
{
	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);

	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	return doc;
}

xmlNodePtr
html_page(htmlDocPtr doc, const char *title, const char *css)
{
	xmlNodePtr html = xmlNewNode(NULL, BAD_CAST "html"), head, body, n;
	char *style;

	xmlDocSetRootElement(doc, html);
	html_attr(html, "lang", "en");
	head = html_el(html, "head", NULL);
	n = html_el(head, "meta", NULL);
	html_attr(n, "charset", "utf-8");
	n = html_el(head, "meta", NULL);
	html_attr(n, "name", "viewport");
	html_attr(n, "content", "width=device-width, initial-scale=1");
	n = html_el(head, "meta", NULL);
	html_attr(n, "http-equiv", "Content-Security-Policy");
	html_attr(n, "content", "default-src 'none'; style-src 'unsafe-inline'; "
		  "script-src 'unsafe-inline'; img-src data:");
	html_el(head, "title", title);
	style = pk_xasprintf("%s%s", base_css, css ? css : "");
	html_el(head, "style", style);
	free(style);
	body = html_el(html, "body", NULL);
	html_el(body, "h1", title);
	return body;
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

xmlNodePtr
html_row(xmlNodePtr parent, const char *cell, const char *const *texts,
	 size_t n)
{
	xmlNodePtr tr = html_el(parent, "tr", NULL);

	for (size_t i = 0; i < n; i++)
		html_el(tr, cell, texts[i]);
	return tr;
}

void
html_num(xmlNodePtr n, const char *k, double v)
{
	char b[32], *d, *e;

	snprintf(b, sizeof b, "%.2f", v);
	/* strip trailing zeros for compactness */
	if ((d = strchr(b, '.')) != NULL) {
		e = b + strlen(b) - 1;
		while (e > d && *e == '0')
			*e-- = '\0';
		if (e == d)
			*e = '\0';
	}
	xmlNewProp(n, BAD_CAST k, BAD_CAST b);
}

void
html_colour(char *buf, uint32_t rgb)
{
	snprintf(buf, 8, "#%06x", (unsigned)(rgb & 0xffffff));
}

xmlNodePtr
html_svg(xmlNodePtr parent, double w, double h, const char *cls,
	 const char *label)
{
	xmlNodePtr svg = xmlNewNode(NULL, BAD_CAST "svg");
	char vb[64];

	if (parent != NULL)
		xmlAddChild(parent, svg);
	if (cls != NULL)
		html_attr(svg, "class", cls);
	snprintf(vb, sizeof vb, "0 0 %.0f %.0f", w, h);
	html_attr(svg, "viewBox", vb);
	html_num(svg, "width", w);
	html_num(svg, "height", h);
	html_attr(svg, "role", "img");
	if (label != NULL)
		html_attr(svg, "aria-label", label);
	return svg;
}

/* An SVG element with a class (NULL: none) and number attributes. */
static xmlNodePtr
shape(xmlNodePtr svg, const char *name, const char *cls,
      const char *const *k, const double *v, size_t n)
{
	xmlNodePtr e = html_el(svg, name, NULL);

	if (cls != NULL)
		html_attr(e, "class", cls);
	for (size_t i = 0; i < n; i++)
		html_num(e, k[i], v[i]);
	return e;
}

xmlNodePtr
html_svg_line(xmlNodePtr svg, const char *cls, double x1, double y1,
	      double x2, double y2)
{
	static const char *const k[] = { "x1", "y1", "x2", "y2" };

	return shape(svg, "line", cls, k, (const double[]){ x1, y1, x2, y2 },
		     4);
}

xmlNodePtr
html_svg_rect(xmlNodePtr svg, const char *cls, double x, double y, double w,
	      double h)
{
	static const char *const k[] = { "x", "y", "width", "height" };

	return shape(svg, "rect", cls, k, (const double[]){ x, y, w, h }, 4);
}

xmlNodePtr
html_svg_circle(xmlNodePtr svg, const char *cls, double cx, double cy,
		double r)
{
	static const char *const k[] = { "cx", "cy", "r" };

	return shape(svg, "circle", cls, k, (const double[]){ cx, cy, r }, 3);
}

xmlNodePtr
html_svg_text(xmlNodePtr svg, const char *cls, double x, double y,
	      const char *anchor, const char *text)
{
	xmlNodePtr n = html_el(svg, "text", text);

	if (cls != NULL)
		html_attr(n, "class", cls);
	html_num(n, "x", x);
	html_num(n, "y", y);
	if (anchor != NULL)
		html_attr(n, "text-anchor", anchor);
	return n;
}

double
html_tick_step(double lo, double hi, int n)
{
	double range = hi - lo, raw, e, f;

	if (!(range > 0) || !isfinite(range))
		return 1;
	raw = range / (n > 0 ? n : 1);
	e = pow(10, floor(log10(raw)));
	f = raw / e;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * e;
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

void
html_cairo_cleanup(void)
{
	void (*fc_fini)(void);

	cairo_debug_reset_static_data();
	/* fontconfig is cairo's dependency, not ours: look it up at run time */
	*(void **)&fc_fini = dlsym(RTLD_DEFAULT, "FcFini");
	if (fc_fini)
		fc_fini();
}
