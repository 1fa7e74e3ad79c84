: >killed.prof && prof2speedscope killed.prof -o out.json; st=$?; test ! -e out.json && echo "no output file"; exit $st
