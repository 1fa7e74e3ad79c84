/* heap_el.h - heap-profile samples from an eventlog (prefix hp_el_).
 *
 * Fills the same struct hp_profile as the .hp reader: samples grouped by
 * HEAP_PROF_SAMPLE_BEGIN/END (biographical samples at their own time),
 * cost-centre stack bands named "(id)a/b/c" like .hp (innermost cost
 * centre first; the full stack with modules in the band's detail), sample
 * strings for the other breakdowns, user markers as marks, HEAP_SIZE and
 * HEAP_LIVE as overlays.  Times are elapsed seconds.  IPE events are
 * collected into *ipe when it is not NULL.
 */
#ifndef PK_HEAP_EL_H
#define PK_HEAP_EL_H

#include "heap_convert.h"
#include "hp.h"
#include "input.h"

struct hp_profile *hp_read_eventlog(struct pk_in *in, struct heap_ipe *ipe,
				    struct pk_err *err);

#endif
