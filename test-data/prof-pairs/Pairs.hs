-- Pairs.hs - a program for prof-compare's .prof pairs (make-prof-pairs.sh).
-- Two functions of known cost; the argument "slow" makes `mixB` do twice
-- its work, everything else unchanged.
module Main (main) where

import Data.Bits (xor, shiftL, shiftR)
import Data.List (foldl')
import System.Environment (getArgs)

-- xorshift rounds: pure arithmetic, cost proportional to n
mixA :: Int -> Int -> Int
mixA n seed = foldl' step seed [1 .. n]
  where step x i = let y = x `xor` (x `shiftL` 13) + i
                       z = y `xor` (y `shiftR` 7)
                   in z `xor` (z `shiftL` 17)
{-# NOINLINE mixA #-}

mixB :: Int -> Int -> Int
mixB n seed = foldl' step seed [1 .. n]
  where step x i = let y = x `xor` (x `shiftL` 5) + 3 * i
                       z = y `xor` (y `shiftR` 11)
                   in z `xor` (z `shiftL` 3)
{-# NOINLINE mixB #-}

main :: IO ()
main = do
  args <- getArgs
  let k = if args == ["slow"] then 2 else 1
      a = mixA 300000000 1
      b = mixB (k * 200000000) 2
  print (a `xor` b)
