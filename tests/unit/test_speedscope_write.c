/* test_speedscope_write.c - unit tests of the speedscope writer. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "speedscope_write.h"

/* Write w and parse the result back. */
static json_t *
roundtrip(struct ss_writer *w, const struct ss_meta *meta)
{
	FILE *f = tmpfile();
	struct pk_err err = { NULL };
	json_error_t jerr;
	json_t *doc;

	assert_non_null(f);
	assert_int_equal(ss_write(w, f, meta, &err), 0);
	rewind(f);
	doc = json_loadf(f, 0, &jerr);
	if (doc == NULL)
		fail_msg("output is not JSON: %s (line %d)", jerr.text, jerr.line);
	fclose(f);
	return doc;
}

static json_t *
profile(json_t *doc, size_t i)
{
	return json_array_get(json_object_get(doc, "profiles"), i);
}

static void
test_frames_interned(void **state)
{
	struct ss_writer *w = ss_new();
	uint32_t a = ss_frame(w, "Main.main", "Main.hs", 3, 1);
	uint32_t b = ss_frame(w, "Main.main", "Main.hs", 3, 1);
	uint32_t c = ss_frame(w, "Main.main", "Other.hs", 3, 1);
	uint32_t d = ss_frame(w, "Main.main", NULL, 0, 0);
	uint32_t e = ss_framen(w, "Main.mainXYZ", 9, "Main.hs", 3, 1);

	(void)state;
	assert_int_equal(a, b);
	assert_int_not_equal(a, c);
	assert_int_not_equal(a, d);
	assert_int_not_equal(c, d);
	assert_int_equal(a, e);
	assert_int_equal(ss_frame_count(w), 3);
	/* many frames: the table grows and keeps every index */
	for (int i = 0; i < 5000; i++) {
		char name[32];

		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(ss_frame(w, name, NULL, i, 0), 3 + (uint32_t)i);
	}
	assert_int_equal(ss_frame(w, "f4321", NULL, 4321, 0), 3 + 4321);
	/* renaming keeps the index; the new name finds it, the old does not */
	ss_set_frame_name(w, d, "thread 5 (main)");
	assert_string_equal(ss_frame_name(w, d), "thread 5 (main)");
	assert_int_equal(ss_frame(w, "thread 5 (main)", NULL, 0, 0), d);
	assert_int_not_equal(ss_frame(w, "Main.main", NULL, 0, 0), d);
	assert_int_equal(ss_frame(w, "f17", NULL, 17, 0), 3 + 17);
	ss_free(w);
}

static void
test_sampled_merge(void **state)
{
	struct ss_writer *w = ss_new();
	uint32_t f0 = ss_frame(w, "root", "A.hs", 1, 2);
	uint32_t f1 = ss_frame(w, "leaf", NULL, 0, 0);
	uint32_t unused = ss_frame(w, "unused", NULL, 0, 0);
	uint32_t s1[] = { f0, f1 }, s2[] = { f0 };
	int p = ss_sampled(w, "prog (cap 0)", SS_NANOSECONDS);
	struct ss_profile_stats st;
	json_t *doc, *pr, *frames;

	(void)state;
	(void)unused;
	ss_sample(w, p, s1, 2, 10, 1000);
	ss_sample(w, p, s1, 2, 10, 1010);
	ss_sample(w, p, s2, 1, 10, 1020);
	ss_sample(w, p, s1, 2, 5, 1030);
	ss_sample(w, p, NULL, 0, 1, 1040);
	ss_stats(w, p, &st);
	assert_int_equal(st.raw_samples, 5);
	assert_int_equal(st.samples, 4);
	assert_int_equal(st.total_weight, 36);
	doc = roundtrip(w, &(struct ss_meta){ .name = "prog",
		.exporter = "test@1" });
	assert_string_equal(json_string_value(json_object_get(doc, "$schema")),
			    SS_SCHEMA_URL);
	assert_string_equal(json_string_value(json_object_get(doc, "exporter")),
			    "test@1");
	pr = profile(doc, 0);
	assert_string_equal(json_string_value(json_object_get(pr, "type")), "sampled");
	assert_string_equal(json_string_value(json_object_get(pr, "unit")), "nanoseconds");
	assert_int_equal(json_integer_value(json_object_get(pr, "startValue")), 1000);
	assert_int_equal(json_integer_value(json_object_get(pr, "endValue")), 1036);
	assert_int_equal(json_array_size(json_object_get(pr, "samples")), 4);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(pr, "weights"), 0)), 20);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(pr, "weights"), 3)), 1);
	assert_int_equal(json_array_size(json_array_get(json_object_get(pr, "samples"), 3)), 0);
	/* only used frames, no null: "leaf" has no file/line/col keys */
	frames = json_object_get(json_object_get(doc, "shared"), "frames");
	assert_int_equal(json_array_size(frames), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(frames, 0), "file")), "A.hs");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(frames, 0), "col")), 2);
	assert_null(json_object_get(json_array_get(frames, 1), "file"));
	assert_null(json_object_get(json_array_get(frames, 1), "line"));
	json_decref(doc);
	ss_free(w);
}

