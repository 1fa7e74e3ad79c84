/* prof_agg.c - a cost-centre profile aggregated by cost centre: the
 * figures prof-summarize's top lists and prof-compare's .prof reader
 * (bench_artifact.c) share. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "prof_agg.h"

char *
prof_agg_cc_name(const struct prof_cc *cc)
{
	return pk_xasprintf("%s.%s", cc->module, cc->label);
}

size_t
prof_aggregate(const struct prof *p, struct prof_agg **out)
{
	struct prof_agg *a = pk_xcalloc(p->nccs ? p->nccs : 1, sizeof *a);
	bool *flat = NULL;

	for (size_t i = 0; i < p->nccs; i++)
		a[i].cc = (uint32_t)i;
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct prof_node *n = &p->nodes[i];
		struct prof_agg *g = &a[n->cc];

		g->entries += n->entries;
		g->ticks += n->ticks;
		g->bytes += n->bytes;
		g->time_pct += n->time_pct;
		g->alloc_pct += n->alloc_pct;
		g->stacks++;
	}
	if (p->has_counts) {
		for (size_t i = 0; i < p->nccs; i++) {
			a[i].time_pct = p->total_ticks ? 100.0 *
				(double)a[i].ticks / (double)p->total_ticks : 0;
			a[i].alloc_pct = p->total_alloc ? 100.0 *
				(double)a[i].bytes / (double)p->total_alloc : 0;
		}
	} else if (p->nflat > 0) {
		flat = pk_xcalloc(p->nccs, sizeof *flat);
		for (size_t i = 0; i < p->nflat; i++) {
			const struct prof_flat *fl = &p->flat[i];

			if (!flat[fl->cc]) {
				a[fl->cc].time_pct = 0;
				a[fl->cc].alloc_pct = 0;
				flat[fl->cc] = true;
			}
			a[fl->cc].time_pct += fl->time_pct;
			a[fl->cc].alloc_pct += fl->alloc_pct;
		}
		free(flat);
	}
	*out = a;
	return p->nccs;
}

static const struct prof *sort_p;

static int
name_cmp(const struct prof_agg *x, const struct prof_agg *y)
{
	const struct prof_cc *a = &sort_p->ccs[x->cc], *b = &sort_p->ccs[y->cc];
	int c = strcmp(a->module, b->module);

	if (c == 0)
		c = strcmp(a->label, b->label);
	if (c == 0)
		c = strcmp(a->src, b->src);
	return c;
}

#define CMP_DESC(a, b) ((a) < (b) ? 1 : (a) > (b) ? -1 : 0)

static int
cmp_time(const void *va, const void *vb)
{
	const struct prof_agg *x = va, *y = vb;
	int c = sort_p->has_counts ? CMP_DESC(x->ticks, y->ticks)
				   : CMP_DESC(x->time_pct, y->time_pct);

	if (c == 0)
		c = sort_p->has_counts ? CMP_DESC(x->bytes, y->bytes)
				       : CMP_DESC(x->alloc_pct, y->alloc_pct);
	return c ? c : name_cmp(x, y);
}

static int
cmp_alloc(const void *va, const void *vb)
{
	const struct prof_agg *x = va, *y = vb;
	int c = sort_p->has_counts ? CMP_DESC(x->bytes, y->bytes)
				   : CMP_DESC(x->alloc_pct, y->alloc_pct);

	if (c == 0)
		c = sort_p->has_counts ? CMP_DESC(x->ticks, y->ticks)
				       : CMP_DESC(x->time_pct, y->time_pct);
	return c ? c : name_cmp(x, y);
}

void
prof_agg_sort_time(const struct prof *p, struct prof_agg *a, size_t n)
{
	sort_p = p;
	qsort(a, n, sizeof *a, cmp_time);
}

void
prof_agg_sort_alloc(const struct prof *p, struct prof_agg *a, size_t n)
{
	sort_p = p;
	qsort(a, n, sizeof *a, cmp_alloc);
}
