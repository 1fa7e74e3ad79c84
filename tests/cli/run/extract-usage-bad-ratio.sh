prof-extract --max-ratio=-1 x.tar
