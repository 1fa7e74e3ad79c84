/* bench_artifact.c - GHC profiler artifacts as benchmark results, so that
 * prof-compare can compare two .prof files, two eventlogs or two .hp
 * files with the same machinery as benchmark outputs.  Every metric is
 * one value per run.  A .prof cost centre's time carries its tick
 * (bench_entry.tick), so prof-compare tests it as a Poisson count of
 * ticks; the other metrics get the one-value fallback rule.
 *
 *   .prof      per cost centre aggregated over its stacks (prof_aggregate):
 *              "time" (seconds: %time of the total time) and "alloc"
 *              (bytes: exact with -P/-pa/-pj, else %alloc of the total),
 *              for cost centres with at least 0.1 % of either; plus the
 *              "total" time and allocation of the run.
 *   eventlog   wall time (last event), GC time (the capability that spent
 *              longest between GC_START and GC_END), GCs, peak heap size,
 *              peak live bytes, bytes allocated; with cost-centre
 *              profiling (+RTS -l -p) the "samples" of every cost centre
 *              with at least 0.1 % of them (innermost cost centre of each
 *              PROF_SAMPLE_COST_CENTRE event), a count (tick 1).
 *   .hp        peak residency (largest sample total) and total residency
 *              over time (byte-seconds, trapezoid-free: each sample's
 *              total held until the next sample); read in memory that
 *              does not grow with the run (running sums).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "bench_artifact.h"
#include "eventlog.h"
#include "hp.h"
#include "input.h"
#include "prof.h"
#include "prof_agg.h"

static void
put(struct bench_set *set, const char *name, const char *metric,
    const char *unit, double v)
{
	struct bench_entry *e = bench_set_entry(set, name, metric);

	free(e->unit);
	e->unit = pk_xstrdup(unit);
	e->dir = BENCH_LOWER_IS_BETTER;
	bench_entry_add(e, v);
}

/* The profile as benchmarks; takes p (NULL: its reader failed). */
static int
read_prof(struct prof *p, struct bench_set *set)
{
	struct prof_agg *agg = NULL;
	size_t n;

	if (p == NULL)
		return -1;
	n = prof_aggregate(p, &agg);
	set->format = BENCH_FMT_PROF;
	put(set, "total", "time", "s", p->total_time_s);
	if (p->tick_interval_us > 0 && p->total_ticks > 0)
		bench_set_entry(set, "total", "time")->tick =
			p->total_time_s / (double)p->total_ticks;
	put(set, "total", "alloc", "B", (double)p->total_alloc);
	for (size_t i = 0; i < n; i++) {
		const struct prof_agg *a = &agg[i];
		char *name;
		double t, b;

		if (a->time_pct < 0.1 && a->alloc_pct < 0.1)
			continue;
		name = prof_agg_cc_name(&p->ccs[a->cc]);
		t = a->time_pct / 100 * p->total_time_s;
		b = p->has_counts ? (double)a->bytes
				  : a->alloc_pct / 100 * (double)p->total_alloc;
		put(set, name, "time", "s", t);
		if (p->tick_interval_us > 0 && p->total_ticks > 0)
			bench_set_entry(set, name, "time")->tick =
				p->total_time_s / (double)p->total_ticks;
		put(set, name, "alloc", "B", b);
		free(name);
	}
	free(agg);
	prof_free(p);
	return 0;
}

static int
read_eventlog(struct pk_in *in, const char *name, struct bench_set *set,
	      struct pk_err *err)
{
	struct el_reader *r = el_open(in, err);
	struct el_event ev;
	uint64_t last = 0, ngc = 0, size = 0, live = 0, alloc = 0;
	uint64_t *start = NULL, *sum = NULL, gc = 0;
	size_t ncap = 0;
	/* cost-centre samples (+RTS -l -p): count per innermost cost centre */
	char **ccname = NULL;
	uint64_t *cccount = NULL, nsamples = 0;
	size_t ncc = 0;
	bool have_heap = false, have_live = false, have_alloc = false;
	int rc;

