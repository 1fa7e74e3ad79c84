/* prof_summary.c - summaries of cost-centre profiles (prof-summarize). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "eventlog.h"
#include "fmt.h"
#include "hp.h"
#include "input.h"
#include "prof_summary_private.h"

void
prof_summary_opts_init(struct prof_summary_opts *o)
{
	memset(o, 0, sizeof *o);
	o->format = PS_TEXT;
	o->top = 10;
	o->tree_threshold = 1.0;
	o->min_ticks = 100;
}

static bool
has_time(const struct prof *p)
{
	if (p->has_counts)
		return p->total_ticks > 0;
	for (size_t i = 0; i < p->nnodes; i++)
		if (p->nodes[i].time_pct > 0)
			return true;
	return false;
}

size_t
prof_hot_path(const struct prof *p, uint32_t **out)
{
	bool by_time = has_time(p);
	uint32_t *path = NULL;
	size_t n = 0, cap = 0;
	uint32_t cur = p->nnodes ? 0 : PROF_NONE;

	/* Among siblings starting at cur, the heaviest. */
	while (cur != PROF_NONE) {
		uint32_t best = PROF_NONE;
		double bw = -1, ba = -1;

		for (uint32_t k = cur; k != PROF_NONE;
		     k = p->nodes[k].next_sibling) {
			double w = by_time ? prof_node_inh_time_frac(p, k)
					   : prof_node_inh_alloc_frac(p, k);
			double al = prof_node_inh_alloc_frac(p, k);

			if (w > bw || (w == bw && al > ba)) {
				best = k;
				bw = w;
				ba = al;
			}
		}
		if (best == PROF_NONE || (n > 0 && bw <= 0))
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			path = pk_xreallocarray(path, cap, sizeof *path);
		}
		path[n++] = best;
		cur = p->nodes[best].first_child;
	}
	*out = path;
	return n;
}

static void
push_warning(char ***v, size_t *n, char *msg)
{
	*v = pk_xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = msg;
}

size_t
prof_summary_warnings(const struct prof *p, const struct prof_summary_opts *o,
		      char ***out)
{
	char **v = NULL;
	size_t n = 0;

	if (p->problem != NULL)
		push_warning(&v, &n, pk_xasprintf("partial profile: %s",
						  p->problem));
	if (p->has_system) {
		uint64_t gt = 0, ga = 0;
		double gp = 0;
		bool *sys = pk_xcalloc(p->nccs ? p->nccs : 1, sizeof *sys);

		for (size_t k = 0; k < p->nccs; k++)
			sys[k] = prof_cc_is_system(&p->ccs[k]);
		for (size_t i = 0; i < p->nnodes; i++)
			if (sys[p->nodes[i].cc]) {
				gt += p->nodes[i].ticks;
				ga += p->nodes[i].bytes;
				gp += p->nodes[i].time_pct;
			}
		free(sys);
		if (p->has_counts && p->total_ticks > 0)
			gp = 100.0 * (double)gt / (double)p->total_ticks;
		push_warning(&v, &n, pk_xasprintf(
			"the totals include the RTS's own cost centres "
			"(GC, SYSTEM, IDLE: %.1f%% of the time, %" PRIu64
			" bytes; a -pa or -pj profile): compare with "
			"profiles of the same kind only", gp, ga));
	}
	if (p->has_header && p->total_ticks < o->min_ticks)
		push_warning(&v, &n, pk_xasprintf(
			"only %" PRIu64 " ticks: too few to trust the time "
			"figures (run longer, or sample more often with "
			"+RTS -V)", p->total_ticks));
	*out = v;
	return n;
}

/* ------------------------------------------------------------------ */

static const char *
kind_name(const struct prof *p)
{
	if (p->format == PROF_JSON)
		return "-pj JSON";
	if (p->has_system)
		return "text, -pa";
	if (p->has_counts)
		return "text, -P";
	return "text, -p";
}

