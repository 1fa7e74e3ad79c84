/* compare_html.c - prof-compare's self-contained HTML report (libxml2),
 * with an inline SVG chart of the ratios and their intervals. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_private.h"
#include "fmt.h"
#include "html_doc.h"
#include "stats.h"

/* The page's own rules (html_doc.c has the base stylesheet); a verdict's
 * colour fills its point and strokes its interval. */
#define VERDICT_CSS(cls, col) \
	"svg ." cls "{fill:" col "}svg .ci." cls "{stroke:" col "}"
static const char css[] =
	"tr.regression td{background:#fde2e1}tr.improvement td{background:#e1f5e4}"
	"tr.suspect td{background:#fff6d6}tr.failed td{background:#eee}"
	"td.name{font-family:monospace}td:last-child,th:last-child"
	"{text-align:left}.rule{max-width:60em;color:#444}"
	"svg.ratios text{font:12px system-ui,sans-serif}svg .axis{fill:" HTML_MUTED "}"
	"svg .band{fill:" HTML_BAND "}svg .one{stroke:" HTML_REFLINE "}"
	"svg .ci{stroke-width:3}"
	VERDICT_CSS("regression", HTML_WORSE)
	VERDICT_CSS("improvement", HTML_BETTER)
	VERDICT_CSS("suspect", HTML_DOUBT)
	VERDICT_CSS("warning", HTML_WARN)
	VERDICT_CSS("other", HTML_MUTED);

/* The chart class of a verdict (its colour in css). */
static const char *
verdict_class(enum cmp_verdict v)
{
	switch (v) {
	case CMP_REGRESSION: return "regression";
	case CMP_IMPROVEMENT: return "improvement";
	case CMP_SUSPECT: return "suspect";
	case CMP_WARNING: return "warning";
	default: return "other";
	}
}

/* Ratios on a log axis: one row per compared benchmark. */
static void
chart(xmlNodePtr parent, const struct cmp_result *res)
{
	const double W = 900, left = 260, right = 30, rowh = 22, top = 30;
	double lo = 1 - res->opts.threshold, hi = 1 + res->opts.threshold;
	size_t n = 0;
	xmlNodePtr svg, g;
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
	svg = html_svg(parent, W, H, "ratios", NULL);
	html_el(svg, "title", "Ratio current/baseline per benchmark, with its "
			 "bootstrap interval (log scale)");
	/* threshold band and the line at 1 */
	html_svg_rect(svg, "band", X(1 - res->opts.threshold), top - 10,
		      X(1 + res->opts.threshold) - X(1 - res->opts.threshold),
		      rowh * (double)n + 10);
	html_svg_line(svg, "one", X(1), top - 10, X(1), top + rowh * (double)n);
	/* ticks */
	{
		static const double ticks[] = {0.25, 0.5, 0.8, 0.9, 0.95, 1, 1.05,
					       1.1, 1.25, 1.5, 2, 4, 10};

		for (size_t i = 0; i < sizeof ticks / sizeof *ticks; i++) {
			if (ticks[i] < lo || ticks[i] > hi)
				continue;
			snprintf(b, sizeof b, "%g", ticks[i]);
			html_svg_text(svg, "axis", X(ticks[i]),
				      top + rowh * (double)n + 18, "middle", b);
		}
		html_svg_text(svg, "axis", left, 14, NULL, "current / baseline");
	}
	n = 0;
	for (size_t i = 0; i < res->n; i++) {
		const struct cmp_row *r = &res->rows[i];
		const char *cls = verdict_class(r->verdict);
		char ci[32];
		double y;

		if (!(r->ratio > 0) || !isfinite(r->ratio))
			continue;
		y = top + rowh * (double)n + rowh / 2 - 6;
		n++;
		html_svg_text(svg, NULL, left - 8, y + 4, "end", r->name);
		if (r->lo > 0 && isfinite(r->lo)) {
			snprintf(ci, sizeof ci, "ci %s", cls);
			html_svg_line(svg, ci, X(r->lo), y, X(r->hi), y);
		}
		g = html_svg_circle(svg, cls, X(r->ratio), y, 4.5);
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
	xmlNodePtr body, table, tr, n;
	int rc;
	char b[512], title[1024];
	char *text = NULL;
	size_t tlen = 0;
	FILE *mf;

	snprintf(title, sizeof title, "prof-compare: %s \xe2\x86\x92 %s",
		 res->base_name, res->cur_name);
	body = html_page(doc, title, css);
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
	{
		static const char *const h[] = {"Benchmark", "Baseline", "Current",
						"Ratio", "CI", "MDC", "q", "n",
						"Verdict"};

		html_row(table, "th", h, sizeof h / sizeof *h);
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
