-- kore-exec (TOY): a stand-in for the real Kore kore-exec, written for the
-- profkit sample bug report.  It is NOT the K framework's Kore backend: it
-- reads a tiny KORE-flavoured definition and pattern, rewrites the pattern
-- innermost-first with the definition's axioms for at most --depth steps,
-- and prints the result.  It accepts the options a bug report's
-- kore-exec.sh passes and honours SIGINT like any GHC program (with -prof
-- the .prof is written on SIGINT).
--
-- Usage: kore-exec DEFINITION --module NAME --pattern FILE [--depth N]
--          [--smt-timeout MS] [--smt-retry-limit N] [--output FILE]
--          [--log-level LEVEL]
-- A later option wins over an earlier one, so `kore-exec.sh --depth N`
-- overrides the script's depth.
module Main (main) where

import Control.Monad (when)
import System.Environment (getArgs)
import System.Exit (exitWith, ExitCode (..))
import System.IO (hPutStrLn, stderr)
import Toy.Rewrite
import Toy.Syntax

data Opts = Opts
  { optDefinition :: Maybe FilePath
  , optModule     :: Maybe String
  , optPattern    :: Maybe FilePath
  , optDepth      :: Int
  , optSmtTimeout :: Int
  , optOutput     :: Maybe FilePath
  , optLogLevel   :: String
  }

defaults :: Opts
defaults = Opts Nothing Nothing Nothing maxBound 40 Nothing "warning"

die' :: String -> IO a
die' msg = hPutStrLn stderr ("kore-exec: " ++ msg) >> exitWith (ExitFailure 2)

parseArgs :: Opts -> [String] -> IO Opts
parseArgs o [] = return o
parseArgs o ("--module" : m : r) = parseArgs o { optModule = Just m } r
parseArgs o ("--pattern" : p : r) = parseArgs o { optPattern = Just p } r
parseArgs o ("--depth" : n : r) = readInt n >>= \d -> parseArgs o { optDepth = d } r
parseArgs o ("--smt-timeout" : n : r) = readInt n >>= \t -> parseArgs o { optSmtTimeout = t } r
parseArgs o ("--smt-retry-limit" : n : r) = readInt n >> parseArgs o r
parseArgs o ("--output" : f : r) = parseArgs o { optOutput = Just f } r
parseArgs o ("--log-level" : l : r) = parseArgs o { optLogLevel = l } r
parseArgs o (a@('-':'-':_) : _) = die' ("unknown option " ++ a)
parseArgs o (d : r) = parseArgs o { optDefinition = Just d } r

readInt :: String -> IO Int
readInt s = case reads s of
  [(n, "")] | n >= 0 -> return n
  _ -> die' ("not a number: " ++ s)

info :: Opts -> String -> IO ()
info o msg = when (optLogLevel o `elem` ["info", "debug"]) $
  hPutStrLn stderr ("kore-exec (toy) [info]: " ++ msg)

main :: IO ()
main = do
  o <- getArgs >>= parseArgs defaults
  defFile <- maybe (die' "no definition file given") return (optDefinition o)
  patFile <- maybe (die' "no --pattern given") return (optPattern o)
  modName <- maybe (die' "no --module given") return (optModule o)
  defSrc <- readFile defFile
  mods <- either (\e -> die' (defFile ++ ": " ++ e)) return (parseDefinition defSrc)
  m <- case filter ((== modName) . modName') mods of
         (m : _) -> return m
         [] -> die' ("module " ++ modName ++ " not found in " ++ defFile)
  info o ("module " ++ modName ++ ": " ++ show (length (modSymbols m)) ++ " symbols, "
          ++ show (length (modRules m)) ++ " axioms; smt-timeout " ++ show (optSmtTimeout o) ++ " ms (unused)")
  patSrc <- readFile patFile
  pat <- either (\e -> die' (patFile ++ ": " ++ e)) return (parsePattern patSrc)
  let (result, st) = execute (modRules m) (optDepth o) pat
      out = render result
  length out `seq` info o ("rewrite steps " ++ show (steps st) ++ ", builtin calls " ++ show (builtins st))
  case optOutput o of
    Just f -> writeFile f (out ++ "\n")
    Nothing -> putStrLn out
  where modName' = modName
