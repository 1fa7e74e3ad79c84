/* history_trend.c - change points per series and the trend charts. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-svg.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "fmt.h"
#include "history_trend.h"
#include "html_doc.h"
#include "json_write.h"

void
hist_trend_changepoints(struct hist_series *s, size_t n,
			const struct hist_cp_opts *o)
{
	for (size_t i = 0; i < n; i++) {
		double *x = pk_xmalloc((s[i].n ? s[i].n : 1) * sizeof *x);

		for (size_t j = 0; j < s[i].n; j++)
			x[j] = s[i].p[j].median;
		free(s[i].cp);
		s[i].cp = pk_xmalloc((s[i].n ? s[i].n : 1) * sizeof *s[i].cp);
		s[i].ncp = hist_cp_detect(x, s[i].n, o, s[i].cp);
		free(x);
	}
}

/* The fitted level (segment median) of every point. */
static double *
levels(const struct hist_series *s)
{
	double *lv = pk_xmalloc((s->n ? s->n : 1) * sizeof *lv);
	double *tmp = pk_xmalloc((s->n ? s->n : 1) * sizeof *tmp);

	for (size_t k = 0; k <= s->ncp; k++) {
		size_t a = k ? s->cp[k - 1] : 0;
		size_t b = k < s->ncp ? s->cp[k] : s->n;
		double m;

		for (size_t j = a; j < b; j++)
			tmp[j - a] = s->p[j].median;
		m = hist_median(tmp, b - a);
		for (size_t j = a; j < b; j++)
			lv[j] = m;
	}
	free(tmp);
	return lv;
}

static void
short_commit(char *buf, size_t n, const char *c)
{
	snprintf(buf, n, "%.10s", c ? c : "");
}

/* Relative change of the level after cp k, positive = worse. */
static double
worse_change(const struct hist_series *s, const double *lv, size_t k)
{
	size_t i = s->cp[k];
	double before = lv[i - 1], after = lv[i];
	double rel = before != 0 ? after / before - 1 : 0;

	return s->higher_is_better ? -rel : rel;
}

double
hist_trend_cp_change(const struct hist_series *s, size_t k)
{
	double *lv = levels(s);
	double c = worse_change(s, lv, k);

	free(lv);
	return c;
}

/* ---------------------------------------------------------------- text */

void
hist_trend_text(FILE *f, const struct hist_series *s, size_t n)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++) {
		double *lv = levels(&s[i]);

		fprintf(f, "%s: %zu point%s, %zu change point%s\n",
			s[i].display, s[i].n, s[i].n == 1 ? "" : "s", s[i].ncp,
			s[i].ncp == 1 ? "" : "s");
		for (size_t k = 0; k < s[i].ncp; k++) {
			size_t j = s[i].cp[k];
			char b[64], a[64], date[40];
			double rel = lv[j - 1] != 0 ? lv[j] / lv[j - 1] - 1 : 0;

			fmt_value(b, sizeof b, lv[j - 1], s[i].unit);
			fmt_value(a, sizeof a, lv[j], s[i].unit);
			hist_format_date(s[i].p[j].date, date, sizeof date);
			fprintf(f, "  change at point %zu: commit %s (%s): "
				"%s -> %s (%+.1f%%, %s)\n", j + 1,
				s[i].p[j].commit, date, b, a, 100 * rel,
				worse_change(&s[i], lv, k) > 0 ? "worse"
							       : "better");
		}
		total += s[i].ncp;
		free(lv);
	}
	fprintf(f, "%zu series, %zu change point%s\n", n, total,
		total == 1 ? "" : "s");
}

