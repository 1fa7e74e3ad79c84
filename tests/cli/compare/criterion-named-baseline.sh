# Criterion named baselines: `cargo bench -- --save-baseline main` on main,
# then `cargo bench -- --baseline main` on the PR leave main/ and new/ in
# each benchmark's directory (criterion copies new/ to the named baseline:
# the same files).  The tree here is the in-repo one with base/ renamed.
cp -R "$TEST_DATA/bench/criterion" tree
find tree -type d -name base | while read -r d; do mv "$d" "${d%/base}/main"; done
echo "== --criterion-baseline main: main/ against new/"
prof-compare --format text --criterion-baseline main tree tree | grep '^Fibonacci' | cut -c1-50
echo "== without it: the error names what is there"
prof-compare --format text tree tree
echo "exit $?"
echo "== only named baselines: --criterion-current pr against main"
find tree -type d -name new | while read -r d; do mv "$d" "${d%/new}/pr"; done
prof-compare --format text --criterion-baseline main --criterion-current pr tree tree | grep '^Fibonacci' | cut -c1-50
echo "== two trees, each side's baseline named; b's main made 30 % slower"
mkdir -p a b
cp -R tree a/ && cp -R tree b/
python3 -c 'import json, sys
p = sys.argv[1]; d = json.load(open(p)); d["times"] = [t * 1.3 for t in d["times"]]; json.dump(d, open(p, "w"))' b/tree/Fibonacci/Recursive/main/sample.json
prof-compare --format text --criterion-baseline main --criterion-current main a/tree b/tree | grep '^Fibonacci' | awk '{print $1, $2, $3, $4, $5, $NF}'
prof-compare --format text --criterion-baseline main --criterion-current pr a/tree b/tree | grep '^Fibonacci' | awk '{print $1, $2, $3, $4, $5, $NF}'
prof-compare --criterion-baseline ../x a/tree b/tree
