/* history_view.c - what prof-history list, show and baseline print:
 * the runs, one commit's runs with their benchmarks, a baseline (text or
 * JSON).  The tool only picks the rows and opens the output. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "fmt.h"
#include "history_private.h"
#include "history_view.h"
#include "json_write.h"

static void
labels_text(FILE *f, const struct hist_run *r)
{
	for (size_t i = 0; i < r->nlabels; i++)
		fprintf(f, "%s%s=%s", i ? "," : "", r->labels[i].key,
			r->labels[i].value);
	if (r->nlabels == 0)
		fputc('-', f);
}

static void
run_json(struct jw *w, const struct hist_run *r)
{
	char date[40];

	hist_format_date(r->date, date, sizeof date);
	jw_kint(w, "run", r->id);
	jw_kstring(w, "commit", r->commit);
	if (r->branch)
		jw_kstring(w, "branch", r->branch);
	jw_kstring(w, "date", date);
	if (r->hostname)
		jw_kstring(w, "hostname", r->hostname);
	if (r->cpu_model)
		jw_kstring(w, "cpu_model", r->cpu_model);
	if (r->cores > 0)
		jw_kint(w, "cores", r->cores);
	if (r->source)
		jw_kstring(w, "source", r->source);
	jw_kuint(w, "benchmarks", r->nbench);
	jw_kuint(w, "samples", r->nsamples);
	jw_key(w, "labels");
	jw_object_begin(w);
	for (size_t i = 0; i < r->nlabels; i++)
		jw_kstring(w, r->labels[i].key, r->labels[i].value);
	jw_object_end(w);
}

static void
summarize(const struct bench_entry *b, double *med, double *lo, double *hi)
{
	double *t = pk_xmalloc((b->n ? b->n : 1) * sizeof *t);

	memcpy(t, b->samples, b->n * sizeof *t);
	*med = hist_median(t, b->n); /* sorts t */
	*lo = b->n ? t[0] : NAN;
	*hi = b->n ? t[b->n - 1] : NAN;
	free(t);
}

void
hist_write_runs(FILE *f, const struct hist_run *runs, size_t n, bool json)
{
	if (json) {
		struct jw w;

		jw_init(&w, f, 1);
		jw_array_begin(&w);
		for (size_t i = 0; i < n; i++) {
			jw_object_begin(&w);
			run_json(&w, &runs[i]);
			jw_object_end(&w);
		}
		jw_array_end(&w);
		jw_free(&w);
		fputc('\n', f);
	} else {
		fprintf(f, "%-5s %-12s %-16s %-20s %-16s %6s %8s %s\n", "RUN",
			"COMMIT", "BRANCH", "DATE", "HOST", "BENCH", "SAMPLES",
			"LABELS");
		for (size_t i = 0; i < n; i++) {
			const struct hist_run *r = &runs[i];
			char date[40];

			hist_format_date(r->date, date, sizeof date);
			fprintf(f, "%-5" PRId64 " %-12.12s %-16s %-20s %-16s "
				"%6zu %8zu ", r->id, r->commit,
				r->branch ? r->branch : "-", date,
				r->hostname ? r->hostname : "-", r->nbench,
				r->nsamples);
			labels_text(f, r);
			fputc('\n', f);
		}
	}
}

int
hist_write_commit(FILE *f, struct hist_db *db, const char *commit,
		  const struct hist_run *runs, size_t n, bool json,
		  struct pk_err *err)
{
	struct jw w;

	if (json) {
		jw_init(&w, f, 1);
		jw_object_begin(&w);
		jw_kstring(&w, "commit", commit);
		jw_key(&w, "runs");
		jw_array_begin(&w);
	}
	for (size_t i = 0; i < n; i++) {
		const struct hist_run *r = &runs[i];
		struct bench_set set;
		char date[40];

		bench_set_init(&set);
		if (hist_run_set(db, r->id, &set, err) != 0) {
			bench_set_free(&set);
			if (json)
				jw_free(&w);
			return -1;
		}
		hist_format_date(r->date, date, sizeof date);
		if (json) {
			jw_object_begin(&w);
			run_json(&w, r);
			jw_key(&w, "results");
			jw_array_begin(&w);
		} else {
			fprintf(f, "run %" PRId64 ": commit %s\n", r->id,
				r->commit);
			fprintf(f, "  branch:  %s\n  date:    %s\n",
				r->branch ? r->branch : "-", date);
			fprintf(f, "  machine: %s, %s, ",
				r->hostname ? r->hostname : "-",
				r->cpu_model ? r->cpu_model : "-");
			if (r->cores > 0)
				fprintf(f, "%d cores\n", r->cores);
			else
				fputs("- cores\n", f);
			if (r->source)
				fprintf(f, "  source:  %s\n", r->source);
			fputs("  labels:  ", f);
			labels_text(f, r);
			fprintf(f, "\n  %-40s %6s %14s %14s %14s\n",
				"BENCHMARK", "N", "MEDIAN", "MIN", "MAX");
		}
		for (size_t b = 0; b < set.n; b++) {
			const struct bench_entry *e = &set.v[b];
			char *disp = hist_display_name(e->name, e->metric);
			bool hib = e->dir == BENCH_HIGHER_IS_BETTER;
			double med, lo, hi;

			summarize(e, &med, &lo, &hi);
			if (json) {
				jw_object_begin(&w);
				jw_kstring(&w, "name", e->name);
				jw_kstring(&w, "metric", e->metric);
				if (e->unit)
					jw_kstring(&w, "unit", e->unit);
				jw_kbool(&w, "higher_is_better", hib);
				jw_kstring(&w, "status",
					   hist_status_name(e->status));
				jw_kuint(&w, "n", e->n);
				if (e->n > 0) {
					jw_kdouble(&w, "median", med);
					jw_kdouble(&w, "min", lo);
					jw_kdouble(&w, "max", hi);
				}
				jw_kdoubles(&w, "samples", e->samples, e->n);
				jw_object_end(&w);
			} else if (e->n == 0) {
				fprintf(f, "  %-40s %6zu %14s %14s %14s %s\n",
					disp, e->n, "-", "-", "-",
					hist_status_name(e->status));
			} else {
				char a[64], b1[64], c[64];

				fmt_value(a, sizeof a, med, e->unit);
				fmt_value(b1, sizeof b1, lo, e->unit);
				fmt_value(c, sizeof c, hi, e->unit);
				fprintf(f, "  %-40s %6zu %14s %14s %14s%s%s\n",
					disp, e->n, a, b1, c,
					hib ? " (higher is better)" : "",
					e->status != BENCH_OK ? " FAILED" : "");
			}
			free(disp);
		}
		if (json) {
			jw_array_end(&w);
			jw_object_end(&w);
		}
		bench_set_free(&set);
	}
	if (json) {
		jw_array_end(&w);
		jw_object_end(&w);
		jw_free(&w);
		fputc('\n', f);
	}
	return 0;
}

void
hist_write_baseline(FILE *f, const struct hist_baseline *b)
{
	char date[40];

	hist_format_date(b->set_at, date, sizeof date);
	fprintf(f, "%s\t%s\t%s\t%s\n", b->name,
		b->branch[0] ? b->branch : "-", b->commit, date);
}
