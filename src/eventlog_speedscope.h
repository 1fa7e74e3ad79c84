/* eventlog_speedscope.h - GHC eventlog to speedscope JSON (prefix el2ss_).
 *
 * One streaming pass over the log through the eventlog reader; samples and
 * events are spooled by the speedscope writer, so memory does not grow
 * with the length of the log.  Nothing is written to `out` unless the
 * whole log converted (a corrupt log leaves `out` untouched).
 *
 *   struct el2ss_opts o;
 *   el2ss_opts_init(&o);
 *   o.merge = true;
 *   if (el2ss_convert(&o, in, stdout, &err) != 0) ... err.msg ...
 *
 * What becomes what:
 * - PROF_SAMPLE_COST_CENTRE (+RTS -p -l-au): a sampled profile per
 *   capability, "PROGRAM (cap N)" (or one "PROGRAM" with merge); frames
 *   from the HEAP_PROF_COST_CENTRE definitions by id, "Module.label" with
 *   file/line/col from the source span; stacks root-first; every sample
 *   weighs the tick interval of PROF_BEGIN, in nanoseconds.
 * - spans (mode EL2SS_SPANS, or automatically when there are no samples):
 *   user messages "O<name>"/"C<name>" (prefixes configurable) and binary
 *   messages "START<name>"/"STOP <name>" open/close <name> in the Haskell
 *   thread running on the capability (RUN_THREAD/STOP_THREAD); without
 *   scheduler events (-l-au) per capability.  One evented profile per
 *   thread, "thread N" (with its label).
 * - threads (opts.threads): an evented profile per capability with a
 *   frame per running thread and GC spans.
 */
#ifndef PK_EVENTLOG_SPEEDSCOPE_H
#define PK_EVENTLOG_SPEEDSCOPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "input.h"

enum el2ss_mode {
	EL2SS_AUTO,    /* samples when present, else spans */
	EL2SS_SAMPLES, /* cost-centre samples only */
	EL2SS_SPANS,   /* spans only */
	EL2SS_NONE,    /* neither (only the --threads timeline) */
};

struct el2ss_opts {
	enum el2ss_mode mode;
	bool merge;             /* one sampled profile over all capabilities */
	bool drop_idle;         /* drop samples whose stack is only IDLE */
	bool threads;           /* add the per-capability thread timeline */
	const char *start_marker; /* window opens at first user marker with prefix */
	const char *end_marker;   /* window closes at first such marker after it */
	bool has_from, has_to;
	uint64_t from_ns, to_ns;  /* window in ns since the RTS started */
	const char *open_prefix;  /* "O" */
	const char *close_prefix; /* "C" */
	const char *const *match; /* keep spans whose name contains any */
	size_t nmatch;
	const char *const *exclude; /* drop spans whose name contains any */
	size_t nexclude;
	const char *name;         /* program name (default: from the log) */
	const char *exporter;     /* "eventlog2speedscope" (version appended) */
	int indent;               /* JSON indentation (0: compact) */
	FILE *stats;              /* per-profile figures go here (NULL: none) */
};

void el2ss_opts_init(struct el2ss_opts *o);

/* Convert the eventlog on `in` and write speedscope JSON to `out`.
 * Returns 0, or -1 with err set: corrupt log ("FILE: offset N: ..."),
 * nothing to convert (names the RTS flags that produce samples), write
 * failure.  A truncated log is converted as far as it goes, with a
 * warning (pk_warn). */
int el2ss_convert(const struct el2ss_opts *o, struct pk_in *in, FILE *out,
		  struct pk_err *err);

/* Parse a GHC source span: "F.hs:L:C-C", "F.hs:L:C", "F.hs:(L,C)-(L,C)".
 * Returns true and fills *file_len (bytes of the file name), *line, *col
 * when it is a span; "<built-in>", "<entire-module>", ... return false
 * with *file_len 0.  Anything else is a file name with no position. */
bool el2ss_parse_srcloc(const char *s, size_t n, size_t *file_len,
			int64_t *line, int64_t *col);

#endif
