/* fuzz_prof.c - fuzz target for the .prof readers (text and -pj JSON)
 * and everything the tools compute from the model.
 *
 * The input goes to prof_parse_text (always: the text reader is the hand-
 * written one), then to prof_parse (JSON when it starts with '{'); every
 * model that comes back is summarized and converted to folded stacks, so
 * a reader that builds an inconsistent model (bad parent or cost-centre
 * index, depth jump) shows up under the sanitizers.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "prof.h"
#include "prof_speedscope.h"
#include "prof_summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
exercise(struct prof *p)
{
	static FILE *null;
	struct prof_summary_opts o;

	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	prof_summary_opts_init(&o);
	o.tree = true;
	o.tree_threshold = 0;
	prof_summary_write(null, p, &o);
	o.format = PS_JSON;
	prof_summary_write(null, p, &o);
	prof_write_folded(p, null, PROF_W_TIME);
	prof_write_folded(p, null, PROF_W_ALLOC);
	/* model invariants */
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct prof_node *n = &p->nodes[i];

		if (n->cc >= p->nccs ||
		    (n->parent != PROF_NONE && (n->parent >= i ||
		     p->nodes[n->parent].depth + 1 != n->depth)) ||
		    (n->parent == PROF_NONE && n->depth != 0)) {
			fprintf(stderr, "fuzz_prof: bad node %zu: cc %u "
				"parent %u depth %u\n", i, n->cc, n->parent,
				n->depth);
			abort();
		}
	}
	/* links agree with parents: every node is reached exactly once */
	{
		size_t seen = 0;

		for (uint32_t r = p->nnodes ? 0 : PROF_NONE; r != PROF_NONE;
		     r = p->nodes[r].next_sibling) {
			if (p->nodes[r].parent != PROF_NONE)
				abort();
			seen++;
		}
		for (size_t i = 0; i < p->nnodes; i++) {
			uint64_t it = p->nodes[i].ticks, ib = p->nodes[i].bytes;

			for (uint32_t k = p->nodes[i].first_child;
			     k != PROF_NONE; k = p->nodes[k].next_sibling) {
				it += p->nodes[k].inh_ticks;
				ib += p->nodes[k].inh_bytes;
			}
			if (it != p->nodes[i].inh_ticks ||
			    ib != p->nodes[i].inh_bytes) {
				fprintf(stderr, "fuzz_prof: node %zu: inherited "
					"counts are not the sum\n", i);
				abort();
			}
		}
		for (size_t i = 0; i < p->nnodes; i++)
			for (uint32_t k = p->nodes[i].first_child;
			     k != PROF_NONE; k = p->nodes[k].next_sibling) {
				if (p->nodes[k].parent != i) {
					fprintf(stderr, "fuzz_prof: node %u "
						"linked under %zu, parent %u\n",
						k, i, p->nodes[k].parent);
					abort();
				}
				seen++;
			}
		if (seen != p->nnodes) {
			fprintf(stderr, "fuzz_prof: %zu of %zu nodes linked\n",
				seen, p->nnodes);
			abort();
		}
	}
	prof_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pk_err err = { NULL };
	struct prof *p;

	p = prof_parse_text((const char *)data, size, "fuzz", &err);
	if (p != NULL)
		exercise(p);
	pk_err_clear(&err);
	p = prof_parse((const char *)data, size, "fuzz", &err);
	if (p != NULL)
		exercise(p);
	pk_err_clear(&err);
	return 0;
}
