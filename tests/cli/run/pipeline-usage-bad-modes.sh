prof-pipeline --modes heap,nonsense a.tar.gz out