/* Events of profile i as a string "O0 O1 C1 ..." with times checked to
 * never decrease. */
static char *
events_str(json_t *pr)
{
	static char buf[4096];
	json_t *ev = json_object_get(pr, "events");
	size_t n = 0;
	json_int_t last = -1;

	buf[0] = '\0';
	for (size_t i = 0; i < json_array_size(ev); i++) {
		json_t *e = json_array_get(ev, i);
		json_int_t at = json_integer_value(json_object_get(e, "at"));

		assert_true(at >= last);
		last = at;
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s%d@%d",
				      i ? " " : "",
				      json_string_value(json_object_get(e, "type")),
				      (int)json_integer_value(json_object_get(e, "frame")),
				      (int)at);
	}
	return buf;
}

static void
test_evented_repair(void **state)
{
	struct ss_writer *w = ss_new();
	uint32_t a = ss_frame(w, "a", NULL, 0, 0);
	uint32_t b = ss_frame(w, "b", NULL, 0, 0);
	uint32_t c = ss_frame(w, "c", NULL, 0, 0);
	int p = ss_evented(w, "thread 1", SS_NANOSECONDS);
	json_t *doc;

	(void)state;
	ss_open(w, p, a, 10);
	ss_open(w, p, b, 20);
	ss_open(w, p, c, 25);
	assert_int_equal(ss_close(w, p, c, 30), SS_CLOSED);
	ss_open(w, p, c, 35);
	/* a closes while b and c are open: close c, b, a; re-open b, c */
	assert_int_equal(ss_close(w, p, a, 40), SS_REPAIRED);
	assert_int_equal(ss_open_depth(w, p), 2);
	assert_int_equal(ss_close(w, p, a, 45), SS_UNMATCHED);
	/* time going backwards is raised to the last time */
	assert_int_equal(ss_close(w, p, c, 38), SS_CLOSED);
	/* b left open: closed at the end */
	ss_set_end(w, p, 100);
	doc = roundtrip(w, &(struct ss_meta){ .name = "x" });
	assert_string_equal(events_str(profile(doc, 0)),
			    "O0@10 O1@20 O2@25 C2@30 O2@35 C2@40 C1@40 C0@40 "
			    "O1@40 O2@40 C2@40 C1@40");
	assert_int_equal(json_integer_value(json_object_get(profile(doc, 0), "endValue")), 100);
	assert_int_equal(json_integer_value(json_object_get(profile(doc, 0), "startValue")), 10);
	json_decref(doc);
	ss_free(w);
}

static void
test_evented_unwind(void **state)
{
	struct ss_writer *w = ss_new();
	uint32_t a = ss_frame(w, "outer", NULL, 0, 0);
	uint32_t b = ss_frame(w, "inner", NULL, 0, 0);
	int p = ss_evented(w, "thread 1", SS_NANOSECONDS);
	json_t *doc;

	(void)state;
	ss_open(w, p, a, 10);
	ss_open(w, p, b, 20);
	/* an exception skipped inner's close: both end at 30, none re-open */
	assert_int_equal(ss_close_unwind(w, p, a, 30), SS_REPAIRED);
	assert_int_equal(ss_open_depth(w, p), 0);
	assert_int_equal(ss_close_unwind(w, p, b, 31), SS_UNMATCHED);
	ss_open(w, p, b, 40);
	assert_int_equal(ss_close_unwind(w, p, b, 50), SS_CLOSED);
	doc = roundtrip(w, &(struct ss_meta){ .name = "x" });
	assert_string_equal(events_str(profile(doc, 0)),
			    "O0@10 O1@20 C1@30 C0@30 O1@40 C1@50");
	json_decref(doc);
	ss_free(w);
}

