/* compare_html.c - prof-compare's self-contained HTML report (libxml2),
 * with an inline SVG chart of the ratios and their intervals. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "fmt.h"
#include "html_doc.h"
#include "stats.h"

static const char css[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
	"table{border-collapse:collapse;margin:1em 0}"
	"th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}"
	"th:nth-child(1),td:nth-child(1),td:last-child,th:last-child"
	"{text-align:left}"
	"tr.regression td{background:#fde2e1}tr.improvement td{background:#e1f5e4}"
	"tr.suspect td{background:#fff6d6}tr.failed td{background:#eee}"
	"td.name{font-family:monospace}.rule{max-width:60em;color:#444}"
	"svg text{font:12px sans-serif}h1{font-size:1.3em;word-break:break-all}";

static void
attrf(xmlNodePtr n, const char *k, double v)
{
	char b[64];

	snprintf(b, sizeof b, "%.2f", v);
	xmlNewProp(n, BAD_CAST k, BAD_CAST b);
}

static const char *
color(enum cmp_verdict v)
{
	switch (v) {
	case CMP_REGRESSION: return "#c62828";
	case CMP_IMPROVEMENT: return "#2e7d32";
	case CMP_SUSPECT: return "#f9a825";
	case CMP_WARNING: return "#ef6c00";
	default: return "#555";
	}
}

/* Ratios on a log axis: one row per compared benchmark. */
static void
chart(xmlNodePtr parent, const struct cmp_result *res)
{
	const double W = 900, left = 260, right = 30, rowh = 22, top = 30;
	double lo = 1 - res->opts.threshold, hi = 1 + res->opts.threshold;
	size_t n = 0;
	xmlNodePtr svg, g, t;
	double H, x0, x1;
	char b[128];

	for (size_t i = 0; i < res->n; i++) {
		const struct cmp_row *r = &res->rows[i];

		if (!(r->ratio > 0) || !isfinite(r->ratio))
			continue;
		n++;
		lo = fmin(lo, r->ratio);
		hi = fmax(hi, r->ratio);
		if (r->lo > 0 && isfinite(r->lo)) {
			lo = fmin(lo, r->lo);
			hi = fmax(hi, r->hi);
		}
	}
	if (n == 0)
		return;
	lo /= 1.05;
	hi *= 1.05;
	x0 = log(lo);
	x1 = log(hi);
	H = top + rowh * (double)n + 30;
#define X(v) (left + (log(v) - x0) / (x1 - x0) * (W - left - right))
	svg = html_el(parent, "svg", NULL);
	html_attr(svg, "xmlns", "http://www.w3.org/2000/svg");
	attrf(svg, "width", W);
	attrf(svg, "height", H);
	snprintf(b, sizeof b, "0 0 %.0f %.0f", W, H);
	html_attr(svg, "viewBox", b);
	html_attr(svg, "role", "img");
	html_el(svg, "title", "Ratio current/baseline per benchmark, with its "
			 "bootstrap interval (log scale)");
	/* threshold band and the line at 1 */
	g = html_el(svg, "rect", NULL);
	attrf(g, "x", X(1 - res->opts.threshold));
	attrf(g, "y", top - 10);
	attrf(g, "width", X(1 + res->opts.threshold) - X(1 - res->opts.threshold));
	attrf(g, "height", rowh * (double)n + 10);
	html_attr(g, "fill", "#eef");
	g = html_el(svg, "line", NULL);
	attrf(g, "x1", X(1));
	attrf(g, "x2", X(1));
	attrf(g, "y1", top - 10);
	attrf(g, "y2", top + rowh * (double)n);
	html_attr(g, "stroke", "#88a");
	/* ticks */
	{
		static const double ticks[] = {0.25, 0.5, 0.8, 0.9, 0.95, 1, 1.05,
					       1.1, 1.25, 1.5, 2, 4, 10};

		for (size_t i = 0; i < sizeof ticks / sizeof *ticks; i++) {
			if (ticks[i] < lo || ticks[i] > hi)
				continue;
			snprintf(b, sizeof b, "%g", ticks[i]);
			t = html_el(svg, "text", b);
			attrf(t, "x", X(ticks[i]));
			attrf(t, "y", top + rowh * (double)n + 18);
			html_attr(t, "text-anchor", "middle");
			html_attr(t, "fill", "#555");
		}
		t = html_el(svg, "text", "current / baseline");
		attrf(t, "x", left);
		attrf(t, "y", 14);
		html_attr(t, "fill", "#555");
	}
	n = 0;
	for (size_t i = 0; i < res->n; i++) {
		const struct cmp_row *r = &res->rows[i];
		double y;

		if (!(r->ratio > 0) || !isfinite(r->ratio))
			continue;
		y = top + rowh * (double)n + rowh / 2 - 6;
		n++;
		t = html_el(svg, "text", r->name);
		attrf(t, "x", left - 8);
		attrf(t, "y", y + 4);
		html_attr(t, "text-anchor", "end");
		if (r->lo > 0 && isfinite(r->lo)) {
			g = html_el(svg, "line", NULL);
			attrf(g, "x1", X(r->lo));
			attrf(g, "x2", X(r->hi));
			attrf(g, "y1", y);
			attrf(g, "y2", y);
			html_attr(g, "stroke", color(r->verdict));
			html_attr(g, "stroke-width", "3");
		}
		g = html_el(svg, "circle", NULL);
		attrf(g, "cx", X(r->ratio));
		attrf(g, "cy", y);
		html_attr(g, "r", "4.5");
		html_attr(g, "fill", color(r->verdict));
		{
			char v[160], *tip;

			cmp_fmt_verdict(v, sizeof v, r);
			tip = pk_xasprintf("%s: %.3f (%s)", r->name, r->ratio, v);
			html_el(g, "title", tip);
			free(tip);
		}
	}
#undef X
}

