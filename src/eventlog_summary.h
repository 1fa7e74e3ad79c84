/* eventlog_summary.h - what prof-summarize --events reports about an
 * eventlog: event counts per type, capabilities, time span, RTS version,
 * program arguments.  Collecting and printing are separate so that other
 * output formats (markdown, JSON) can render the same struct.
 */
#ifndef PK_EVENTLOG_SUMMARY_H
#define PK_EVENTLOG_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "input.h"

enum el_summary_format {
	EL_SUMMARY_TEXT,  /* the human-readable report */
	EL_SUMMARY_TOTAL, /* only the total number of events */
};

struct el_summary_type {
	uint16_t id;
	int32_t size;     /* declared payload size, -1 variable */
	char *name;       /* header description */
	uint64_t count;
};

struct el_summary {
	char *name;             /* input name */
	uint64_t events;        /* every event except block markers */
	uint64_t blocks;        /* block markers */
	uint64_t bytes;         /* offset past the last complete event */
	bool truncated;         /* the log stops early (killed program) */
	bool have_time;
	uint64_t first_time, last_time; /* ns */
	unsigned ncaps;         /* distinct capabilities (0..0xfffe) seen */
	uint16_t max_cap;
	char *rts_id;           /* RTS_IDENTIFIER, or NULL */
	char **args;            /* PROGRAM_ARGS, NULL-terminated, or NULL */
	size_t ntypes;          /* declared types, ascending id */
	struct el_summary_type *types;
};

/* Read the whole log from `in`.  Returns 0, or -1 with err set (the
 * summary is then freed).  A truncated log is not an error: check
 * s->truncated. */
int el_summary_collect(struct pk_in *in, struct el_summary *s,
		       struct pk_err *err);
void el_summary_print(const struct el_summary *s, FILE *out,
		      enum el_summary_format fmt);
void el_summary_free(struct el_summary *s);

#endif
