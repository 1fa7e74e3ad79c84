/* heap_chart.h - time-series charts drawn with cairo (prefix chart_).
 *
 * Generic: a chart is named series of (x, y) points drawn stacked (heap
 * profiles), as lines (trends) or stacked and normalised to 100 %, plus
 * overlay lines that are never stacked (heap size, live data), vertical
 * markers and axis labels.  Output: SVG, PNG or PDF through cairo, or an
 * <svg> element tree built with libxml2 for an HTML page (chart_svg_node),
 * whose shapes carry data-series attributes for scripts.
 *
 * Points are reduced to the pixel width before drawing (per pixel column
 * the samples with the smallest and the largest stack total, or per
 * series the smallest and largest y, a line then drawn solid through
 * fixed places of each column), so the output is O(series × width)
 * whatever the number of samples.  heap_chart_of() hands a stacked chart
 * of a long profile per-bucket means instead (see there).
 *
 *   struct chart_series s[2] = {{.name = "OTHER", .colour = CHART_GREY,
 *                                .n = n, .x = t, .y = other},
 *                               {.name = "main", .colour = CHART_HASH,
 *                                .n = n, .x = t, .y = v}};
 *   struct chart c = {.title = "app", .x_label = "time (s)",
 *                     .y_units = CHART_UNITS_BINARY, .y_unit = "B",
 *                     .series = s, .nseries = 2};
 *   chart_render(&c, CHART_SVG, stdout, &err);
 */
#ifndef PK_HEAP_CHART_H
#define PK_HEAP_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "diag.h"

#define CHART_HASH (-1)       /* colour hashed from the series name */
#define CHART_GREY 0xb0b0b0   /* the colour of OTHER */

enum chart_style { CHART_STACKED, CHART_LINES, CHART_NORMALIZED };
enum chart_units {
	CHART_UNITS_PLAIN,   /* 1-2-5 ticks, plain numbers */
	CHART_UNITS_SI,      /* k M G T with powers of 1000 */
	CHART_UNITS_BINARY,  /* Ki Mi Gi Ti with powers of 1024 */
};
enum chart_format { CHART_SVG, CHART_PNG, CHART_PDF };

struct chart_series {
	const char *name;     /* full name; the key elides long ones */
	long colour;          /* 0xRRGGBB, CHART_HASH or CHART_GREY */
	size_t n;
	const double *x, *y;  /* n points, x ascending */
};

struct chart_marker {
	double x;
	const char *label;    /* may be NULL */
};

struct chart {
	const char *title, *subtitle;
	const char *x_label, *y_label;
	enum chart_units x_units, y_units;
	const char *x_unit, *y_unit;   /* appended to tick labels, e.g. "B" */
	enum chart_style style;
	/* Stack order, bottom first.  Stacked and normalised styles use the
	 * x values of series[0] for every series (same length). */
	const struct chart_series *series;
	size_t nseries;
	const struct chart_series *lines;   /* overlays, never stacked */
	size_t nlines;
	const struct chart_marker *markers;
	size_t nmarkers;
	const char *message;  /* drawn in the plot when there is no data */
	int width, height;    /* 0: 1000 x 600 */
	bool no_key;
};

/* Where things landed, for scripts in an HTML page. */
struct chart_geom {
	double width, height;
	double px, py, pw, ph;        /* plot rectangle */
	double xmin, xmax, ymin, ymax;
	size_t *idx;                  /* the sample indices drawn (stacked) */
	size_t nidx;
	size_t key_shown;             /* series listed in the key */
};
void chart_geom_free(struct chart_geom *g);

/* Colour of a name: stable across runs (hash of the bytes). */
uint32_t chart_colour(const char *name);

/* Format a value with its unit prefix ("1.5 MiB", "200 k"). */
void chart_format_value(char *buf, size_t n, double v, enum chart_units u,
			const char *unit, double step);

/* Valid UTF-8 without control characters (invalid bytes become U+FFFD). */
char *chart_clean_text(const char *s, size_t n);


int chart_render(const struct chart *c, enum chart_format f, FILE *out,
		 struct pk_err *err);
/* The chart as an <svg> element (libxml2), for inline use in HTML. */
xmlNodePtr chart_svg_node(const struct chart *c, struct chart_geom *geom);

#endif
