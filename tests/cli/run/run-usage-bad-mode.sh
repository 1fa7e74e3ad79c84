prof-run --mode sideways -- true
