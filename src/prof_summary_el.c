/* prof_summary_el.c - prof-summarize for an eventlog: run time,
 * capabilities, GHC version, GC count and time, peak heap size and live
 * data, markers, sample counts.  One streaming pass (src/eventlog.h). */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "eventlog.h"
#include "fmt.h"
#include "prof_summary_private.h"

#define MAX_MARKERS 20

struct el_facts {
	uint64_t events, last_time;
	bool truncated;
	char *rts_id, *args;
	uint8_t capseen[65536 / 8];
	unsigned ncaps;
	uint64_t gc_count, gc_ns, gc_stats;
	struct gc_cap { uint64_t start, ns, n; bool in; } *gc; /* per cap */
	uint64_t peak_heap, peak_heap_t, peak_live, peak_live_t, allocated;
	uint64_t nmarkers, nmsgs;
	size_t nmark_kept;
	struct { uint64_t t; char *text; } marks[MAX_MARKERS];
	uint64_t prof_samples, heap_samples, heap_sample_rows, ipe;
	uint64_t tick_interval;
};

static char *
args_text(struct el_str s)
{
	char *t = pk_xmalloc(s.n + 1);
	size_t n = s.n;

	memcpy(t, s.p, n);
	while (n > 0 && t[n - 1] == '\0')
		n--;
	for (size_t i = 0; i < n; i++)
		if (t[i] == '\0')
			t[i] = ' ';
	t[n] = '\0';
	return t;
}

/* Capabilities: the same meaning as prof-summarize --events
 * (eventlog_summary.c): every capability the log names, as the owner of
 * an event block, in CAP_CREATE, or as the capability of a time-profile
 * sample (-l-au logs have only global blocks). */
static void
cap_seen(struct el_facts *x, uint32_t cap)
{
	if (cap >= EL_NO_CAP || (x->capseen[cap >> 3] & (1u << (cap & 7))))
		return;
	x->capseen[cap >> 3] |= (uint8_t)(1u << (cap & 7));
	x->ncaps++;
}

static void
collect(struct el_facts *x, const struct el_event *ev)
{
	x->events++;
	if (ev->time > x->last_time)
		x->last_time = ev->time;
	cap_seen(x, ev->cap);
	/* GC_START/GC_END carry no fields: only they may lack them */
	const union el_fields *f = el_fields(ev);

	if (f == NULL && ev->type != EL_GC_START && ev->type != EL_GC_END)
		return;
	switch (ev->type) {
	case EL_RTS_IDENTIFIER:
		if (x->rts_id == NULL)
			x->rts_id = el_strdup(f->capset_text.text);
		break;
	case EL_PROGRAM_ARGS:
		if (x->args == NULL)
			x->args = args_text(f->capset_text.text);
		break;
	/* Events arrive block by block, one capability at a time, so GCs
	 * are timed per capability; every capability takes part in a
	 * stop-the-world GC, and the busiest one gives the wall time. */
	case EL_GC_START: {
		struct gc_cap *g = &x->gc[ev->cap == EL_NO_CAP ? 0 : ev->cap];

		if (!g->in) {
			g->in = true;
			g->start = ev->time;
		}
		break;
	}
	case EL_GC_END: {
		struct gc_cap *g = &x->gc[ev->cap == EL_NO_CAP ? 0 : ev->cap];

		if (g->in) {
			g->in = false;
			g->n++;
			if (ev->time >= g->start)
				g->ns += ev->time - g->start;
			if (g->n > x->gc_count)
				x->gc_count = g->n;
			if (g->ns > x->gc_ns)
				x->gc_ns = g->ns;
		}
		break;
	}
	case EL_GC_STATS_GHC:
		x->gc_stats++;
		break;
	case EL_HEAP_SIZE:
		if (f->heap.bytes > x->peak_heap) {
			x->peak_heap = f->heap.bytes;
			x->peak_heap_t = ev->time;
		}
		break;
	case EL_HEAP_LIVE:
		if (f->heap.bytes > x->peak_live) {
			x->peak_live = f->heap.bytes;
			x->peak_live_t = ev->time;
		}
		break;
	case EL_HEAP_ALLOCATED:
		if (f->heap.bytes > x->allocated)
			x->allocated = f->heap.bytes;
		break;
	case EL_USER_MARKER:
		if (x->nmark_kept < MAX_MARKERS) {
			x->marks[x->nmark_kept].t = ev->time;
			x->marks[x->nmark_kept].text = el_strdup(f->msg.text);
			x->nmark_kept++;
		}
		x->nmarkers++;
		break;
	case EL_USER_MSG:
		x->nmsgs++;
		break;
	case EL_PROF_BEGIN:
		x->tick_interval = f->prof_begin.tick_interval;
		break;
	case EL_PROF_SAMPLE_COST_CENTRE:
		x->prof_samples++;
		cap_seen(x, f->prof_sample.capability);
		break;
	case EL_CAP_CREATE:
		cap_seen(x, f->cap.cap);
		break;
	case EL_HEAP_PROF_SAMPLE_BEGIN:
	case EL_HEAP_BIO_PROF_SAMPLE_BEGIN:
		x->heap_samples++;
		break;
	case EL_HEAP_PROF_SAMPLE_COST_CENTRE:
	case EL_HEAP_PROF_SAMPLE_STRING:
		x->heap_sample_rows++;
		break;
	case EL_IPE:
		x->ipe++;
		break;
	default:
		break;
	}
}