/* The decision rule, the same words as the text reports: one <p> per
 * paragraph. */
static int
rule_paragraphs(xmlNodePtr body, const struct cmp_result *res,
		struct pk_err *err)
{
	char *text = NULL, *p, *end;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (m == NULL) {
		pk_err_set(err, "out of memory");
		return -1;
	}
	cmp_write_rule(m, res, false);
	fclose(m);
	for (p = text; *p != '\0'; p = end) {
		xmlNodePtr n;

		end = strstr(p, "\n\n");
		end = end ? end : p + strlen(p);
		while (end > p && end[-1] == '\n')
			end--;
		if (end > p) {
			char save = *end;

			*end = '\0';
			n = html_el(body, "p", p);
			html_attr(n, "class", "rule");
			*end = save;
		}
		while (*end == '\n')
			end++;
	}
	free(text);
	return 0;
}

int
cmp_write_html(FILE *f, const struct cmp_result *res, struct pk_err *err)
{
	htmlDocPtr doc = html_doc_new();
	xmlNodePtr html, head, body, table, tr, n;
	int rc;
	char b[512], title[1024];
	char *text = NULL;
	size_t tlen = 0;
	FILE *mf;

	html = xmlNewNode(NULL, BAD_CAST "html");
	xmlDocSetRootElement(doc, html);
	html_attr(html, "lang", "en");
	head = html_el(html, "head", NULL);
	n = html_el(head, "meta", NULL);
	html_attr(n, "charset", "utf-8");
	snprintf(title, sizeof title, "prof-compare: %s \xe2\x86\x92 %s",
		 res->base_name, res->cur_name);
	html_el(head, "title", title);
	html_el(head, "style", css);
	body = html_el(html, "body", NULL);
	html_el(body, "h1", title);
	mf = open_memstream(&text, &tlen);
	if (mf != NULL) {
		/* the summary line, as in the other formats */
		fprintf(mf, "%zu regression%s, %zu improvement%s, %zu unchanged "
			    "(%zu suspect)",
			res->n_reg, res->n_reg == 1 ? "" : "s", res->n_imp,
			res->n_imp == 1 ? "" : "s", res->n_unch + res->n_sus,
			res->n_sus);
		if (res->n_broken)
			fprintf(mf, " (%zu passed before and fail%s now)",
				res->n_broken, res->n_broken == 1 ? "s" : "");
		if (res->n_failed)
			fprintf(mf, ", %zu failed", res->n_failed);
		if (res->n_added)
			fprintf(mf, ", %zu added", res->n_added);
		if (res->n_removed)
			fprintf(mf, ", %zu removed", res->n_removed);
		if (!isnan(res->geomean))
			fprintf(mf, "; geometric mean of the ratios %.3f",
				res->geomean);
		fclose(mf);
		html_el(body, "p", text);
		free(text);
	}
	chart(body, res);
	table = html_el(body, "table", NULL);
	tr = html_el(table, "tr", NULL);
	{
		static const char *const h[] = {"Benchmark", "Baseline", "Current",
						"Ratio", "CI", "MDC", "q", "n",
						"Verdict"};

		for (size_t i = 0; i < sizeof h / sizeof *h; i++)
			html_el(tr, "th", h[i]);
	}
	for (size_t i = 0; i < res->n; i++) {
		const struct cmp_row *r = &res->rows[i];
		double v[2] = {r->med1, r->med2};

		tr = html_el(table, "tr", NULL);
		html_attr(tr, "class", cmp_verdict_name(r->verdict));
		n = html_el(tr, "td", r->name);
		html_attr(n, "class", "name");
		for (int k = 0; k < 2; k++) {
			fmt_value(b, sizeof b, v[k], r->unit);
			html_el(tr, "td", b);
		}
		snprintf(b, sizeof b, isnan(r->ratio) ? "-" : "%.3f", r->ratio);
		html_el(tr, "td", b);
		if (isnan(r->lo))
			snprintf(b, sizeof b, "-");
		else
			snprintf(b, sizeof b, "[%.3f, %.3f]", r->lo, r->hi);
		html_el(tr, "td", b);
		if (isnan(r->mdc))
			snprintf(b, sizeof b, "-");
		else
			snprintf(b, sizeof b, "%.3g%%", 100 * r->mdc);
		html_el(tr, "td", b);
		snprintf(b, sizeof b, isnan(r->q) ? "-" : "%.2g", r->q);
		html_el(tr, "td", b);
		snprintf(b, sizeof b, "%zu/%zu", r->n1, r->n2);
		html_el(tr, "td", b);
		cmp_fmt_verdict(b, sizeof b, r);
		html_el(tr, "td", b);
	}
	if (rule_paragraphs(body, res, err) != 0) {
		xmlFreeDoc(doc);
		return -1;
	}
	rc = html_doc_write(f, doc, true, err);
	xmlFreeDoc(doc);
	return rc;
}
