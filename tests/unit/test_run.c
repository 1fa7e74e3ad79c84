/* test_run.c - unit tests of the run area: member-name checks, the
 * report-script parser, GHC version comparison, and artifact completeness
 * on real GHC output (test-data/, and ../shared/corpus when present). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "archive_extract.h"
#include "run.h"

static void
test_names(void **state)
{
	struct arc_limits lim;

	(void)state;
	arc_limits_default(&lim);
	assert_null(arc_check_name("kore-exec.sh", &lim));
	assert_null(arc_check_name("./logs/a.log", &lim));
	assert_null(arc_check_name("a/b/", &lim));
	assert_null(arc_check_name("..x/y..", &lim));
	assert_non_null(arc_check_name("", &lim));
	assert_non_null(arc_check_name("/etc/passwd", &lim));
	assert_non_null(arc_check_name("../x", &lim));
	assert_non_null(arc_check_name("a/../../x", &lim));
	assert_non_null(arc_check_name("a/..", &lim));
	assert_non_null(arc_check_name("bad\x1bname", &lim));
	assert_non_null(arc_check_name("tab\tname", &lim));
	assert_non_null(arc_check_name("del\x7f", &lim));
	assert_non_null(arc_check_name(".", &lim));
	lim.max_depth = 2;
	assert_null(arc_check_name("a/b", &lim));
	assert_non_null(arc_check_name("a/b/c", &lim));
	lim.max_name = 5;
	assert_non_null(arc_check_name("abcdef", &lim));
}

static void
test_script(void **state)
{
	static const char text[] =
		"#!/bin/sh\n"
		"# comment\n"
		"exec kore-exec \\\n"
		"    definition.kore \\\n"
		"    --module IMP \\\n"
		"    \\\n"
		"    --smt-tactic '(or-else a \"b\")' \\\n"
		"    --depth=20 \\\n"
		"    --search \\\n"
		"    --pattern \"pgm \\\"q\\\".kore\" \\\n"
		"    \"$@\"\n";
	struct arc_script sc;
	struct pk_err err = { 0 };

	(void)state;
	assert_int_equal(arc_script_parse(text, sizeof text - 1, "k.sh", &sc,
					   &err), 0);
	assert_string_equal(sc.command, "kore-exec");
	assert_true(sc.passes_args);
	assert_int_equal(sc.argc, 9);
	assert_string_equal(sc.argv[0], "definition.kore");
	assert_string_equal(arc_script_get(&sc, "--module"), "IMP");
	assert_string_equal(arc_script_get(&sc, "--smt-tactic"),
			    "(or-else a \"b\")");
	assert_string_equal(arc_script_get(&sc, "--depth"), "20");
	assert_string_equal(arc_script_get(&sc, "--search"), "");
	assert_string_equal(arc_script_get(&sc, "--pattern"), "pgm \"q\".kore");
	assert_null(arc_script_get(&sc, "--output"));
	assert_null(sc.opts[0].name);
	assert_string_equal(sc.opts[0].value, "definition.kore");
	arc_script_free(&sc);

	assert_int_equal(arc_script_parse("#!/bin/sh\nexec 'a\n", 15, "q.sh",
					  &sc, &err), -1);
	assert_non_null(strstr(err.msg, "q.sh:"));
	pk_err_clear(&err);
	assert_int_equal(arc_script_parse("# nothing\n", 10, "n.sh", &sc, &err),
			 -1);
	pk_err_clear(&err);
	assert_int_equal(arc_script_parse("exec\n", 5, "e.sh", &sc, &err), -1);
	pk_err_clear(&err);
	/* a plain command line, no exec */
	assert_int_equal(arc_script_parse("set -e\nkore-exec x.kore\n", 24,
					  "p.sh", &sc, &err), 0);
	assert_string_equal(sc.command, "kore-exec");
	assert_false(sc.passes_args);
	arc_script_free(&sc);
}

