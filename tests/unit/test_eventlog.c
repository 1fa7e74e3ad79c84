/* test_eventlog.c - unit tests of the eventlog reader's API on the
 * committed logs in test-data/hostile/ (real logs with one change each,
 * see the README there). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "eventlog.h"
#include "input.h"

static char *
path(const char *name)
{
	const char *src = getenv("abs_top_srcdir");

	return pk_xasprintf("%s/test-data/hostile/%s", src ? src : ".", name);
}

struct opened {
	struct pk_in *in;
	struct el_reader *r;
	char *p;
};

static struct opened
open_log(const char *name)
{
	struct pk_err err = { NULL };
	struct opened o;

	o.p = path(name);
	o.in = pk_in_open(o.p, &err);
	assert_non_null(o.in);
	o.r = el_open(o.in, &err);
	assert_non_null(o.r);
	return o;
}

static void
close_log(struct opened *o)
{
	el_close(o->r);
	pk_in_close(o->in);
	free(o->p);
}

/* Header declarations, extra bytes of widened events, new types. */
static void
test_types_and_wider_events(void **state)
{
	struct opened o = open_log("future-types-and-wider-events.eventlog");
	const struct el_type *t;
	struct pk_err err = { NULL };
	struct el_event ev;
	uint64_t last = 0, n = 0, runs = 0, fixed = 0, var = 0;
	struct stat st;
	int rc;

	(void)state;
	t = el_type_info(o.r, EL_RUN_THREAD);
	assert_non_null(t);
	assert_int_equal(t->size, 7); /* 4, widened by 3 */
	assert_true(t->declared);
	assert_int_equal(t->desc.n, strlen("Run thread"));
	assert_memory_equal(t->desc.p, "Run thread", t->desc.n);
	t = el_type_info(o.r, 251);
	assert_non_null(t);
	assert_int_equal(t->size, 3);
	t = el_type_info(o.r, 252);
	assert_non_null(t);
	assert_int_equal(t->size, -1);
	assert_null(el_type_info(o.r, 238));
	assert_null(el_type_info(o.r, 4000));

	while ((rc = el_next(o.r, &ev, &err)) > 0) {
		assert_true(n == 0 || ev.offset > last);
		last = ev.offset;
		n++;
		switch (ev.type) {
		case EL_RUN_THREAD:
			assert_true(ev.decoded);
			assert_int_equal(ev.size, 7);
			assert_int_equal(ev.cap, 0);
			assert_true(el_fields(&ev)->thread.thread >= 1);
			runs++;
			break;
		case EL_STOP_THREAD:
			assert_true(ev.decoded);
			assert_int_equal(ev.size, 16);
			assert_true(el_fields(&ev)->stop.status >= 1 &&
				    el_fields(&ev)->stop.status <= 20);
			break;
		case 251:
			assert_false(ev.decoded);
			assert_int_equal(ev.size, 3);
			assert_memory_equal(ev.payload, "\1\2\3", 3);
			fixed++;
			break;
		case 252:
			assert_int_equal(ev.size, 5);
			assert_memory_equal(ev.payload, "hello", 5);
			var++;
			break;
		case EL_RTS_IDENTIFIER: {
			char *s = el_strdup(el_fields(&ev)->capset_text.text);

			assert_true(ev.decoded);
			assert_int_equal(ev.cap, EL_NO_CAP);
			assert_string_equal(s, "GHC-8.6.5 rts_l");
			free(s);
			break;
		}
		default:
			break;
		}
	}
	assert_int_equal(rc, 0);
	assert_false(el_truncated(o.r));
	assert_int_equal(n, 53);
	assert_int_equal(runs, 4);
	assert_int_equal(fixed, 4);
	assert_int_equal(var, 4);
	assert_int_equal(el_block_count(o.r), 2);
	/* the end marker is the last thing in the file */
	assert_int_equal(stat(o.p, &st), 0);
	assert_int_equal(el_offset(o.r), (uint64_t)st.st_size);
	/* el_next keeps returning 0 at the end */
	assert_int_equal(el_next(o.r, &ev, &err), 0);
	close_log(&o);
}

