-- Spin.hs - a small profiled workload for the prof-run tests.
--   spin N    run N rounds (about 0.1 s each), then exit normally
--   spin      run until interrupted
-- Build: ghc -prof -fprof-auto -rtsopts -eventlog -O0 Spin.hs -o spin
module Main (main) where

import qualified Data.Map.Strict as M
import System.Environment (getArgs)
import System.IO

collatz :: Int -> Int
collatz 1 = 0
collatz n = 1 + collatz (if even n then n `div` 2 else 3 * n + 1)

roundOf :: Int -> M.Map Int Int -> M.Map Int Int
roundOf r m = foldl step m [r * 20000 .. r * 20000 + 19999]
  where step acc k = M.insert (k `mod` 50000) (collatz (k + 1)) acc

loop :: Maybe Int -> Int -> M.Map Int Int -> IO ()
loop limit r m
  | Just n <- limit, r >= n = print (M.foldl' (+) 0 m)
  | otherwise = do
      let m' = roundOf r m
      M.size m' `seq` return ()
      hPutStrLn stderr ("round " ++ show r ++ " " ++ show (M.foldl' max 0 m'))
      loop limit (r + 1) m'

main :: IO ()
main = do
  args <- getArgs
  hSetBuffering stderr LineBuffering
  loop (case args of { [n] -> Just (read n); _ -> Nothing }) 0 M.empty
