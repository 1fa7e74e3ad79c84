{-# LANGUAGE BangPatterns #-}
-- Operators, primes in names, a where-bound worker and a CAF.
module Ops ((<+>), (|>), fold'', hotLoop, table, collatz) where

infixl 6 <+>
infixl 1 |>

(<+>) :: Int -> Int -> Int
a <+> b = (a * 31 + b) `mod` 1000003

(|>) :: a -> (a -> b) -> b
x |> f = f x

-- A strict left fold whose worker is a local where-binding: -fprof-auto
-- gives it the cost centre "fold''.go".
fold'' :: (b -> a -> b) -> b -> [a] -> b
fold'' f = go
  where
    go !acc []     = acc
    go !acc (x:xs) = go (f acc x) xs

hotLoop :: Int -> Int
hotLoop n = fold'' step 0 [1 .. 1500]
  where
    step acc k = acc <+> (k * n `rem` 97)

collatz :: Int -> Int
collatz = go 0
  where
    go !s 1 = s
    go !s k | even k    = go (s + 1) (k `div` 2)
            | otherwise = go (s + 1) (3 * k + 1)

-- A CAF: evaluated once, its cost goes to CAF:table.
table :: [Int]
table = map collatz [1 .. 20000]