static void
test_truncated(void **state)
{
	struct opened o = open_log("cut-mid-event.eventlog");
	struct pk_err err = { NULL };
	struct el_event ev;
	uint64_t n = 0, end = 0;
	int rc;

	(void)state;
	while ((rc = el_next(o.r, &ev, &err)) > 0) {
		n++;
		end = ev.offset + 10 + ev.size +
			(el_type_info(o.r, ev.type)->size < 0 ? 2 : 0);
	}
	assert_int_equal(rc, 0);
	assert_true(el_truncated(o.r));
	assert_int_equal(n, 22);
	assert_int_equal(el_offset(o.r), end);
	close_log(&o);
}

static void
test_undeclared(void **state)
{
	struct opened o = open_log("undeclared-event-id.eventlog");
	struct pk_err err = { NULL };
	struct el_event ev;
	int rc;

	(void)state;
	while ((rc = el_next(o.r, &ev, &err)) > 0)
		;
	assert_int_equal(rc, -1);
	assert_non_null(err.msg);
	assert_non_null(strstr(err.msg, "offset 2113: event type 238"));
	pk_err_clear(&err);
	close_log(&o);
}

static void
test_helpers(void **state)
{
	static const unsigned char raw[] = { 0, 0, 0, 7, 0, 1, 0, 2 };
	struct el_ccs s = { raw, 2 };
	struct el_str str = { "abcdef", 3 };
	char *d = el_strdup(str);

	(void)state;
	assert_int_equal(el_ccs_at(s, 0), 7);
	assert_int_equal(el_ccs_at(s, 1), 65538);
	assert_int_equal(el_ccs_at(s, 2), 0); /* past the depth */
	assert_string_equal(d, "abc");
	free(d);
	assert_string_equal(el_breakdown_name(EL_HEAP_BY_TYPE),
			    "type description");
	assert_string_equal(el_breakdown_name(99), "unknown");
}

static void
test_not_eventlog(void **state)
{
	struct pk_err err = { NULL };
	char *p = path("README");
	struct pk_in *in = pk_in_open(p, &err);

	(void)state;
	assert_non_null(in);
	assert_null(el_open(in, &err));
	assert_non_null(strstr(err.msg, "offset 0: not a GHC eventlog"));
	pk_err_clear(&err);
	pk_in_close(in);
	free(p);
}

/* GHC 9.6 and 9.10 declare every IPE event one byte longer than its
 * fields (test-data/ghc-VERSION/leak-it-hi.eventlog, real runs): each
 * one is read with the size of its fields, and the next event starts
 * right after them. */
static void
test_ipe_sizes(void **state)
{
	static const char *const logs[] = { "ghc-9.6", "ghc-9.10" };
	const char *src = getenv("abs_top_srcdir");

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct pk_err err = { NULL };
		char *p = pk_xasprintf("%s/test-data/%s/leak-it-hi.eventlog",
				       src ? src : ".", logs[i]);
		struct pk_in *in = pk_in_open(p, &err);
		struct el_reader *r;
		struct el_event ev;
		uint64_t next = 0, nipe = 0, located = 0;
		int rc;

		assert_non_null(in);
		r = el_open(in, &err);
		assert_non_null(r);
		while ((rc = el_next(r, &ev, &err)) > 0) {
			if (ev.type != EL_IPE)
				continue;
			if (next != 0 && ev.offset != next)
				fail_msg("%s: IPE at %llu, expected %llu", p,
					 (unsigned long long)ev.offset,
					 (unsigned long long)next);
			const union el_fields *f = el_fields(&ev);

			assert_non_null(f);
			/* u64 + six strings, each with its NUL */
			assert_int_equal(ev.size,
					 8 + f->ipe.table_name.n +
					 f->ipe.closure_desc.n +
					 f->ipe.ty_desc.n + f->ipe.label.n +
					 f->ipe.module.n + f->ipe.srcloc.n + 6);
			next = ev.offset + 12 + ev.size;
			nipe++;
			if (strncmp(f->ipe.srcloc.p, "Leak.hs:", 8) == 0)
				located++;
		}
		assert_int_equal(rc, 0);
		assert_false(el_truncated(r));
		assert_true(nipe > 50);
		assert_true(located > 10);
		el_close(r);
		pk_in_close(in);
		free(p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types_and_wider_events),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_undeclared),
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_not_eventlog),
		cmocka_unit_test(test_ipe_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
