# nix/lib.nix - one function per profkit stage, each returning a derivation
# whose output directory holds that stage's artifacts, so that nix caches
# every stage and can build independent ones (modes, reports) on other
# builders.
#
#   let pk = import ./nix/lib.nix { inherit (pkgs) runCommand; profkit = ...; };
#   in pk.pipeline { report = ./bug-report.tar.gz; binDir = kore; profBinDir = korePro; }
#
# Stages: extract { report }, run { src, mode, timeout ? "4m", binDir
# (or bin), profBinDir (or profBin), infotableBinDir, ... },
# eventlogToSpeedscope { eventlog }, profToSpeedscope { prof },
# heapToSvg / heapToHtml { hp or eventlog }, summarize { inputs },
# compare { baseline, current, kevm ? false }, pipeline { report, modes,
# timeout, ... } (see the README).
# Every stage takes the options of its tool by name, camelCased
# (--kill-after -> killAfter, --group-by -> groupBy): true gives --flag,
# false or null leave it out, a list repeats it, anything else is
# --flag VALUE.  Only `runCommand name env script` is needed from nixpkgs.
{ runCommand, profkit }:

let
  inherit (builtins) attrNames baseNameOf concatStringsSep concatMap elem filter
    isList map match removeAttrs replaceStrings stringLength substring toString;

  # the name a user gave a file: /nix/store/HASH-base.json -> base.json
  fileName = p:
    let b = baseNameOf (toString p); in
    if match "[0-9a-df-np-sv-z]{32}-.*" b != null then substring 33 (stringLength b) b else b;

  upper = [ "A" "B" "C" "D" "E" "F" "G" "H" "I" "J" "K" "L" "M" "N" "O" "P" "Q" "R" "S" "T" "U" "V" "W" "X" "Y" "Z" ];
  lower = map (c: "-" + c) [ "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o" "p" "q" "r" "s" "t" "u" "v" "w" "x" "y" "z" ];

  # killAfter -> --kill-after
  flagName = n: "--" + replaceStrings upper lower n;

  shellArg = v: "'" + replaceStrings [ "'" ] [ "'\\''" ] (toString v) + "'";

  # { bands = 20; reverse = true; include = [ "a" "b" ]; } -> shell words
  toFlags = attrs: concatStringsSep " " (concatMap (n:
    let v = attrs.${n}; in
    if v == null || v == false then [ ]
    else if v == true then [ (flagName n) ]
    else if isList v then map (x: "${flagName n} ${shellArg x}") v
    else [ "${flagName n} ${shellArg v}" ]) (attrNames attrs));

  tool = t: "${profkit}/bin/${t}";

  # A stage input is a file, or a directory (another stage's output)
  # holding exactly one file with the suffix: `pick DIR-OR-FILE SUFFIX`.
  pick = ''
    pick() {
      if [ -d "$1" ]; then
        set -- "$1"/*."$2"
        if [ $# != 1 ] || [ ! -f "$1" ]; then
          echo "profkit: want exactly one *.$2 file in the input directory" >&2
          exit 1
        fi
      fi
      printf '%s\n' "$1"
    }
  '';

  # The build of the program each prof-run mode puts first in PATH (as
  # prof-pipeline chooses it).
  binFor = mode: a:
    let
      plain = a.binDir or a.bin or null;
      prof = a.profBinDir or a.profBin or plain;
      info = a.infotableBinDir or a.infotableBin or plain;
    in
    if elem mode [ "prof" "prof-json" "heap" ] then prof
    else if mode == "infotables" then info
    else plain;

  stage = name: script: runCommand name { } ''
    set -eu
    ${pick}
    mkdir -p "$out"
    ${script}
  '';

  self = {
    inherit toFlags flagName;

    # prof-extract REPORT -C $out
    extract = { report, name ? "report", ... }@a:
      runCommand "${name}-extract" { } ''
        ${tool "prof-extract"} ${toFlags (removeAttrs a [ "report" "name" ])} \
          ${report} -C "$out"
      '';

    # prof-run --mode MODE in a copy of the extracted report.  The output
    # is the run's artifacts, run.json and output.log (the pipeline's
    # MODE/ directory).  The derivation fails only when prof-run could not
    # run the command (125, 126, 127), or on any nonzero status with
    # strict = true; a time-out keeps what was written (run.json says so).
    run = { src, mode, timeout ? "4m", script ? "kore-exec.sh", command ? null
          , strict ? false, name ? "report", ... }@a:
      let
        binDir = binFor mode a;
        cmd = if command != null then concatStringsSep " " (map shellArg command)
              else "sh ${shellArg script}";
        flags = toFlags (removeAttrs a [ "src" "mode" "timeout" "script" "command" "strict" "name"
          "bin" "binDir" "profBin" "profBinDir" "infotableBin" "infotableBinDir" ]);
      in
      runCommand "${name}-run-${mode}" { } ''
        st=0
        ${tool "prof-run"} --mode ${shellArg mode} --timeout ${shellArg timeout} \
          ${if binDir == null then "" else "--bin-dir ${binDir}"} ${flags} \
          --copy-from ${src} --workdir "$TMPDIR/work" --out "$out" \
          --log "$TMPDIR/output.log" -- ${cmd} || st=$?
        mkdir -p "$out"
        cp "$TMPDIR/output.log" "$out/output.log" 2>/dev/null || : >"$out/output.log"
        case $st in
          0) ;;
          125|126|127) echo "prof-run failed (exit $st)" >&2; exit "$st" ;;
          *) ${if strict then ''echo "prof-run: exit $st" >&2; exit "$st"'' else ":"} ;;
        esac
      '';

    # eventlog2speedscope: { eventlog = FILE or run output; } -> OUTPUT
    eventlogToSpeedscope = { eventlog, output ? "speedscope.json", name ? "report", ... }@a:
      stage "${name}-eventlog-speedscope" ''
        ${tool "eventlog2speedscope"} ${toFlags (removeAttrs a [ "eventlog" "output" "name" ])} \
          "$(pick ${eventlog} eventlog)" -o "$out"/${shellArg output}
      '';

    # prof2speedscope: { prof = FILE or run output; }
    profToSpeedscope = { prof, output ? "prof-speedscope.json", name ? "report", ... }@a:
      stage "${name}-prof-speedscope" ''
        ${tool "prof2speedscope"} ${toFlags (removeAttrs a [ "prof" "output" "name" ])} \
          "$(pick ${prof} prof)" -o "$out"/${shellArg output}
      '';

    # heap2svg to SVG (or PNG/PDF/JSON/CSV by the output's extension);
    # { hp = ...; } or { eventlog = ...; } (heap samples in the eventlog)
    heapToSvg = { hp ? null, eventlog ? null, output ? "heap-cost-centers.svg", name ? "report", ... }@a:
      let input = if hp != null then "\"$(pick ${hp} hp)\"" else "\"$(pick ${eventlog} eventlog)\""; in
      stage "${name}-${replaceStrings [ "." ] [ "-" ] output}" ''
        ${tool "heap2svg"} ${toFlags (removeAttrs a [ "hp" "eventlog" "output" "name" ])} \
          ${input} -o "$out"/${shellArg output}
      '';

    heapToHtml = a: self.heapToSvg ({ output = "heap-cost-centers.html"; } // a);

    # prof-summarize over every input (files or stage outputs, whose .prof,
    # .eventlog and .hp are all taken)
    summarize = { inputs, format ? "markdown", output ? "summary.md", name ? "report", ... }@a:
      stage "${name}-summary" ''
        set --
        for i in ${concatStringsSep " " (map toString inputs)}; do
          if [ -d "$i" ]; then
            for f in "$i"/*.prof "$i"/*.hp "$i"/*.eventlog; do
              [ -f "$f" ] && set -- "$@" "$f"
            done
          else
            set -- "$@" "$i"
          fi
        done
        ${tool "prof-summarize"} --format ${shellArg format} \
          ${toFlags (removeAttrs a [ "inputs" "format" "output" "name" ])} \
          "$@" -o "$out"/${shellArg output}
      '';

    # prof-compare BASELINE CURRENT.  The report goes to $out/compare.FORMAT
    # (compare.md for gfm, compare.txt with kevm, metrics.txt for
    # openmetrics), the exit status to $out/status; with
    # failOnRegression = true a regression fails the build.  The inputs are
    # given to prof-compare under their own names without the store hash
    # (the labels in the report come from them, as on the command line).
    compare = { baseline, current, kevm ? false, format ? null, name ? "compare", ... }@a:
      let
        ext = if kevm then "txt" else if format == null || format == "gfm" then "md"
              else if format == "openmetrics" then "txt" else format;
        out = if format == "openmetrics" then "metrics.txt" else "compare.${ext}";
        b = fileName baseline;
        c = fileName current;
        bArg = if b != c then shellArg b else "b/${shellArg b}";
        cArg = if b != c then shellArg c else "c/${shellArg c}";
      in
      stage name ''
        mkdir -p "$TMPDIR/in/b" "$TMPDIR/in/c"
        cd "$TMPDIR/in"
        ln -s ${baseline} ${bArg}
        ln -s ${current} ${cArg}
        st=0
        ${tool "prof-compare"} ${toFlags (removeAttrs a [ "baseline" "current" "name" ])} \
          ${bArg} ${cArg} -o "$out"/${out} || st=$?
        echo "$st" >"$out/status"
        [ "$st" = 0 ] || [ "$st" = 3 ] || exit "$st"
        ${if a.failOnRegression or false then ''[ "$st" = 0 ] || exit 3'' else ""}
      '';

    # The whole job as separately cached derivations: extract once, one
    # run per mode, conversions, summary; the result links every stage
    # into the layout prof-pipeline writes (without artifacts.tar.zst).
    pipeline = { report, modes ? [ "eventlog" "prof" "heap" ], timeout ? "4m"
               , name ? "report", program ? "kore-exec", ... }@a:
      let
        runArgs = removeAttrs a [ "report" "modes" "name" "program" ];
        src = self.extract { inherit report name; };
        runs = builtins.listToAttrs (map (mode: {
          name = mode;
          value = self.run (runArgs // { inherit src mode timeout name; });
        }) modes);
        has = m: runs ? ${m};
        conv =
          (if has "prof" then { profSpeedscope = self.profToSpeedscope { prof = runs.prof; inherit name; }; } else { })
          // (if has "heap" then {
            heapSvg = self.heapToSvg { hp = runs.heap; inherit name; };
            heapHtml = self.heapToHtml { hp = runs.heap; inherit name; };
          } else { })
          // (if has "infotables" then {
            heapInfotables = self.heapToHtml { hp = runs.infotables; output = "heap-infotables.html"; inherit name; };
          } else { });
        summary = self.summarize {
          inherit name;
          inputs = filter (x: x != null) [
            (if has "prof" then runs.prof else null)
            (if has "heap" then "${runs.heap}/${program}.hp" else null)
          ];
        };
        top = [ ]
          ++ (if has "eventlog" then [ "${runs.eventlog}/${program}.eventlog" ] else [ ])
          ++ (if has "prof" then [ "${runs.prof}/${program}.prof" ] else [ ])
          ++ map (d: "${d}/*") (map (n: conv.${n}) (attrNames conv))
          ++ [ "${summary}/summary.md" ];
      in
      (runCommand "${name}-profile" { } ''
        mkdir -p "$out"
        for f in ${concatStringsSep " " top}; do
          ln -s "$f" "$out/"
        done
        ${concatStringsSep "\n" (map (m: ''ln -s ${runs.${m}} "$out"/${m}'') modes)}
      '') // { inherit src runs summary; } // conv;
  };
in
self
