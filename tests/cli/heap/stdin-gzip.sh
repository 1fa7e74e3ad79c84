need_corpus
# in-repo twin: heap/stdin-gzip-repo
# stdin, gzip recognised by content
heap2svg -q --format=csv - <"$CORPUS/heap/hp2pretty-Describe2.hp.gz" | head -3 | cut -c1-60
