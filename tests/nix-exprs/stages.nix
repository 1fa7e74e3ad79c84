# tests/nix-exprs/stages.nix - the stage derivations of nix/lib.nix on the sample
# report, as tests/nix.sh builds them.  SRCDIR and PROFKIT are absolute
# paths (strings); the inputs are copied into the store as a user's would be.
{ srcdir, profkit, timings, timeout ? "4m" }:
let
  standin = import ./stand-in.nix { inherit profkit; };
  pk = import (/. + srcdir + "/nix/lib.nix") { inherit (standin) runCommand; inherit profkit; };
  store = s: builtins.path { path = /. + s; };
  report = store "${srcdir}/test-data/sample-report.tar.gz";
  binDir = store "${srcdir}/test-data/sample-report/bin";
  profBinDir = store "${srcdir}/test-data/sample-report/prof-bin";
  src = pk.extract { inherit report; };
  run = mode: pk.run { inherit src mode binDir profBinDir timeout; };
in
rec {
  extract = src;
  runEventlog = run "eventlog";
  runProf = run "prof";
  runHeap = run "heap";
  eventlogSpeedscope = pk.eventlogToSpeedscope { eventlog = runProf; };
  profSpeedscope = pk.profToSpeedscope { prof = runProf; };
  heapSvg = pk.heapToSvg { hp = runHeap; };
  heapHtml = pk.heapToHtml { hp = runHeap; };
  heapEventlogSvg = pk.heapToSvg { eventlog = runHeap; output = "heap-eventlog.svg"; bands = 5; };
  summary = pk.summarize { inputs = [ runProf runHeap ]; };
  compare = pk.compare {
    baseline = store "${timings}/KEVM-timing-base.data";
    current = store "${timings}/KEVM-timing-pr.data";
  };
  compareKevm = pk.compare {
    name = "compare-kevm";
    kevm = true;
    baseline = store "${timings}/KEVM-timing-base.data";
    current = store "${timings}/KEVM-timing-pr.data";
  };
  pipeline = pk.pipeline { inherit report binDir profBinDir timeout; };
}
