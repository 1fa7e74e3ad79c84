{-# LANGUAGE BangPatterns #-}
-- Innermost rewriting with a step budget (--depth) and builtin integer
-- hooks.  Deliberately naive (no sharing, substitutions in a Map): the
-- allocation and the cost-centre tree are the point.
module Toy.Rewrite (Stats (..), execute) where

import qualified Data.Map.Strict as M
import Toy.Syntax

data Stats = Stats { steps :: !Int, builtins :: !Int }

type Subst = M.Map String Term

match :: Term -> Term -> Subst -> Maybe Subst
match (Var v) t s = case M.lookup v s of
  Nothing -> Just (M.insert v t s)
  Just t' | t' == t -> Just s
          | otherwise -> Nothing
match (Lit a) (Lit b) s | a == b = Just s
match (App f as) (App g bs) s
  | f == g && length as == length bs = matchAll as bs s
match _ _ _ = Nothing

matchAll :: [Term] -> [Term] -> Subst -> Maybe Subst
matchAll [] [] s = Just s
matchAll (p:ps) (t:ts) s = match p t s >>= matchAll ps ts
matchAll _ _ _ = Nothing

substitute :: Subst -> Term -> Term
substitute s (Var v) = M.findWithDefault (Var v) v s
substitute s (App f as) = App f (map (substitute s) as)
substitute _ t = t

builtin :: String -> [Term] -> Maybe Term
builtin "Lbl'Plus'Int" [Lit a, Lit b] = Just (Lit (a + b))
builtin "Lbl'Minus'Int" [Lit a, Lit b] = Just (Lit (a - b))
builtin "Lbl'Star'Int" [Lit a, Lit b] = Just (Lit (a * b))
builtin "Lbl'Mod'Int" [Lit a, Lit b] | b /= 0 = Just (Lit (a `mod` b))
builtin _ _ = Nothing

-- | Rewrite to normal form, or until the step budget is spent (then the
-- partially rewritten term is returned, as kore-exec --depth does).
execute :: [Rule] -> Int -> Term -> (Term, Stats)
execute rules depth t0 = go t0 (Stats 0 0)
  where
    go t st | steps st >= depth = (t, st)
    go t@(Lit _) st = (t, st)
    go t@(Var _) st = (t, st)
    go (App f as) st =
      let (as', st1) = goArgs as st
          t' = App f as'
      in case builtin f as' of
           Just r -> (r, st1 { builtins = builtins st1 + 1 })
           Nothing -> case firstMatch rules t' of
             Nothing -> (t', st1)
             Just r -> go r st1 { steps = steps st1 + 1 }
    goArgs [] st = ([], st)
    goArgs (a:as) st =
      let (a', st1) = go a st
          (as', st2) = goArgs as st1
      in (a' : as', st2)

firstMatch :: [Rule] -> Term -> Maybe Term
firstMatch [] _ = Nothing
firstMatch (Rule l r : rs) t = case match l t M.empty of
  Just s -> Just (substitute s r)
  Nothing -> firstMatch rs t
