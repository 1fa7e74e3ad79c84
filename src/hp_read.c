/* hp_read.c - the heap-profile model and a streaming .hp reader.
 *
 * The .hp grammar (GHC rts/ProfHeap.c, hp2ps):
 *   JOB "text"  DATE "text"  SAMPLE_UNIT "text"  VALUE_UNIT "text"
 *   BEGIN_SAMPLE time / NAME<TAB>value ... / END_SAMPLE time
 *   MARK time
 * Header lines may come in any order.  Quotes inside a string are doubled.
 * A band line is split at its LAST tab (names may contain anything but a
 * tab or newline); without a tab, at its last space (very old files).
 * Lines are read one at a time: memory is the model, not the file.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heap_private.h"
#include "hp.h"

#define GROW(arr, n, cap)                                                  \
	do {                                                               \
		if ((n) >= (cap)) {                                        \
			(cap) = (cap) ? (cap) * 2 : 16;                    \
			(arr) = pk_xreallocarray((arr), (cap), sizeof *(arr)); \
		}                                                          \
	} while (0)

static uint64_t
sat_add(uint64_t a, uint64_t b, bool *overflow)
{
	uint64_t r;

	if (__builtin_add_overflow(a, b, &r)) {
		*overflow = true;
		return UINT64_MAX;
	}
	return r;
}

static uint64_t
name_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

struct hp_profile *
hp_new(void)
{
	struct hp_profile *p = pk_xcalloc(1, sizeof *p);

	p->sample_unit = pk_xstrdup("seconds");
	p->value_unit = pk_xstrdup("bytes");
	p->job = pk_xstrdup("");
	p->date = pk_xstrdup("");
	p->clock = "mutator CPU seconds";
	p->source = "hp";
	return p;
}

void
hp_free(struct hp_profile *p)
{
	if (p == NULL)
		return;
	free(p->job);
	free(p->date);
	free(p->sample_unit);
	free(p->value_unit);
	free(p->samples);
	free(p->entries);
	for (size_t i = 0; i < p->nbands; i++) {
		free(p->bands[i].name);
		free(p->bands[i].detail);
		free(p->bands[i].label);
	}
	free(p->bands);
	for (size_t i = 0; i < p->nmarks; i++)
		free(p->marks[i].label);
	free(p->marks);
	for (size_t i = 0; i < p->noverlays; i++) {
		free(p->overlays[i].name);
		free(p->overlays[i].time);
		free(p->overlays[i].value);
	}
	free(p->overlays);
	for (size_t i = 0; i < p->nwarnings; i++)
		free(p->warnings[i]);
	free(p->warnings);
	free(p->hash);
	free(p->band_lastpos);
	free(p->band_lastsample);
	free(p->acc);
	free(p->bsum);
	free(p->bslot);
	free(p->bgen);
	free(p->scratch);
	free(p->peak_e);
	free(p->col_off);
	free(p->col_sample);
	free(p->col_value);
	free(p);
}

void
hp_set_string(char **field, const char *s)
{
	free(*field);
	*field = pk_xstrdup(s ? s : "");
}

void
hp_warn(struct hp_profile *p, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (msg == NULL)
		return;
	p->warnings = pk_xreallocarray(p->warnings, p->nwarnings + 1,
				       sizeof *p->warnings);
	p->warnings[p->nwarnings++] = msg;
}

void
hp_report_warnings(const struct hp_profile *p)
{
	for (size_t i = 0; i < p->nwarnings; i++)
		pk_warn("%s", p->warnings[i]);
}

/* ---- interning ---------------------------------------------------- */

static void
rehash(struct hp_profile *p)
{
	size_t cap = p->hash_cap ? p->hash_cap * 2 : 256;
	uint32_t *h = pk_xmalloc(cap * sizeof *h);

	memset(h, 0xff, cap * sizeof *h);
	for (size_t b = 0; b < p->nbands; b++) {
		size_t i = name_hash(p->bands[b].name, p->bands[b].len) & (cap - 1);

		while (h[i] != UINT32_MAX)
			i = (i + 1) & (cap - 1);
		h[i] = (uint32_t)b;
	}
	free(p->hash);
	p->hash = h;
	p->hash_cap = cap;
}

uint32_t
hp_lookup(const struct hp_profile *p, const char *name, size_t len)
{
	if (p->hash_cap == 0)
		return UINT32_MAX;
	size_t i = name_hash(name, len) & (p->hash_cap - 1);

	while (p->hash[i] != UINT32_MAX) {
		const struct hp_band *b = &p->bands[p->hash[i]];

		if (b->len == len && memcmp(b->name, name, len) == 0)
			return p->hash[i];
		i = (i + 1) & (p->hash_cap - 1);
	}
	return UINT32_MAX;
}

uint32_t
hp_intern(struct hp_profile *p, const char *name, size_t len)
{
	uint32_t b = hp_lookup(p, name, len);

	if (b != UINT32_MAX)
		return b;
	if (p->nbands >= UINT32_MAX - 1)
		pk_oom(); /* 4 G band names do not fit in memory anyway */
	if ((p->nbands + 1) * 2 > p->hash_cap)
		rehash(p);
	if (p->nbands >= p->bands_cap) {
		p->bands_cap = p->bands_cap ? p->bands_cap * 2 : 64;
		p->bands = pk_xreallocarray(p->bands, p->bands_cap,
					    sizeof *p->bands);
		p->band_lastpos = pk_xreallocarray(p->band_lastpos,
			p->bands_cap, sizeof *p->band_lastpos);
		p->band_lastsample = pk_xreallocarray(p->band_lastsample,
			p->bands_cap, sizeof *p->band_lastsample);
		p->acc = pk_xreallocarray(p->acc, p->bands_cap,
					  sizeof *p->acc);
		p->bsum = pk_xreallocarray(p->bsum, p->bands_cap,
					   sizeof *p->bsum);
		p->bslot = pk_xreallocarray(p->bslot, p->bands_cap,
					    sizeof *p->bslot);
		p->bgen = pk_xreallocarray(p->bgen, p->bands_cap,
					   sizeof *p->bgen);
	}
	b = (uint32_t)p->nbands++;
	memset(&p->bands[b], 0, sizeof p->bands[b]);
	/* not strndup: it would stop at a NUL; keep every byte */
	p->bands[b].name = pk_xmalloc(len + 1);
	memcpy(p->bands[b].name, name, len);
	p->bands[b].name[len] = '\0';
	p->bands[b].len = len;
	p->band_lastsample[b] = 0;
	p->band_lastpos[b] = 0;
	memset(&p->acc[b], 0, sizeof p->acc[b]);
	p->bgen[b] = 0;

	size_t i = name_hash(name, len) & (p->hash_cap - 1);
	while (p->hash[i] != UINT32_MAX)
		i = (i + 1) & (p->hash_cap - 1);
	p->hash[i] = b;
	return b;
}

