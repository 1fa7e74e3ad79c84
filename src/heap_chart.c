/* heap_chart.c - stacked / line / normalised time-series charts.
 *
 * The layout and point reduction are done once; drawing goes through a
 * small set of primitives with two back ends: cairo (SVG, PNG, PDF) and
 * libxml2 <svg> elements for HTML pages.  Text is measured with cairo in
 * both cases so elision and key layout agree.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "heap_chart.h"
#include "heap_convert.h"
#include "heap_private.h"
#include "html_doc.h"
#include "json_write.h"

#define FONT "sans-serif"
#define KEY_MAX_TEXT 230.0
#define KEY_SWATCH 11.0
#define KEY_ROW 15.0

/* ---- colours, numbers, text ---------------------------------------- */

uint32_t
chart_colour(const char *name)
{
	uint64_t h = 1469598103934665603ULL;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	double hue = (double)(h % 360);
	double sat = 0.50 + (double)((h >> 12) % 30) / 100.0;
	double lig = 0.45 + (double)((h >> 20) % 20) / 100.0;
	/* HSL -> RGB */
	double c = (1 - fabs(2 * lig - 1)) * sat;
	double hp = hue / 60.0;
	double x = c * (1 - fabs(fmod(hp, 2) - 1));
	double r = 0, g = 0, b = 0;
	if (hp < 1) { r = c; g = x; }
	else if (hp < 2) { r = x; g = c; }
	else if (hp < 3) { g = c; b = x; }
	else if (hp < 4) { g = x; b = c; }
	else if (hp < 5) { r = x; b = c; }
	else { r = c; b = x; }
	double m = lig - c / 2;
	unsigned R = (unsigned)lround((r + m) * 255), G = (unsigned)lround((g + m) * 255),
		 B = (unsigned)lround((b + m) * 255);
	return (R << 16) | (G << 8) | B;
}

uint32_t
chart_series_colour(const struct chart_series *s)
{
	if (s->colour == CHART_HASH)
		return chart_colour(s->name ? s->name : "");
	return (uint32_t)s->colour & 0xffffff;
}

static double
unit_base(enum chart_units u)
{
	return u == CHART_UNITS_BINARY ? 1024 : u == CHART_UNITS_SI ? 1000 : 0;
}

/* The scale (power of the base) for values up to vmax. */
static int
unit_power(double vmax, enum chart_units u)
{
	double base = unit_base(u);
	int k = 0;

	if (base == 0)
		return 0;
	while (k < 6 && vmax >= base * 0.999)
		vmax /= base, k++;
	return k;
}

static void
format_scaled(char *buf, size_t n, double v, enum chart_units u,
	      const char *unit, int k, double step)
{
	static const char *const si[] = {"", "k", "M", "G", "T", "P", "E"};
	static const char *const bin[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
	double s = pow(unit_base(u) > 0 ? unit_base(u) : 1, k);
	double x = v / s, st = step / s;
	int dec = 0;

	while (dec < 6 && st > 0 && fabs(st * pow(10, dec) -
					 round(st * pow(10, dec))) > 1e-6)
		dec++;
	if (st <= 0)
		dec = fabs(x) < 10 && x != round(x) ? 2 : 0;
	if (fabs(x) < 5e-13) {
		snprintf(buf, n, "0");
		return;
	}
	const char *pre = u == CHART_UNITS_BINARY ? bin[k] :
			  u == CHART_UNITS_SI ? si[k] : "";
	const char *un = unit ? unit : "";
	snprintf(buf, n, "%.*f%s%s%s", dec, x,
		 (*pre || *un) ? " " : "", pre, un);
}

void
chart_format_value(char *buf, size_t n, double v, enum chart_units u,
		   const char *unit, double step)
{
	format_scaled(buf, n, v, u, unit, unit_power(fabs(v), u), step);
}

char *
chart_clean_text(const char *s, size_t n)
{
	char *o = pk_xmalloc(n * 3 + 1);
	size_t j = 0;

	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t l = pk_utf8_seq((const unsigned char *)s + i, n - i);

		if (l == 0 || c < 0x20 || c == 0x7f) {
			memcpy(o + j, "\xef\xbf\xbd", 3);
			j += 3;
			i++;
			continue;
		}
		memcpy(o + j, s + i, l);
		j += l;
		i += l;
	}
	o[j] = '\0';
	return o;
}

/* ---- the drawing back ends ----------------------------------------- */

enum anchor { A_START, A_MIDDLE, A_END };

struct dr {
	cairo_t *cr;          /* cairo back end (also used to measure) */
	xmlNodePtr svg;       /* xml back end when non-NULL */
	xmlNodePtr group;     /* current parent element */
};

static void
set_rgb(cairo_t *cr, uint32_t c, double a)
{
	cairo_set_source_rgba(cr, ((c >> 16) & 255) / 255.0,
			      ((c >> 8) & 255) / 255.0, (c & 255) / 255.0, a);
}