static void
out_text(FILE *f, const char *name, const struct el_facts *x, bool md)
{
	char b1[40], b2[40], b3[40];

	fmt_grouped(b1, sizeof b1, x->peak_heap);
	fmt_grouped(b2, sizeof b2, x->peak_live);
	fmt_grouped(b3, sizeof b3, x->allocated);
	if (md) {
		fputs("## Eventlog `", f);
		for (const char *s = name; *s; s++)
			fputc(*s == '`' ? '\'' : *s, f);
		fputs("`\n\n| | |\n|---|---|\n", f);
	} else {
		fprintf(f, "%s: GHC eventlog\n", name);
	}
#define ROW(k, ...) do { \
	if (md) { fprintf(f, "| %s | ", k); } \
	else { fprintf(f, "  %-17s ", k); } \
	fprintf(f, __VA_ARGS__); fputs(md ? " |\n" : "\n", f); } while (0)
	if (x->rts_id) {
		if (md) {
			fputs("| GHC | ", f);
			fmt_md_escape(f, x->rts_id);
			fputs(" |\n", f);
		} else
			ROW("GHC", "%s", x->rts_id);
	}
	if (x->args) {
		if (md) {
			fputs("| program | ", f);
			fmt_md_escape(f, x->args);
			fputs(" |\n", f);
		} else
			ROW("program", "%s", x->args);
	}
	ROW("run time", "%.3f s", (double)x->last_time / 1e9);
	ROW("capabilities", "%u", x->ncaps);
	ROW("events", "%" PRIu64 "%s", x->events,
	    x->truncated ? " (truncated log)" : "");
	ROW("GCs", "%" PRIu64 " taking %.3f s (%.1f%% of the run)",
	    x->gc_count, (double)x->gc_ns / 1e9,
	    x->last_time ? 100.0 * (double)x->gc_ns / (double)x->last_time : 0);
	if (x->peak_heap)
		ROW("peak heap size", "%s bytes at %.3f s", b1,
		    (double)x->peak_heap_t / 1e9);
	if (x->peak_live)
		ROW("peak live data", "%s bytes at %.3f s", b2,
		    (double)x->peak_live_t / 1e9);
	if (x->allocated)
		ROW("allocated", "%s bytes", b3);
	ROW("markers", "%" PRIu64, x->nmarkers);
	ROW("user messages", "%" PRIu64, x->nmsgs);
	ROW("cost-centre samples", "%" PRIu64, x->prof_samples);
	if (x->tick_interval)
		ROW("sample interval", "%.0f us", (double)x->tick_interval / 1e3);
	ROW("heap samples", "%" PRIu64 " (%" PRIu64 " rows)", x->heap_samples,
	    x->heap_sample_rows);
	if (x->ipe)
		ROW("IPE entries", "%" PRIu64, x->ipe);