static void
cc_text(FILE *f, const struct prof_cc *cc, bool md)
{
	if (md) {
		fputc('`', f);
		for (const char *s = cc->module; *s; s++)
			fputc(*s == '`' ? '\'' : *s, f);
		fputc('.', f);
		for (const char *s = cc->label; *s; s++)
			fputc(*s == '`' ? '\'' : *s, f);
		fputc('`', f);
		if (cc->label[0] == '\0')
			fputs(" (empty label)", f);
		if (cc->src[0] != '\0') {
			fputs(" ", f);
			fmt_md_escape(f, cc->src);
		}
		return;
	}
	fprintf(f, "%s.%s", cc->module, cc->label[0] ? cc->label : "\"\"");
	if (cc->src[0] != '\0')
		fprintf(f, " (%s)", cc->src);
}

static void
top_text(FILE *f, const struct prof *p, const struct prof_agg *a, size_t n,
	 size_t top, bool by_time, bool md)
{
	size_t shown = 0;

	if (md) {
		fprintf(f, "\n### Top %zu cost centres by %s\n\n", top,
			by_time ? "time" : "allocation");
		fputs(p->has_counts
		      ? "| %time | ticks | %alloc | bytes | entries | stacks | cost centre |\n"
			"|---:|---:|---:|---:|---:|---:|---|\n"
		      : "| %time | %alloc | entries | stacks | cost centre |\n"
			"|---:|---:|---:|---:|---|\n", f);
	} else {
		fprintf(f, "\nTop %zu cost centres by %s (individual, summed "
			"over all stacks)\n", top,
			by_time ? "time" : "allocation");
		fputs(p->has_counts
		      ? "  %time  ticks  %alloc          bytes     entries stacks  cost centre\n"
		      : "  %time  %alloc     entries stacks  cost centre\n", f);
	}
	for (size_t i = 0; i < n && shown < top; i++) {
		const struct prof_agg *g = &a[i];
		bool zero = by_time ? (p->has_counts ? g->ticks == 0
						     : g->time_pct <= 0)
				    : (p->has_counts ? g->bytes == 0
						     : g->alloc_pct <= 0);

		if (zero)
			break;
		shown++;
		if (md) {
			if (p->has_counts)
				fprintf(f, "| %.1f | %" PRIu64 " | %.1f | %"
					PRIu64 " | %" PRIu64 " | %zu | ",
					g->time_pct, g->ticks, g->alloc_pct,
					g->bytes, g->entries, g->stacks);
			else
				fprintf(f, "| %.1f | %.1f | %" PRIu64
					" | %zu | ", g->time_pct, g->alloc_pct,
					g->entries, g->stacks);
			cc_text(f, &p->ccs[g->cc], true);
			fputs(" |\n", f);
		} else {
			if (p->has_counts)
				fprintf(f, "  %5.1f %6" PRIu64 "  %6.1f %14"
					PRIu64 " %11" PRIu64 " %6zu  ",
					g->time_pct, g->ticks, g->alloc_pct,
					g->bytes, g->entries, g->stacks);
			else
				fprintf(f, "  %5.1f  %6.1f %11" PRIu64
					" %6zu  ", g->time_pct, g->alloc_pct,
					g->entries, g->stacks);
			cc_text(f, &p->ccs[g->cc], false);
			fputc('\n', f);
		}
	}
	if (shown == 0)
		fprintf(f, md ? "| (none) |\n" : "  (no cost centre has any "
			"%s)\n", by_time ? "ticks" : "allocation");
}

static bool
tree_keep(const struct prof *p, const struct prof_summary_opts *o,
	  uint32_t i)
{
	if (o->tree_depth > 0 && p->nodes[i].depth >= o->tree_depth)
		return false;
	return 100.0 * prof_node_inh_time_frac(p, i) >= o->tree_threshold ||
	       100.0 * prof_node_inh_alloc_frac(p, i) >= o->tree_threshold;
}

