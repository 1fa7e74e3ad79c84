printf "hello\nworld\n" >notes.txt && prof-summarize notes.txt
