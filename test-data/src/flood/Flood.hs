-- flood: writes enough user events to make GHC 9.0's RTS flush its 2 MiB
-- per-capability eventlog buffer to the file once, then waits to be killed.
-- make-fixtures.sh SIGKILLs it: the eventlog then holds its header and one
-- full block of complete events, but no end-of-data marker (a killed run).
-- GHC 9.0 cannot flush the buffer on demand (flushEventLog only fflush()es
-- the FILE; --eventlog-flush-interval arrived in 9.2), hence the volume.
-- Usage: flood [EVENTS]   (default 70000 open/close pairs)
module Main (main) where

import Control.Concurrent (threadDelay)
import Control.Monad (forM_, forever)
import Debug.Trace (traceEventIO, traceMarkerIO)
import System.Environment (getArgs)
import System.IO (hFlush, stdout)

main :: IO ()
main = do
  args <- getArgs
  let n = case args of
            (a:_) -> read a
            []    -> 70000 :: Int
  traceMarkerIO "START"
  forM_ [1 .. n] $ \i -> do
    traceEventIO ("Ostep" ++ show (i `mod` 10))
    traceEventIO ("Cstep" ++ show (i `mod` 10))
  traceMarkerIO "END"
  putStrLn "flood: done, waiting to be killed"
  hFlush stdout
  forever (threadDelay 1000000)