static void
tree_text(FILE *f, const struct prof *p, const struct prof_summary_opts *o,
	  bool md)
{
	uint32_t *stk;
	size_t sp = 0;

	if (md)
		fprintf(f, "\n### Call tree (inherited %%time or %%alloc >= "
			"%g%%%s)\n\n```\n", o->tree_threshold,
			o->tree_depth ? ", limited depth" : "");
	else
		fprintf(f, "\nCall tree (subtrees with inherited %%time or "
			"%%alloc >= %g%%", o->tree_threshold);
	if (!md && o->tree_depth)
		fprintf(f, ", %u levels", o->tree_depth);
	if (!md)
		fputs(")\n", f);
	fputs("  inh%time inh%alloc  %time %alloc     entries  cost centre\n",
	      f);
	if (p->nnodes == 0)
		goto end;
	stk = pk_xmalloc((p->nnodes + 1) * sizeof *stk);
	/* push the roots in reverse so the first comes out first */
	{
		size_t nr = 0;

		for (uint32_t k = 0; k != PROF_NONE; k = p->nodes[k].next_sibling)
			stk[sp + nr++] = k;
		for (size_t i = 0; i < nr / 2; i++) {
			uint32_t t = stk[i];

			stk[i] = stk[nr - 1 - i];
			stk[nr - 1 - i] = t;
		}
		sp = nr;
	}
	while (sp > 0) {
		uint32_t i = stk[--sp];
		const struct prof_node *n = &p->nodes[i];
		size_t nk = 0;

		if (!tree_keep(p, o, i))
			continue;
		fprintf(f, "  %8.1f %9.1f  %5.1f %6.1f %11" PRIu64 "  %*s",
			100.0 * prof_node_inh_time_frac(p, i),
			100.0 * prof_node_inh_alloc_frac(p, i),
			100.0 * prof_node_time_frac(p, i),
			100.0 * prof_node_alloc_frac(p, i), n->entries,
			(int)n->depth, "");
		cc_text(f, &p->ccs[n->cc], false);
		fputc('\n', f);
		for (uint32_t k = n->first_child; k != PROF_NONE;
		     k = p->nodes[k].next_sibling)
			stk[sp + nk++] = k;
		for (size_t a = 0; a < nk / 2; a++) {
			uint32_t t = stk[sp + a];

			stk[sp + a] = stk[sp + nk - 1 - a];
			stk[sp + nk - 1 - a] = t;
		}
		sp += nk;
	}
	free(stk);
end:
	if (md)
		fputs("```\n", f);
}

/* Two meanings of "time", one name each: GHC's header "total time" is
 * ticks x interval / processors (about the elapsed time); the CPU time
 * the samples measure is ticks x interval over every processor, which is
 * what prof2speedscope's time profile and eventlog2speedscope's
 * per-capability profiles weigh. */
static double
cpu_time_s(const struct prof *p)
{
	return (double)p->total_ticks * p->tick_interval_us / 1e6;
}

static void
header_text(FILE *f, const struct prof *p, bool md)
{
	char ab[40];
	struct prof_agg *unused = NULL;

	(void)unused;
	fmt_grouped(ab, sizeof ab, p->total_alloc);
	if (md) {
		fputs("## Cost-centre profile `", f);
		for (const char *s = p->name; *s; s++)
			fputc(*s == '`' ? '\'' : *s, f);
		fprintf(f, "` (%s)\n\n", kind_name(p));
		fputs("| | |\n|---|---|\n", f);
		if (p->command) {
			fputs("| command | ", f);
			fmt_md_escape(f, p->command);
			fputs(" |\n", f);
		}
		if (p->date) {
			fputs("| date | ", f);
			fmt_md_escape(f, p->date);
			fputs(" |\n", f);
		}
		fprintf(f, "| total time | %.2f s (%" PRIu64 " ticks @ %g us",
			p->total_time_s, p->total_ticks, p->tick_interval_us);
		if (p->processors)
			fprintf(f, ", %u processor%s", p->processors,
				p->processors == 1 ? "" : "s");
		fputs(") |\n", f);
		if (p->processors > 1)
			fprintf(f, "| cpu time | %.3f s (ticks x interval, all "
				"%u processors: the time weight of "
				"prof2speedscope) |\n", cpu_time_s(p),
				p->processors);
		fprintf(f, "| total alloc | %s bytes |\n", ab);
		fprintf(f, "| cost centres | %zu in %zu stacks |\n", p->nccs,
			p->nnodes);
		return;
	}
	fprintf(f, "%s: GHC cost-centre profile (%s)\n", p->name, kind_name(p));
	if (p->command)
		fprintf(f, "  command       %s\n", p->command);
	if (p->date)
		fprintf(f, "  date          %s\n", p->date);
	fprintf(f, "  total time    %.2f s (%" PRIu64 " ticks @ %g us",
		p->total_time_s, p->total_ticks, p->tick_interval_us);
	if (p->processors)
		fprintf(f, ", %u processor%s", p->processors,
			p->processors == 1 ? "" : "s");
	fputs(")\n", f);
	if (p->processors > 1)
		fprintf(f, "  cpu time      %.3f s (ticks x interval, all %u "
			"processors: the time weight of prof2speedscope)\n",
			cpu_time_s(p), p->processors);
	fprintf(f, "  total alloc   %s bytes\n", ab);
	fprintf(f, "  cost centres  %zu in %zu stacks\n", p->nccs, p->nnodes);
}

