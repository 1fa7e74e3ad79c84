/* prof_speedscope.h - a cost-centre profile as speedscope JSON or folded
 * stacks (prof2speedscope; prof-pipeline's prof-speedscope.json).
 *
 * Two sampled profiles: time (weight = ticks x tick interval, in ns) and
 * allocation (weight = bytes).  Each tree row with a non-zero individual
 * figure is one sample whose stack is the row's cost-centre stack, root
 * first; frames are "Module.label" with file, line and column from the
 * source span.  A -p profile has no per-row counts: ticks and bytes are
 * then apportioned from the rounded percentages so that they still sum
 * to the header's totals (*estimated is set).
 */
#ifndef PK_PROF_SPEEDSCOPE_H
#define PK_PROF_SPEEDSCOPE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "prof.h"

enum prof_weight { PROF_W_BOTH, PROF_W_TIME, PROF_W_ALLOC };

/* Per-node individual ticks and bytes: exact, or apportioned from the
 * percentages (largest remainder) for -p.  Arrays of p->nnodes; returns
 * true when estimated. */
bool prof_node_counts(const struct prof *p, uint64_t **ticks,
		      uint64_t **bytes);

/* Speedscope JSON to f.  Returns 0, or -1 with err set. */
int prof_write_speedscope(const struct prof *p, FILE *f, enum prof_weight w,
			  const char *exporter, struct pk_err *err);

/* Folded stacks "MAIN.MAIN;Main.main;Main.fib 42\n", one line per stack
 * with a non-zero weight (ticks for PROF_W_TIME, bytes for PROF_W_ALLOC).
 * Returns 0 or -1 on a write error. */
int prof_write_folded(const struct prof *p, FILE *f, enum prof_weight w);

#endif
