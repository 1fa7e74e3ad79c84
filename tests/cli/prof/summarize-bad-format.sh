prof-summarize --format yaml x.prof