void
hist_trend_json(FILE *f, const struct hist_series *s, size_t n)
{
	struct jw w;

	jw_init(&w, f, 1);
	jw_object_begin(&w);
	jw_key(&w, "series");
	jw_array_begin(&w);
	for (size_t i = 0; i < n; i++) {
		double *lv = levels(&s[i]);

		jw_object_begin(&w);
		jw_kstring(&w, "name", s[i].name);
		jw_kstring(&w, "metric", s[i].metric ? s[i].metric : "time");
		if (s[i].unit)
			jw_kstring(&w, "unit", s[i].unit);
		jw_kbool(&w, "higher_is_better", s[i].higher_is_better);
		if (s[i].testbed && s[i].testbed[0])
			jw_kstring(&w, "testbed", s[i].testbed);
		jw_key(&w, "points");
		jw_array_begin(&w);
		for (size_t j = 0; j < s[i].n; j++) {
			char date[40];

			hist_format_date(s[i].p[j].date, date, sizeof date);
			jw_object_begin(&w);
			jw_kstring(&w, "commit", s[i].p[j].commit);
			jw_kstring(&w, "date", date);
			jw_kint(&w, "run", s[i].p[j].run_id);
			jw_kuint(&w, "n", s[i].p[j].n);
			jw_kdouble(&w, "median", s[i].p[j].median);
			jw_kdouble(&w, "min", s[i].p[j].min);
			jw_kdouble(&w, "max", s[i].p[j].max);
			jw_kdouble(&w, "level", lv[j]);
			jw_object_end(&w);
		}
		jw_array_end(&w);
		jw_key(&w, "change_points");
		jw_array_begin(&w);
		for (size_t k = 0; k < s[i].ncp; k++) {
			size_t j = s[i].cp[k];

			jw_object_begin(&w);
			jw_kuint(&w, "index", j);
			jw_kstring(&w, "commit", s[i].p[j].commit);
			jw_kdouble(&w, "before", lv[j - 1]);
			jw_kdouble(&w, "after", lv[j]);
			jw_kdouble(&w, "ratio", lv[j - 1] != 0
					? lv[j] / lv[j - 1] : NAN);
			jw_kbool(&w, "worse", worse_change(&s[i], lv, k) > 0);
			jw_object_end(&w);
		}
		jw_array_end(&w);
		jw_object_end(&w);
		free(lv);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	jw_free(&w);
	fputc('\n', f);
}

/* ---------------------------------------------------------------- layout */

#define CH_W 960.0
#define CH_PANEL 250.0
#define CH_L 90.0
#define CH_R 24.0
#define CH_T 44.0
#define CH_B 46.0
#define CH_TITLE 40.0

struct panel {
	double x0, y0, w, h; /* plot area */
	double ymin, ymax;
	size_t n;
};

static void
panel_range(const struct hist_series *s, struct panel *p)
{
	double lo = INFINITY, hi = -INFINITY;

	for (size_t j = 0; j < s->n; j++) {
		lo = fmin(lo, s->p[j].median);
		hi = fmax(hi, s->p[j].median);
	}
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	if (hi - lo <= fabs(hi) * 1e-9) {
		double d = fabs(hi) > 0 ? fabs(hi) * 0.05 : 1;

		lo -= d;
		hi += d;
	}
	/* medians decide the scale; whiskers are clipped to the panel */
	p->ymin = lo - 0.12 * (hi - lo);
	p->ymax = hi + 0.12 * (hi - lo);
	if (lo >= 0 && p->ymin < 0)
		p->ymin = 0;
	p->n = s->n;
}

static double
px(const struct panel *p, size_t i)
{
	return p->x0 + ((double)i + 0.5) * p->w / (double)(p->n ? p->n : 1);
}

static double
py(const struct panel *p, double v)
{
	return p->y0 + (1 - (v - p->ymin) / (p->ymax - p->ymin)) * p->h;
}

/* Indices that get an x label: about 8, plus every change point. */
static bool
labelled(const struct hist_series *s, size_t j)
{
	size_t every = s->n / 8 + 1;

	for (size_t k = 0; k < s->ncp; k++)
		if (s->cp[k] == j)
			return true;
	return j % every == 0;
}

/* ---------------------------------------------------------------- SVG */

static cairo_status_t
write_file(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

static void
text_at(cairo_t *cr, double x, double y, const char *s, double align)
{
	cairo_text_extents_t te;

	cairo_text_extents(cr, s, &te);
	cairo_move_to(cr, x - align * te.x_advance, y);
	cairo_show_text(cr, s);
}

static void
draw_panel(cairo_t *cr, const struct hist_series *s, double top)
{
	struct panel p;
	double *lv = levels(s);
	char buf[128];

	p.x0 = CH_L;
	p.y0 = top + CH_T;
	p.w = CH_W - CH_L - CH_R;
	p.h = CH_PANEL - CH_T - CH_B;
	panel_range(s, &p);

	/* heading */
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, 14);
	text_at(cr, CH_L, top + 22, s->display, 0);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 11);
	snprintf(buf, sizeof buf, "%zu runs, %zu change point%s, %s", s->n,
		 s->ncp, s->ncp == 1 ? "" : "s",
		 s->higher_is_better ? "higher is better" : "lower is better");
	cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
	text_at(cr, CH_W - CH_R, top + 22, buf, 1);

	/* frame and y grid */
	cairo_set_line_width(cr, 1);
	cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
	cairo_rectangle(cr, p.x0, p.y0, p.w, p.h);
	cairo_stroke(cr);
	{
		double step = html_tick_step(p.ymin, p.ymax, 5);

		for (double v = ceil(p.ymin / step) * step; v <= p.ymax;
		     v += step) {
			double y = py(&p, v);

			cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
			cairo_move_to(cr, p.x0, y);
			cairo_line_to(cr, p.x0 + p.w, y);
			cairo_stroke(cr);
			cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
			fmt_value(buf, sizeof buf, v, s->unit);
			text_at(cr, p.x0 - 6, y + 4, buf, 1);
		}
	}

	cairo_save(cr);
	cairo_rectangle(cr, p.x0, p.y0, p.w, p.h);
	cairo_clip(cr);
	/* min..max whiskers */
	cairo_set_source_rgb(cr, 0.75, 0.8, 0.9);
	for (size_t j = 0; j < s->n; j++) {
		cairo_move_to(cr, px(&p, j), py(&p, s->p[j].min));
		cairo_line_to(cr, px(&p, j), py(&p, s->p[j].max));
	}
	cairo_stroke(cr);
	/* fitted levels */
	cairo_set_source_rgb(cr, 1.0, 0.5, 0.05);
	cairo_set_line_width(cr, 3);
	for (size_t k = 0; k <= s->ncp; k++) {
		size_t a = k ? s->cp[k - 1] : 0;
		size_t b = k < s->ncp ? s->cp[k] : s->n;

		if (b == a)
			continue;
		cairo_move_to(cr, px(&p, a) - p.w / (2.0 * (double)p.n),
			      py(&p, lv[a]));
		cairo_line_to(cr, px(&p, b - 1) + p.w / (2.0 * (double)p.n),
			      py(&p, lv[a]));
		cairo_stroke(cr);
	}
	/* medians */
	cairo_set_source_rgb(cr, 0.12, 0.47, 0.71);
	cairo_set_line_width(cr, 1.5);
	for (size_t j = 0; j < s->n; j++)
		if (j == 0)
			cairo_move_to(cr, px(&p, j), py(&p, s->p[j].median));
		else
			cairo_line_to(cr, px(&p, j), py(&p, s->p[j].median));
	cairo_stroke(cr);
	for (size_t j = 0; j < s->n; j++) {
		cairo_arc(cr, px(&p, j), py(&p, s->p[j].median), 2.8, 0,
			  2 * M_PI);
		cairo_fill(cr);
	}
	/* change points */
	for (size_t k = 0; k < s->ncp; k++) {
		size_t j = s->cp[k];
		double x = (px(&p, j - 1) + px(&p, j)) / 2;
		double dash[] = { 5, 3 };
		double rel = lv[j - 1] != 0 ? lv[j] / lv[j - 1] - 1 : 0;

		cairo_set_source_rgb(cr, 0.84, 0.15, 0.16);
		cairo_set_line_width(cr, 1.5);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_move_to(cr, x, p.y0);
		cairo_line_to(cr, x, p.y0 + p.h);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		snprintf(buf, sizeof buf, "%+.1f%% at %.7s", 100 * rel,
			 s->p[j].commit);
		cairo_set_font_size(cr, 11);
		{
			cairo_text_extents_t te;
			double ty = p.y0 + 13 + 13 * (double)(k % 3);
			double tx = x + 4;

			cairo_text_extents(cr, buf, &te);
			if (tx + te.x_advance > p.x0 + p.w)
				tx = x - 4 - te.x_advance;
			cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
			cairo_rectangle(cr, tx - 2, ty - 10, te.x_advance + 4,
					13);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0.84, 0.15, 0.16);
			text_at(cr, tx, ty, buf, 0);
		}
	}
	cairo_restore(cr);

	/* x labels: commits */
	cairo_set_font_size(cr, 10);
	for (size_t j = 0; j < s->n; j++) {
		bool is_cp = false;

		if (!labelled(s, j))
			continue;
		for (size_t k = 0; k < s->ncp; k++)
			is_cp |= s->cp[k] == j;
		if (is_cp)
			cairo_set_source_rgb(cr, 0.84, 0.15, 0.16);
		else
			cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		short_commit(buf, 8, s->p[j].commit);
		cairo_save(cr);
		cairo_move_to(cr, px(&p, j) - 3, p.y0 + p.h + 8);
		cairo_rotate(cr, M_PI / 5);
		cairo_show_text(cr, buf);
		cairo_restore(cr);
	}
	free(lv);
}

