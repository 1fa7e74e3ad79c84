/* prof_summary_private.h - what prof_summary.c, prof_summary_el.c and
 * prof_summary_hp.c share and no other module uses: the eventlog and .hp
 * parts of the summary. */
#ifndef PK_PROF_SUMMARY_PRIVATE_H
#define PK_PROF_SUMMARY_PRIVATE_H

#include "prof_summary.h"

struct el_reader;
struct hp_profile;
int ps_eventlog(FILE *f, struct jw *w, struct el_reader *r,
		const struct prof_summary_opts *o, struct pk_err *err);
struct hp_profile *ps_heap_read(struct pk_in *in, struct pk_err *err);
void ps_heap_write(FILE *f, struct jw *w, const struct hp_profile *p,
		   const char *name, const struct prof_summary_opts *o);

#endif
