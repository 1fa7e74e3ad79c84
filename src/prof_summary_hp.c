/* prof_summary_hp.c - prof-summarize for a heap profile (.hp): duration,
 * samples, peak total and when, the top bands at the peak.  The .hp is
 * read by the heap area's reader (src/hp.h) in bounded memory: it keeps
 * SUMMARY_SAMPLES buckets (each the mean of its samples), the first and
 * the last sample and the one with the largest total as read: that is
 * all this summary shows. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "hp.h"
#include "prof_summary_private.h"

#define SUMMARY_SAMPLES 64

struct bandv {
	uint32_t band;
	uint64_t value;
};

static int
cmp_bandv(const void *a, const void *b)
{
	const struct bandv *x = a, *y = b;

	if (x->value != y->value)
		return x->value < y->value ? 1 : -1;
	return x->band < y->band ? -1 : x->band > y->band;
}

struct hp_profile *
ps_heap_read(struct pk_in *in, struct pk_err *err)
{
	return hp_read_max(in, SUMMARY_SAMPLES, err);
}

int
ps_heap(FILE *f, struct jw *w, struct pk_in *in,
	const struct prof_summary_opts *o, struct pk_err *err)
{
	struct hp_profile *p = ps_heap_read(in, err);

	if (p == NULL)
		return -1;
	ps_heap_write(f, w, p, pk_in_name(in), o);
	hp_free(p);
	return 0;
}

void
ps_heap_write(FILE *f, struct jw *w, const struct hp_profile *p,
	      const char *name, const struct prof_summary_opts *o)
{
	size_t peak = 0, nb = 0;
	struct bandv *bv = NULL;
	double t0 = 0, t1 = 0;
	char pb[40];

	if (p->nsamples > 0) {
		t0 = p->samples[0].time;
		t1 = p->samples[p->nsamples - 1].time;
		for (size_t s = 1; s < p->nsamples; s++)
			if (p->samples[s].total > p->samples[peak].total)
				peak = s;
		const struct hp_sample *ps = &p->samples[peak];

		bv = pk_xcalloc(ps->n + 1, sizeof *bv);
		for (size_t i = 0; i < ps->n; i++) {
			bv[nb].band = p->entries[ps->first + i].band;
			bv[nb].value = p->entries[ps->first + i].value;
			nb++;
		}
		qsort(bv, nb, sizeof *bv, cmp_bandv);
	}
	if (nb > o->top)
		nb = o->top;
	if (o->format == PS_JSON) {
		struct jw own, *jw = w;

		if (jw == NULL) {
			jw_init(&own, f, 2);
			jw = &own;
		}
		jw_object_begin(jw);
		jw_kstring(jw, "schema", "profkit-summary-heap/1");
		jw_kstring(jw, "kind", "heap");
		jw_kstring(jw, "file", name);
		jw_kstring_or_null(jw, "job", p->job);
		jw_kuint(jw, "samples", p->raw_samples);
		jw_kuint(jw, "bands", p->nbands);
		jw_kdouble(jw, "duration_s", t1 - t0);
		jw_kuint(jw, "peak_bytes",
			 p->nsamples ? p->samples[peak].total : 0);
		jw_kdouble(jw, "peak_time_s",
			   p->nsamples ? p->samples[peak].time : 0);
		jw_kbool(jw, "truncated", p->truncated);
		jw_key(jw, "top_at_peak");
		jw_array_begin(jw);
		for (size_t i = 0; i < nb; i++) {
			jw_object_begin(jw);
			jw_kstring(jw, "band", p->bands[bv[i].band].name);
			jw_kuint(jw, "bytes", bv[i].value);
			jw_kdouble(jw, "pct", p->samples[peak].total
				   ? 100.0 * (double)bv[i].value /
				     (double)p->samples[peak].total : 0);
			jw_object_end(jw);
		}
		jw_array_end(jw);
		jw_key(jw, "warnings");
		jw_array_begin(jw);
		for (size_t i = 0; i < p->nwarnings; i++)
			jw_string(jw, p->warnings[i]);
		jw_array_end(jw);
		jw_object_end(jw);
		if (jw == &own) {
			jw_free(&own);
			fputc('\n', f);
		}
	} else {
		bool md = o->format == PS_MARKDOWN;

		fmt_grouped(pb, sizeof pb, p->nsamples ? p->samples[peak].total : 0);
		if (md) {
			fputs("## Heap profile `", f);
			for (const char *s = name; *s; s++)
				fputc(*s == '`' ? '\'' : *s, f);
			fputs("`\n\n| | |\n|---|---|\n", f);
			if (p->job) {
				fputs("| job | ", f);
				fmt_md_escape(f, p->job);
				fputs(" |\n", f);
			}
			fprintf(f, "| duration | %.2f %s |\n| samples | %zu |\n"
				"| bands | %zu |\n| peak | %s bytes at %.2f %s |\n",
				t1 - t0, p->sample_unit ? p->sample_unit : "s",
				p->raw_samples, p->nbands, pb,
				p->nsamples ? p->samples[peak].time : 0,
				p->sample_unit ? p->sample_unit : "s");
			fprintf(f, "\n### Top %zu bands at the peak\n\n"
				"| bytes | %% | band |\n|---:|---:|---|\n", o->top);
		} else {
			fprintf(f, "%s: GHC heap profile\n", name);
			if (p->job)
				fprintf(f, "  job        %s\n", p->job);
			fprintf(f, "  duration   %.2f %s\n  samples    %zu\n"
				"  bands      %zu\n  peak       %s bytes at "
				"%.2f %s\n", t1 - t0,
				p->sample_unit ? p->sample_unit : "s",
				p->raw_samples, p->nbands, pb,
				p->nsamples ? p->samples[peak].time : 0,
				p->sample_unit ? p->sample_unit : "s");
			for (size_t i = 0; i < p->nwarnings; i++)
				fprintf(f, "  warning: %s\n", p->warnings[i]);
			fprintf(f, "\nTop %zu bands at the peak\n"
				"           bytes      %%  band\n", o->top);
		}
		for (size_t i = 0; i < nb; i++) {
			double pct = p->samples[peak].total
				? 100.0 * (double)bv[i].value /
				  (double)p->samples[peak].total : 0;

			if (md) {
				fprintf(f, "| %" PRIu64 " | %.1f | ", bv[i].value,
					pct);
				fmt_md_escape(f, p->bands[bv[i].band].name);
				fputs(" |\n", f);
			} else {
				fprintf(f, "  %14" PRIu64 " %6.1f  %s\n",
					bv[i].value, pct,
					p->bands[bv[i].band].name);
			}
		}
	}
	if (p->truncated)
		pk_warn("%s: the heap profile ends inside a sample (killed "
			"program?); what was read is summarized", name);
	free(bv);
}