/* ---- bounded memory: running statistics, bucket means -------------- */

static struct hp_entry *
scratch(struct hp_profile *p, size_t n)
{
	if (n > p->scratch_cap) {
		p->scratch_cap = n * 2;
		p->scratch = pk_xreallocarray(p->scratch, p->scratch_cap,
					      sizeof *p->scratch);
	}
	return p->scratch;
}

/* The open bucket's accumulator starts from sample b: per band the
 * weighted sum (value x weight), and its time x weight. */
static void
seed_bucket(struct hp_profile *p, size_t b)
{
	const struct hp_sample *s = &p->samples[b];

	p->gen++;
	for (size_t e = s->first; e < s->first + s->n; e++) {
		uint32_t band = p->entries[e].band;

		p->bgen[band] = p->gen;
		p->bslot[band] = e;
		p->bsum[band] = (double)p->entries[e].value * s->weight;
	}
	p->btsum = s->time * s->weight;
	p->last_bucket = b;
	p->bucket_dirty = false;
}

/* Add n entries (copied out, weight w) to the open bucket, whose entries
 * end the entry array. */
static void
bucket_add(struct hp_profile *p, const struct hp_entry *en, size_t n,
	   double w)
{
	struct hp_sample *b = &p->samples[p->last_bucket];

	for (size_t i = 0; i < n; i++) {
		uint32_t band = en[i].band;

		if (p->bgen[band] == p->gen) {
			p->bsum[band] += (double)en[i].value * w;
			continue;
		}
		p->bgen[band] = p->gen;
		p->bslot[band] = p->nentries;
		p->bsum[band] = (double)en[i].value * w;
		p->entries[p->nentries].band = band;
		p->entries[p->nentries].value = 0;
		p->nentries++;
		b->n++;
	}
}

/* Write the open bucket's means (total weight W). */
static void
bucket_means(struct hp_profile *p, double W)
{
	struct hp_sample *b = &p->samples[p->last_bucket];

	for (size_t e = b->first; e < b->first + b->n; e++) {
		double m = p->bsum[p->entries[e].band] / W;

		p->entries[e].value = m >= 18446744073709549568.0 ?
			UINT64_MAX : (uint64_t)(m + 0.5);
	}
	b->time = p->btsum / W;
	b->weight = W;
	p->bucket_dirty = false;
}

/* The open bucket's means are written when it closes (folding a sample
 * only adds to the sums; a bucket of one sample stays as read). */
static void
bucket_close(struct hp_profile *p)
{
	if (p->bucket_dirty)
		bucket_means(p, p->samples[p->last_bucket].weight);
}

/* Merge buckets pairwise: (1st, 2nd), (3rd, 4th), ... of the samples
 * [1, n) (sample 0, the first one read, stays as read: the chart starts
 * where the run started); each pair becomes its weighted mean.  Returns
 * the new number of samples; the last one is the open bucket. */
static size_t
merge_pairs(struct hp_profile *p, size_t n)
{
	size_t out = 1, at = p->samples[0].first + p->samples[0].n;
	size_t nb = 0;

	bucket_close(p);
	for (size_t i = 1; i < n; i += 2, nb++) {
		struct hp_sample a = p->samples[i];
		bool pair = i + 1 < n;
		/* i + 1 > out: the second one is still intact */
		struct hp_sample c = pair ? p->samples[i + 1] : a;
		size_t na = a.n, ne = na + (pair ? c.n : 0);
		struct hp_entry *sc = scratch(p, ne + 1);

		/* the pair's entries are contiguous */
		memcpy(sc, &p->entries[a.first], ne * sizeof *sc);
		p->nentries = at;
		a.first = at;
		a.n = 0;
		p->samples[out] = a;
		seed_bucket(p, out);
		bucket_add(p, sc, na, a.weight);
		if (pair) {
			bucket_add(p, sc + na, c.n, c.weight);
			p->btsum += c.time * c.weight;
			bucket_means(p, a.weight + c.weight);
		} else {
			bucket_means(p, a.weight);
			p->samples[out].time = a.time;
		}
		at = p->nentries;
		out++;
	}
	p->nentries = at;
	p->nbuckets = nb;
	seed_bucket(p, out - 1);
	return out;
}

/* Fold the last sample (weight in its .weight) into the open bucket. */
static void
fold_last(struct hp_profile *p)
{
	struct hp_sample s = p->samples[p->nsamples - 1];
	struct hp_entry *sc = scratch(p, s.n + 1);
	memcpy(sc, &p->entries[s.first], s.n * sizeof *sc);
	p->nsamples--;
	p->nentries = s.first;
	bucket_add(p, sc, s.n, s.weight);
	p->btsum += s.time * s.weight;
	p->samples[p->last_bucket].weight += s.weight;
	p->bucket_dirty = true;
	p->last_fill++;
	p->reduced = true;
}

