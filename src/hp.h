/* hp.h - the heap-profile model and the .hp reader (prefix hp_).
 *
 * A struct hp_profile holds samples × bands: each sample is a time and a
 * sparse list of (band, value) entries; band names are interned (any bytes
 * except TAB and newline, length kept).  The same model is filled from a
 * .hp file (hp_read), from an eventlog's heap-profile events (heap_el.c)
 * or built by hand (hp_new + hp_intern/hp_add_sample/hp_add_value), and
 * used by heap2svg, prof-summarize and prof-compare.
 *
 *   struct pk_err err = {0};
 *   struct hp_profile *p = hp_read_file("app.hp", &err);
 *   if (p == NULL) pk_err_die(&err, PK_EXIT_INPUT);
 *   hp_report_warnings(p);
 *   for (size_t s = 0; s < p->nsamples; s++)
 *           printf("%g %llu\n", p->samples[s].time, p->samples[s].total);
 *   hp_free(p);
 *
 * After hp_finish() (hp_read calls it) samples are in time order, every
 * band has its statistics, and hp_column() gives a band's value at every
 * sample in O(samples).
 */
#ifndef PK_HP_H
#define PK_HP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "input.h"

struct hp_entry {
	uint32_t band;
	uint64_t value;
};

struct hp_sample {
	double time;      /* SAMPLE_UNIT (seconds) */
	size_t first, n;  /* entries[first .. first+n) */
	uint64_t total;   /* sum of the entries (saturating) */
	uint64_t line;    /* line of BEGIN_SAMPLE (0 when not from text) */
	double weight;    /* private: time weight of a bucket of samples
			   * averaged (0 for a sample kept as read) */
};

struct hp_band {
	char *name;       /* NUL-terminated; may contain any byte but TAB/LF */
	size_t len;
	char *label;      /* display name (IPE join), or NULL: use name */
	char *detail;     /* longer description (full stack, IPE), or NULL */
	/* statistics, filled by hp_finish() */
	uint64_t total;   /* sum of values over all samples */
	uint64_t peak;    /* largest value */
	uint64_t last;    /* value at the last sample that has any data */
	double stddev;    /* population standard deviation over all samples */
	double growth;    /* least-squares slope, value units per second */
	size_t nonzero;   /* samples that list it */
};

struct hp_mark {
	double time;
	char *label;      /* NULL for .hp MARK lines */
};

/* An extra time series drawn over the chart (heap size, live data). */
struct hp_series {
	char *name;
	size_t n, cap;
	double *time;
	double *value;
	/* bounded like the samples when max > 0: buckets of `stride`
	 * points keep their largest value */
	size_t max, stride, fill;
};

/* Running per-band statistics of every sample read, kept while samples
 * are merged (see max_samples); private. */
struct hp_band_acc {
	uint64_t total, peak, last;
	size_t nonzero, last_serial;
	double sumsq, sumtv;      /* sum v^2, sum (t - t0) v */
};

struct hp_profile {
	char *job, *date, *sample_unit, *value_unit;
	const char *clock;        /* what the x axis measures */
	const char *source;       /* "hp" or "eventlog" */
	const char *breakdown;    /* "cost centre stack", ... or NULL */

	struct hp_sample *samples;
	size_t nsamples, samples_cap;
	struct hp_entry *entries;
	size_t nentries, entries_cap;
	struct hp_band *bands;
	size_t nbands, bands_cap;

	struct hp_mark *marks;
	size_t nmarks, marks_cap;
	struct hp_series *overlays;
	size_t noverlays;

	/* The profile's recoverable problems, "FILE:LINE: message": part of
	 * the model (the HTML page and the summaries list them); the user
	 * is told through the one sink (diag.h) by hp_report_warnings. */
	char **warnings;
	size_t nwarnings;
	bool truncated;           /* the input ended inside a sample */
	bool overflow;            /* a sum saturated at UINT64_MAX */

	/* Bounded memory: with max_samples > 0 (set before the first
	 * sample), at most max_samples buckets are kept.  Samples are put in
	 * time-order buckets of `stride` consecutive samples; each bucket is
	 * one sample, the time-weighted mean of its samples (each weighs the
	 * time since the sample before it): every band's mean value at the
	 * weighted mean time -- what an antialiased chart of every sample
	 * shows in a pixel column that holds many of them.  When the
	 * buckets are all used, pairs of buckets merge (weighted) and the
	 * stride doubles.  The first sample, the last one and the one with
	 * the largest total (the peak, which also sets the chart's scale)
	 * are kept as read: at most max_samples + 3 samples.  Band
	 * statistics stay those of every sample read (running sums), so the
	 * band choice does not change.  raw_samples counts the samples read;
	 * reduced is true once any two samples were merged. */
	size_t max_samples;
	size_t raw_samples;
	/* with max_samples > 0: the sum over every sample read of its total
	 * times the time to the next sample (each total held until the
	 * next; read order, steps back in time skipped) */
	double held;
	size_t stride;
	bool reduced;

