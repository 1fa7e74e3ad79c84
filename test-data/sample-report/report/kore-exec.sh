#!/bin/sh
exec kore-exec \
    definition.kore \
    --pattern pgm.kore \
    --output result.kore \
    --module TOY-FIB \
    --depth 10000000 \
    --strategy all \
    --max-counterexamples 1 \
    --smt-timeout 125 \
    --smt-retry-limit 3 \
    --smt-reset-interval 100 \
    --smt none \
    --log-level \
    warning \
    --enable-log-timestamps \
     \
    "$@"
