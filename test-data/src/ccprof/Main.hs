-- ccprof: cost-centre profiling fixture for profkit (test-data/README).
-- Several modules; cost-centre names that stress .prof parsers: operators
-- (<+>, |>, .**.), a prime in a name (fold'', walk'), a local where-binding
-- (fold''.go), a CAF (Ops.table), a module in a directory with a space
-- ("lib dir/Spaced/Walk.hs"), SCC labels with a backslash, UTF-8 and an
-- empty label (GHC refuses spaces in SCC labels).
-- Usage: ccprof [N]   (N scales the work; default 500)
module Main (main) where

import System.Environment (getArgs)
import Ops
import Spaced.Walk (walk', (.**.))

main :: IO ()
main = do
  args <- getArgs
  let n = case args of
            (a:_) -> read a
            []    -> 500
  mapM_ (round' n) [1 .. n]
  print (sum (take 50 table))

round' :: Int -> Int -> IO ()
round' n i = do
  let a = fold'' (<+>) i [1 .. 2000 + i]
      b = walk' (i * 7) |> (.**. 3)
      c = {-# SCC "hot\\loop" #-} hotLoop (n + i)
      d = {-# SCC "ünïcode_λ" #-} length (show (a, b, c))
      e = {-# SCC "" #-} (d * 3) `rem` 7
  if i `mod` 100 == 0 || i == n
    then print (i, a, b, c, d, e)
    else a `seq` b `seq` c `seq` d `seq` e `seq` return ()