/* Keep a copy of the sample with the largest total (the chart's scale). */
static void
keep_peak(struct hp_profile *p, const struct hp_sample *s)
{
	if (p->have_peak && s->total <= p->peak.total)
		return;
	if (s->n > p->peak_cap) {
		p->peak_cap = s->n * 2;
		p->peak_e = pk_xreallocarray(p->peak_e, p->peak_cap,
					     sizeof *p->peak_e);
	}
	if (s->n > 0) /* an empty census has no entries to copy */
		memcpy(p->peak_e, &p->entries[s->first],
		       s->n * sizeof *p->peak_e);
	p->peak = *s;
	p->have_peak = true;
}

/* The last sample is complete: add it to the running statistics and,
 * when memory is bounded, fold it into its bucket.  The final sample
 * (final: from hp_finish) stays on its own, so the chart ends where the
 * run ended (GHC's last census is empty). */
static void
close_sample(struct hp_profile *p, bool final)
{
	if (!p->open)
		return;
	p->open = false;
	if (p->max_samples == 0)
		return;

	size_t si = p->nsamples - 1;
	struct hp_sample *s = &p->samples[si];
	double t = s->time - p->t0;

	s->total = 0;
	for (size_t e = s->first; e < s->first + s->n; e++) {
		const struct hp_entry *en = &p->entries[e];
		struct hp_band_acc *a = &p->acc[en->band];
		double v = (double)en->value;

		s->total = sat_add(s->total, en->value, &p->overflow);
		a->total = sat_add(a->total, en->value, &p->overflow);
		if (en->value > a->peak)
			a->peak = en->value;
		a->nonzero++;
		a->sumsq += v * v;
		a->sumtv += t * v;
		a->last = en->value;
		a->last_serial = p->raw_samples;
	}
	if (s->n > 0)
		p->lastdata_serial = p->raw_samples;
	p->sum_t += t;
	p->sum_t2 += t * t;
	keep_peak(p, s);
	/* weight: the time since the sample before (a tiny one when the
	 * clock did not move or went back) */
	double w = s->time - p->prev_time;
	if (p->raw_samples > 1 && w > 0)
		p->held += (double)p->prev_total * w;
	p->prev_time = s->time;
	p->prev_total = s->total;
	s->weight = w > 1e-12 ? w : 1e-12;
	if (final || si == 0) {
		s->weight = 0;
		return;
	}
	if (si > 1 && p->last_fill < p->stride) {
		fold_last(p);
		return;
	}
	if (si > 1 && p->nbuckets >= p->max_samples && p->nbuckets >= 2) {
		/* every bucket is full: halve their number */
		struct hp_sample cur = *s;
		bool odd = p->nbuckets & 1;
		size_t n = merge_pairs(p, si);

		memmove(&p->entries[p->nentries], &p->entries[cur.first],
			cur.n * sizeof *p->entries);
		cur.first = p->nentries;
		p->nentries += cur.n;
		p->samples[n] = cur;
		p->nsamples = n + 1;
		p->reduced = true;
		/* an odd bucket count leaves the last one half full */
		p->last_fill = odd ? p->stride : p->stride * 2;
		p->stride *= 2;
		if (p->last_fill < p->stride) {
			fold_last(p);
			return;
		}
	}
	bucket_close(p);
	seed_bucket(p, p->nsamples - 1);
	p->nbuckets++;
	p->last_fill = 1;
}

/* A reduced profile gets its peak sample back as read (its bucket's mean
 * is lower), unless it is still there. */
static void
restore_peak(struct hp_profile *p)
{
	if (!p->reduced || !p->have_peak)
		return;
	for (size_t i = 0; i < p->nsamples; i++) {
		const struct hp_sample *s = &p->samples[i];

		if (s->time == p->peak.time && s->n == p->peak.n &&
		    memcmp(&p->entries[s->first], p->peak_e,
			   s->n * sizeof *p->peak_e) == 0)
			return;
	}
	GROW(p->samples, p->nsamples, p->samples_cap);
	struct hp_sample *s = &p->samples[p->nsamples++];

	*s = p->peak;
	s->weight = 0;
	s->first = p->nentries;
	for (size_t i = 0; i < p->peak.n; i++) {
		GROW(p->entries, p->nentries, p->entries_cap);
		p->entries[p->nentries++] = p->peak_e[i];
	}
}

size_t
hp_add_sample(struct hp_profile *p, double time)
{
	close_sample(p, false);
	if (p->nsamples >= UINT32_MAX - 1)
		pk_oom(); /* 4 G samples do not fit in memory anyway */
	GROW(p->samples, p->nsamples, p->samples_cap);
	struct hp_sample *s = &p->samples[p->nsamples];

	memset(s, 0, sizeof *s);
	s->time = time;
	s->first = p->nentries;
	p->finished = false;
	if (p->raw_samples == 0) {
		p->t0 = time;
		p->prev_time = time;
		if (p->stride == 0)
			p->stride = 1;
	}
	p->raw_samples++;
	p->open = true;
	return p->nsamples++;
}

void
hp_add_value(struct hp_profile *p, uint32_t band, uint64_t value)
{
	if (p->nsamples == 0)
		hp_add_sample(p, 0);
	size_t s = p->nsamples - 1;

	if (p->band_lastsample[band] == p->raw_samples) {
		struct hp_entry *e = &p->entries[p->band_lastpos[band]];

		e->value = sat_add(e->value, value, &p->overflow);
		return;
	}
	GROW(p->entries, p->nentries, p->entries_cap);
	p->entries[p->nentries].band = band;
	p->entries[p->nentries].value = value;
	p->band_lastsample[band] = p->raw_samples;
	p->band_lastpos[band] = p->nentries;
	p->nentries++;
	p->samples[s].n++;
}

