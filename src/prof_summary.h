/* prof_summary.h - what prof-summarize reports, as library calls.
 *
 * For a cost-centre profile (struct prof): the header facts, the top cost
 * centres by individual time and by allocation aggregated over every stack
 * they appear in, the hot path, an optional pruned call tree, and
 * warnings.  For an eventlog and a .hp: the facts listed in
 * prof-summarize(1).  Every report exists as text, markdown and JSON (the
 * JSON schema is documented in man/prof-summarize.1 and is stable).
 *
 * prof-pipeline writes its summary.md with prof_summary_file() per
 * artifact, format PS_MARKDOWN.
 */
#ifndef PK_PROF_SUMMARY_H
#define PK_PROF_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "json_write.h"
#include "prof.h"
#include "prof_agg.h"

enum ps_format { PS_TEXT, PS_MARKDOWN, PS_JSON };

struct prof_summary_opts {
	enum ps_format format;
	size_t top;             /* rows per top list (default 10) */
	bool tree;              /* include the pruned call tree */
	unsigned tree_depth;    /* deepest level shown, 0 = no limit */
	double tree_threshold;  /* hide subtrees under this inherited %time
				 * and %alloc (default 1.0) */
	uint64_t min_ticks;     /* warn when total ticks are below (100) */
};

void prof_summary_opts_init(struct prof_summary_opts *o);

/* The heaviest chain from the root: node indices, root first.  Weighted
 * by inherited time, or by allocation when the profile has no ticks. */
size_t prof_hot_path(const struct prof *p, uint32_t **out);

/* Warnings about the profile itself (GC/SYSTEM in the totals, too few
 * ticks, partial read).  Returns the count; free each and the array. */
size_t prof_summary_warnings(const struct prof *p,
			     const struct prof_summary_opts *o, char ***out);

/* Write the summary of one profile in o->format.  The JSON form writes
 * one object through w (so that several can go into an array); f is used
 * for text and markdown.  Returns 0, -1 on a write error. */
int prof_summary_write(FILE *f, const struct prof *p,
		       const struct prof_summary_opts *o);
void prof_summary_json(struct jw *w, const struct prof *p,
		       const struct prof_summary_opts *o);

/* Any artifact by content: a .prof (text or JSON), an eventlog, a .hp.
 * prof_summary_open opens PATH ("-" = stdin) and reads it far enough to
 * know it can be summarized (a .prof or a .hp entirely, an eventlog's
 * header), so that a caller opens its output only then; NULL with err set
 * when it cannot.  prof_summary_emit writes the summary (with w non-NULL,
 * JSON, the object goes through w): returns 0 (a partial input is
 * summarized with a warning through the sink, diag.h); -1 with err set.
 * prof_summary_close frees the input. */
struct ps_input;
struct ps_input *prof_summary_open(const char *path, struct pk_err *err);
int prof_summary_emit(FILE *f, struct jw *w, struct ps_input *x,
		      const struct prof_summary_opts *o, struct pk_err *err);
void prof_summary_close(struct ps_input *x);

/* A .hp read from in and summarized (prof-pipeline's summary.md). */
struct pk_in;
int ps_heap(FILE *f, struct jw *w, struct pk_in *in,
	    const struct prof_summary_opts *o, struct pk_err *err);

#endif
