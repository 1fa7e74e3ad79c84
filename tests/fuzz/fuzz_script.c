/* fuzz_script.c - the report-script parser (arc_script_parse): any bytes
 * must parse or fail cleanly, and a parse must be self-consistent. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "archive_extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arc_script sc;
	struct pk_err err = { 0 };

	if (arc_script_parse((const char *)data, size, "fuzz.sh", &sc,
			     &err) == 0) {
		if (sc.command == NULL || sc.argv == NULL ||
		    sc.argv[sc.argc] != NULL || sc.nopts > sc.argc)
			abort();
		for (size_t i = 0; i < sc.nopts; i++)
			if (sc.opts[i].name == NULL && sc.opts[i].value == NULL)
				abort();
		(void)arc_script_get(&sc, "--module");
		arc_script_free(&sc);
	} else if (err.msg == NULL) {
		abort(); /* a failure always says why */
	}
	pk_err_clear(&err);
	return 0;
}
