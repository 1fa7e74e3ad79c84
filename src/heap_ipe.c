/* heap_ipe.c - the table of info-table provenance (IPE) entries behind
 * the 0x... bands of a -hi heap profile: add, free, find by address.
 * Its readers (TSV in heap_convert.c, IPE events in heap_el.c) fill it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "heap_ipe.h"
#include "heap_private.h"

void
heap_ipe_free(struct heap_ipe *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct heap_ipe_entry *e = &t->e[i];
		free(e->table_name);
		free(e->closure_desc);
		free(e->ty_desc);
		free(e->label);
		free(e->module);
		free(e->srcloc);
	}
	free(t->e);
	memset(t, 0, sizeof *t);
}

void
heap_ipe_add(struct heap_ipe *t, const struct heap_ipe_entry *src)
{
	if (t->n >= t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->e = pk_xreallocarray(t->e, t->cap, sizeof *t->e);
	}
	struct heap_ipe_entry *e = &t->e[t->n++];
	e->addr = src->addr;
	e->table_name = pk_xstrdup(src->table_name ? src->table_name : "");
	e->closure_desc = pk_xstrdup(src->closure_desc ? src->closure_desc : "");
	e->ty_desc = pk_xstrdup(src->ty_desc ? src->ty_desc : "");
	e->label = pk_xstrdup(src->label ? src->label : "");
	e->module = pk_xstrdup(src->module ? src->module : "");
	e->srcloc = pk_xstrdup(src->srcloc ? src->srcloc : "");
	t->sorted = false;
}

static int
cmp_ipe(const void *a, const void *b)
{
	const struct heap_ipe_entry *x = a, *y = b;

	return (x->addr > y->addr) - (x->addr < y->addr);
}

const struct heap_ipe_entry *
heap_ipe_find(struct heap_ipe *t, uint64_t addr)
{
	if (!t->sorted) {
		qsort(t->e, t->n, sizeof *t->e, cmp_ipe);
		t->sorted = true;
	}
	struct heap_ipe_entry key = {.addr = addr};
	return t->n ? bsearch(&key, t->e, t->n, sizeof *t->e, cmp_ipe) : NULL;
}
