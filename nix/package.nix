# nix/package.nix - profkit for nixpkgs: `pkgs.callPackage ./nix/package.nix { }`.
{ lib
, stdenv
, autoreconfHook
, pkg-config
, libarchive
, zstd
, zlib
, libxml2
, cairo
, jansson
, sqlite
, libpq ? null  # nixpkgs >= 24.11; prof-history --db postgresql:// (optional)
, cmocka
, autoPatchelfHook
, python3
, jq
, gmp
, libffi
, src ? lib.cleanSource ../.
}:

let
  # The version is AC_INIT's, so it never disagrees with --version.
  acInit = builtins.match ".*AC_INIT\\(\\[profkit], \\[([^]]*)].*"
    (builtins.readFile ../configure.ac);
in
stdenv.mkDerivation {
  pname = "profkit";
  version = builtins.head acInit;
  inherit src;

  # configure.ac is the source; the generated files are not committed.
  nativeBuildInputs = [ autoreconfHook pkg-config ];
  # One per required PKG_CHECK_MODULES in configure.ac, then libpq for
  # the optional PostgreSQL history backend where nixpkgs has it.
  buildInputs = [ libarchive zstd zlib libxml2 cairo jansson sqlite ]
    ++ lib.optional (libpq != null) libpq;

  enableParallelBuilding = true;

  # The suite needs no network.  Tests whose tool (node, chromium,
  # hyperfine, the third-party corpus) is absent skip themselves.  The
  # sample report's GHC binaries are committed for Debian's loader; point
  # them at the store's before running them.
  doCheck = true;
  nativeCheckInputs = [ cmocka autoPatchelfHook python3 jq zstd ];
  checkInputs = [ gmp libffi ];
  preCheck = ''
    autoPatchelf test-data/sample-report/bin test-data/sample-report/prof-bin
  '';

  meta = {
    description = "Fast streaming tools for GHC eventlogs, heap and cost-centre profiles, bug reports and benchmarks";
    platforms = lib.platforms.linux;
    mainProgram = "prof-pipeline";
  };
}