void
hp_add_mark(struct hp_profile *p, double time, const char *label)
{
	GROW(p->marks, p->nmarks, p->marks_cap);
	p->marks[p->nmarks].time = time;
	p->marks[p->nmarks].label = label ? pk_xstrdup(label) : NULL;
	p->nmarks++;
}

struct hp_series *
hp_add_overlay(struct hp_profile *p, const char *name)
{
	p->overlays = pk_xreallocarray(p->overlays, p->noverlays + 1,
				       sizeof *p->overlays);
	struct hp_series *s = &p->overlays[p->noverlays++];

	memset(s, 0, sizeof *s);
	s->name = pk_xstrdup(name);
	/* a line costs two numbers a point: finer buckets, so a pixel
	 * column's low and high come from buckets inside it */
	s->max = p->max_samples * 8;
	s->stride = 1;
	return s;
}

static void
series_append(struct hp_series *s, double time, double value)
{
	if (s->n >= s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->time = pk_xreallocarray(s->time, s->cap, sizeof *s->time);
		s->value = pk_xreallocarray(s->value, s->cap, sizeof *s->value);
	}
	s->time[s->n] = time;
	s->value[s->n] = value;
	s->n++;
}

/* Bounded (max > 1): buckets of `stride` points.  While the stride is 1
 * every point is kept; after that each bucket is two points, its lowest
 * and its highest in time order (one point twice when they are the
 * same): a line chart of the buckets has the envelope of every point,
 * what a line drawn through all of them covers. */
void
hp_series_push(struct hp_series *s, double time, double value)
{
	if (s->max > 1 && s->stride > 1 && s->n > 0 && s->fill < s->stride) {
		/* same bucket: the new point replaces the low or high one */
		size_t lo = s->n - 2, hi = s->n - 1;

		if (s->value[lo] > s->value[hi]) {
			lo = s->n - 1;
			hi = s->n - 2;
		}
		if (value < s->value[lo] || value > s->value[hi]) {
			size_t keep = value < s->value[lo] ? hi : lo;

			s->time[s->n - 2] = s->time[keep];
			s->value[s->n - 2] = s->value[keep];
			s->time[s->n - 1] = time;
			s->value[s->n - 1] = value;
		}
		s->fill++;
		return;
	}
	size_t nb = s->stride > 1 ? s->n / 2 : s->n;
	if (s->max > 1 && nb >= s->max) {
		size_t o = 0;

		if (s->stride == 1) {
			/* single points pair up as they are */
			o = s->n;
			if (s->n & 1)
				series_append(s, s->time[s->n - 1],
					      s->value[s->n - 1]);
			o = s->n;
		} else {
			for (size_t i = 0; i < s->n; i += 4) {
				size_t e = i + 4 < s->n ? i + 4 : s->n;
				size_t lo = i, hi = i;

				for (size_t j = i + 1; j < e; j++) {
					if (s->value[j] < s->value[lo])
						lo = j;
					if (s->value[j] > s->value[hi])
						hi = j;
				}
				size_t a = lo < hi ? lo : hi, c = lo < hi ? hi : lo;
				double ta = s->time[a], va = s->value[a];
				double tc = s->time[c], vc = s->value[c];

				s->time[o] = ta;
				s->value[o++] = va;
				s->time[o] = tc;
				s->value[o++] = vc;
			}
		}
		s->fill = (nb & 1) ? s->stride : s->stride * 2;
		s->stride *= 2;
		s->n = o;
		if (s->fill < s->stride) {
			hp_series_push(s, time, value);
			return;
		}
	}
	s->fill = 1;
	series_append(s, time, value);
	if (s->stride > 1)
		series_append(s, time, value);
}

/* ---- finishing: order, totals, statistics, by-band index ----------- */

static int
cmp_sample(const void *a, const void *b)
{
	const struct hp_sample *x = a, *y = b;

	if (x->time < y->time)
		return -1;
	if (x->time > y->time)
		return 1;
	/* stable: by original position */
	return x->first < y->first ? -1 : x->first > y->first;
}

static int
cmp_mark(const void *a, const void *b)
{
	const struct hp_mark *x = a, *y = b;

	return (x->time > y->time) - (x->time < y->time);
}