static double
text_width(struct dr *d, const char *s, double size)
{
	cairo_text_extents_t ex;

	cairo_select_font_face(d->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(d->cr, size);
	cairo_text_extents(d->cr, s, &ex);
	return ex.x_advance;
}

/* Append "x,y " pairs to a growing buffer for SVG path data. */
struct sbuf {
	char *p;
	size_t n, cap;
};

static void
sb_add(struct sbuf *b, char cmd, double x, double y)
{
	char tmp[64];
	int l = cmd == 'Z' ? snprintf(tmp, sizeof tmp, "Z") :
		snprintf(tmp, sizeof tmp, "%c%.1f %.1f", cmd, x, y);

	if (b->n + (size_t)l + 1 > b->cap) {
		b->cap = (b->cap + (size_t)l + 1) * 2;
		b->p = pk_xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, tmp, (size_t)l + 1);
	b->n += (size_t)l;
}

static void
dr_poly(struct dr *d, const double *xs, const double *ys, size_t n,
	bool fill, uint32_t colour, double width, bool dashed, long series)
{
	if (n == 0)
		return;
	if (d->svg) {
		struct sbuf b = {0};

		for (size_t i = 0; i < n; i++)
			sb_add(&b, i ? 'L' : 'M', xs[i], ys[i]);
		if (fill)
			sb_add(&b, 'Z', 0, 0);
		xmlNodePtr p = xmlNewChild(d->group, NULL, BAD_CAST "path", NULL);
		char col[8];
		html_colour(col, colour);
		xmlNewProp(p, BAD_CAST "d", BAD_CAST b.p);
		if (fill) {
			xmlNewProp(p, BAD_CAST "fill", BAD_CAST col);
			xmlNewProp(p, BAD_CAST "stroke", BAD_CAST col);
			xmlNewProp(p, BAD_CAST "stroke-width", BAD_CAST "0.5");
		} else {
			xmlNewProp(p, BAD_CAST "fill", BAD_CAST "none");
			xmlNewProp(p, BAD_CAST "stroke", BAD_CAST col);
			html_num(p, "stroke-width", width);
			if (dashed)
				xmlNewProp(p, BAD_CAST "stroke-dasharray",
					   BAD_CAST "4 3");
		}
		if (series >= 0) {
			char s[24];
			snprintf(s, sizeof s, "%ld", series);
			xmlNewProp(p, BAD_CAST "data-series", BAD_CAST s);
		}
		free(b.p);
		return;
	}
	cairo_t *cr = d->cr;
	cairo_new_path(cr);
	cairo_move_to(cr, xs[0], ys[0]);
	for (size_t i = 1; i < n; i++)
		cairo_line_to(cr, xs[i], ys[i]);
	set_rgb(cr, colour, 1);
	if (fill) {
		cairo_close_path(cr);
		cairo_fill_preserve(cr);
		cairo_set_line_width(cr, 0.5);
		cairo_stroke(cr);
	} else {
		cairo_set_line_width(cr, width);
		if (dashed) {
			double dash[] = {4, 3};
			cairo_set_dash(cr, dash, 2, 0);
		}
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
}

static void
dr_line(struct dr *d, double x0, double y0, double x1, double y1,
	uint32_t colour, double width, bool dashed)
{
	double xs[2] = {x0, x1}, ys[2] = {y0, y1};

	dr_poly(d, xs, ys, 2, false, colour, width, dashed, -1);
}

static void
dr_rect(struct dr *d, double x, double y, double w, double h,
	uint32_t fill, long series)
{
	if (d->svg) {
		xmlNodePtr r = xmlNewChild(d->group, NULL, BAD_CAST "rect", NULL);
		char col[8];

		html_num(r, "x", x);
		html_num(r, "y", y);
		html_num(r, "width", w);
		html_num(r, "height", h);
		html_colour(col, fill);
		xmlNewProp(r, BAD_CAST "fill", BAD_CAST col);
		if (series >= 0) {
			char s[24];
			snprintf(s, sizeof s, "%ld", series);
			xmlNewProp(r, BAD_CAST "data-series", BAD_CAST s);
		}
		return;
	}
	set_rgb(d->cr, fill, 1);
	cairo_rectangle(d->cr, x, y, w, h);
	cairo_fill(d->cr);
}

static void
dr_text(struct dr *d, double x, double y, const char *s, double size,
	bool bold, enum anchor a, bool vertical, const char *title,
	long series)
{
	double w = text_width(d, s, size);

	if (d->svg) {
		xmlNodePtr t = xmlNewTextChild(d->group, NULL, BAD_CAST "text",
					       BAD_CAST s);
		html_num(t, "x", x);
		html_num(t, "y", y);
		html_num(t, "font-size", size);
		if (bold)
			xmlNewProp(t, BAD_CAST "font-weight", BAD_CAST "bold");
		if (a != A_START)
			xmlNewProp(t, BAD_CAST "text-anchor",
				   BAD_CAST (a == A_MIDDLE ? "middle" : "end"));
		if (vertical) {
			char tr[80];
			snprintf(tr, sizeof tr, "rotate(-90 %.1f %.1f)", x, y);
			xmlNewProp(t, BAD_CAST "transform", BAD_CAST tr);
		}
		if (series >= 0) {
			char sn[24];
			snprintf(sn, sizeof sn, "%ld", series);
			xmlNewProp(t, BAD_CAST "data-series", BAD_CAST sn);
		}
		if (title)
			xmlNewTextChild(t, NULL, BAD_CAST "title", BAD_CAST title);
		return;
	}
	cairo_t *cr = d->cr;
	cairo_save(cr);
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD :
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	if (bold) {
		cairo_text_extents_t ex;

		cairo_text_extents(cr, s, &ex);
		w = ex.x_advance;
	}
	cairo_translate(cr, x, y);
	if (vertical)
		cairo_rotate(cr, -M_PI / 2);
	double off = a == A_START ? 0 : a == A_MIDDLE ? -w / 2 : -w;
	cairo_move_to(cr, off, 0);
	set_rgb(cr, 0x222222, 1);
	cairo_show_text(cr, s);
	cairo_restore(cr);
}

/* Elide the middle of s (clean UTF-8) to fit maxw; malloc'd. */
static char *
elide(struct dr *d, const char *s, double size, double maxw)
{
	size_t n = strlen(s);

	if (text_width(d, s, size) <= maxw)
		return pk_xstrdup(s);
	/* character boundaries */
	size_t *b = pk_xmalloc((n + 1) * sizeof *b), nb = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			b[nb++] = i;
	b[nb] = n;
	char *out = pk_xmalloc(n + 4);
	size_t lo = 0, hi = nb; /* chars kept in total */
	while (lo < hi) {
		size_t mid = (lo + hi + 1) / 2, head = (mid + 1) / 2,
		       tail = mid - head;
		size_t hb = b[head], tb = b[nb - tail];
		memcpy(out, s, hb);
		memcpy(out + hb, "\xe2\x80\xa6", 3);
		memcpy(out + hb + 3, s + tb, n - tb);
		out[hb + 3 + n - tb] = '\0';
		if (text_width(d, out, size) <= maxw)
			lo = mid;
		else
			hi = mid - 1;
	}
	size_t head = (lo + 1) / 2, tail = lo - head;
	size_t hb = b[head], tb = b[nb - tail];
	memcpy(out, s, hb);
	memcpy(out + hb, "\xe2\x80\xa6", 3);
	memcpy(out + hb + 3, s + tb, n - tb);
	out[hb + 3 + n - tb] = '\0';
	free(b);
	return out;
}

/* ---- layout and reduction ------------------------------------------ */

struct plot {
	const struct chart *c;
	double W, H, px, py, pw, ph;
	double xmin, xmax, ymin, ymax;
	double xstep, ystep;
	size_t n;           /* stacked: samples in series[0] */
	double *total;      /* stacked: per-sample total */
	size_t *idx, nidx;  /* stacked: reduced sample indices */
	bool empty;
	double key_x;
	size_t key_rows;
};

static bool
stacked(const struct chart *c)
{
	return c->style != CHART_LINES;
}

static double
ymap(const struct plot *p, double y)
{
	return p->py + p->ph - (y - p->ymin) / (p->ymax - p->ymin) * p->ph;
}

static double
xmap(const struct plot *p, double x)
{
	return p->px + (x - p->xmin) / (p->xmax - p->xmin) * p->pw;
}

static double
yval(const struct plot *p, size_t k, size_t i)
{
	double v = p->c->series[k].y[i];

	if (!isfinite(v))
		return 0;
	if (p->c->style == CHART_NORMALIZED)
		return p->total[i] > 0 ? v / p->total[i] : 0;
	return v;
}

/* Per pixel column: the samples with the smallest and largest value of
 * key[], in index order; always the first and last sample. */
static size_t *
reduce(const double *x, const double *key, size_t n, double xmin,
       double xmax, double pw, size_t *nout)
{
	size_t *out = pk_xmalloc((2 * (size_t)(pw + 2) + 4) * sizeof *out);
	size_t no = 0;
	size_t i = 0;

	if (n == 0) {
		*nout = 0;
		return out;
	}
	if ((double)n <= pw * 2) {
		out = pk_xreallocarray(out, n, sizeof *out);
		for (i = 0; i < n; i++)
			out[i] = i;
		*nout = n;
		return out;
	}
	while (i < n) {
		long col = (long)floor((x[i] - xmin) / (xmax - xmin) * pw);
		size_t lo = i, hi = i, j = i;

		for (; j < n && (long)floor((x[j] - xmin) / (xmax - xmin) * pw) == col; j++) {
			if (key[j] < key[lo])
				lo = j;
			if (key[j] > key[hi])
				hi = j;
		}
		size_t a = lo < hi ? lo : hi, b = lo < hi ? hi : lo;
		if (i == 0 && a != 0)
			out[no++] = 0;
		out[no++] = a;
		if (b != a)
			out[no++] = b;
		if (j == n && out[no - 1] != n - 1)
			out[no++] = n - 1;
		i = j;
	}
	*nout = no;
	return out;
}

static void
layout(struct plot *p, const struct chart *c, struct dr *d)
{
	memset(p, 0, sizeof *p);
	p->c = c;
	p->W = c->width > 0 ? c->width : 1000;
	p->H = c->height > 0 ? c->height : 600;

	/* key width: widest (elided) name */
	double keyw = 0;
	if (!c->no_key) {
		for (size_t k = 0; k < c->nseries + c->nlines; k++) {
			const struct chart_series *s = k < c->nseries ?
				&c->series[k] : &c->lines[k - c->nseries];
			char *cl = chart_clean_text(s->name ? s->name : "",
						    strlen(s->name ? s->name : ""));
			double w = text_width(d, cl, 11);
			free(cl);
			if (w > keyw)
				keyw = w;
			if (keyw >= KEY_MAX_TEXT) {
				keyw = KEY_MAX_TEXT;
				break;
			}
		}
		if (c->nseries + c->nlines == 0)
			keyw = 0;
	}
	double top = c->title ? 34 : 14;
	if (c->subtitle)
		top += 16;
	p->px = 78;
	p->py = top + 6;
	p->pw = p->W - p->px - 24 - (keyw > 0 ? keyw + KEY_SWATCH + 30 : 0);
	if (p->pw < 100)
		p->pw = 100;
	p->ph = p->H - p->py - 52;
	if (p->ph < 60)
		p->ph = 60;
	p->key_x = p->px + p->pw + 20;

	/* x range */
	p->xmin = INFINITY;
	p->xmax = -INFINITY;
	for (size_t k = 0; k < c->nseries + c->nlines; k++) {
		const struct chart_series *s = k < c->nseries ?
			&c->series[k] : &c->lines[k - c->nseries];
		for (size_t i = 0; i < s->n; i++)
			if (isfinite(s->x[i])) {
				if (s->x[i] < p->xmin) p->xmin = s->x[i];
				if (s->x[i] > p->xmax) p->xmax = s->x[i];
			}
	}
	/* y range */
	p->ymin = 0;
	p->ymax = 0;
	if (stacked(c) && c->nseries > 0) {
		p->n = c->series[0].n;
		p->total = pk_xcalloc(p->n + 1, sizeof *p->total);
		for (size_t k = 0; k < c->nseries; k++)
			for (size_t i = 0; i < p->n && i < c->series[k].n; i++)
				if (isfinite(c->series[k].y[i]))
					p->total[i] += c->series[k].y[i];
		if (c->style == CHART_NORMALIZED)
			p->ymax = 1;
		else
			for (size_t i = 0; i < p->n; i++)
				if (p->total[i] > p->ymax)
					p->ymax = p->total[i];
	} else {
		for (size_t k = 0; k < c->nseries; k++)
			for (size_t i = 0; i < c->series[k].n; i++)
				if (isfinite(c->series[k].y[i]) &&
				    c->series[k].y[i] > p->ymax)
					p->ymax = c->series[k].y[i];
	}
	if (c->style != CHART_NORMALIZED)
		for (size_t k = 0; k < c->nlines; k++)
			for (size_t i = 0; i < c->lines[k].n; i++)
				if (isfinite(c->lines[k].y[i]) &&
				    c->lines[k].y[i] > p->ymax)
					p->ymax = c->lines[k].y[i];
	for (size_t m = 0; m < c->nmarkers; m++)
		if (isfinite(c->markers[m].x)) {
			if (c->markers[m].x < p->xmin) p->xmin = c->markers[m].x;
			if (c->markers[m].x > p->xmax) p->xmax = c->markers[m].x;
		}
	p->empty = !(p->ymax > 0) || !isfinite(p->xmin);
	if (!isfinite(p->xmin)) {
		p->xmin = 0;
		p->xmax = 1;
	}
	if (!(p->xmax > p->xmin))
		p->xmax = p->xmin + 1;
	if (!(p->ymax > 0) || !isfinite(p->ymax))
		p->ymax = 1;

	/* nice y axis: round ymax up to a tick in the display unit */
	if (c->style == CHART_NORMALIZED) {
		p->ystep = 0.2;
	} else {
		int k = unit_power(p->ymax, c->y_units);
		double s = pow(unit_base(c->y_units) > 0 ?
			       unit_base(c->y_units) : 1, k);
		p->ystep = html_tick_step(0, p->ymax / s, 5) * s;
		p->ymax = ceil(p->ymax / p->ystep - 1e-9) * p->ystep;
		if (!(p->ymax > 0))
			p->ymax = p->ystep;
	}
	p->xstep = html_tick_step(p->xmin, p->xmax, 8);

	if (stacked(c) && p->n > 0) {
		double *key = p->total;
		p->idx = reduce(c->series[0].x, key, p->n, p->xmin, p->xmax,
				p->pw, &p->nidx);
	}
}

/* ---- drawing -------------------------------------------------------- */

/* One series as a line, reduced to the points the pixel columns show. */
static void
draw_line(const struct plot *p, struct dr *d, const struct chart_series *s,
	  double width, bool dashed, long id)
{
	size_t nr;
	size_t *r = reduce(s->x, s->y, s->n, p->xmin, p->xmax, p->pw, &nr);
	double *xs = pk_xmalloc((nr + 1) * sizeof *xs);
	double *ys = pk_xmalloc((nr + 1) * sizeof *ys);

	long prev = -1;

	for (size_t j = 0; j < nr; j++) {
		xs[j] = xmap(p, s->x[r[j]]);
		ys[j] = ymap(p, isfinite(s->y[r[j]]) ? s->y[r[j]] : 0);
		if (nr < s->n && j > 0 && j + 1 < nr) {
			/* reduced: a column's low and high point at fixed
			 * places in it, so the line looks the same whichever
			 * samples of the column were kept (a bounded read) */
			long col = (long)floor((s->x[r[j]] - p->xmin) /
					       (p->xmax - p->xmin) * p->pw);
			xs[j] = p->px + (double)col + (col == prev ? 0.75 : 0.25);
			prev = col;
		}
	}
	/* reduced, the line zig-zags through every column: a dash pattern
	 * along it would be noise that moves with every point kept */
	dr_poly(d, xs, ys, nr, false, chart_series_colour(s), width,
		dashed && nr == s->n, id);
	free(r);
	free(xs);
	free(ys);
}

static void
draw(struct plot *p, struct dr *d)
{
	const struct chart *c = p->c;
	char buf[128];

	if (d->svg)
		d->group = d->svg;
	else {
		set_rgb(d->cr, 0xffffff, 1);
		cairo_paint(d->cr);
	}
	if (d->svg)
		dr_rect(d, 0, 0, p->W, p->H, 0xffffff, -1);
	/* titles */
	double ty = 22;
	if (c->title) {
		char *t = chart_clean_text(c->title, strlen(c->title));
		char *e = elide(d, t, 15, p->W - 40);
		dr_text(d, p->W / 2, ty, e, 15, true, A_MIDDLE, false,
			strcmp(e, t) ? t : NULL, -1);
		free(e);
		free(t);
		ty += 17;
	}
	if (c->subtitle) {
		char *t = chart_clean_text(c->subtitle, strlen(c->subtitle));
		char *e = elide(d, t, 11, p->W - 40);
		dr_text(d, p->W / 2, ty, e, 11, false, A_MIDDLE, false, NULL, -1);
		free(e);
		free(t);
	}
	/* plot frame background */
	if (d->svg) {
		xmlNodePtr g = xmlNewChild(d->svg, NULL, BAD_CAST "g", NULL);
		xmlNewProp(g, BAD_CAST "class", BAD_CAST "grid");
		d->group = g;
	}
	/* grid + y ticks */
	for (double v = 0; v <= p->ymax * (1 + 1e-9); v += p->ystep) {
		double y = ymap(p, v);
		dr_line(d, p->px, y, p->px + p->pw, y, 0xe4e4e4, 1, false);
		if (c->style == CHART_NORMALIZED)
			snprintf(buf, sizeof buf, "%.0f %%", v * 100);
		else
			format_scaled(buf, sizeof buf, v, c->y_units, c->y_unit,
				      unit_power(p->ymax, c->y_units), p->ystep);
		dr_text(d, p->px - 6, y + 4, buf, 10, false, A_END, false,
			NULL, -1);
	}
	/* x ticks */
	double x0 = ceil(p->xmin / p->xstep - 1e-9) * p->xstep;
	for (double v = x0; v <= p->xmax + p->xstep * 1e-6; v += p->xstep) {
		double x = xmap(p, v);
		dr_line(d, x, p->py + p->ph, x, p->py + p->ph + 4, 0x444444, 1,
			false);
		format_scaled(buf, sizeof buf, v, c->x_units, c->x_unit,
			      unit_power(fabs(p->xmax) > fabs(p->xmin) ?
					 fabs(p->xmax) : fabs(p->xmin), c->x_units),
			      p->xstep);
		dr_text(d, x, p->py + p->ph + 16, buf, 10, false, A_MIDDLE,
			false, NULL, -1);
	}
	if (c->x_label)
		dr_text(d, p->px + p->pw / 2, p->py + p->ph + 36, c->x_label,
			11, false, A_MIDDLE, false, NULL, -1);
	if (c->y_label)
		dr_text(d, 16, p->py + p->ph / 2, c->y_label, 11, false,
			A_MIDDLE, true, NULL, -1);

	/* data */
	if (d->svg) {
		xmlNodePtr g = xmlNewChild(d->svg, NULL, BAD_CAST "g", NULL);
		xmlNewProp(g, BAD_CAST "class", BAD_CAST "bands");
		d->group = g;
	}
	if (stacked(c) && p->nidx > 0) {
		size_t m = p->nidx;
		double *cum = pk_xcalloc(m, sizeof *cum);
		double *xs = pk_xmalloc(2 * m * sizeof *xs);
		double *ys = pk_xmalloc(2 * m * sizeof *ys);

		for (size_t k = 0; k < c->nseries; k++) {
			const struct chart_series *s = &c->series[k];
			size_t q = 0;

			for (size_t j = 0; j < m; j++) {
				size_t i = p->idx[j];
				double v = i < s->n ? yval(p, k, i) : 0;

				xs[q] = xmap(p, c->series[0].x[i]);
				ys[m + (m - 1 - j)] = ymap(p, cum[j]);
				xs[m + (m - 1 - j)] = xs[q];
				cum[j] += v;
				ys[q++] = ymap(p, cum[j]);
			}
			dr_poly(d, xs, ys, 2 * m, true, chart_series_colour(s),
				0, false, (long)k);
		}
		free(cum);
		free(xs);
		free(ys);
	} else if (!stacked(c)) {
		for (size_t k = 0; k < c->nseries; k++)
			draw_line(p, d, &c->series[k], 1.6, false, (long)k);
	}
	/* overlay lines */
	if (c->style != CHART_NORMALIZED)
		for (size_t k = 0; k < c->nlines; k++)
			draw_line(p, d, &c->lines[k], 1.4, k % 2 == 1,
				  (long)(c->nseries + k));
	/* markers */
	if (d->svg) {
		xmlNodePtr g = xmlNewChild(d->svg, NULL, BAD_CAST "g", NULL);
		xmlNewProp(g, BAD_CAST "class", BAD_CAST "markers");
		d->group = g;
	}
	for (size_t m = 0; m < c->nmarkers; m++) {
		double x = xmap(p, c->markers[m].x);
		dr_line(d, x, p->py, x, p->py + p->ph, 0x333333, 0.8, true);
		if (c->markers[m].label) {
			char *t = chart_clean_text(c->markers[m].label,
						   strlen(c->markers[m].label));
			char *e = elide(d, t, 9, p->ph * 0.6);
			dr_text(d, x + 3, p->py + 4, e, 9, false, A_END, true,
				strcmp(e, t) ? t : NULL, -1);
			free(e);
			free(t);
		}
	}
	/* axes */
	if (d->svg)
		d->group = d->svg;
	dr_line(d, p->px, p->py + p->ph, p->px + p->pw, p->py + p->ph,
		0x444444, 1, false);
	dr_line(d, p->px, p->py, p->px, p->py + p->ph, 0x444444, 1, false);
	if (p->empty)
		dr_text(d, p->px + p->pw / 2, p->py + p->ph / 2,
			c->message ? c->message : "no data", 14, false,
			A_MIDDLE, false, NULL, -1);

	/* key: stack order, top of the stack first; overlays after */
	if (!c->no_key && c->nseries + c->nlines > 0) {
		if (d->svg) {
			xmlNodePtr g = xmlNewChild(d->svg, NULL, BAD_CAST "g", NULL);
			xmlNewProp(g, BAD_CAST "class", BAD_CAST "key");
			d->group = g;
		}
		size_t total = c->nseries + c->nlines;
		size_t rows = (size_t)((p->ph + p->py - 10) / KEY_ROW);
		if (rows < 1)
			rows = 1;
		size_t shown = total <= rows ? total : rows - 1;
		double y = p->py + 4;
		for (size_t r = 0; r < shown; r++) {
			size_t k;
			const struct chart_series *s;
			bool line = r >= c->nseries ||
				    (total > shown && false);
			if (r < c->nseries) {
				k = c->nseries - 1 - r;
				s = &c->series[k];
			} else {
				k = r;
				s = &c->lines[r - c->nseries];
				line = true;
			}
			uint32_t col = chart_series_colour(s);
			if (line)
				dr_line(d, p->key_x, y + KEY_SWATCH / 2,
					p->key_x + KEY_SWATCH, y + KEY_SWATCH / 2,
					col, 2, false);
			else
				dr_rect(d, p->key_x, y, KEY_SWATCH, KEY_SWATCH,
					col, (long)k);
			const char *nm = s->name ? s->name : "";
			char *t = chart_clean_text(nm, strlen(nm));
			char *e = elide(d, t, 11, KEY_MAX_TEXT);
			dr_text(d, p->key_x + KEY_SWATCH + 5, y + 9.5, e, 11,
				false, A_START, false, t, (long)k);
			free(e);
			free(t);
			y += KEY_ROW;
		}
		if (shown < total) {
			snprintf(buf, sizeof buf, "\xe2\x80\xa6 %zu more",
				 total - shown);
			dr_text(d, p->key_x + KEY_SWATCH + 5, y + 9.5, buf, 11,
				false, A_START, false, NULL, -1);
		}
		p->key_rows = shown;
	}
}

static void
plot_free(struct plot *p)
{
	free(p->total);
	free(p->idx);
}

/* ---- entry points --------------------------------------------------- */

static cairo_status_t
write_file(void *closure, const unsigned char *data, unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ?
		CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int
chart_render(const struct chart *c, enum chart_format f, FILE *out,
	     struct pk_err *err)
{
	struct plot p;
	struct dr d = {0};
	cairo_surface_t *meas = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
	cairo_surface_t *s;
	cairo_status_t st;

	d.cr = cairo_create(meas);
	layout(&p, c, &d);
	cairo_destroy(d.cr);

	switch (f) {
	case CHART_SVG:
		s = cairo_svg_surface_create_for_stream(write_file, out, p.W, p.H);
		cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
		break;
	case CHART_PDF:
		s = cairo_pdf_surface_create_for_stream(write_file, out, p.W, p.H);
		/* deterministic bytes: no creation date */
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
					       "2000-01-01T00:00:00Z");
		if (c->title)
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
						       c->title);
		break;
	default:
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)p.W,
					       (int)p.H);
		break;
	}
	d.cr = cairo_create(s);
	draw(&p, &d);
	st = cairo_status(d.cr);
	cairo_destroy(d.cr);
	if (st == CAIRO_STATUS_SUCCESS && f == CHART_PNG)
		st = cairo_surface_write_to_png_stream(s, write_file, out);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	cairo_surface_destroy(meas);
	plot_free(&p);
	if (st != CAIRO_STATUS_SUCCESS) {
		pk_err_set(err, "drawing failed: %s", cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

xmlNodePtr
chart_svg_node(const struct chart *c, struct chart_geom *g)
{
	struct plot p;
	struct dr d = {0};
	cairo_surface_t *meas = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);

	d.cr = cairo_create(meas);
	layout(&p, c, &d);
	d.svg = html_svg(NULL, p.W, p.H, NULL, NULL);
	xmlNewProp(d.svg, BAD_CAST "font-family", BAD_CAST FONT);
	draw(&p, &d);
	cairo_destroy(d.cr);
	cairo_surface_destroy(meas);
	if (g) {
		memset(g, 0, sizeof *g);
		g->width = p.W;
		g->height = p.H;
		g->px = p.px;
		g->py = p.py;
		g->pw = p.pw;
		g->ph = p.ph;
		g->xmin = p.xmin;
		g->xmax = p.xmax;
		g->ymin = p.ymin;
		g->ymax = p.ymax;
		g->idx = p.idx;
		g->nidx = p.nidx;
		g->key_shown = p.key_rows;
		p.idx = NULL;
	}
	plot_free(&p);
	return d.svg;
}

void
chart_geom_free(struct chart_geom *g)
{
	free(g->idx);
	g->idx = NULL;
}

/* ---- a heap view as a chart (heap_convert.h) ------------------------- */

static int
cmp_mark_time(const void *a, const void *b)
{
	const struct chart_marker *const *x = a, *const *y = b;

	if ((*x)->x != (*y)->x)
		return (*x)->x < (*y)->x ? -1 : 1;
	return *x < *y ? -1 : *x > *y;
}

/* Markers that fire together (within 1.2 % of the time axis, about ten
 * pixels of a default chart) would print their labels on top of each
 * other: the first of each such run gets "A, B, C" (at most three names,
 * then "+N"), the others keep their line but no label. */
static void
merge_marker_labels(const struct hp_profile *p, struct heap_chart_store *st)
{
	size_t n = p->nmarks;
	double lo = INFINITY, hi = -INFINITY, near;
	const struct chart_marker **o;

	if (n < 2)
		return;
	for (size_t s = 0; s < p->nsamples; s++) {
		lo = fmin(lo, p->samples[s].time);
		hi = fmax(hi, p->samples[s].time);
	}
	for (size_t m = 0; m < n; m++) {
		lo = fmin(lo, p->marks[m].time);
		hi = fmax(hi, p->marks[m].time);
	}
	near = hi > lo ? (hi - lo) * 0.012 : 0;
	o = pk_xcalloc(n, sizeof *o);
	for (size_t m = 0; m < n; m++)
		o[m] = &st->markers[m];
	qsort(o, n, sizeof *o, cmp_mark_time);
	/* n + 1 slots; the last points at the array itself as an end mark */
	st->mtext = pk_xcalloc(n + 1, sizeof *st->mtext);
	st->mtext[n] = (char *)st->mtext;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1, shown = 0, more = 0;
		char *buf = NULL;
		size_t len = 0;
		FILE *f;

		while (j < n && o[j]->x - o[i]->x <= near)
			j++;
		if (j - i == 1) {
			i = j;
			continue;
		}
		f = open_memstream(&buf, &len);
		if (f == NULL)
			pk_oom();
		for (size_t k = i; k < j; k++) {
			if (o[k]->label == NULL)
				continue;
			if (shown == 3) {
				more++;
				continue;
			}
			fprintf(f, "%s%s", shown ? ", " : "", o[k]->label);
			shown++;
		}
		if (more)
			fprintf(f, " +%zu", more);
		fclose(f);
		for (size_t k = i; k < j; k++)
			((struct chart_marker *)o[k])->label = NULL;
		if (shown) {
			size_t m = (size_t)(o[i] - st->markers);

			st->mtext[m] = buf;
			st->markers[m].label = buf;
		} else {
			free(buf);
		}
		i = j;
	}
	free(o);
}

