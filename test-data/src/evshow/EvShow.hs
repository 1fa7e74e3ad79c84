-- evshow: what `ghc-events show FILE` prints, from Debian's ghc-events
-- library (libghc-ghc-events-dev 0.17): the header's event types, then one
-- line per event, sorted by time.  test-data/make-fixtures.sh writes the
-- .reference dumps of the committed eventlogs with it, so that
-- tests/eventlog-reference.sh can check profkit's reader against an
-- independent one without ghc-events installed.
module Main (main) where

import GHC.RTS.Events (ppEventLog, readEventLogFromFile)
import System.Environment (getArgs)
import System.Exit (exitFailure)
import System.IO (hPutStrLn, hSetEncoding, stderr, stdout, utf8)

main :: IO ()
main = do
  -- cost-centre labels and user messages are UTF-8, whatever the locale
  hSetEncoding stdout utf8
  args <- getArgs
  case args of
    [f] -> readEventLogFromFile f >>= either die' (putStrLn . ppEventLog)
    _ -> die' "usage: evshow FILE.eventlog"
  where
    die' msg = hPutStrLn stderr ("evshow: " ++ msg) >> exitFailure
