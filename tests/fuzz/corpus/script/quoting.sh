#!/bin/sh
# a comment
set -e
exec kore-exec \
    'def with space.kore' \
    --module "IMP-\"Q\"" \
    \
    --smt-tactic '(or-else (using-params smt :random-seed 1) smt)' \
    --depth=20 --search \
    "$@"