/* A stacked chart of many more samples than pixel columns draws, per
 * column, what an antialiased rendering of every sample shows there:
 * each band's time-weighted mean.  Each sample holds its values over the
 * time since the sample before; the run is cut in `nb` equal time
 * buckets and each bucket is drawn at its middle as the mean of what is
 * held over it (a sample across two buckets counts in both for the time
 * it spends in each).  A profile reduced while reading (hp.h: buckets
 * whose .weight is the time they span, one after another) is cut the
 * same way, its buckets standing for their samples, so it gives the
 * same means as every sample; its samples kept as read (weight 0: the
 * first, the last, the peak) are only points.  The first, the last and
 * the largest-total sample are drawn as they are too.
 * Returns the number of points (x[], y[k * cap + j]). */
static size_t
view_means(const struct heap_view *v, size_t nb, double *x, double *y,
	   size_t cap)
{
	const struct hp_profile *p = v->p;
	size_t ns = p->nsamples, np = 0, peak = 0, nv = v->n;
	double t0 = p->samples[0].time, t1 = p->samples[ns - 1].time;
	double span = (t1 - t0) / (double)nb;
	bool reduced = false;
	double *sum = pk_xcalloc((nv + 1) * nb, sizeof *sum);
	double *wsum = pk_xcalloc(nb, sizeof *wsum);
	double cur = t0;

	for (size_t i = 0; i < ns; i++) {
		if (p->samples[i].weight > 0)
			reduced = true;
		if (p->samples[i].total > p->samples[peak].total)
			peak = i;
	}
	if (reduced && p->samples[0].weight > 0)
		cur = t0 - p->samples[0].weight; /* a window of a reduced run */
	for (size_t i = 0; i < ns && span > 0; i++) {
		const struct hp_sample *s = &p->samples[i];
		double a, b;

		if (reduced) {
			if (!(s->weight > 0))
				continue;
			a = cur;
			b = cur + s->weight;
			cur = b;
		} else {
			if (i == 0 || i + 1 == ns)
				continue;
			a = p->samples[i - 1].time;
			b = s->time;
		}
		a = fmax(a, t0);
		b = fmin(b, t1);
		if (!(b > a))
			continue;
		size_t j = (size_t)fmin(floor((a - t0) / span), (double)(nb - 1));
		for (; j < nb; j++) {
			double lo = t0 + (double)j * span;
			double hi = j + 1 == nb ? t1 : lo + span;
			double o = fmin(b, hi) - fmax(a, lo);

			if (o > 0) {
				wsum[j] += o;
				for (size_t k = 0; k < nv; k++)
					sum[j * nv + k] +=
						(double)v->s[k].values[i] * o;
			}
			if (hi >= b)
				break;
		}
	}
	for (size_t i = 0, j = 0; i < ns || j < nb;) {
		/* merge the exact points and the bucket means by time */
		double tb = j < nb ? t0 + ((double)j + 0.5) * span : INFINITY;

		if (i < ns && (i == 0 || i + 1 == ns || i == peak) &&
		    p->samples[i].time <= tb) {
			x[np] = p->samples[i].time;
			for (size_t k = 0; k < nv; k++)
				y[k * cap + np] = (double)v->s[k].values[i];
			np++;
			i++;
			continue;
		}
		if (i < ns && !(i == 0 || i + 1 == ns || i == peak)) {
			i++;
			continue;
		}
		if (j < nb && wsum[j] > 0) {
			x[np] = tb;
			for (size_t k = 0; k < nv; k++)
				y[k * cap + np] = sum[j * nv + k] / wsum[j];
			np++;
		}
		j++;
	}
	free(sum);
	free(wsum);
	return np;
}

