#!/bin/sh
exec kore-exec \
    definition.kore \
    --module TOY-FIB \
    --pattern pgm.kore \
    --depth 10000000 \
    \
    --smt-timeout 125 \
    --smt-retry-limit 3 \
    --output result.kore \
    "$@"