static void
hot_text(FILE *f, const struct prof *p, bool md)
{
	uint32_t *path;
	size_t n = prof_hot_path(p, &path);

	if (md)
		fputs("\n### Hot path (heaviest chain from the root)\n\n"
		      "| inh %time | inh %alloc | entries | cost centre |\n"
		      "|---:|---:|---:|---|\n", f);
	else
		fputs("\nHot path (heaviest chain from the root)\n"
		      "  inh%time inh%alloc     entries  cost centre\n", f);
	for (size_t i = 0; i < n; i++) {
		const struct prof_node *nd = &p->nodes[path[i]];

		if (md) {
			fprintf(f, "| %.1f | %.1f | %" PRIu64 " | ",
				100.0 * prof_node_inh_time_frac(p, path[i]),
				100.0 * prof_node_inh_alloc_frac(p, path[i]),
				nd->entries);
			cc_text(f, &p->ccs[nd->cc], true);
			fputs(" |\n", f);
		} else {
			fprintf(f, "  %8.1f %9.1f %11" PRIu64 "  %*s",
				100.0 * prof_node_inh_time_frac(p, path[i]),
				100.0 * prof_node_inh_alloc_frac(p, path[i]),
				nd->entries, (int)i, "");
			cc_text(f, &p->ccs[nd->cc], false);
			fputc('\n', f);
		}
	}
	free(path);
}

static void
agg_json(struct jw *w, const struct prof *p, const struct prof_agg *g)
{
	const struct prof_cc *cc = &p->ccs[g->cc];

	jw_object_begin(w);
	jw_kstring(w, "module", cc->module);
	jw_kstring(w, "label", cc->label);
	jw_kstring(w, "src", cc->src);
	jw_kuint(w, "entries", g->entries);
	jw_kuint_or_null(w, "ticks", p->has_counts, g->ticks);
	jw_kuint_or_null(w, "bytes", p->has_counts, g->bytes);
	jw_kdouble(w, "time_pct", g->time_pct);
	jw_kdouble(w, "alloc_pct", g->alloc_pct);
	jw_kuint(w, "stacks", g->stacks);
	jw_object_end(w);
}

static void
node_json(struct jw *w, const struct prof *p, uint32_t i)
{
	const struct prof_node *n = &p->nodes[i];
	const struct prof_cc *cc = &p->ccs[n->cc];

	jw_kstring(w, "module", cc->module);
	jw_kstring(w, "label", cc->label);
	jw_kstring(w, "src", cc->src);
	jw_kuint(w, "entries", n->entries);
	jw_kuint_or_null(w, "ticks", p->has_counts, n->ticks);
	jw_kuint_or_null(w, "bytes", p->has_counts, n->bytes);
	jw_kdouble(w, "time_pct", 100.0 * prof_node_time_frac(p, i));
	jw_kdouble(w, "alloc_pct", 100.0 * prof_node_alloc_frac(p, i));
	jw_kdouble(w, "inherited_time_pct", 100.0 * prof_node_inh_time_frac(p, i));
	jw_kdouble(w, "inherited_alloc_pct",
		   100.0 * prof_node_inh_alloc_frac(p, i));
}

