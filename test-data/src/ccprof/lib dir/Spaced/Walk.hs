-- A module in a directory whose name contains a space: the .prof SRC
-- column reads "lib dir/Spaced/Walk.hs:LINE:COL-COL".
module Spaced.Walk (walk', (.**.)) where

import Ops (collatz)

walk' :: Int -> Int
walk' k = sum (map collatz [k .. k + 40])

infixl 7 .**.
(.**.) :: Int -> Int -> Int
x .**. y = (x * y) `mod` 65521