static void
test_order_and_active(void **state)
{
	struct ss_writer *w = ss_new();
	uint32_t a = ss_frame(w, "a", NULL, 0, 0);
	uint32_t b = ss_frame(w, "b", NULL, 0, 0);
	int p0 = ss_sampled(w, "p0", SS_NANOSECONDS);
	int p1 = ss_sampled(w, "p1", SS_BYTES);
	int p2 = ss_evented(w, "p2", SS_NANOSECONDS);
	int order[] = { p1, p2 };
	json_t *doc, *frames;

	(void)state;
	ss_sample(w, p0, &a, 1, 1, 0);
	ss_sample(w, p1, &b, 1, 7, 0);
	ss_open(w, p2, b, 5);
	doc = roundtrip(w, &(struct ss_meta){ .name = "x", .order = order,
		.norder = 2, .active_profile = 1 });
	assert_int_equal(json_array_size(json_object_get(doc, "profiles")), 2);
	assert_string_equal(json_string_value(json_object_get(profile(doc, 0), "name")), "p1");
	assert_string_equal(json_string_value(json_object_get(profile(doc, 0), "unit")), "bytes");
	assert_int_equal(json_integer_value(json_object_get(doc, "activeProfileIndex")), 1);
	/* frame a is only used by p0, which is not written */
	frames = json_object_get(json_object_get(doc, "shared"), "frames");
	assert_int_equal(json_array_size(frames), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(frames, 0), "name")), "b");
	assert_int_equal(json_integer_value(json_array_get(json_array_get(
		json_object_get(profile(doc, 0), "samples"), 0), 0)), 0);
	json_decref(doc);
	ss_free(w);
}

/* Many samples on several profiles: spooled through the temporary file in
 * chunks; every weight comes back in order. */
static void
test_spool_many(void **state)
{
	struct ss_writer *w = ss_new();
	int p[3];
	uint32_t f[40];
	json_t *doc;

	(void)state;
	for (int i = 0; i < 40; i++) {
		char name[16];

		snprintf(name, sizeof name, "f%d", i);
		f[i] = ss_frame(w, name, NULL, 0, 0);
	}
	for (int k = 0; k < 3; k++)
		p[k] = ss_sampled(w, k == 0 ? "a" : k == 1 ? "b" : "c", SS_NANOSECONDS);
	for (uint64_t i = 0; i < 200000; i++) {
		int k = (int)(i % 3);
		size_t depth = 1 + i % 40;

		ss_sample(w, p[k], f, depth, i + 1, i);
	}
	doc = roundtrip(w, &(struct ss_meta){ .name = "many" });
	for (int k = 0; k < 3; k++) {
		json_t *ws = json_object_get(profile(doc, (size_t)k), "weights");
		json_t *ss = json_object_get(profile(doc, (size_t)k), "samples");
		uint64_t want = 0, got = 0;

		for (uint64_t i = (uint64_t)k; i < 200000; i += 3)
			want += i + 1;
		for (size_t i = 0; i < json_array_size(ws); i++)
			got += (uint64_t)json_integer_value(json_array_get(ws, i));
		assert_int_equal(got, want);
		assert_int_equal(json_array_size(ss), json_array_size(ws));
		/* sample j of profile k is sample 3j+k of the input */
		assert_int_equal(json_array_size(json_array_get(ss, 1000)),
				 1 + (3 * 1000 + (size_t)k) % 40);
		assert_int_equal(json_integer_value(json_array_get(ws, 1000)),
				 3 * 1000 + k + 1);
	}
	json_decref(doc);
	ss_free(w);
}

static void
test_escaping(void **state)
{
	struct ss_writer *w = ss_new();
	uint32_t a = ss_framen(w, "q\"\\\n\xff<>", 7, "dir with space/F.hs", 1, 1);
	int p = ss_sampled(w, "n\"ame", SS_NANOSECONDS);
	json_t *doc, *fr;

	(void)state;
	ss_sample(w, p, &a, 1, 1, 0);
	doc = roundtrip(w, &(struct ss_meta){ .name = "x\ty" });
	fr = json_array_get(json_object_get(json_object_get(doc, "shared"), "frames"), 0);
	assert_string_equal(json_string_value(json_object_get(fr, "name")),
			    "q\"\\\n\xef\xbf\xbd<>");
	assert_string_equal(json_string_value(json_object_get(profile(doc, 0), "name")), "n\"ame");
	assert_string_equal(json_string_value(json_object_get(doc, "name")), "x\ty");
	json_decref(doc);
	ss_free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frames_interned),
		cmocka_unit_test(test_sampled_merge),
		cmocka_unit_test(test_evented_repair),
		cmocka_unit_test(test_evented_unwind),
		cmocka_unit_test(test_order_and_active),
		cmocka_unit_test(test_spool_many),
		cmocka_unit_test(test_escaping),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
