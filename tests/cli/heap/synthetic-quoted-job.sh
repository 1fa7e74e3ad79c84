need_corpus
# in-repo twin: heap/synthetic-quoted-job-repo
# a doubled quote inside JOB is one quote
cp "$CORPUS/heap/synthetic-q.hp" .
heap2svg --format=json synthetic-q.hp | jq -r .job
