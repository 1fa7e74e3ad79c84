/* test_prof.c - the .prof readers on real GHC 9.0.2 profiles.
 *
 * The shell tests (tests/prof-read.sh) check the readers through
 * prof-dump; these check the model directly: header facts, the tree's
 * links and inherited counts, source spans, and what a cut profile keeps.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "input.h"
#include "prof.h"

static char *
fixture(const char *name)
{
	const char *top = getenv("abs_top_srcdir");

	return pk_xasprintf("%s/test-data/prof/%s", top ? top : ".", name);
}

static struct prof *
load(const char *name)
{
	struct pk_err err = { 0 };
	char *path = fixture(name);
	struct prof *p = prof_read_file(path, &err);

	if (p == NULL)
		print_error("%s: %s\n", path, err.msg ? err.msg : "?");
	assert_non_null(p);
	free(path);
	return p;
}

static char *
slurp(const char *name, size_t *len)
{
	struct pk_err err = { 0 };
	char *path = fixture(name), *buf = NULL;
	struct pk_in *in = pk_in_open(path, &err);

	assert_non_null(in);
	assert_int_equal(pk_in_slurp(in, &buf, len, &err), 0);
	pk_in_close(in);
	free(path);
	return buf;
}

/* Every node: children link back to it, depth is the parent's plus one,
 * inherited = individual + the children's inherited.  Returns the sums of
 * the individual counts. */
static void
check_tree(const struct prof *p, uint64_t *ticks, uint64_t *bytes)
{
	*ticks = *bytes = 0;
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct prof_node *n = &p->nodes[i];
		uint64_t it = n->ticks, ib = n->bytes;

		assert_true(n->cc < p->nccs);
		for (uint32_t c = n->first_child; c != PROF_NONE;
		     c = p->nodes[c].next_sibling) {
			assert_int_equal(p->nodes[c].parent, i);
			assert_int_equal(p->nodes[c].depth, n->depth + 1);
			it += p->nodes[c].inh_ticks;
			ib += p->nodes[c].inh_bytes;
		}
		if (n->parent == PROF_NONE)
			assert_int_equal(n->depth, 0);
		assert_int_equal(n->inh_ticks, it);
		assert_int_equal(n->inh_bytes, ib);
		*ticks += n->ticks;
		*bytes += n->bytes;
	}
}

static void
test_text_P(void **state)
{
	struct prof *p = load("ccprof-P.prof");
	uint64_t ticks, bytes;

	(void)state;
	assert_int_equal(p->format, PROF_TEXT);
	assert_true(p->has_header && p->has_counts && p->has_src);
	assert_int_equal(p->total_ticks, 620);
	assert_int_equal(p->total_alloc, 1148216368);
	assert_true(p->tick_interval_us == 1000);
	assert_int_equal(p->processors, 1);
	assert_string_equal(p->program, "ccprof");
	assert_null(p->problem);
	/* the flat table, in file order */
	assert_int_equal(p->nflat, 7);
	assert_string_equal(p->ccs[p->flat[0].cc].label, "collatz.go");
	assert_int_equal(p->flat[0].ticks, 368);
	assert_string_equal(p->ccs[p->flat[1].cc].label, "<+>");
	/* the tree: MAIN is the one root and carries everything */
	assert_string_equal(p->ccs[p->nodes[0].cc].label, "MAIN");
	assert_int_equal(p->nodes[0].no, 133);
	check_tree(p, &ticks, &bytes);
	assert_int_equal(ticks, p->total_ticks);
	assert_int_equal(bytes, p->total_alloc);
	assert_int_equal(p->nodes[0].inh_ticks, p->total_ticks);
	prof_free(p);
}