static void
test_modes(void **state)
{
	enum run_mode m;

	(void)state;
	assert_int_equal(run_mode_parse("prof", &m), 0);
	assert_int_equal(m, RUN_PROF);
	assert_string_equal(run_mode_rts(m), "-p -l-au");
	assert_string_equal(run_mode_rts(RUN_HEAP), "-hc -l -i0.1");
	assert_string_equal(run_mode_rts(RUN_INFOTABLES), "-hi -l -i0.1");
	assert_int_equal(run_mode_parse("heap-ish", &m), -1);
	assert_true(run_version_cmp("9.0.2", 9, 2) < 0);
	assert_true(run_version_cmp("9.2.1", 9, 2) == 0);
	assert_true(run_version_cmp("9.10.1", 9, 2) > 0);
	assert_true(run_version_cmp("8.10.7", 9, 2) < 0);
	assert_true(run_version_cmp("10.0", 9, 2) > 0);
}

static const char *srcdir, *corpus;

/* Returns 1 complete, 0 partial, -1 when the file is not there. */
static int
check(const char *dir, const char *rel, const char *kind, const char *want)
{
	char *path, *reason = NULL;
	bool complete = false;

	if (asprintf(&path, "%s/%s", dir, rel) < 0)
		abort();
	if (access(path, R_OK) != 0) {
		free(path);
		return -1;
	}
	run_check_artifact(path, kind, &complete, &reason);
	if (want != NULL && (reason == NULL || strstr(reason, want) == NULL))
		fail_msg("%s: wanted a reason with '%s', got '%s'", rel, want,
			 reason ? reason : "(complete)");
	free(reason);
	free(path);
	return complete;
}

static void
test_artifacts_test_data(void **state)
{
	char *td;

	(void)state;
	if (asprintf(&td, "%s/test-data", srcdir) < 0)
		abort();
	assert_int_equal(check(td, "heap/leak-hc.hp", "hp", NULL), 1);
	assert_int_equal(check(td, "heap/leak-hc-killed.hp", "hp",
			       "final empty sample"), 0);
	assert_int_equal(check(td, "heap/leak-hc.eventlog", "eventlog", NULL), 1);
	assert_int_equal(check(td, "heap/leak-hc-killed.eventlog", "eventlog",
			       "header only"), 0);
	assert_int_equal(check(td, "prof/ccprof-p.prof", "prof", NULL), 1);
	assert_int_equal(check(td, "prof/ccprof-sigint.prof", "prof", NULL), 1);
	assert_int_equal(check(td, "prof/ccprof-pj.prof", "prof-json", NULL), 1);
	assert_int_equal(check(td, "prof/ccprof-p.prof", "prof-json",
			       "not valid JSON"), 0);
	assert_int_equal(check(td, "prof/ccprof-sigterm.prof", "prof",
			       "empty"), 0);
	assert_int_equal(check(td, "heap/leak-hb-killed.hp", "hp",
			       "no sample after the initial one"), 0);
	free(td);
}

static void
test_artifacts_corpus(void **state)
{
	(void)state;
	if (access(corpus, R_OK) != 0) {
		/* distcheck has no corpus: test-data/ covered the same cases */
		print_message("# ../shared/corpus absent\n");
		return;
	}
	assert_int_equal(check(corpus, "prof/local-ghc902-sigterm.prof", "prof",
			       "empty"), 0);
	assert_int_equal(check(corpus, "prof/local-ghc902-sigint.prof", "prof",
			       NULL), 1);
	assert_int_equal(check(corpus, "heap/ghc902-leak-hy-killed.hp", "hp",
			       "final empty sample"), 0);
	assert_int_equal(check(corpus, "heap/ghc902-leak-hy-killed.eventlog",
			       "eventlog", "header only"), 0);
	assert_int_equal(check(corpus, "heap/ghc902-leak-hb-segfault.hp", "hp",
			       "no sample after the initial one"), 0);
	assert_int_equal(check(corpus, "heap/synthetic-trunc.hp", "hp", ""), 0);
	assert_int_equal(check(corpus, "heap/ghc902-leak-hy.eventlog",
			       "eventlog", NULL), 1);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_script),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_artifacts_test_data),
		cmocka_unit_test(test_artifacts_corpus),
	};

	srcdir = getenv("abs_top_srcdir");
	if (srcdir == NULL)
		srcdir = ".";
	corpus = getenv("PROFKIT_CORPUS");
	if (corpus == NULL)
		corpus = "../shared/corpus";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