void
heap_chart_of(const struct heap_opts *o, const struct heap_view *v,
	      struct chart *c, struct heap_chart_store *st)
{
	const struct hp_profile *p = v->p;
	size_t ns = p->nsamples;
	/* one mean point per chart unit of width (more than one per pixel
	 * column of the plot) when there are more samples than that */
	size_t nb = (size_t)(o->width > 0 ? o->width : 1000);
	bool means = o->style != CHART_LINES && ns > nb + 3;
	size_t cap = means ? nb * 2 + 4 : ns + 1;
	size_t np = ns;

	memset(c, 0, sizeof *c);
	memset(st, 0, sizeof *st);
	st->x = pk_xcalloc(cap, sizeof *st->x);
	st->y = pk_xcalloc(cap * (v->n + 1), sizeof *st->y);
	st->series = pk_xcalloc(v->n + 1, sizeof *st->series);
	if (means) {
		np = view_means(v, nb, st->x, st->y, cap);
	} else {
		for (size_t i = 0; i < ns; i++)
			st->x[i] = p->samples[i].time;
		for (size_t k = 0; k < v->n; k++) {
			double *y = st->y + k * cap;
			for (size_t i = 0; i < ns; i++)
				y[i] = (double)v->s[k].values[i];
		}
	}
	for (size_t k = 0; k < v->n; k++) {
		st->series[k].name = v->s[k].label;
		st->series[k].colour = v->s[k].other ? CHART_GREY : CHART_HASH;
		if (!v->s[k].other && v->s[k].label != v->s[k].name)
			st->series[k].colour = (long)chart_colour(v->s[k].name);
		st->series[k].n = np;
		st->series[k].x = st->x;
		st->series[k].y = st->y + k * cap;
	}
	st->lines = pk_xcalloc(p->noverlays + 1, sizeof *st->lines);
	static const long overlay_colours[] = {0x000000, 0x555555, 0x8b0000};
	for (size_t k = 0; k < p->noverlays; k++) {
		st->lines[k].name = p->overlays[k].name;
		st->lines[k].colour = overlay_colours[k % 3];
		st->lines[k].n = p->overlays[k].n;
		st->lines[k].x = p->overlays[k].time;
		st->lines[k].y = p->overlays[k].value;
	}
	st->markers = pk_xcalloc(p->nmarks + 1, sizeof *st->markers);
	for (size_t m = 0; m < p->nmarks; m++) {
		st->markers[m].x = p->marks[m].time;
		st->markers[m].label = p->marks[m].label;
	}
	merge_marker_labels(p, st);
	st->title = pk_xstrdup(o->title ? o->title :
			       *p->job ? p->job : "heap profile");
	if (*p->date || p->breakdown)
		st->subtitle = pk_xasprintf("%s%s%s%s", p->date,
			*p->date && p->breakdown ? " · " : "",
			p->breakdown ? "by " : "",
			p->breakdown ? p->breakdown : "");
	st->xlabel = pk_xasprintf("time (%s)", p->clock);
	st->message = pk_xstrdup(ns == 0 ? "no samples in this profile" :
				 "no heap data in this profile (all samples empty)");
	c->title = st->title;
	c->subtitle = st->subtitle;
	c->x_label = st->xlabel;
	c->y_label = p->value_unit;
	c->x_units = CHART_UNITS_PLAIN;
	c->x_unit = "s";
	if (strcmp(p->sample_unit, "seconds") != 0)
		c->x_unit = NULL;
	c->y_units = strcmp(p->value_unit, "bytes") == 0 ? CHART_UNITS_BINARY :
		     CHART_UNITS_SI;
	c->y_unit = strcmp(p->value_unit, "bytes") == 0 ? "B" : NULL;
	c->style = o->style;
	c->series = st->series;
	c->nseries = v->n;
	c->lines = st->lines;
	c->nlines = p->noverlays;
	c->markers = st->markers;
	c->nmarkers = p->nmarks;
	c->message = st->message;
	c->width = o->width;
	c->height = o->height;
}

void
heap_chart_store_free(struct heap_chart_store *s)
{
	if (s->mtext)
		for (size_t i = 0; s->mtext[i] != (char *)s->mtext; i++)
			free(s->mtext[i]);
	free(s->mtext);
	free(s->x);
	free(s->y);
	free(s->series);
	free(s->lines);
	free(s->markers);
	free(s->title);
	free(s->subtitle);
	free(s->xlabel);
	free(s->message);
	memset(s, 0, sizeof *s);
}