static void
test_json_pj(void **state)
{
	struct prof *p = load("ccprof-pj.prof");
	uint64_t ticks, bytes;
	bool saw_caf = false;

	(void)state;
	assert_int_equal(p->format, PROF_JSON);
	assert_true(p->has_counts && p->has_src && p->has_system);
	assert_null(p->problem);
	check_tree(p, &ticks, &bytes);
	assert_int_equal(ticks, p->total_ticks);
	assert_int_equal(bytes, p->total_alloc);
	for (size_t i = 0; i < p->nccs; i++) {
		assert_true(p->ccs[i].id >= 0);
		saw_caf |= p->ccs[i].is_caf;
	}
	assert_true(saw_caf);
	prof_free(p);
}

/* -p has no counts: individual %time over the tree sums to ~100. */
static void
test_text_p_percentages(void **state)
{
	struct prof *p = load("ccprof-p.prof");
	double t = 0, a = 0;

	(void)state;
	assert_false(p->has_counts);
	for (size_t i = 0; i < p->nnodes; i++) {
		t += p->nodes[i].time_pct;
		a += p->nodes[i].alloc_pct;
	}
	/* each row is rounded to 0.1: within half a step per row */
	assert_true(t > 99.0 && t < 101.0);
	assert_true(a > 99.0 && a < 101.0);
	prof_free(p);
}

/* A profile cut in the middle of the tree keeps the rows before the cut
 * and says where it stopped. */
static void
test_cut(void **state)
{
	struct pk_err err = { 0 };
	size_t len, cut;
	char *buf = slurp("ccprof-P.prof", &len);
	struct prof *whole, *p;

	(void)state;
	whole = prof_parse(buf, len, "ccprof-P.prof", &err);
	assert_non_null(whole);
	/* end the text in the middle of a tree line */
	cut = (size_t)(strstr(buf, "\n  collatz ") - buf) + 6;
	p = prof_parse(buf, cut, "cut.prof", &err);
	assert_non_null(p);
	assert_non_null(p->problem);
	assert_non_null(strstr(p->problem, "cut.prof:"));
	assert_true(p->nnodes > 0 && p->nnodes < whole->nnodes);
	for (size_t i = 0; i < p->nnodes; i++)
		assert_int_equal(p->nodes[i].no, whole->nodes[i].no);
	prof_free(p);
	prof_free(whole);

	/* nothing at all is an error with the documented message */
	assert_null(prof_parse(buf, 0, "empty.prof", &err));
	assert_non_null(strstr(err.msg, "no profile"));
	pk_err_clear(&err);
	/* something that is not a profile */
	assert_null(prof_parse("hello\n", 6, "hello.txt", &err));
	assert_non_null(err.msg);
	pk_err_clear(&err);
	free(buf);
}

static void
test_src_split(void **state)
{
	char *file = NULL;
	long line = 0, col = 0;

	(void)state;
	assert_true(prof_src_split("Ops.hs:(30,5)-(32,48)", &file, &line, &col));
	assert_string_equal(file, "Ops.hs");
	assert_int_equal(line, 30);
	assert_int_equal(col, 5);
	free(file);
	assert_true(prof_src_split("dir with space/F.hs:9:1-36", &file, &line,
				   &col));
	assert_string_equal(file, "dir with space/F.hs");
	assert_int_equal(line, 9);
	assert_int_equal(col, 1);
	free(file);
	file = NULL;
	assert_false(prof_src_split("<no location info>", &file, &line, &col));
	free(file);
	file = NULL;
	assert_false(prof_src_split("<entire-module>", &file, &line, &col));
	free(file);
}

static void
test_system(void **state)
{
	struct prof_cc gc = { .label = "GC", .module = "GC" };
	struct prof_cc user = { .label = "GC", .module = "Main" };
	struct prof_cc idle = { .label = "IDLE", .module = "IDLE" };

	(void)state;
	assert_true(prof_cc_is_system(&gc));
	assert_true(prof_cc_is_system(&idle));
	assert_false(prof_cc_is_system(&user));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_P),
		cmocka_unit_test(test_json_pj),
		cmocka_unit_test(test_text_p_percentages),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_src_split),
		cmocka_unit_test(test_system),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