void
hp_finish(struct hp_profile *p)
{
	close_sample(p, true);
	bucket_close(p);
	restore_peak(p);
	size_t nb = p->nbands, ns = p->nsamples;
	bool sorted = true;

	for (size_t s = 1; s < ns; s++)
		if (p->samples[s].time < p->samples[s - 1].time)
			sorted = false;
	if (!sorted)
		qsort(p->samples, ns, sizeof *p->samples, cmp_sample);
	if (p->nmarks > 1)
		qsort(p->marks, p->nmarks, sizeof *p->marks, cmp_mark);

	free(p->col_off);
	free(p->col_sample);
	free(p->col_value);
	p->col_off = pk_xcalloc(nb + 1, sizeof *p->col_off);
	p->col_sample = pk_xcalloc(p->nentries + 1, sizeof *p->col_sample);
	p->col_value = pk_xcalloc(p->nentries + 1, sizeof *p->col_value);

	for (size_t b = 0; b < nb; b++) {
		struct hp_band *bd = &p->bands[b];

		bd->total = bd->peak = bd->last = 0;
		bd->stddev = bd->growth = 0;
		bd->nonzero = 0;
	}
	for (size_t e = 0; e < p->nentries; e++)
		p->col_off[p->entries[e].band + 1]++;
	for (size_t b = 0; b < nb; b++)
		p->col_off[b + 1] += p->col_off[b];

	size_t *fill = pk_xmalloc((nb + 1) * sizeof *fill);
	memcpy(fill, p->col_off, (nb + 1) * sizeof *fill);
	/* the last sample that has data: its values are each band's "last" */
	size_t lastdata = SIZE_MAX;
	for (size_t s = 0; s < ns; s++) {
		struct hp_sample *sm = &p->samples[s];

		sm->total = 0;
		if (sm->n > 0)
			lastdata = s;
		for (size_t e = sm->first; e < sm->first + sm->n; e++) {
			const struct hp_entry *en = &p->entries[e];
			struct hp_band *bd = &p->bands[en->band];
			size_t k = fill[en->band]++;

			p->col_sample[k] = (uint32_t)s;
			p->col_value[k] = en->value;
			sm->total = sat_add(sm->total, en->value, &p->overflow);
			bd->total = sat_add(bd->total, en->value, &p->overflow);
			if (en->value > bd->peak)
				bd->peak = en->value;
			bd->nonzero++;
		}
	}
	free(fill);
	/* the grand total saturates even when no sample or band total
	 * does (two bands of 10^19 in two samples): that is an overflow too */
	{
		uint64_t grand = 0;

		for (size_t s = 0; s < ns; s++)
			grand = sat_add(grand, p->samples[s].total, &p->overflow);
	}
	if (lastdata != SIZE_MAX) {
		const struct hp_sample *sm = &p->samples[lastdata];

		for (size_t e = sm->first; e < sm->first + sm->n; e++)
			p->bands[p->entries[e].band].last = p->entries[e].value;
	}

	/* stddev and least-squares slope over all samples (absent = 0) */
	double tmean = 0, tvar = 0;
	for (size_t s = 0; s < ns; s++)
		tmean += p->samples[s].time;
	if (ns)
		tmean /= (double)ns;
	for (size_t s = 0; s < ns; s++) {
		double d = p->samples[s].time - tmean;
		tvar += d * d;
	}
	for (size_t b = 0; b < nb && ns > 0; b++) {
		struct hp_band *bd = &p->bands[b];
		double mean = (double)bd->total / (double)ns, ss = 0, sxy = 0;
		double sum_t_present = 0;

		for (size_t k = p->col_off[b]; k < p->col_off[b + 1]; k++) {
			double v = (double)p->col_value[k];
			double d = p->samples[p->col_sample[k]].time - tmean;

			ss += v * v;
			sxy += d * v;
			sum_t_present += d;
		}
		/* sum over all samples of (v - mean)^2 = sum v^2 - n mean^2 */
		double var = ss / (double)ns - mean * mean;
		bd->stddev = var > 0 ? sqrt(var) : 0;
		/* slope = sum (t - tm)(v - vm) / sum (t - tm)^2; the vm term
		 * vanishes because sum (t - tm) = 0 over all samples */
		(void)sum_t_present;
		bd->growth = tvar > 0 ? sxy / tvar : 0;
		if (!isfinite(bd->growth))
			bd->growth = 0;
	}
	if (p->reduced) {
		/* samples were merged: the statistics are those of every
		 * sample read, from the running sums */
		double n = (double)p->raw_samples;
		double tm = p->sum_t / n;
		double tv = p->sum_t2 - n * tm * tm;

		for (size_t b = 0; b < nb; b++) {
			struct hp_band *bd = &p->bands[b];
			const struct hp_band_acc *a = &p->acc[b];
			double mean = (double)a->total / n;
			double var = a->sumsq / n - mean * mean;

			bd->total = a->total;
			bd->peak = a->peak;
			bd->nonzero = a->nonzero;
			bd->last = a->last_serial == p->lastdata_serial &&
				a->last_serial != 0 ? a->last : 0;
			bd->stddev = var > 0 ? sqrt(var) : 0;
			bd->growth = tv > 0 ?
				(a->sumtv - tm * (double)a->total) / tv : 0;
			if (!isfinite(bd->growth))
				bd->growth = 0;
		}
	}
	p->finished = true;
}

void
hp_column(const struct hp_profile *p, uint32_t band, uint64_t *out)
{
	memset(out, 0, p->nsamples * sizeof *out);
	for (size_t k = p->col_off[band]; k < p->col_off[band + 1]; k++)
		out[p->col_sample[k]] = p->col_value[k];
}

uint64_t
hp_grand_total(const struct hp_profile *p)
{
	uint64_t t = 0;
	bool of = false;

	for (size_t s = 0; s < p->nsamples; s++)
		t = sat_add(t, p->samples[s].total, &of);
	return t;
}

/* ---- transforms ---------------------------------------------------- */

static struct hp_profile *
copy_header(const struct hp_profile *p)
{
	struct hp_profile *q = hp_new();

	hp_set_string(&q->job, p->job);
	hp_set_string(&q->date, p->date);
	hp_set_string(&q->sample_unit, p->sample_unit);
	hp_set_string(&q->value_unit, p->value_unit);
	q->clock = p->clock;
	q->source = p->source;
	q->breakdown = p->breakdown;
	q->truncated = p->truncated;
	q->overflow = p->overflow;
	for (size_t i = 0; i < p->nmarks; i++)
		hp_add_mark(q, p->marks[i].time, p->marks[i].label);
	for (size_t i = 0; i < p->noverlays; i++) {
		const struct hp_series *s = &p->overlays[i];
		struct hp_series *t = hp_add_overlay(q, s->name);

		for (size_t j = 0; j < s->n; j++)
			hp_series_push(t, s->time[j], s->value[j]);
	}
	return q;
}

static void
copy_band_detail(struct hp_profile *q, uint32_t nb, const struct hp_band *b)
{
	if (b->detail != NULL && q->bands[nb].detail == NULL)
		q->bands[nb].detail = pk_xstrdup(b->detail);
	if (b->label != NULL && q->bands[nb].label == NULL)
		q->bands[nb].label = pk_xstrdup(b->label);
}

