/* prof-dump - print what the .prof reader made of a file, for tests.
 *
 *   prof-dump FILE
 *
 * Line 1: "header" and the header facts, TAB-separated:
 *   program total_time_s total_ticks tick_interval_us processors
 *   total_alloc has_counts has_src has_system
 * Then one line per tree row (pre-order):
 *   "row" depth label module src no entries ticks bytes %time %alloc
 *   inh%time inh%alloc inh_ticks inh_bytes
 * Then one line per flat-table row:
 *   "flat" label module src %time %alloc ticks bytes
 * A partial read prints "problem" and the message last; exit 1 when
 * nothing could be read.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "fe.h"
#include "prof.h"

int
main(int argc, char **argv)
{
	struct pk_err err = { NULL };
	struct prof *p;

	if (argc != 2) {
		fputs("usage: prof-dump FILE\n", stderr);
		return 2;
	}
	pk_set_progname(argv[0]);
	if ((p = prof_read_file(argv[1], &err)) == NULL)
		pk_err_die(&err, 1);
	printf("header\t%s\t%g\t%" PRIu64 "\t%g\t%u\t%" PRIu64 "\t%d\t%d\t%d\n",
	       p->program ? p->program : "", p->total_time_s, p->total_ticks,
	       p->tick_interval_us, p->processors, p->total_alloc,
	       p->has_counts, p->has_src, p->has_system);
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct prof_node *n = &p->nodes[i];
		const struct prof_cc *c = &p->ccs[n->cc];

		printf("row\t%u\t%s\t%s\t%s\t%" PRId64 "\t%" PRIu64 "\t%" PRIu64
		       "\t%" PRIu64 "\t%.1f\t%.1f\t%.1f\t%.1f\t%" PRIu64 "\t%"
		       PRIu64 "\n", n->depth, c->label, c->module, c->src,
		       n->no, n->entries, n->ticks, n->bytes, n->time_pct,
		       n->alloc_pct, n->inh_time_pct, n->inh_alloc_pct,
		       n->inh_ticks, n->inh_bytes);
	}
	for (size_t i = 0; i < p->nflat; i++) {
		const struct prof_flat *f = &p->flat[i];
		const struct prof_cc *c = &p->ccs[f->cc];

		printf("flat\t%s\t%s\t%s\t%.1f\t%.1f\t%" PRIu64 "\t%" PRIu64 "\n",
		       c->label, c->module, c->src, f->time_pct, f->alloc_pct,
		       f->ticks, f->bytes);
	}
	if (p->problem)
		printf("problem\t%s\n", p->problem);
	prof_free(p);
	return 0;
}