#undef ROW
	if (x->nmark_kept > 0) {
		fputs(md ? "\n### Markers\n\n| time (s) | marker |\n|---:|---|\n"
			 : "\nMarkers\n", f);
		for (size_t i = 0; i < x->nmark_kept; i++) {
			if (md) {
				fprintf(f, "| %.6f | ",
					(double)x->marks[i].t / 1e9);
				fmt_md_escape(f, x->marks[i].text);
				fputs(" |\n", f);
			} else {
				fprintf(f, "  %12.6f s  %s\n",
					(double)x->marks[i].t / 1e9,
					x->marks[i].text);
			}
		}
		if (x->nmarkers > x->nmark_kept)
			fprintf(f, md ? "\n(%" PRIu64 " more)\n"
				      : "  (%" PRIu64 " more)\n",
				x->nmarkers - x->nmark_kept);
	}
}

static void
out_json(struct jw *w, const char *name, const struct el_facts *x)
{
	jw_object_begin(w);
	jw_kstring(w, "schema", "profkit-summary-eventlog/1");
	jw_kstring(w, "kind", "eventlog");
	jw_kstring(w, "file", name);
	jw_kstring_or_null(w, "ghc", x->rts_id);
	jw_kstring_or_null(w, "program", x->args);
	jw_kdouble(w, "run_time_s", (double)x->last_time / 1e9);
	jw_kuint(w, "capabilities", x->ncaps);
	jw_kuint(w, "events", x->events);
	jw_kbool(w, "truncated", x->truncated);
	jw_kuint(w, "gc_count", x->gc_count);
	jw_kdouble(w, "gc_time_s", (double)x->gc_ns / 1e9);
	jw_kuint(w, "peak_heap_bytes", x->peak_heap);
	jw_kdouble(w, "peak_heap_time_s", (double)x->peak_heap_t / 1e9);
	jw_kuint(w, "peak_live_bytes", x->peak_live);
	jw_kdouble(w, "peak_live_time_s", (double)x->peak_live_t / 1e9);
	jw_kuint(w, "allocated_bytes", x->allocated);
	jw_kuint(w, "user_messages", x->nmsgs);
	jw_kuint(w, "cost_centre_samples", x->prof_samples);
	jw_kuint(w, "heap_samples", x->heap_samples);
	jw_kuint(w, "ipe_entries", x->ipe);
	jw_kuint(w, "marker_count", x->nmarkers);
	jw_key(w, "markers");
	jw_array_begin(w);
	for (size_t i = 0; i < x->nmark_kept; i++) {
		jw_object_begin(w);
		jw_kdouble(w, "time_s", (double)x->marks[i].t / 1e9);
		jw_kstring(w, "text", x->marks[i].text);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_object_end(w);
}

int
ps_eventlog(FILE *f, struct jw *w, struct el_reader *r,
	    const struct prof_summary_opts *o, struct pk_err *err)
{
	struct el_facts *x;
	struct el_event ev;
	int rc;

	x = pk_xcalloc(1, sizeof *x);
	x->gc = pk_xcalloc(65536, sizeof *x->gc);
	while ((rc = el_next(r, &ev, err)) > 0)
		collect(x, &ev);
	if (rc == 0)
		x->truncated = el_truncated(r);
	if (x->gc_stats > x->gc_count)
		x->gc_count = x->gc_stats; /* one GC_STATS per GC */
	if (rc >= 0) {
		if (w != NULL)
			out_json(w, el_name(r), x);
		else if (o->format == PS_JSON) {
			struct jw jw;

			jw_init(&jw, f, 2);
			out_json(&jw, el_name(r), x);
			jw_free(&jw);
			fputc('\n', f);
		} else
			out_text(f, el_name(r), x, o->format == PS_MARKDOWN);
		if (x->truncated)
			pk_warn("%s: offset %" PRIu64 ": the eventlog stops "
				"early (killed program?); what was read is "
				"summarized", el_name(r), el_offset(r));
	}
	for (size_t i = 0; i < x->nmark_kept; i++)
		free(x->marks[i].text);
	free(x->rts_id);
	free(x->args);
	free(x->gc);
	free(x);
	return rc;
}
