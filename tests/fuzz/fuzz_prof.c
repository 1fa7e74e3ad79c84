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

		if (n->cc >= p->nccs)
			abort();
		if (n->parent != PROF_NONE &&
		    (n->parent >= i || p->nodes[n->parent].depth + 1 != n->depth))
			abort();
		if (n->parent == PROF_NONE && n->depth != 0)
			abort();
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
