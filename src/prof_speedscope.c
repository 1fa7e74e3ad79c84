/* prof_speedscope.c - .prof -> speedscope JSON (via the shared writer in
 * src/speedscope_write.h) and folded stacks. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "prof_speedscope.h"
#include "speedscope_write.h"

struct rem {
	size_t i;
	double frac;
};

static int
cmp_rem(const void *a, const void *b)
{
	const struct rem *x = a, *y = b;

	if (x->frac != y->frac)
		return x->frac < y->frac ? 1 : -1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Split total over the nodes in proportion to pct (largest remainder). */
static void
apportion(const struct prof *p, uint64_t total, bool time, uint64_t *out)
{
	double sum = 0;
	uint64_t given = 0;
	struct rem *r;

	for (size_t i = 0; i < p->nnodes; i++)
		sum += time ? p->nodes[i].time_pct : p->nodes[i].alloc_pct;
	if (sum <= 0 || total == 0) {
		memset(out, 0, p->nnodes * sizeof *out);
		return;
	}
	r = pk_xmalloc((p->nnodes ? p->nnodes : 1) * sizeof *r);
	for (size_t i = 0; i < p->nnodes; i++) {
		double share = (time ? p->nodes[i].time_pct
				     : p->nodes[i].alloc_pct) / sum *
			       (double)total;
		double fl = floor(share);

		out[i] = (uint64_t)fl;
		given += out[i];
		r[i].i = i;
		r[i].frac = share - fl;
	}
	if (given < total) {
		qsort(r, p->nnodes, sizeof *r, cmp_rem);
		for (size_t k = 0; given < total && k < p->nnodes; k++) {
			if (r[k].frac <= 0 && k > 0)
				break;
			out[r[k].i]++;
			given++;
		}
	}
	free(r);
}

bool
prof_node_counts(const struct prof *p, uint64_t **ticks, uint64_t **bytes)
{
	size_t n = p->nnodes ? p->nnodes : 1;

	*ticks = pk_xcalloc(n, sizeof **ticks);
	*bytes = pk_xcalloc(n, sizeof **bytes);
	if (p->has_counts) {
		for (size_t i = 0; i < p->nnodes; i++) {
			(*ticks)[i] = p->nodes[i].ticks;
			(*bytes)[i] = p->nodes[i].bytes;
		}
		return false;
	}
	apportion(p, p->total_ticks, true, *ticks);
	apportion(p, p->total_alloc, false, *bytes);
	return true;
}

static uint32_t
frame_of(struct ss_writer *w, const struct prof *p, uint32_t *cache,
	 uint32_t cc)
{
	if (cache[cc] == UINT32_MAX) {
		const struct prof_cc *c = &p->ccs[cc];
		char *name = pk_xasprintf("%s.%s", c->module, c->label);
		char *file;
		long line, col;

		if (prof_src_split(c->src, &file, &line, &col))
			cache[cc] = ss_frame(w, name, file, line, col);
		else
			cache[cc] = ss_frame(w, name, NULL, 0, 0);
		free(file);
		free(name);
	}
	return cache[cc];
}

int
prof_write_speedscope(const struct prof *p, FILE *f, enum prof_weight wt,
		      const char *exporter, struct pk_err *err)
{
	struct ss_writer *w = ss_new();
	uint32_t *cache = pk_xmalloc((p->nccs ? p->nccs : 1) * sizeof *cache);
	uint32_t *stack = pk_xmalloc((p->nnodes + 1) * sizeof *stack);
	uint64_t *ticks, *bytes;
	int pt = -1, pa = -1, rc;
	const char *prog = p->program ? p->program : p->name;
	char *nm;
	/* ns per tick; the interval is in microseconds */
	uint64_t tick_ns = (uint64_t)llround(p->tick_interval_us * 1000.0);

	memset(cache, 0xff, (p->nccs ? p->nccs : 1) * sizeof *cache);
	prof_node_counts(p, &ticks, &bytes);
	if (wt != PROF_W_ALLOC) {
		nm = pk_xasprintf("%s: time", prog);
		pt = ss_sampled(w, nm, SS_NANOSECONDS);
		free(nm);
	}
	if (wt != PROF_W_TIME) {
		nm = pk_xasprintf("%s: allocation", prog);
		pa = ss_sampled(w, nm, SS_BYTES);
		free(nm);
	}
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct prof_node *n = &p->nodes[i];

		stack[n->depth] = frame_of(w, p, cache, n->cc);
		if (pt >= 0 && ticks[i] > 0)
			ss_sample(w, pt, stack, n->depth + 1, ticks[i] * tick_ns,
				  0);
		if (pa >= 0 && bytes[i] > 0)
			ss_sample(w, pa, stack, n->depth + 1, bytes[i], 0);
	}
	if (pt >= 0)
		ss_set_start(w, pt, 0);
	if (pa >= 0)
		ss_set_start(w, pa, 0);
	rc = ss_write(w, f, &(struct ss_meta){ .name = prog,
		.exporter = exporter, .active_profile = 0 }, err);
	ss_free(w);
	free(cache);
	free(stack);
	free(ticks);
	free(bytes);
	return rc;
}

int
prof_write_folded(const struct prof *p, FILE *f, enum prof_weight wt)
{
	uint64_t *ticks, *bytes;
	uint32_t *stack = pk_xmalloc((p->nnodes + 1) * sizeof *stack);

	prof_node_counts(p, &ticks, &bytes);
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct prof_node *n = &p->nodes[i];
		uint64_t v = wt == PROF_W_ALLOC ? bytes[i] : ticks[i];

		stack[n->depth] = n->cc;
		if (v == 0)
			continue;
		for (uint32_t d = 0; d <= n->depth; d++) {
			const struct prof_cc *c = &p->ccs[stack[d]];

			if (d > 0)
				fputc(';', f);
			fputs(c->module, f);
			fputc('.', f);
			/* ';' and ' ' separate frames and the count */
			for (const char *s = c->label; *s; s++)
				fputc(*s == ';' || *s == ' ' || *s == '\n'
				      ? '_' : *s, f);
		}
		fprintf(f, " %llu\n", (unsigned long long)v);
	}
	free(stack);
	free(ticks);
	free(bytes);
	return ferror(f) ? -1 : 0;
}
