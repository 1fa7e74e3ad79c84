{-# OPTIONS_GHC -O1 #-}
{-# LANGUAGE BangPatterns #-}
-- leak: allocation-heavy program with a space leak, for heap profiles
-- (.hp and eventlog) in every breakdown.  Cost-centre labels contain the
-- characters that break naive .hp/HTML/SVG writers: " < & > \
-- Usage: leak [N]   (N = number of list elements; default 60000)
module Main (main) where

import System.Environment (getArgs)
import qualified Data.Map.Strict as M
import Data.List (foldl')

-- The middle field is strict, so building each element costs CPU time;
-- the string stays a thunk until the Map forces nothing of it (leak).
data Rec = Rec !Int !Int String

main :: IO ()
main = do
  args <- getArgs
  let n = case args of
            (a:_) -> read a
            []    -> 60000
      -- The list is shared by both consumers, so it is retained in full
      -- until the second one finishes: the classic leak.
      xs = {-# SCC "xs<&>\"list\\" #-} build n
  print (lazySum xs)
  print (M.size (index xs))
  print (length (filter even (map (\(Rec k w _) -> k + w) xs)))

build :: Int -> [Rec]
build n = [ Rec k (steps k) (show k) | k <- [1 .. n] ]

-- CPU work per element, so the mutator runs long enough for ~20 censuses.
-- INLINE keeps -fprof-auto off these bindings: the loop then compiles to
-- non-allocating code and the eventlog is not flooded with GC events.
{-# INLINE steps #-}
steps :: Int -> Int
steps k = spin 0 (k * 7919 + 1) 1500

{-# INLINE spin #-}
spin :: Int -> Int -> Int -> Int
spin !acc !_ 0 = acc
spin !acc !x i = let x' = (x * 1103515245 + 12345) `rem` 2147483648
                 in spin (acc + x' `rem` 3) x' (i - 1)

-- A lazy accumulator: builds a chain of thunks before forcing it.
lazySum :: [Rec] -> Integer
lazySum = {-# SCC "lazy<&>\"sum" #-} foldl (\acc (Rec k w _) -> acc + fromIntegral (k + w)) 0

index :: [Rec] -> M.Map Int String
index = {-# SCC "idx>\\map" #-} foldl' (\m (Rec k _ s) -> if k `mod` 7 == 0 then M.insert k s m else m) M.empty