struct hp_profile *
hp_slice(const struct hp_profile *p, double from, double to)
{
	struct hp_profile *q = copy_header(p);

	/* keep the band order of p */
	for (size_t b = 0; b < p->nbands; b++) {
		uint32_t nb = hp_intern(q, p->bands[b].name, p->bands[b].len);
		copy_band_detail(q, nb, &p->bands[b]);
	}
	for (size_t s = 0; s < p->nsamples; s++) {
		const struct hp_sample *sm = &p->samples[s];

		if (sm->time < from || sm->time > to)
			continue;
		hp_add_sample(q, sm->time);
		q->samples[q->nsamples - 1].line = sm->line;
		q->samples[q->nsamples - 1].weight = sm->weight;
		for (size_t e = sm->first; e < sm->first + sm->n; e++)
			hp_add_value(q, p->entries[e].band, p->entries[e].value);
	}
	size_t keep = 0;
	for (size_t i = 0; i < q->nmarks; i++)
		if (q->marks[i].time >= from && q->marks[i].time <= to)
			q->marks[keep++] = q->marks[i];
		else
			free(q->marks[i].label);
	q->nmarks = keep;
	for (size_t i = 0; i < q->noverlays; i++) {
		struct hp_series *o = &q->overlays[i];
		size_t k = 0;

		for (size_t j = 0; j < o->n; j++)
			if (o->time[j] >= from && o->time[j] <= to) {
				o->time[k] = o->time[j];
				o->value[k++] = o->value[j];
			}
		o->n = k;
	}
	hp_finish(q);
	return q;
}

struct hp_profile *
hp_filter(const struct hp_profile *p, const bool *keep)
{
	struct hp_profile *q = copy_header(p);
	uint32_t *map = pk_xmalloc((p->nbands + 1) * sizeof *map);

	for (size_t b = 0; b < p->nbands; b++) {
		map[b] = UINT32_MAX;
		if (keep[b]) {
			map[b] = hp_intern(q, p->bands[b].name, p->bands[b].len);
			copy_band_detail(q, map[b], &p->bands[b]);
		}
	}
	for (size_t s = 0; s < p->nsamples; s++) {
		const struct hp_sample *sm = &p->samples[s];

		hp_add_sample(q, sm->time);
		q->samples[q->nsamples - 1].line = sm->line;
		q->samples[q->nsamples - 1].weight = sm->weight;
		for (size_t e = sm->first; e < sm->first + sm->n; e++)
			if (map[p->entries[e].band] != UINT32_MAX)
				hp_add_value(q, map[p->entries[e].band],
					     p->entries[e].value);
	}
	hp_finish(q);
	if (p->reduced) {
		/* merged samples: keep the statistics of every sample read */
		for (size_t b = 0; b < p->nbands; b++) {
			if (map[b] == UINT32_MAX)
				continue;
			struct hp_band *d = &q->bands[map[b]];
			const struct hp_band *sb = &p->bands[b];

			d->total = sb->total;
			d->peak = sb->peak;
			d->last = sb->last;
			d->stddev = sb->stddev;
			d->growth = sb->growth;
			d->nonzero = sb->nonzero;
		}
	}
	free(map);
	return q;
}

struct hp_profile *
hp_regroup(const struct hp_profile *p, const char *const *names,
	   const char *const *details)
{
	struct hp_profile *q = copy_header(p);
	uint32_t *map = pk_xmalloc((p->nbands + 1) * sizeof *map);

	for (size_t b = 0; b < p->nbands; b++) {
		map[b] = hp_intern(q, names[b], strlen(names[b]));
		if (details && details[b] && q->bands[map[b]].detail == NULL)
			q->bands[map[b]].detail = pk_xstrdup(details[b]);
	}
	for (size_t s = 0; s < p->nsamples; s++) {
		const struct hp_sample *sm = &p->samples[s];

		hp_add_sample(q, sm->time);
		q->samples[q->nsamples - 1].line = sm->line;
		q->samples[q->nsamples - 1].weight = sm->weight;
		for (size_t e = sm->first; e < sm->first + sm->n; e++)
			hp_add_value(q, map[p->entries[e].band],
				     p->entries[e].value);
	}
	free(map);
	hp_finish(q);
	return q;
}

/* ---- the .hp text reader ------------------------------------------- */

static const char *const hp_keywords[] = {
	"JOB", "DATE", "SAMPLE_UNIT", "VALUE_UNIT", "BEGIN_SAMPLE",
	"END_SAMPLE", "MARK",
};

bool
hp_sniff(const void *buf, size_t n)
{
	const char *s = buf;

	for (size_t k = 0; k < sizeof hp_keywords / sizeof *hp_keywords; k++) {
		size_t l = strlen(hp_keywords[k]);

		if (n > l && memcmp(s, hp_keywords[k], l) == 0 &&
		    (s[l] == ' ' || s[l] == '\t'))
			return true;
	}
	return false;
}

/* The keyword a line starts with (followed by a space), or -1. */
static int
keyword(const char *line, size_t len, const char **rest)
{
	for (size_t k = 0; k < sizeof hp_keywords / sizeof *hp_keywords; k++) {
		size_t l = strlen(hp_keywords[k]);

		if (len >= l && memcmp(line, hp_keywords[k], l) == 0 &&
		    (len == l || line[l] == ' ')) {
			*rest = line + l;
			while (**rest == ' ')
				(*rest)++;
			return (int)k;
		}
	}
	return -1;
}

/* "text with ""doubled"" quotes" -> text with "doubled" quotes.  Without
 * a leading quote, the rest of the line.  Returns -1 when the closing
 * quote is missing. */
static int
unquote(const char *s, char **out)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || s[0] != '"') {
		*out = pk_xstrndup(s, n);
		return 0;
	}
	if (n < 2 || s[n - 1] != '"')
		return -1;
	char *o = pk_xmalloc(n);
	size_t j = 0;
	for (size_t i = 1; i + 1 < n; i++) {
		o[j++] = s[i];
		if (s[i] == '"' && s[i + 1] == '"' && i + 2 < n)
			i++;
	}
	o[j] = '\0';
	*out = o;
	return 0;
}