static void
tree_json(struct jw *w, const struct prof *p, const struct prof_summary_opts *o)
{
	/* Iterative: open a node, then its kept children, then close. */
	struct fr { uint32_t next; } *stk;
	size_t sp = 0;

	jw_array_begin(w);
	if (p->nnodes == 0) {
		jw_array_end(w);
		return;
	}
	stk = pk_xmalloc((p->nnodes + 1) * sizeof *stk);
	stk[sp++].next = 0; /* the roots: siblings from node 0 */
	while (sp > 0) {
		uint32_t k = stk[sp - 1].next;

		while (k != PROF_NONE && !tree_keep(p, o, k))
			k = p->nodes[k].next_sibling;
		if (k == PROF_NONE) {
			sp--;
			if (sp > 0) {
				jw_array_end(w);  /* children */
				jw_object_end(w); /* the node */
			}
			continue;
		}
		stk[sp - 1].next = p->nodes[k].next_sibling;
		jw_object_begin(w);
		node_json(w, p, k);
		jw_key(w, "children");
		jw_array_begin(w);
		stk[sp++].next = p->nodes[k].first_child;
	}
	jw_array_end(w);
	free(stk);
}

void
prof_summary_json(struct jw *w, const struct prof *p,
		  const struct prof_summary_opts *o)
{
	struct prof_agg *a;
	size_t n = prof_aggregate(p, &a), nw;
	char **warn;
	uint32_t *path;
	size_t np;

	jw_object_begin(w);
	jw_kstring(w, "schema", "profkit-summary-prof/1");
	jw_kstring(w, "kind", "prof");
	jw_kstring(w, "file", p->name);
	jw_kstring(w, "format", p->format == PROF_JSON ? "json" : "text");
	jw_kstring_or_null(w, "program", p->program);
	jw_kstring_or_null(w, "command", p->command);
	jw_kstring_or_null(w, "date", p->date);
	jw_kdouble(w, "total_time_s", p->total_time_s);
	jw_kdouble(w, "cpu_time_s", cpu_time_s(p));
	jw_kuint(w, "total_ticks", p->total_ticks);
	jw_kdouble(w, "tick_interval_us", p->tick_interval_us);
	jw_kuint_or_null(w, "processors", p->processors != 0, p->processors);
	jw_kuint(w, "total_alloc_bytes", p->total_alloc);
	jw_kbool(w, "exact_counts", p->has_counts);
	jw_kbool(w, "includes_system", p->has_system);
	jw_kuint(w, "cost_centres", p->nccs);
	jw_kuint(w, "stacks", p->nnodes);

	prof_agg_sort_time(p, a, n);
	jw_key(w, "top_time");
	jw_array_begin(w);
	for (size_t i = 0, k = 0; i < n && k < o->top; i++) {
		if (p->has_counts ? a[i].ticks == 0 : a[i].time_pct <= 0)
			break;
		agg_json(w, p, &a[i]);
		k++;
	}
	jw_array_end(w);
	prof_agg_sort_alloc(p, a, n);
	jw_key(w, "top_alloc");
	jw_array_begin(w);
	for (size_t i = 0, k = 0; i < n && k < o->top; i++) {
		if (p->has_counts ? a[i].bytes == 0 : a[i].alloc_pct <= 0)
			break;
		agg_json(w, p, &a[i]);
		k++;
	}
	jw_array_end(w);

	np = prof_hot_path(p, &path);
	jw_key(w, "hot_path");
	jw_array_begin(w);
	for (size_t i = 0; i < np; i++) {
		jw_object_begin(w);
		node_json(w, p, path[i]);
		jw_object_end(w);
	}
	jw_array_end(w);
	free(path);

	if (o->tree) {
		jw_key(w, "tree");
		tree_json(w, p, o);
	}
	nw = prof_summary_warnings(p, o, &warn);
	jw_key(w, "warnings");
	jw_array_begin(w);
	for (size_t i = 0; i < nw; i++) {
		jw_string(w, warn[i]);
		free(warn[i]);
	}
	jw_array_end(w);
	free(warn);
	jw_object_end(w);
	free(a);
}

