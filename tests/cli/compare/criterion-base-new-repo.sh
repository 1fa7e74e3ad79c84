# In-repo twin of criterion-base-new: a Criterion.rs output tree (two runs:
# base/ and new/), given as the target/criterion folder on both sides.
cd "$TEST_DATA/bench"
prof-compare --format text criterion criterion