static int
parse_time(const char *s, double *t)
{
	char *end;

	/* the fast path: GHC writes plain decimals ("12.345678"); with at
	 * most 15 significant digits and 22 decimals, m / 10^k of two exact
	 * doubles is the correctly rounded value strtod gives */
	{
		static const double p10[] = {
			1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
			1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
			1e20, 1e21, 1e22,
		};
		const char *c = s;
		uint64_t m = 0;
		int digits = 0, frac = 0;

		while (*c >= '0' && *c <= '9' && digits < 16) {
			m = m * 10 + (uint64_t)(*c++ - '0');
			digits++;
		}
		if (digits > 0 && *c == '.') {
			c++;
			while (*c >= '0' && *c <= '9' && digits < 16) {
				m = m * 10 + (uint64_t)(*c++ - '0');
				digits++;
				frac++;
			}
		}
		if (digits > 0 && digits <= 15 && frac <= 22 &&
		    (*c == '\0' || *c == ' ' || *c == '\t' || *c == '\r')) {
			while (*c == ' ' || *c == '\t')
				c++;
			if (*c == '\0') {
				*t = (double)m / p10[frac];
				return 0;
			}
		}
	}
	errno = 0;
	*t = strtod(s, &end);
	if (end == s || errno == ERANGE || !isfinite(*t))
		return -1;
	while (*end == ' ' || *end == '\t')
		end++;
	return *end == '\0' ? 0 : -1;
}

static int
parse_value(const char *s, size_t n, uint64_t *v)
{
	size_t i = 0;
	uint64_t r = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n)
		return -1;
	size_t start = i;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		if (__builtin_mul_overflow(r, 10, &r) ||
		    __builtin_add_overflow(r, (uint64_t)(s[i] - '0'), &r))
			return -2;
	}
	if (i == start)
		return -1;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i != n)
		return -1;
	*v = r;
	return 0;
}

struct hp_read_state {
	struct hp_profile *p;
	const char *name;
	uint64_t lineno;
	bool in_sample;
	bool seen_any;
	bool seen_keyword;
	double last_time;
	uint64_t backwards_line;
	/* a malformed line is an error unless it is the file's last */
	char *pending;
	uint64_t pending_line;
	/* band prediction: the band at each position of the last sample
	 * (censuses list mostly the same bands in the same order), so most
	 * lines are one memcmp instead of a hash and a probe */
	uint32_t *pred;
	size_t pos, npred;
	/* and the band that followed each band last time (succ[nsucc]) */
	uint32_t *succ;
	size_t nsucc;
	uint32_t prev;
};

static void
set_pending(struct hp_read_state *st, const char *fmt, ...) PK_PRINTF(2, 3);

static void
set_pending(struct hp_read_state *st, const char *fmt, ...)
{
	va_list ap;

	free(st->pending);
	va_start(ap, fmt);
	if (vasprintf(&st->pending, fmt, ap) < 0)
		st->pending = NULL;
	va_end(ap);
	if (st->pending == NULL)
		st->pending = pk_xstrdup("malformed line");
	st->pending_line = st->lineno;
}

static void
begin_sample(struct hp_read_state *st, double t)
{
	struct hp_profile *p = st->p;

	if (st->in_sample)
		hp_warn(p, "%s:%llu: BEGIN_SAMPLE inside a sample (END_SAMPLE missing before it)",
			st->name, (unsigned long long)st->lineno);
	if (p->nsamples > 0 && t < st->last_time && st->backwards_line == 0)
		st->backwards_line = st->lineno;
	st->last_time = t;
	st->pos = 0;
	st->prev = UINT32_MAX;
	hp_add_sample(p, t);
	p->samples[p->nsamples - 1].line = st->lineno;
	st->in_sample = true;
}