	if (r == NULL)
		return -1;
	set->format = BENCH_FMT_EVENTLOG;
	while ((rc = el_next(r, &ev, err)) > 0) {
		size_t c = ev.cap == EL_NO_CAP ? 0 : (size_t)ev.cap + 1;

		if (ev.time > last)
			last = ev.time;
		if (ev.type == EL_GC_START || ev.type == EL_GC_END) {
			if (c >= ncap) {
				size_t nn = c + 8;

				start = pk_xreallocarray(start, nn, sizeof *start);
				sum = pk_xreallocarray(sum, nn, sizeof *sum);
				memset(start + ncap, 0xff, (nn - ncap) * sizeof *start);
				memset(sum + ncap, 0, (nn - ncap) * sizeof *sum);
				ncap = nn;
			}
			if (ev.type == EL_GC_START) {
				start[c] = ev.time;
				ngc++;
			} else if (start[c] != UINT64_MAX && ev.time >= start[c]) {
				sum[c] += ev.time - start[c];
				start[c] = UINT64_MAX;
			}
		} else if (el_fields(&ev) != NULL && ev.type == EL_HEAP_PROF_COST_CENTRE &&
			   el_fields(&ev)->cost_centre.id < 1000000) {
			uint32_t id = el_fields(&ev)->cost_centre.id;

			if (id >= ncc) {
				size_t nn = (size_t)id + 1 > 2 * ncc ? (size_t)id + 1
								    : 2 * ncc;

				ccname = pk_xreallocarray(ccname, nn, sizeof *ccname);
				cccount = pk_xreallocarray(cccount, nn,
							   sizeof *cccount);
				memset(ccname + ncc, 0, (nn - ncc) * sizeof *ccname);
				memset(cccount + ncc, 0, (nn - ncc) * sizeof *cccount);
				ncc = nn;
			}
			free(ccname[id]);
			ccname[id] = pk_xasprintf(
				"%.*s.%.*s", (int)el_fields(&ev)->cost_centre.module.n,
				el_fields(&ev)->cost_centre.module.p,
				(int)el_fields(&ev)->cost_centre.label.n,
				el_fields(&ev)->cost_centre.label.p);
		} else if (el_fields(&ev) != NULL && ev.type == EL_PROF_SAMPLE_COST_CENTRE &&
			   el_fields(&ev)->prof_sample.stack.depth > 0) {
			uint32_t id = el_ccs_at(el_fields(&ev)->prof_sample.stack, 0);

			nsamples++;
			if (id < ncc)
				cccount[id]++;
		} else if (el_fields(&ev) != NULL && ev.type == EL_HEAP_SIZE) {
			have_heap = true;
			if (el_fields(&ev)->heap.bytes > size)
				size = el_fields(&ev)->heap.bytes;
		} else if (el_fields(&ev) != NULL && ev.type == EL_HEAP_LIVE) {
			have_live = true;
			if (el_fields(&ev)->heap.bytes > live)
				live = el_fields(&ev)->heap.bytes;
		} else if (el_fields(&ev) != NULL && ev.type == EL_HEAP_ALLOCATED) {
			have_alloc = true;
			if (el_fields(&ev)->heap.bytes > alloc)
				alloc = el_fields(&ev)->heap.bytes;
		}
	}
	if (rc == 0 && el_truncated(r))
		pk_warn("%s: offset %llu: the eventlog stops early (killed "
			"program?); compared up to there",
			name, (unsigned long long)el_offset(r));
	el_close(r);
	if (rc < 0) {
		free(start);
		free(sum);
		for (size_t i = 0; i < ncc; i++)
			free(ccname[i]);
		free(ccname);
		free(cccount);
		return -1;
	}
	for (size_t i = 0; i < ncap; i++)
		if (sum[i] > gc)
			gc = sum[i];
	free(start);
	free(sum);
	put(set, "wall time", "time", "s", (double)last / 1e9);
	if (ngc > 0) {
		put(set, "GC time", "time", "s", (double)gc / 1e9);
		put(set, "GCs", "count", "", (double)ngc);
	}
	if (have_heap)
		put(set, "peak heap size", "bytes", "B", (double)size);
	if (have_live)
		put(set, "peak live bytes", "bytes", "B", (double)live);
	if (have_alloc)
		put(set, "allocated", "bytes", "B", (double)alloc);
	/* samples are counts: compared as Poisson (tick 1) */
	for (size_t i = 0; i < ncc; i++) {
		if (ccname[i] != NULL && nsamples > 0 &&
		    cccount[i] * 1000 >= nsamples) {
			put(set, ccname[i], "samples", "", (double)cccount[i]);
			bench_set_entry(set, ccname[i], "samples")->tick = 1;
		}
		free(ccname[i]);
	}
	free(ccname);
	free(cccount);
	return 0;
}

/* Read in bounded memory (hp.h: a few bucket means, and the peak census
 * as read); the integral is the reader's running sum when it merged. */
static int
read_hp(struct hp_profile *p, struct bench_set *set)
{
	double peak = 0, integral = 0;

	set->format = BENCH_FMT_HP;
	for (size_t i = 0; i < p->nsamples; i++) {
		const struct hp_sample *s = &p->samples[i];

		if ((double)s->total > peak)
			peak = (double)s->total;
		if (i + 1 < p->nsamples && p->samples[i + 1].time > s->time)
			integral += (double)s->total *
				    (p->samples[i + 1].time - s->time);
	}
	if (p->reduced)
		integral = p->held;
	put(set, "heap", "peak", "B", peak);
	put(set, "heap", "total", "B*s", integral);
	return 0;
}

int
bench_read_artifact(struct pk_in *in, const char *name,
		    enum bench_format fmt, struct bench_set *set,
		    struct pk_err *err)
{
	switch (fmt) {
	case BENCH_FMT_EVENTLOG:
		return read_eventlog(in, name, set, err);
	case BENCH_FMT_HP: {
		struct hp_profile *p = hp_read_max(in, 64, err);
		int rc;

		if (p == NULL)
			return -1;
		hp_report_warnings(p);
		rc = read_hp(p, set);
		hp_free(p);
		return rc;
	}
	case BENCH_FMT_PROF:
		return read_prof(prof_read(in, err), set);
	default:
		pk_err_set(err, "%s: not a GHC profiler artifact", name);
		return -1;
	}
}

int
bench_read_prof_buf(const char *buf, size_t len, const char *name,
		    struct bench_set *set, struct pk_err *err)
{
	return read_prof(prof_parse(buf, len, name, err), set);
}

enum bench_format
bench_artifact_sniff(const void *head, size_t n)
{
	const char *s = head;

	if (n >= 4 && memcmp(s, "hdrb", 4) == 0)
		return BENCH_FMT_EVENTLOG;
	if (hp_sniff(head, n))
		return BENCH_FMT_HP;
	if (prof_sniff(s, n))
		return BENCH_FMT_PROF;
	return BENCH_FMT_AUTO;
}
