/* heap_private.h - what the heap area's files (heap_convert.c,
 * heap_chart.c, heap_html.c, heap_el.c, heap_ipe.c, hp_read.c) share and
 * no other module uses: a view as a chart, the HTML page writer, the
 * bounded eventlog reader, IPE table building, a series' colour. */
#ifndef PK_HEAP_PRIVATE_H
#define PK_HEAP_PRIVATE_H

#include "heap_chart.h"
#include "heap_convert.h"
#include "heap_el.h"
#include "heap_ipe.h"
#include "hp.h"

/* The chart description of a view (arrays owned by *store). */
struct heap_chart_store {
	double *x;
	double *y;
	struct chart_series *series, *lines;
	struct chart_marker *markers;
	char **mtext;      /* merged marker labels, one per marker or NULL */
	char *title, *subtitle, *xlabel, *message;
};
void heap_chart_of(const struct heap_opts *o, const struct heap_view *v,
		   struct chart *c, struct heap_chart_store *store);
void heap_chart_store_free(struct heap_chart_store *s);

int heap_write_html(const struct heap_opts *o, const struct heap_view *v,
		    const struct heap_ipe_coverage *cov, FILE *f,
		    struct pk_err *err);

/* The same keeping at most max_samples heap samples and overlay points
 * (0 = all; see struct hp_profile). */
struct hp_profile *hp_read_eventlog_max(struct pk_in *in, struct heap_ipe *ipe,
					size_t max_samples, struct pk_err *err);

/* Add a copy of e (its strings are copied). */
void heap_ipe_add(struct heap_ipe *t, const struct heap_ipe_entry *e);

/* 0xRRGGBB a series is drawn with. */
uint32_t chart_series_colour(const struct chart_series *s);

/* Replace *field by a copy of s ("" for NULL). */
void hp_set_string(char **field, const char *s);

#endif
