/* eventlog-dump - test helper: print the events the reader decodes, one
 * per line, in the words `ghc-events show` uses, so that tests can compare
 * typed fields against the .reference dumps:
 *
 *   TIME: [cap N: ]TEXT
 *
 * Types without a text here print "event TYPE (N bytes)".  Exit 0, or 1
 * on a read error (the message on stderr); "truncated" on stderr when the
 * log ends early.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "fe.h"
#include "eventlog.h"
#include "input.h"
#include "output.h"

static void
str(const char *pre, struct el_str s)
{
	printf("%s%.*s", pre, (int)s.n, s.p);
}

static const char *
breakdown(uint32_t b)
{
	switch (b) {
	case EL_HEAP_BY_CCS: return "cost centre";
	case EL_HEAP_BY_MOD: return "module";
	case EL_HEAP_BY_DESCR: return "closure description";
	case EL_HEAP_BY_TYPE: return "type description";
	case EL_HEAP_BY_RETAINER: return "retainer set";
	case EL_HEAP_BY_LDV: return "biography";
	case EL_HEAP_BY_CLOSURE_TYPE: return "closure type";
	default: return el_breakdown_name(b);
	}
}

static void
print_event(const struct el_event *e)
{
	printf("%" PRIu64 ": ", e->time);
	if (e->cap != EL_NO_CAP)
		printf("cap %u: ", e->cap);
	const union el_fields *f = el_fields(e);

	if (f == NULL) {
		printf("event %u (%" PRIu32 " bytes)\n", e->type, e->size);
		return;
	}
	switch (e->type) {
	case EL_CREATE_THREAD:
		printf("creating thread %" PRIu32, f->thread.thread);
		break;
	case EL_RUN_THREAD:
		printf("running thread %" PRIu32, f->thread.thread);
		break;
	case EL_STOP_THREAD:
		printf("stopping thread %" PRIu32 " (status %u", f->stop.thread,
		       f->stop.status);
		if (f->stop.blocked_on)
			printf(", blocked on black hole owned by thread %" PRIu32,
			       f->stop.blocked_on);
		putchar(')');
		break;
	case EL_MIGRATE_THREAD:
		printf("migrating thread %" PRIu32 " to cap %u",
		       f->migrate.thread, f->migrate.other_cap);
		break;
	case EL_THREAD_WAKEUP:
		printf("waking up thread %" PRIu32 " on cap %u",
		       f->migrate.thread, f->migrate.other_cap);
		break;
	case EL_THREAD_LABEL:
		printf("thread %" PRIu32 " has label \"", f->thread_label.thread);
		str("", f->thread_label.label);
		putchar('"');
		break;
	case EL_LOG_MSG:
	case EL_USER_MSG:
		str("", f->msg.text);
		break;
	case EL_USER_MARKER:
		str("marker: ", f->msg.text);
		break;
	case EL_USER_BINARY_MSG:
		printf("binary message (%zu bytes)", f->msg.text.n);
		break;
	case EL_RTS_IDENTIFIER:
		printf("capset %" PRIu32 ": RTS version \"", f->capset_text.capset);
		str("", f->capset_text.text);
		putchar('"');
		break;
	case EL_PROGRAM_ARGS:
	case EL_PROGRAM_ENV: {
		struct el_str t = f->capset_text.text;
		size_t i, start = 0;

		printf("capset %" PRIu32 ": %s: [\"", f->capset_text.capset,
		       e->type == EL_PROGRAM_ARGS ? "args" : "env");
		for (i = 0; i <= t.n; i++) {
			if (i < t.n && t.p[i] != '\0')
				continue;
			printf("%s%.*s", start ? "\",\"" : "", (int)(i - start),
			       t.p + start);
			start = i + 1;
		}
		printf("\"]");
		break;
	}
	case EL_CAPSET_CREATE:
		printf("created capset %" PRIu32 " of type %u",
		       f->capset.capset, f->capset.value);
		break;
	case EL_CAPSET_DELETE:
		printf("deleted capset %" PRIu32, f->capset.capset);
		break;
	case EL_CAPSET_ASSIGN_CAP:
		printf("assigned cap %u to capset %" PRIu32, f->capset.value,
		       f->capset.capset);
		break;
	case EL_CAPSET_REMOVE_CAP:
		printf("removed cap %u from capset %" PRIu32, f->capset.value,
		       f->capset.capset);
		break;
	case EL_OSPROCESS_PID:
		printf("capset %" PRIu32 ": pid %" PRIu32, f->process.capset,
		       f->process.pid);
		break;
	case EL_OSPROCESS_PPID:
		printf("capset %" PRIu32 ": parent pid %" PRIu32,
		       f->process.capset, f->process.pid);
		break;
	case EL_CAP_CREATE:
		printf("created cap %u", f->cap.cap);
		break;
	case EL_CAP_DELETE:
		printf("deleted cap %u", f->cap.cap);
		break;
	case EL_WALL_CLOCK_TIME:
		printf("capset %" PRIu32 ": wall clock time %" PRIu64 "s %" PRIu32
		       "ns (unix epoch)", f->wall_clock.capset,
		       f->wall_clock.sec, f->wall_clock.nsec);
		break;
	case EL_HEAP_ALLOCATED:
		printf("allocated on heap capset %" PRIu32 ": %" PRIu64
		       " total bytes till now", f->heap.capset,
		       f->heap.bytes);
		break;
	case EL_HEAP_SIZE:
		printf("size of heap capset %" PRIu32 ": %" PRIu64 " bytes",
		       f->heap.capset, f->heap.bytes);
		break;
	case EL_HEAP_LIVE:
		printf("live data in heap capset %" PRIu32 ": %" PRIu64 " bytes",
		       f->heap.capset, f->heap.bytes);
		break;
	case EL_BLOCKS_SIZE:
		printf("blocks size of heap capset %" PRIu32 ": %" PRIu64
		       " bytes", f->heap.capset, f->heap.bytes);
		break;
	case EL_HEAP_INFO_GHC:
		printf("heap stats for heap capset %" PRIu32 ": generations %u, %"
		       PRIu64 " bytes max heap size, %" PRIu64 " bytes alloc "
		       "area size, %" PRIu64 " bytes mblock size, %" PRIu64
		       " bytes block size", f->heap_info.capset,
		       f->heap_info.gens, f->heap_info.max_heap,
		       f->heap_info.alloc_area, f->heap_info.mblock_size,
		       f->heap_info.block_size);
		break;
	case EL_GC_STATS_GHC:
		printf("GC stats for heap capset %" PRIu32 ": generation %u, %"
		       PRIu64 " bytes copied, %" PRIu64 " bytes slop, %" PRIu64
		       " bytes fragmentation, %" PRIu32 " par threads, %" PRIu64
		       " bytes max par copied, %" PRIu64 " bytes total par "
		       "copied", f->gc_stats.capset, f->gc_stats.gen,
		       f->gc_stats.copied, f->gc_stats.slop,
		       f->gc_stats.frag, f->gc_stats.par_n_threads,
		       f->gc_stats.par_max_copied,
		       f->gc_stats.par_tot_copied);
		if (e->size >= 58)
			printf(", %" PRIu64 " bytes balanced par copied",
			       f->gc_stats.par_balanced_copied);
		break;
	case EL_PROF_BEGIN:
		printf("start time profiling, tick interval %" PRIu64 " (ns)",
		       f->prof_begin.tick_interval);
		break;
	case EL_PROF_SAMPLE_COST_CENTRE:
		printf("cap %" PRIu32 ": time profile sample at tick %" PRIu64
		       ": ccs", f->prof_sample.capability,
		       f->prof_sample.tick);
		for (unsigned i = 0; i < f->prof_sample.stack.depth; i++)
			printf(" %" PRIu32, el_ccs_at(f->prof_sample.stack, i));
		break;
	case EL_HEAP_PROF_BEGIN:
		printf("start heap profiling %u at sampling period %" PRIu64
		       " broken down by %s", f->heap_prof_begin.profile_id,
		       f->heap_prof_begin.sampling_period,
		       breakdown(f->heap_prof_begin.breakdown));
		break;
	case EL_HEAP_PROF_COST_CENTRE:
		printf("cost centre %" PRIu32, f->cost_centre.id);
		str(" ", f->cost_centre.label);
		str(" in ", f->cost_centre.module);
		str(" at ", f->cost_centre.srcloc);
		if (f->cost_centre.flags & 1)
			printf(" CAF");
		break;
	case EL_HEAP_PROF_SAMPLE_BEGIN:
		printf("start heap prof sample %" PRIu64, f->heap_sample.era);
		break;
	case EL_HEAP_PROF_SAMPLE_END:
		printf("end prof sample %" PRIu64, f->heap_sample.era);
		break;
	case EL_HEAP_BIO_PROF_SAMPLE_BEGIN:
		printf("start heap prof sample %" PRIu64 " at time %" PRIu64,
		       f->bio_sample.era, f->bio_sample.time);
		break;
	case EL_HEAP_PROF_SAMPLE_COST_CENTRE:
		printf("heap prof sample %u, residency %" PRIu64
		       ", cost centre stack ", f->heap_sample_ccs.profile_id,
		       f->heap_sample_ccs.residency);
		for (unsigned i = 0; i < f->heap_sample_ccs.stack.depth; i++)
			printf("%s%" PRIu32, i ? " " : "",
			       el_ccs_at(f->heap_sample_ccs.stack, i));
		break;
	case EL_HEAP_PROF_SAMPLE_STRING:
		printf("heap prof sample %u, residency %" PRIu64 ", label ",
		       f->heap_sample_string.profile_id,
		       f->heap_sample_string.residency);
		str("", f->heap_sample_string.label);
		break;
	case EL_IPE:
		printf("Info Table: %" PRIx64 ":", f->ipe.info);
		str("", f->ipe.closure_desc);
		str(":", f->ipe.table_name);
		if (f->ipe.srcloc.n)
			str(" - ", f->ipe.srcloc);
		else {
			str(" - ", f->ipe.src_file);
			str(":", f->ipe.src_span);
		}
		str(" [label ", f->ipe.label);
		str("] [type ", f->ipe.ty_desc);
		str("] [module ", f->ipe.module);
		putchar(']');
		break;
	default:
		printf("event %u (%" PRIu32 " bytes)", e->type, e->size);
		break;
	}
	putchar('\n');
}

int
main(int argc, char **argv)
{
	struct pk_err err = { NULL };
	struct pk_in *in;
	struct el_reader *r;
	struct el_event ev;
	int rc;

	pk_set_progname(argv[0]);
	if (argc != 2)
		pk_usage_error("usage: eventlog-dump FILE");
	if ((in = pk_in_open(argv[1], &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	if ((r = el_open(in, &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	while ((rc = el_next(r, &ev, &err)) > 0)
		print_event(&ev);
	if (rc < 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	if (el_truncated(r))
		pk_warn_offset(el_name(r), el_offset(r), "truncated");
	printf("blocks: %" PRIu64 "\n", el_block_count(r));
	el_close(r);
	pk_in_close(in);
	return pk_close_stdout(&err) < 0 ? 1 : 0;
}