	/* private: interning and per-band bookkeeping */
	uint32_t *hash;
	size_t hash_cap;
	size_t *band_lastpos;     /* entry index of the band in the sample */
	size_t *band_lastsample;  /* sample serial (raw_samples), 0 = none */
	struct hp_band_acc *acc;  /* nbands, while max_samples > 0 */
	size_t acc_cap;
	size_t last_fill;         /* raw samples in the last bucket */
	size_t last_bucket;       /* index of the last bucket's first sample */
	size_t nbuckets;          /* buckets after sample 0 */
	size_t lastdata_serial;   /* serial of the last sample with data */
	double *bsum;             /* per band: weighted sum, open bucket */
	size_t *bslot;            /* per band: its entry in the open bucket */
	size_t *bgen;             /* per band: bslot/bsum valid if == gen */
	size_t gen;
	double btsum;             /* open bucket: sum of time x weight */
	bool bucket_dirty;        /* its means are not written yet */
	double prev_time;         /* time of the last sample read */
	uint64_t prev_total;      /* and its total */
	struct hp_entry *scratch; /* entries being merged */
	size_t scratch_cap;
	struct hp_sample peak;    /* copy of the largest-total sample */
	struct hp_entry *peak_e;  /* its entries */
	size_t peak_cap;
	bool have_peak;
	double t0, sum_t, sum_t2; /* over every sample read, t - t0 */
	bool open;                /* the last sample is still being filled */
	/* private: by-band index built by hp_finish() */
	size_t *col_off;          /* nbands + 1 */
	uint32_t *col_sample;     /* sample index per entry, grouped by band */
	uint64_t *col_value;
	bool finished;
};

struct hp_profile *hp_new(void);
void hp_free(struct hp_profile *p);

/* Read a .hp file (gzip/zstd transparently).  NULL with err set
 * ("FILE:LINE: message") on input that is not a heap profile; recoverable
 * problems (killed run, truncated last line, times going backwards) are
 * collected in p->warnings instead (hp_report_warnings tells them). */
struct hp_profile *hp_read(struct pk_in *in, struct pk_err *err);
struct hp_profile *hp_read_file(const char *path, struct pk_err *err);
/* The same keeping at most max_samples samples (0 = all; see above). */
struct hp_profile *hp_read_max(struct pk_in *in, size_t max_samples,
			       struct pk_err *err);

/* Does the start of a file look like a .hp (JOB/DATE/... line)? */
bool hp_sniff(const void *buf, size_t n);

/* Building. */
uint32_t hp_intern(struct hp_profile *p, const char *name, size_t len);
/* Look a name up without adding it; UINT32_MAX if absent. */
uint32_t hp_lookup(const struct hp_profile *p, const char *name, size_t len);
size_t hp_add_sample(struct hp_profile *p, double time);
/* Add to the band's value in the last sample (duplicates are summed). */
void hp_add_value(struct hp_profile *p, uint32_t band, uint64_t value);
void hp_add_mark(struct hp_profile *p, double time, const char *label);
struct hp_series *hp_add_overlay(struct hp_profile *p, const char *name);
void hp_series_push(struct hp_series *s, double time, double value);
void hp_warn(struct hp_profile *p, const char *fmt, ...) PK_PRINTF(2, 3);
/* Each of p->warnings through pk_warn (the one sink). */
void hp_report_warnings(const struct hp_profile *p);
/* Sort samples by time (stable), compute totals, statistics and the
 * by-band index.  Call once after building. */
void hp_finish(struct hp_profile *p);

/* The band's value at every sample (out[nsamples], zeros where absent). */
void hp_column(const struct hp_profile *p, uint32_t band, uint64_t *out);
/* Sum of every value in the profile (saturating). */
uint64_t hp_grand_total(const struct hp_profile *p);

/* Transforms: each returns a new finished profile (marks, overlays and
 * header copied) and leaves p alone. */
/* Keep samples with from <= time <= to. */
struct hp_profile *hp_slice(const struct hp_profile *p, double from,
			    double to);
/* Keep bands for which keep[band] is true. */
struct hp_profile *hp_filter(const struct hp_profile *p, const bool *keep);
/* Merge bands: band b goes into the group named names[b] (interned, so
 * equal names merge); details[b] (may be NULL) becomes the group's detail
 * when it has none yet. */
struct hp_profile *hp_regroup(const struct hp_profile *p,
			      const char *const *names,
			      const char *const *details);

#endif