int
prof_summary_write(FILE *f, const struct prof *p,
		   const struct prof_summary_opts *o)
{
	struct prof_agg *a;
	size_t n, nw;
	char **warn;
	bool md = o->format == PS_MARKDOWN;

	if (o->format == PS_JSON) {
		struct jw w;

		jw_init(&w, f, 2);
		prof_summary_json(&w, p, o);
		jw_free(&w);
		fputc('\n', f);
		return ferror(f) ? -1 : 0;
	}
	n = prof_aggregate(p, &a);
	header_text(f, p, md);
	nw = prof_summary_warnings(p, o, &warn);
	if (nw > 0) {
		fputs(md ? "\n" : "\n", f);
		for (size_t i = 0; i < nw; i++) {
			if (md) {
				fputs("> **warning:** ", f);
				fmt_md_escape(f, warn[i]);
				fputs("\n>\n", f);
			} else {
				fprintf(f, "  warning: %s\n", warn[i]);
			}
			free(warn[i]);
		}
		free(warn);
	}
	prof_agg_sort_time(p, a, n);
	top_text(f, p, a, n, o->top, true, md);
	prof_agg_sort_alloc(p, a, n);
	top_text(f, p, a, n, o->top, false, md);
	hot_text(f, p, md);
	if (o->tree)
		tree_text(f, p, o, md);
	free(a);
	return ferror(f) ? -1 : 0;
}

/* ------------------------------------------------------------------ */

struct ps_input {
	struct pk_in *in;
	struct el_reader *el;   /* an eventlog: its header is read */
	struct hp_profile *hp;  /* a .hp: read */
	struct prof *prof;      /* a .prof: read */
};

struct ps_input *
prof_summary_open(const char *path, struct pk_err *err)
{
	struct ps_input *x;
	struct pk_in *in = pk_in_open(path, err);
	unsigned char head[64];
	ssize_t hn;

	if (in == NULL)
		return NULL;
	hn = pk_in_peek(in, head, sizeof head, err);
	if (hn < 0) {
		pk_in_close(in);
		return NULL;
	}
	x = pk_xcalloc(1, sizeof *x);
	x->in = in;
	if (hn >= 4 && memcmp(head, "hdrb", 4) == 0)
		x->el = el_open(in, err);
	else if (hn > 0 && hp_sniff(head, (size_t)hn))
		x->hp = ps_heap_read(in, err);
	else
		x->prof = prof_read(in, err);
	if (x->el == NULL && x->hp == NULL && x->prof == NULL) {
		prof_summary_close(x);
		return NULL;
	}
	return x;
}

void
prof_summary_close(struct ps_input *x)
{
	if (x == NULL)
		return;
	if (x->el)
		el_close(x->el);
	if (x->hp)
		hp_free(x->hp);
	if (x->prof)
		prof_free(x->prof);
	pk_in_close(x->in);
	free(x);
}

int
prof_summary_emit(FILE *f, struct jw *w, struct ps_input *x,
		  const struct prof_summary_opts *o, struct pk_err *err)
{
	struct prof *p = x->prof;

	if (x->el != NULL)
		return ps_eventlog(f, w, x->el, o, err);
	if (x->hp != NULL) {
		ps_heap_write(f, w, x->hp, pk_in_name(x->in), o);
		return 0;
	}
	if (w != NULL)
		prof_summary_json(w, p, o);
	else if (prof_summary_write(f, p, o) < 0) {
		pk_err_set(err, "write error: %s",
			   strerror(errno ? errno : EIO));
		return -1;
	}
	if (p->problem != NULL)
		pk_warn("%s (what was read is summarized)", p->problem);
	return 0;
}
