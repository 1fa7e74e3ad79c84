: >killed.prof && prof-summarize killed.prof
