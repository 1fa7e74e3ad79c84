#!/bin/sh
# tests/compare/kevm-gen.sh DIR - write two KEVM timing files for the
# --kevm tests: DIR/KEVM-timing-base.data and DIR/KEVM-timing-pr.data.
#
# SYNTHETIC: made by this script, not by KEVM.  The layout is the one the
# KEVM/haskell-backend performance scripts produce: a 5-line header in
# the shape of `kore-exec --version`, then one GNU time line per test run
# with -f "%x %es %Us %Ss %MKB %C" (GNU time adds "Command exited with
# non-zero status N" before the line of a failed command).  The numbers are
# chosen to hit every edge of the documented rule: below and above
# --min-time (2.0 s), below and above --min-change (3.5 %), identical
# times, improvements, failures, a timeout, tests in one run only, and a
# test id taken after `interpret` instead of `prove`.
set -eu
d=$1
mkdir -p "$d"

header() {
	printf 'Kore version 0.60.0.0\nGit:\n  revision:\t%s\n  branch:\tmaster\n  last commit:\tMon Nov 2 10:00:00 2026 +0000\n' "$1"
}

# line EXIT ELAPSED ID [interpret]
line() {
	if [ "$1" != 0 ] && [ "$1" != 124 ]; then
		echo "Command exited with non-zero status $1"
	fi
	verb=${4:-prove}
	printf '%s %ss 1.00s 0.10s 2383400KB gtimeout 3000 kevm %s tests/%s VERIFICATION --backend haskell\n' \
		"$1" "$2" "$verb" "$3"
}

{
	header 1111111
	line 0 326.85 specs/benchmarks/address00-spec.k
	line 0 1156.03 specs/benchmarks/encode-keccak00-spec.k
	line 0 81.58 specs/benchmarks/functional-spec.k
	line 0 1.50 specs/benchmarks/overflow00-nooverflow-spec.k
	line 0 1.90 specs/benchmarks/overflow00-overflow-spec.k
	line 0 347.75 specs/benchmarks/requires01-a0gt0-spec.k
	line 0 100.00 specs/erc20/hkg/approve-spec.k
	line 0 100.00 specs/erc20/hkg/transfer-spec.k
	line 0 50.00 specs/mcd/vat-fold-spec.k
	line 124 3000.00 specs/mcd/flip-kick-spec.k
	line 0 2.50 ethereum-tests/VMTests/vmArithmeticTest/add0.json interpret
	line 0 30.00 specs/benchmarks/storagevar00-spec.k
	line 0 2.00 specs/benchmarks/ecrecover00-siginvalid-spec.k
} >"$d/KEVM-timing-base.data"

{
	header 2222222
	line 0 340.12 specs/benchmarks/address00-spec.k
	line 0 1160.00 specs/benchmarks/encode-keccak00-spec.k
	line 0 70.10 specs/benchmarks/functional-spec.k
	line 0 1.90 specs/benchmarks/overflow00-nooverflow-spec.k
	line 0 2.40 specs/benchmarks/overflow00-overflow-spec.k
	line 0 347.75 specs/benchmarks/requires01-a0gt0-spec.k
	line 0 103.40 specs/erc20/hkg/approve-spec.k
	line 0 103.60 specs/erc20/hkg/transfer-spec.k
	line 1 12.30 specs/mcd/vat-fold-spec.k
	line 0 600.00 specs/mcd/flip-kick-spec.k
	line 0 5.00 ethereum-tests/VMTests/vmArithmeticTest/add0.json interpret
	line 0 31.00 specs/benchmarks/storagevar01-spec.k
	line 0 1.00 specs/benchmarks/ecrecover00-siginvalid-spec.k
} >"$d/KEVM-timing-pr.data"
