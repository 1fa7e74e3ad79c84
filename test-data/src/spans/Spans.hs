{-# OPTIONS_GHC -O1 #-}
{-# LANGUAGE MagicHash, UnboxedTuples, BangPatterns #-}
-- spans: a -threaded program (run with +RTS -N2) that brackets its work with
-- the span conventions profkit's eventlog2speedscope understands:
--   * user messages (traceEventIO / traceEvent) "O<name>" opens a span and
--     "C<name>" closes it, per Haskell thread;
--   * binary user messages (traceBinaryEvent# primop) tagged "START" and
--     "STOP " followed by the span name as UTF-8;
--   * user markers (traceMarkerIO / traceMarker) "START" and "END";
--   * thread labels (GHC.Conc.labelThread) "worker-1", "worker-2", "main".
-- base-4.15 (GHC 9.0) has no Debug.Trace.traceBinaryEventIO (that arrived
-- in base-4.18), so traceBinaryEventIO below wraps the GHC.Exts primop.
-- Usage: spans [ROUNDS]   (default 6)
module Main (main) where

import Control.Concurrent (forkIO, myThreadId)
import Control.Concurrent.MVar
import Control.Monad (forM, forM_)
import Data.Char (ord)
import Data.Word (Word8)
import Debug.Trace (traceEvent, traceEventIO, traceMarker, traceMarkerIO)
import Foreign.Marshal.Array (withArrayLen)

import GHC.Conc (labelThread)
import GHC.Exts (Int (..), Ptr (..), traceBinaryEvent#)
import GHC.IO (IO (..))
import System.Environment (getArgs)

traceBinaryEventIO :: [Word8] -> IO ()
traceBinaryEventIO bytes =
  withArrayLen bytes $ \(I# n) (Ptr p) ->
    IO (\s -> (# traceBinaryEvent# p n s, () #))

-- Span names are ASCII here, so one byte per Char.
ascii :: String -> [Word8]
ascii = map (fromIntegral . ord)

-- A span as user messages.
span' :: String -> IO a -> IO a
span' name act = do
  traceEventIO ('O' : name)
  r <- act
  traceEventIO ('C' : name)
  return r

-- A span as binary messages.
binSpan :: String -> IO a -> IO a
binSpan name act = do
  traceBinaryEventIO (ascii ("START" ++ name))
  r <- act
  traceBinaryEventIO (ascii ("STOP " ++ name))
  return r

-- Pure CPU work (cost centre: crunch).  The loop is INLINE so that
-- -fprof-auto leaves it alone and it compiles to a non-allocating loop:
-- the eventlog then is not flooded with GC events.
crunch :: Int -> Int -> Int
crunch seed n = spin seed n

{-# INLINE spin #-}
spin :: Int -> Int -> Int
spin !acc 0 = acc
spin !acc k = spin ((acc * 6364136223846793005 + 1442695040888963407) `rem` 1000000007 + k) (k - 1)

-- Pure code can trace too: traceEvent / traceMarker around a value.
tagged :: Int -> Int
tagged x = traceEvent "Opure" (traceMarker "pure-value" (x `seq` traceEvent "Cpure" x))

worker :: Int -> Int -> IO Int
worker w rounds = do
  tid <- myThreadId
  labelThread tid ("worker-" ++ show w)
  rs <- forM [1 .. rounds] $ \r ->
    span' ("round" ++ show r) $ do
      a <- span' "crunch" (evaluate' (crunch (w * 1000 + r) 15000000))
      b <- binSpan "sum" (evaluate' (length (show [1 .. 20000 * r])))
      return (a + b)
  return (sum rs)

evaluate' :: Int -> IO Int
evaluate' !x = return x

main :: IO ()
main = do
  args <- getArgs
  let rounds = case args of
                 (a:_) -> read a
                 []    -> 6
  me <- myThreadId
  labelThread me "main"
  traceMarkerIO "START"
  vars <- forM [1, 2] $ \w -> do
    v <- newEmptyMVar
    _ <- forkIO (worker w rounds >>= putMVar v)
    return v
  rs <- span' "wait" (mapM takeMVar vars)
  let t = tagged (sum rs)
  traceMarkerIO "END"
  forM_ rs print
  print t
