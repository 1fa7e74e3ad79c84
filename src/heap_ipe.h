/* heap_ipe.h - a table of IPE entries (info-table provenance), by address. */
#ifndef PK_HEAP_IPE_H
#define PK_HEAP_IPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One IPE entry: the info table behind a -hi band "0x…". */
struct heap_ipe_entry {
	uint64_t addr;
	char *table_name, *closure_desc, *ty_desc, *label, *module, *srcloc;
};
struct heap_ipe {
	struct heap_ipe_entry *e;
	size_t n, cap;
	bool sorted;
};
void heap_ipe_free(struct heap_ipe *t);
/* The entry for ADDR, or NULL (sorts the table on first use). */
const struct heap_ipe_entry *heap_ipe_find(struct heap_ipe *t, uint64_t addr);

#endif
