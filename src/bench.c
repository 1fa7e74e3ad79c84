/* bench.c - the benchmark result model (see bench.h): sets of entries,
 * looked up by (name, metric), with their samples.  The readers
 * (bench_read.c, bench_artifact.c) fill it; nothing here reads a file. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <regex.h>
#include <string.h>

#include "bench.h"

void
bench_set_init(struct bench_set *set)
{
	memset(set, 0, sizeof *set);
}

void
bench_set_free(struct bench_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].name);
		free(set->v[i].metric);
		free(set->v[i].unit);
		free(set->v[i].samples);
	}
	free(set->v);
	free(set->idx);
	free(set->source);
	free(set->header);
	memset(set, 0, sizeof *set);
}

static uint64_t
key_hash(const char *name, const char *metric)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	for (const char *p = metric; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return h;
}

static void
index_put(struct bench_set *set, size_t i)
{
	size_t m = set->idx_cap - 1;
	size_t s = (size_t)key_hash(set->v[i].name, set->v[i].metric) & m;

	while (set->idx[s] != 0)
		s = (s + 1) & m;
	set->idx[s] = i + 1;
}

/* Keep the index at most half full; rebuilt when the entries changed
 * behind its back (the count no longer matches). */
static void
index_sync(struct bench_set *set)
{
	size_t want = 64;

	while (want < 2 * (set->n + 1))
		want *= 2;
	if (set->idx != NULL && set->idx_cap >= want &&
	    set->idx_n == set->n)
		return;
	free(set->idx);
	set->idx_cap = want;
	set->idx = pk_xcalloc(want, sizeof *set->idx);
	for (size_t i = 0; i < set->n; i++)
		index_put(set, i);
	set->idx_n = set->n;
}

const struct bench_entry *
bench_set_find(const struct bench_set *cset, const char *name,
	       const char *metric)
{
	struct bench_set *set = (struct bench_set *)cset;
	size_t m, s;

	if (metric == NULL)
		metric = "time";
	if (set->n == 0)
		return NULL;
	index_sync(set);
	m = set->idx_cap - 1;
	for (s = (size_t)key_hash(name, metric) & m; set->idx[s] != 0;
	     s = (s + 1) & m) {
		const struct bench_entry *e = &set->v[set->idx[s] - 1];

		if (strcmp(e->name, name) == 0 && strcmp(e->metric, metric) == 0)
			return e;
	}
	return NULL;
}

struct bench_entry *
bench_set_entry(struct bench_set *set, const char *name, const char *metric)
{
	struct bench_entry *e;

	if (metric == NULL)
		metric = "time";
	e = (struct bench_entry *)bench_set_find(set, name, metric);
	if (e != NULL)
		return e;
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 16;
		set->v = pk_xreallocarray(set->v, set->cap, sizeof *set->v);
	}
	e = &set->v[set->n++];
	memset(e, 0, sizeof *e);
	e->name = pk_xstrdup(name);
	e->metric = pk_xstrdup(metric);
	e->unit = pk_xstrdup("s");
	e->dir = BENCH_LOWER_IS_BETTER;
	e->status = BENCH_OK;
	if (set->idx != NULL && set->idx_n == set->n - 1 &&
	    2 * (set->n + 1) <= set->idx_cap) {
		index_put(set, set->n - 1); /* room: add just this one */
		set->idx_n = set->n;
	} else {
		index_sync(set); /* grow and rebuild */
	}
	return e;
}

void
bench_entry_add(struct bench_entry *e, double v)
{
	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 8;
		e->samples = pk_xreallocarray(e->samples, e->cap, sizeof(double));
	}
	e->samples[e->n++] = v;
}

/* ---- filters: --filter / --exclude on benchmark names ------------- */

int
bench_filter_init(struct bench_filter *f, const char *include,
		  const char *exclude, char *msg, size_t n)
{
	int rc;

	memset(f, 0, sizeof *f);
	if (include != NULL) {
		rc = regcomp(&f->inc, include, REG_EXTENDED | REG_NOSUB);
		if (rc != 0) {
			regerror(rc, &f->inc, msg, n);
			return -1;
		}
		f->has_inc = true;
	}
	if (exclude != NULL) {
		rc = regcomp(&f->exc, exclude, REG_EXTENDED | REG_NOSUB);
		if (rc != 0) {
			regerror(rc, &f->exc, msg, n);
			bench_filter_free(f);
			return -1;
		}
		f->has_exc = true;
	}
	return 0;
}

void
bench_filter_free(struct bench_filter *f)
{
	if (f->has_inc)
		regfree(&f->inc);
	if (f->has_exc)
		regfree(&f->exc);
	f->has_inc = f->has_exc = false;
}

bool
bench_filter_active(const struct bench_filter *f)
{
	return f != NULL && (f->has_inc || f->has_exc);
}

bool
bench_filter_match(const struct bench_filter *f, const char *name)
{
	if (f == NULL)
		return true;
	if (f->has_inc && regexec(&f->inc, name, 0, NULL, 0) != 0)
		return false;
	if (f->has_exc && regexec(&f->exc, name, 0, NULL, 0) == 0)
		return false;
	return true;
}

size_t
bench_set_filter(struct bench_set *set, const struct bench_filter *f)
{
	size_t j = 0, dropped;

	if (!bench_filter_active(f))
		return 0;
	for (size_t i = 0; i < set->n; i++) {
		if (bench_filter_match(f, set->v[i].name)) {
			set->v[j++] = set->v[i];
			continue;
		}
		free(set->v[i].name);
		free(set->v[i].metric);
		free(set->v[i].unit);
		free(set->v[i].samples);
	}
	dropped = set->n - j;
	set->n = j;
	free(set->idx); /* rebuilt by the next lookup */
	set->idx = NULL;
	set->idx_cap = set->idx_n = 0;
	return dropped;
}

int
bench_set_direction(struct bench_set *set, const char *re,
		    enum bench_dir dir, char *msg, size_t n)
{
	struct bench_filter f;

	if (re == NULL)
		return 0;
	if (bench_filter_init(&f, re, NULL, msg, n) != 0)
		return -1;
	for (size_t i = 0; i < set->n; i++)
		if (bench_filter_match(&f, set->v[i].name))
			set->v[i].dir = dir;
	bench_filter_free(&f);
	return 0;
}
