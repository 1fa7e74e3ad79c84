/* heap_convert.h - heap profile (.hp or eventlog) to SVG, PNG, PDF, HTML,
 * JSON or CSV: the library behind heap2svg, callable directly (prof-pipeline
 * writes heap-cost-centers.svg/.html with it).
 *
 *   struct heap_opts o;
 *   heap_opts_init(&o);
 *   o.bands = 20;
 *   if (heap_convert(&o, "app.hp", "app.html", PK_OUT_FORCE, &err) != 0)
 *           pk_err_die(&err, PK_EXIT_INPUT);
 *
 * The stages are available separately: heap_load (detect + read + IPE
 * join) → heap_prepare (--from/--to, filters, grouping) → heap_select
 * (--bands/--sort, OTHER) → heap_write_* / heap_chart_of.
 */
#ifndef PK_HEAP_CONVERT_H
#define PK_HEAP_CONVERT_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "heap_chart.h"
#include "heap_ipe.h"
#include "hp.h"

enum heap_format {
	HEAP_FMT_AUTO, HEAP_FMT_SVG, HEAP_FMT_PNG, HEAP_FMT_PDF,
	HEAP_FMT_HTML, HEAP_FMT_JSON, HEAP_FMT_CSV,
};
enum heap_sort {
	HEAP_SORT_SIZE, HEAP_SORT_STDDEV, HEAP_SORT_NAME, HEAP_SORT_GROWTH,
	HEAP_SORT_PEAK,
};
enum heap_group {
	HEAP_GROUP_NONE, HEAP_GROUP_SRCLOC, HEAP_GROUP_MODULE, HEAP_GROUP_TYPE,
};

#define HEAP_RESOLUTION_FULL (-1L)

struct heap_opts {
	enum heap_format format;      /* AUTO: from the output's extension */
	long bands;                   /* shown bands (rest → OTHER); 0 = all */
	enum heap_sort sort;
	bool reverse;
	const char *const *include;   /* substring filters on band names */
	size_t ninclude;
	const char *const *exclude;
	size_t nexclude;
	double from, to;              /* time window (default: everything) */
	enum chart_style style;
	enum heap_group group_by;
	const char *ipe_path;         /* IPE table (TSV) for a .hp input */
	const char *title;            /* overrides JOB / program arguments */
	int width, height;            /* chart size; 0 = 1000 x 600 */
	/* Samples kept while reading (memory bound): 0 = twice the chart
	 * width (two per pixel column), HEAP_RESOLUTION_FULL = every one. */
	long resolution;
};

void heap_opts_init(struct heap_opts *o);
int heap_format_parse(const char *name, enum heap_format *f);
int heap_sort_parse(const char *name, enum heap_sort *s);
int heap_group_parse(const char *name, enum heap_group *g);
int heap_style_parse(const char *name, enum chart_style *s);
/* The format an output path asks for by extension; SVG for "-"/NULL;
 * -1 for an unknown extension. */
int heap_format_of_path(const char *path, enum heap_format *f);

/* The IPE table of a TSV file or of an eventlog's IPE events. */
int heap_ipe_read(struct heap_ipe *t, const char *path, struct pk_err *err);
/* A closure description for people: GHC 9.6+ give the closure type as a
 * number, "16" -> "THUNK_1_0 (16)"; anything else as it is (malloc). */
char *heap_closure_type(const char *desc);

/* Stats from joining a profile with an IPE table. */
struct heap_ipe_coverage {
	size_t bands, bands_matched;
	uint64_t bytes, bytes_matched;
};

/* The number of samples heap_load keeps for these options (0 = all). */
size_t heap_max_samples(const struct heap_opts *o);

/* Read FILE ("-" = stdin): a .hp or an eventlog (by content).  The
 * eventlog's IPE events (and o->ipe_path) are joined with -hi bands. */
struct hp_profile *heap_load(const struct heap_opts *o, const char *path,
			     struct heap_ipe_coverage *cov, struct pk_err *err);

/* --from/--to and --include/--exclude: a new profile, or p itself when
 * the options ask for neither (free the result only if it is not p). */
struct hp_profile *heap_prepare(const struct heap_opts *o,
				const struct hp_profile *p, struct pk_err *err);

/* The bands to draw: the first `bands` in sort order and OTHER. */
struct heap_vseries {
	const char *name;       /* band name, or "OTHER" */
	const char *label;      /* display name */
	const char *detail;     /* may be NULL */
	bool other;
	uint32_t band;          /* UINT32_MAX for OTHER */
	size_t merged;          /* bands summed into OTHER */
	uint64_t *values;       /* per sample */
	uint64_t total, peak, last;
	double stddev, growth;
};
struct heap_view {
	const struct hp_profile *p;
	struct heap_vseries *s; /* stack order: bottom (OTHER) first */
	size_t n;
	size_t *rank;           /* rank[i]: series index of the i-th in sort order */
};
struct heap_view *heap_select(const struct heap_opts *o,
			      const struct hp_profile *p);
void heap_view_free(struct heap_view *v);

int heap_write_json(const struct heap_view *v, FILE *f, struct pk_err *err);
int heap_write_csv(const struct heap_view *v, FILE *f, struct pk_err *err);

/* The whole conversion; out "-"/NULL = stdout.  out_flags: PK_OUT_FORCE. */
int heap_convert(const struct heap_opts *o, const char *in, const char *out,
		 unsigned out_flags, struct pk_err *err);
/* Read once, write several outputs (e.g. heap-cost-centers.svg and .html);
 * each output's format comes from its extension unless o->format is set.
 * Stops at the first output that fails. */
int heap_convert_many(const struct heap_opts *o, const char *in,
		      const char *const *outs, size_t nout,
		      unsigned out_flags, struct pk_err *err);

#endif
