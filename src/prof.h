/* prof.h - GHC cost-centre profiles (.prof): one model, two readers.
 *
 * prof_read() reads a text profile (+RTS -p, -P, -pa; GHC 6.x to 9.x) or
 * a JSON profile (+RTS -pj), told apart by content, into the same model:
 *
 *   header facts    program, command line, total time, ticks, tick
 *                   interval, processors, total alloc
 *   cost centres    interned by (label, module, src): ccs[]
 *   the tree        nodes[] in pre-order (parent before children, siblings
 *                   in file order), each one cost-centre stack with its
 *                   individual and inherited figures
 *   the flat table  flat[] as printed by the text profile (empty for -pj)
 *
 * Exact counts (ticks, bytes) exist per row for -P, -pa and -pj
 * (has_counts); for -p only the rounded percentages do.  Inherited counts
 * are always computed bottom-up from the individual ones; inherited
 * percentages are the file's own for text profiles and computed for -pj.
 *
 *   struct pk_err err = {0};
 *   struct prof *p = prof_read(in, &err);
 *   if (p == NULL) pk_err_die(&err, PK_EXIT_INPUT);
 *   if (p->problem != NULL) pk_warn("%s", p->problem);  // partial profile
 *   ...
 *   prof_free(p);
 */
#ifndef PK_PROF_H
#define PK_PROF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "input.h"

#define PROF_NONE UINT32_MAX

enum prof_format { PROF_TEXT, PROF_JSON };

/* A cost centre: what the summaries aggregate over. */
struct prof_cc {
	char *label;   /* may be "" (an empty SCC label) */
	char *module;
	char *src;     /* "" for old layouts without the SRC column */
	int64_t id;    /* -pj cost-centre id; -1 for text profiles */
	bool is_caf;   /* -pj is_caf, or label "CAF" in text profiles */
};

/* One row of the tree: a cost-centre stack. */
struct prof_node {
	uint32_t cc;           /* index into ccs[] */
	uint32_t parent;       /* index into nodes[], PROF_NONE for a root */
	uint32_t first_child;  /* PROF_NONE when a leaf */
	uint32_t next_sibling; /* PROF_NONE when last */
	uint32_t depth;        /* 0 for a root */
	int64_t no;            /* the "no." column (ccs id); -1 for -pj */
	uint64_t entries;
	uint64_t ticks, bytes;         /* individual; 0 without has_counts */
	uint64_t inh_ticks, inh_bytes; /* computed bottom-up */
	double time_pct, alloc_pct;         /* individual */
	double inh_time_pct, inh_alloc_pct; /* inherited */
	uint64_t line;         /* line in a text file (1-based); 0 for -pj */
};

/* One row of the text profile's flat table (top cost centres). */
struct prof_flat {
	uint32_t cc;
	double time_pct, alloc_pct;
	uint64_t ticks, bytes; /* when has_counts */
};

struct prof {
	enum prof_format format;
	char *name;        /* input name, for messages */
	char *date;        /* "Mon Nov 23 06:55 2026" or NULL */
	char *program;     /* first word of the command line, or NULL */
	char *command;     /* the whole command line as printed, or NULL */
	double total_time_s;
	uint64_t total_ticks;
	double tick_interval_us; /* 0 when unknown */
	uint32_t processors;     /* 0 when the file does not say */
	uint64_t total_alloc;
	bool has_header;   /* total time/alloc lines (or JSON keys) were read */
	bool has_counts;   /* per-row ticks and bytes (-P, -pa, -pj) */
	bool has_src;      /* SRC column present (GHC >= 8.0, -pj) */
	bool has_system;   /* GC/SYSTEM/IDLE rows present (-pa, -pj) */

	struct prof_cc *ccs;
	size_t nccs;
	struct prof_node *nodes;
	size_t nnodes;
	struct prof_flat *flat;
	size_t nflat;

	/* A profile that ended early or had a garbled line: what was read
	 * before is kept, and this says where and why ("FILE:LINE: ...").
	 * NULL for a complete profile. */
	char *problem;

	void *priv; /* reader internals (the interning table) */
};

/* The message for a 0-byte .prof (exit 1 in every tool). */
#define PROF_EMPTY_MSG \
	"no profile: the file is empty; the program was killed before " \
	"shutdown (GHC writes .prof only on orderly exit; use SIGINT, not " \
	"SIGTERM/SIGKILL)"

/* Read a whole profile from in (text or JSON by content).  NULL with err
 * set when nothing usable was read (empty file, not a profile, I/O). */
struct prof *prof_read(struct pk_in *in, struct pk_err *err);
/* Open PATH ("-" = stdin) and read it. */
struct prof *prof_read_file(const char *path, struct pk_err *err);
/* Parse a buffer already in memory; name is used in messages. */
struct prof *prof_parse(const char *buf, size_t len, const char *name,
			struct pk_err *err);
struct prof *prof_parse_text(const char *buf, size_t len, const char *name,
			     struct pk_err *err);
struct prof *prof_parse_json(const char *buf, size_t len, const char *name,
			     struct pk_err *err);
void prof_free(struct prof *p);

/* Does this buffer look like a .prof (text or JSON)?  For tools that take
 * several kinds of input and sniff. */
bool prof_sniff(const char *buf, size_t len);

/* Is the cost centre one of the RTS's own (GC, SYSTEM, IDLE, PINNED,
 * OVERHEAD_of, DONT_CARE) rather than program code? */
bool prof_cc_is_system(const struct prof_cc *cc);

/* Split a GHC source span "dir/F.hs:12:3-9", "F.hs:(26,1)-(33,21)",
 * "F.hs:4:5" into file, line and column (1-based).  Returns false for
 * "<built-in>", "<entire-module>", "<no location info>" and anything
 * else without a position (*file then gets the whole text or NULL). */
bool prof_src_split(const char *src, char **file, long *line, long *col);

/* Index of the first root's heaviest child chain etc. live in
 * prof_summary.h; these helpers are for every user of the model: */

/* Individual time of node i as a fraction of the total in [0,1]: ticks
 * when counted, else the percentage column. */
double prof_node_time_frac(const struct prof *p, size_t i);
double prof_node_alloc_frac(const struct prof *p, size_t i);
double prof_node_inh_time_frac(const struct prof *p, size_t i);
double prof_node_inh_alloc_frac(const struct prof *p, size_t i);

#endif
