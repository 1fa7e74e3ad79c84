/* prof_agg.h - a cost-centre profile (prof.h) aggregated by cost centre
 * (prefix prof_agg): the model-level figures both the summaries
 * (prof_summary.c) and prof-compare's .prof reader (bench_artifact.c)
 * use, so that a reader does not depend on a report. */
#ifndef PK_PROF_AGG_H
#define PK_PROF_AGG_H

#include <stddef.h>
#include <stdint.h>

#include "prof.h"

/* One cost centre summed over every stack it appears in. */
struct prof_agg {
	uint32_t cc;            /* index into p->ccs */
	uint64_t entries;
	uint64_t ticks, bytes;  /* exact when p->has_counts, else 0 */
	double time_pct, alloc_pct;
	size_t stacks;          /* tree rows of this cost centre */
};

/* Aggregate the tree by cost centre; *out has p->nccs entries (index =
 * cc), returns p->nccs.  Without exact counts the percentages come from
 * the flat table when it lists the cost centre (rounded once), else from
 * the sum of the tree rows. */
size_t prof_aggregate(const struct prof *p, struct prof_agg **out);

/* Sort aggregated rows for the top lists (descending; zero rows last). */
void prof_agg_sort_time(const struct prof *p, struct prof_agg *a, size_t n);
void prof_agg_sort_alloc(const struct prof *p, struct prof_agg *a, size_t n);

/* "Module.label" (malloc). */
char *prof_agg_cc_name(const struct prof_cc *cc);

#endif
