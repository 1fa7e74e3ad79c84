#!/usr/bin/env python3
"""tests/ci-steps.py FILE [JOB] - the shell steps of a CI file, in order,
one per line as ALWAYS<TAB>COMMAND (ALWAYS is 1 for steps that run even
after a failure: GitHub's `if: always()`, GitLab's after_script).

GitHub workflow: the `run:` steps of JOB (default: the only job); `uses:`
steps are listed as `-<TAB>uses: ACTION` for the caller to skip.
GitLab CI file: JOB's script, then after_script (before_script, which
installs things, is listed with ALWAYS = b).
--check: fail when a step is not one line, or interpolates ${{ }} into
the shell (the injection GitHub warns about: pass values through env:)."""
import sys
import yaml

args = [a for a in sys.argv[1:] if a != "--check"]
check = "--check" in sys.argv
doc = yaml.safe_load(open(args[0]))
jobname = args[1] if len(args) > 1 else None
bad = []


def emit(always, cmd, where):
    if "\n" in cmd.strip():
        bad.append(f"{where}: a step of more than one line (put it in a script)")
    if "${{" in cmd:
        bad.append(f"{where}: ${{{{ }}}} in a shell step (use env:)")
    print(f"{always}\t{cmd.strip()}")


if "jobs" in doc:  # GitHub Actions
    jobs = doc["jobs"]
    name = jobname or (list(jobs)[0] if len(jobs) == 1 else None)
    if name not in jobs:
        sys.exit(f"{args[0]}: no job {name!r}")
    for i, st in enumerate(jobs[name]["steps"]):
        if "run" in st:
            emit(1 if "always()" in str(st.get("if", "")) else 0, st["run"], f"{args[0]}: step {i + 1}")
        else:
            print(f"-\tuses: {st.get('uses')}")
else:  # GitLab CI
    job = doc[jobname]
    base = doc.get(job.get("extends", ""), {}) if isinstance(job.get("extends"), str) else {}
    for c in job.get("before_script", base.get("before_script", [])):
        print(f"b\t{c}")
    for c in job["script"]:
        emit(0, c, f"{args[0]}: {jobname}")
    for c in job.get("after_script", []):
        emit(1, c, f"{args[0]}: {jobname} after_script")
if check and bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
