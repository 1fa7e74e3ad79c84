# In-repo twin of synthetic-quoted-job: GHC doubled the quotes of the
# argument 'say "hi"' in the JOB line; heap2svg undoes that.
heap2svg --format=json "$TEST_DATA/heap/leak-hc-quoted-arg.hp" | jq -r .job