/* One line; returns 0, or sets the pending error. */
static void
hp_line(struct hp_read_state *st, char *line, size_t len)
{
	struct hp_profile *p = st->p;
	const char *tab = NULL, *rest;
	size_t i;
	int k;

	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
				line[i] == '\r'); i++)
		;
	if (i == len)
		return; /* blank */
	{
		/* a band line ends in TAB digits: find that TAB from the end */
		const char *q = line + len;

		while (q > line && (unsigned char)(q[-1] - '0') < 10)
			q--;
		tab = q > line && q < line + len && q[-1] == '\t' ? q - 1 :
			memrchr(line, '\t', len);
	}
	if (tab == NULL && (k = keyword(line, len, &rest)) >= 0) {
		double t;
		char *s;

		if (memchr(line, '\0', len) != NULL) {
			set_pending(st, "NUL byte in a %s line", hp_keywords[k]);
			return;
		}
		st->seen_keyword = true;
		switch (k) {
		case 0: case 1: case 2: case 3:
			if (unquote(rest, &s) != 0) {
				set_pending(st, "%s: missing closing quote",
					    hp_keywords[k]);
				return;
			}
			free(k == 0 ? p->job : k == 1 ? p->date :
			     k == 2 ? p->sample_unit : p->value_unit);
			*(k == 0 ? &p->job : k == 1 ? &p->date :
			  k == 2 ? &p->sample_unit : &p->value_unit) = s;
			return;
		case 4:
			if (parse_time(rest, &t) != 0) {
				set_pending(st, "BEGIN_SAMPLE: bad time '%s'", rest);
				return;
			}
			begin_sample(st, t);
			return;
		case 5:
			if (parse_time(rest, &t) != 0) {
				set_pending(st, "END_SAMPLE: bad time '%s'", rest);
				return;
			}
			if (!st->in_sample)
				hp_warn(p, "%s:%llu: END_SAMPLE without BEGIN_SAMPLE (ignored)",
					st->name, (unsigned long long)st->lineno);
			st->in_sample = false;
			return;
		case 6:
			if (parse_time(rest, &t) != 0) {
				set_pending(st, "MARK: bad time '%s'", rest);
				return;
			}
			hp_add_mark(p, t, NULL);
			return;
		}
	}
	/* a band line: NAME<TAB>VALUE (or NAME VALUE in very old files) */
	if (tab == NULL)
		tab = memrchr(line, ' ', len);
	if (tab == NULL || tab == line) {
		set_pending(st, "not a heap-profile line (no TAB-separated value)");
		return;
	}
	if (!st->in_sample) {
		set_pending(st, "band line outside BEGIN_SAMPLE/END_SAMPLE");
		return;
	}
	uint64_t v;
	int r = parse_value(tab + 1, len - (size_t)(tab + 1 - line), &v);
	if (r == -2) {
		set_pending(st, "value does not fit in 64 bits");
		return;
	}
	if (r != 0) {
		set_pending(st, "bad value '%.*s' (want a non-negative integer)",
			    (int)(len - (size_t)(tab + 1 - line)) > 40 ? 40 :
			    (int)(len - (size_t)(tab + 1 - line)), tab + 1);
		return;
	}
	size_t nl = (size_t)(tab - line);
	uint32_t b = UINT32_MAX;

	if (st->pos < st->npred) {
		uint32_t c = st->pred[st->pos];

		if (c != UINT32_MAX && p->bands[c].len == nl &&
		    memcmp(p->bands[c].name, line, nl) == 0)
			b = c;
	}
	if (b == UINT32_MAX && st->prev < st->nsucc) {
		uint32_t c = st->succ[st->prev];

		if (c != UINT32_MAX && p->bands[c].len == nl &&
		    memcmp(p->bands[c].name, line, nl) == 0)
			b = c;
	}
	if (b == UINT32_MAX)
		b = hp_intern(p, line, nl);
	if (st->prev != UINT32_MAX) {
		if (st->prev >= st->nsucc) {
			size_t n = 2 * (size_t)st->prev + 16;

			st->succ = pk_xreallocarray(st->succ, n,
						    sizeof *st->succ);
			for (size_t j = st->nsucc; j < n; j++)
				st->succ[j] = UINT32_MAX;
			st->nsucc = n;
		}
		st->succ[st->prev] = b;
	}
	st->prev = b;
	if (st->pos >= st->npred || st->pred[st->pos] != b) {
		if (st->pos >= st->npred) {
			size_t n = 2 * st->pos + 16;

			st->pred = pk_xreallocarray(st->pred, n,
						    sizeof *st->pred);
			for (size_t j = st->npred; j < n; j++)
				st->pred[j] = UINT32_MAX;
			st->npred = n;
		}
		st->pred[st->pos] = b;
	}
	st->pos++;
	hp_add_value(p, b, v);
}

struct hp_profile *
hp_read(struct pk_in *in, struct pk_err *err)
{
	return hp_read_max(in, 0, err);
}

struct hp_profile *
hp_read_max(struct pk_in *in, size_t max_samples, struct pk_err *err)
{
	struct hp_read_state st = {0};
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	st.p = hp_new();
	st.p->max_samples = max_samples;
	st.name = pk_in_name(in);
	while ((n = pk_in_getline(in, &line, &cap, err)) >= 0) {
		if (st.pending != NULL) {
			pk_err_line(err, st.name, st.pending_line, "%s",
				    st.pending);
			goto fail;
		}
		st.lineno++;
		hp_line(&st, line, (size_t)n);
		st.seen_any = true;
	}
	if (n == -2)
		goto fail;
	if (!st.seen_keyword && st.seen_any) {
		pk_err_line(err, st.name, st.pending ? st.pending_line : 1,
			    "%s", st.pending ? st.pending :
			    "not a heap profile (no JOB or BEGIN_SAMPLE line)");
		goto fail;
	}
	if (st.pending != NULL) {
		/* the very last line is malformed: a cut-off file */
		hp_warn(st.p, "%s:%llu: %s: input truncated, last line ignored",
			st.name, (unsigned long long)st.pending_line, st.pending);
		st.p->truncated = true;
		free(st.pending);
		st.pending = NULL;
	}
	if (!st.seen_any) {
		pk_err_set(err, "%s: empty input (not a heap profile)", st.name);
		goto fail;
	}
	if (st.in_sample) {
		const struct hp_sample *last = &st.p->samples[st.p->nsamples - 1];

		hp_warn(st.p, "%s:%llu: last sample (time %g) has no END_SAMPLE: the run was killed or the file is truncated; the sample is kept",
			st.name, (unsigned long long)last->line, last->time);
		st.p->truncated = true;
	}
	else if (st.p->nsamples > 1 &&
		 st.p->samples[st.p->nsamples - 1].n > 0)
		hp_warn(st.p, "%s: the profile does not end with the empty sample GHC writes at exit: the run was probably killed; the samples so far are kept",
			st.name);
	if (st.backwards_line)
		hp_warn(st.p, "%s:%llu: sample times go backwards; samples sorted by time",
			st.name, (unsigned long long)st.backwards_line);
	{
		uint64_t raw;

		if (pk_in_cut(in, &raw)) {
			hp_warn(st.p, "%s: offset %llu: the compressed data ends "
				"early (cut after %llu compressed bytes); the "
				"profile is read up to there", st.name,
				(unsigned long long)pk_in_offset(in),
				(unsigned long long)raw);
			st.p->truncated = true;
		}
	}
	hp_finish(st.p);
	if (st.p->overflow)
		hp_warn(st.p, "%s: a sum exceeds 2^64-1 and is clamped", st.name);
	free(line);
	free(st.pred);
	free(st.succ);
	return st.p;
fail:
	free(line);
	free(st.pred);
	free(st.succ);
	free(st.pending);
	hp_free(st.p);
	return NULL;
}

struct hp_profile *
hp_read_file(const char *path, struct pk_err *err)
{
	struct pk_in *in = pk_in_open(path, err);
	struct hp_profile *p;

	if (in == NULL)
		return NULL;
	p = hp_read(in, err);
	pk_in_close(in);
	return p;
}