int
hist_trend_svg(FILE *f, const struct hist_series *s, size_t n,
	       const char *title, struct pk_err *err)
{
	double h = CH_TITLE + CH_PANEL * (double)n + 10;
	cairo_surface_t *surf;
	cairo_t *cr;
	cairo_status_t st;

	surf = cairo_svg_surface_create_for_stream(write_file, f, CH_W, h);
	cr = cairo_create(surf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, 17);
	text_at(cr, 16, 26, title ? title : "Benchmark history", 0);
	for (size_t i = 0; i < n; i++)
		draw_panel(cr, &s[i], CH_TITLE + CH_PANEL * (double)i);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	html_cairo_cleanup();
	if (st != CAIRO_STATUS_SUCCESS) {
		pk_err_set(err, "drawing the chart: %s",
			   cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- HTML */

/* The page's own rules (html_doc.c has the base stylesheet). */
static const char html_css[] =
	"section{border-top:1px solid " HTML_RULE "}"
	"svg.trend{display:block;max-width:100%;height:auto}"
	"svg .grid{stroke:#eee}svg .frame{fill:none;stroke:#ccc}"
	"svg .whisker{stroke:#bcd}svg .line{fill:none;stroke:" HTML_SERIES ";"
	"stroke-width:1.5}svg .pt{fill:" HTML_SERIES ";cursor:pointer}"
	"svg .pt:hover,svg .pt.hl{fill:" HTML_ALERT ";r:5}"
	"svg .level{stroke:" HTML_LEVEL ";stroke-width:3}"
	"svg .cp{stroke:" HTML_ALERT ";stroke-width:1.5;stroke-dasharray:5 3}"
	"svg text{font:11px system-ui,sans-serif;fill:#444}"
	"svg text.cpl{fill:" HTML_ALERT ";paint-order:stroke;stroke:#fff;"
	"stroke-width:4px;stroke-linejoin:round}"
	"#tip{position:fixed}"
	"td,th{border:1px solid " HTML_RULE "}"
	"td:first-child,th:first-child,td.c{text-align:left;"
	"font-family:ui-monospace,monospace}"
	"tr.change td{background:#fde2e2}tr.hl td{background:#fff3c4}"
	"details{margin:4px 0 12px}";

static const char html_js[] =
	"(function(){var tip=document.getElementById('tip');"
	"function row(el){return document.getElementById(el.getAttribute("
	"'data-row'));}"
	"document.querySelectorAll('.pt').forEach(function(c){"
	"c.addEventListener('mouseenter',function(e){"
	"tip.textContent=c.getAttribute('data-tip');"
	"tip.style.display='block';var r=row(c);"
	"if(r)r.classList.add('hl');});"
	"c.addEventListener('mousemove',function(e){"
	"tip.style.left=(e.clientX+14)+'px';"
	"tip.style.top=(e.clientY+14)+'px';});"
	"c.addEventListener('mouseleave',function(){"
	"tip.style.display='none';var r=row(c);"
	"if(r)r.classList.remove('hl');});});"
	"document.querySelectorAll('tr[data-pt]').forEach(function(r){"
	"r.addEventListener('mouseenter',function(){var c=document."
	"getElementById(r.getAttribute('data-pt'));if(c)c.classList.add('hl');"
	"});r.addEventListener('mouseleave',function(){var c=document."
	"getElementById(r.getAttribute('data-pt'));"
	"if(c)c.classList.remove('hl');});});"
	"document.body.setAttribute('data-ready','1');})();";

static void
html_series(xmlNodePtr body, const struct hist_series *s, size_t idx)
{
	xmlNodePtr sec = html_el(body, "section", NULL), svg, tbl, tr, det;
	struct panel p;
	double *lv = levels(s);
	char buf[512], id[64];
	size_t plen = 0, pcap = 64;
	char *points = pk_xmalloc(pcap);

	snprintf(id, sizeof id, "s%zu", idx);
	html_attr(sec, "id", id);
	html_el(sec, "h2", s->display);
	snprintf(buf, sizeof buf, "%zu runs · %zu change point%s · %s%s%s",
		 s->n, s->ncp, s->ncp == 1 ? "" : "s",
		 s->higher_is_better ? "higher is better" : "lower is better",
		 s->unit ? " · unit " : "", s->unit ? s->unit : "");
	html_attr(html_el(sec, "p", buf), "class", "meta");

	p.x0 = CH_L;
	p.y0 = 12;
	p.w = CH_W - CH_L - CH_R;
	p.h = CH_PANEL - 12 - CH_B;
	panel_range(s, &p);
	snprintf(buf, sizeof buf, "history of %s", s->display);
	svg = html_svg(sec, CH_W, CH_PANEL, "trend", buf);
	{
		double step = html_tick_step(p.ymin, p.ymax, 5);

		for (double v = ceil(p.ymin / step) * step; v <= p.ymax;
		     v += step) {
			html_svg_line(svg, "grid", p.x0, py(&p, v), p.x0 + p.w,
				 py(&p, v));
			fmt_value(buf, sizeof buf, v, s->unit);
			html_svg_text(svg, NULL, p.x0 - 6, py(&p, v) + 4, "end", buf);
		}
	}
	html_svg_rect(svg, "frame", p.x0, p.y0, p.w, p.h);
	for (size_t j = 0; j < s->n; j++) {
		double lo = fmax(s->p[j].min, p.ymin);
		double hi = fmin(s->p[j].max, p.ymax);

		if (lo < hi)
			html_svg_line(svg, "whisker", px(&p, j), py(&p, lo),
				 px(&p, j), py(&p, hi));
	}
	for (size_t k = 0; k <= s->ncp; k++) {
		size_t a = k ? s->cp[k - 1] : 0;
		size_t b = k < s->ncp ? s->cp[k] : s->n;
		double half = p.w / (2.0 * (double)(p.n ? p.n : 1));

		if (b > a)
			html_svg_line(svg, "level", px(&p, a) - half, py(&p, lv[a]),
				 px(&p, b - 1) + half, py(&p, lv[a]));
	}
	for (size_t j = 0; j < s->n; j++) {
		int len = snprintf(buf, sizeof buf, "%s%.1f,%.1f",
				   j ? " " : "", px(&p, j),
				   py(&p, s->p[j].median));

		while (plen + (size_t)len + 1 > pcap) {
			pcap *= 2;
			points = pk_xrealloc(points, pcap);
		}
		memcpy(points + plen, buf, (size_t)len + 1);
		plen += (size_t)len;
	}
	{
		xmlNodePtr pl = html_el(svg, "polyline", NULL);

		html_attr(pl, "class", "line");
		html_attr(pl, "points", points);
	}
	free(points);
	for (size_t k = 0; k < s->ncp; k++) {
		size_t j = s->cp[k];
		double x = (px(&p, j - 1) + px(&p, j)) / 2;
		double rel = lv[j - 1] != 0 ? lv[j] / lv[j - 1] - 1 : 0;

		html_svg_line(svg, "cp", x, p.y0, x, p.y0 + p.h);
		snprintf(buf, sizeof buf, "%+.1f%% at %.7s", 100 * rel,
			 s->p[j].commit);
		if (x > p.x0 + 0.75 * p.w)
			html_svg_text(svg, "cpl", x - 4,
				 p.y0 + 13 + 13 * (double)(k % 3), "end", buf);
		else
			html_svg_text(svg, "cpl", x + 4,
				 p.y0 + 13 + 13 * (double)(k % 3), NULL, buf);
	}
	for (size_t j = 0; j < s->n; j++) {
		xmlNodePtr c;
		char med[64], lo[64], hi[64], date[40], pid[64], rid[64];

		fmt_value(med, sizeof med, s->p[j].median, s->unit);
		fmt_value(lo, sizeof lo, s->p[j].min, s->unit);
		fmt_value(hi, sizeof hi, s->p[j].max, s->unit);
		hist_format_date(s->p[j].date, date, sizeof date);
		snprintf(pid, sizeof pid, "s%zup%zu", idx, j);
		snprintf(rid, sizeof rid, "s%zur%zu", idx, j);
		snprintf(buf, sizeof buf,
			 "%s\n%s\nmedian %s (n=%zu)\nrange %s .. %s", 
			 s->p[j].commit, date, med, s->p[j].n, lo, hi);
		c = html_svg_circle(svg, "pt", px(&p, j),
				    py(&p, s->p[j].median), 3.5);
		html_attr(c, "id", pid);
		html_attr(c, "data-tip", buf);
		html_attr(c, "data-row", rid);
		html_el(c, "title", buf);
		if (labelled(s, j)) {
			short_commit(buf, 8, s->p[j].commit);
			snprintf(med, sizeof med, "rotate(36 %.1f %.1f)",
				 px(&p, j) - 3, p.y0 + p.h + 14);
			html_attr(html_svg_text(svg, NULL, px(&p, j) - 3,
				      p.y0 + p.h + 14, NULL, buf),
			     "transform", med);
		}
	}

	/* the table of every point */
	det = html_el(sec, "details", NULL);
	snprintf(buf, sizeof buf, "Table: %zu runs of %s", s->n, s->display);
	html_el(det, "summary", buf);
	tbl = html_el(det, "table", NULL);
	{
		static const char *const h[] = {"commit", "date", "n", "median",
						"min", "max", "level", "change"};

		html_row(tbl, "th", h, sizeof h / sizeof *h);
	}
	for (size_t j = 0; j < s->n; j++) {
		char date[40], rid[64], pid[64];
		size_t k;

		for (k = 0; k < s->ncp && s->cp[k] != j; k++)
			;
		snprintf(rid, sizeof rid, "s%zur%zu", idx, j);
		snprintf(pid, sizeof pid, "s%zup%zu", idx, j);
		tr = html_el(tbl, "tr", NULL);
		html_attr(tr, "id", rid);
		html_attr(tr, "data-pt", pid);
		if (k < s->ncp)
			html_attr(tr, "class", "change");
		html_el(tr, "td", s->p[j].commit);
		hist_format_date(s->p[j].date, date, sizeof date);
		html_el(tr, "td", date);
		snprintf(buf, sizeof buf, "%zu", s->p[j].n);
		html_el(tr, "td", buf);
		fmt_value(buf, sizeof buf, s->p[j].median, s->unit);
		html_el(tr, "td", buf);
		fmt_value(buf, sizeof buf, s->p[j].min, s->unit);
		html_el(tr, "td", buf);
		fmt_value(buf, sizeof buf, s->p[j].max, s->unit);
		html_el(tr, "td", buf);
		fmt_value(buf, sizeof buf, lv[j], s->unit);
		html_el(tr, "td", buf);
		if (k < s->ncp)
			snprintf(buf, sizeof buf, "%+.1f%%",
				 100 * (lv[j - 1] != 0 ? lv[j] / lv[j - 1] - 1
						      : 0));
		else
			buf[0] = '\0';
		html_el(tr, "td", buf);
	}
	free(lv);
}

int
hist_trend_html(FILE *f, const struct hist_series *s, size_t n,
		const char *title, struct pk_err *err)
{
	htmlDocPtr doc = html_doc_new();
	xmlNodePtr body, tbl, tr, ul;
	int rc;
	size_t total = 0;
	char buf[256];

	body = html_page(doc, title ? title : "Benchmark history", html_css);
	for (size_t i = 0; i < n; i++)
		total += s[i].ncp;
	snprintf(buf, sizeof buf, "%zu benchmark%s, %zu change point%s. "
		 "Hover over a point for its commit and values.", n,
		 n == 1 ? "" : "s", total, total == 1 ? "" : "s");
	html_el(body, "p", buf);

	/* summary of change points over all series */
	tbl = html_el(body, "table", NULL);
	html_attr(tbl, "id", "changes");
	{
		static const char *const h[] = {"benchmark", "runs",
						"change points", "latest level"};

		html_row(tbl, "th", h, sizeof h / sizeof *h);
	}
	for (size_t i = 0; i < n; i++) {
		double *lv = levels(&s[i]);
		xmlNodePtr a, td;
		char href[64];

		tr = html_el(tbl, "tr", NULL);
		td = html_el(tr, "td", NULL);
		snprintf(href, sizeof href, "#s%zu", i);
		a = html_el(td, "a", s[i].display);
		html_attr(a, "href", href);
		snprintf(buf, sizeof buf, "%zu", s[i].n);
		html_el(tr, "td", buf);
		td = html_el(tr, "td", NULL);
		html_attr(td, "class", "c");
		if (s[i].ncp == 0)
			xmlNodeAddContent(td, BAD_CAST "none");
		ul = td;
		for (size_t k = 0; k < s[i].ncp; k++) {
			size_t j = s[i].cp[k];

			snprintf(buf, sizeof buf, "%s%.10s %+.1f%%",
				 k ? ", " : "", s[i].p[j].commit,
				 100 * (lv[j - 1] != 0
					? lv[j] / lv[j - 1] - 1 : 0));
			xmlNodeAddContent(ul, BAD_CAST buf);
		}
		fmt_value(buf, sizeof buf,
				  s[i].n ? lv[s[i].n - 1] : NAN, s[i].unit);
		html_el(tr, "td", buf);
		free(lv);
	}
	for (size_t i = 0; i < n; i++)
		html_series(body, &s[i], i);
	html_attr(html_el(body, "div", NULL), "id", "tip");
	html_el(body, "script", html_js);

	rc = html_doc_write(f, doc, false, err);
	xmlFreeDoc(doc);
	return rc;
}

int
hist_trend_recent_changes(struct hist_db *db, const struct hist_series *s,
			  size_t n, size_t k, struct hist_trend_change **out,
			  size_t *nout, struct pk_err *err)
{
	struct hist_trend_change *c = NULL;
	struct hist_ack *acks;
	size_t nacks, nc = 0, cap = 0;

	if (hist_acks_load(db, &acks, &nacks, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		for (size_t q = 0; q < s[i].ncp; q++) {
			size_t j = s[i].cp[q];
			double w = hist_trend_cp_change(&s[i], q);
			const struct hist_ack *a;

			if (j + k < s[i].n || !(w > 0))
				continue;
			if (nc == cap) {
				cap = cap ? 2 * cap : 8;
				c = pk_xreallocarray(c, cap, sizeof *c);
			}
			a = hist_ack_find(acks, nacks, s[i].display,
					  s[i].p[j].date);
			c[nc].series = &s[i];
			c[nc].point = j;
			c[nc].worse = w;
			c[nc].ack_reason = a ? pk_xstrdup(a->reason) : NULL;
			nc++;
		}
	hist_acks_free(acks, nacks);
	*out = c;
	*nout = nc;
	return 0;
}

void
hist_trend_changes_free(struct hist_trend_change *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].ack_reason);
	free(c);
}
