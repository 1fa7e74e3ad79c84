# --against tag:NAME: git resolves the tag in the current checkout to the
# commit whose stored runs are the reference
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
git init -q repo && cd repo
git config user.email t@example.org && git config user.name t
echo 1 >f && git add f && GIT_COMMITTER_DATE=@1700000000 GIT_AUTHOR_DATE=@1700000000 git commit -qm one
git tag v0.1.0
echo 2 >f && GIT_COMMITTER_DATE=@1700000100 GIT_AUTHOR_DATE=@1700000100 git commit -qam two
awk 'BEGIN { for (i = 0; i < 12; i++) printf "parse,%.6f,s\n", 0.010 + (i % 4) * 0.0001 }' >r1.csv
awk 'BEGIN { for (i = 0; i < 12; i++) printf "parse,%.6f,s\n", 0.013 + (i % 4) * 0.0001 }' >r2.csv
prof-history --db h.sqlite -q record --input-format csv r1.csv --commit "$(git rev-parse v0.1.0)" --branch main --testbed ci
run prof-history --db h.sqlite check --input-format csv r2.csv --branch main --testbed ci --against tag:v0.1.0 --format json -o out.json
grep -E '^ "(against|regressions)"' out.json | sed "s/$(git rev-parse v0.1.0 | cut -c1-12)/SHA/"
echo "== an unknown tag"
run prof-history --db h.sqlite check --input-format csv r2.csv --branch main --testbed ci --against tag:v9
echo "== a tag of a commit with no stored run"
git tag later
run prof-history --db h.sqlite check --input-format csv r2.csv --branch main --testbed ci --against tag:later 2>&1 | sed "s/$(git rev-parse HEAD | cut -c1-7)[0-9a-f]*/SHA/g"
