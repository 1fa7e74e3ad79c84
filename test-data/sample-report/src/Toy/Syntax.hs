-- Terms of the toy KORE-like language and their parser.
module Toy.Syntax
  ( Term (..), Rule (..), Module (..)
  , parseDefinition, parsePattern, render
  ) where

import Data.Char (isAlphaNum, isDigit, isSpace)
import Data.List (intercalate)

data Term
  = App String [Term]   -- Lblfoo{}(t1, ..., tn)
  | Lit Integer         -- \dv{SortInt{}}("42")
  | Var String          -- VarN : SortInt{}
  deriving (Eq, Ord, Show)

data Rule = Rule { ruleLhs :: Term, ruleRhs :: Term } deriving Show

data Module = Module
  { modName    :: String
  , modSymbols :: [String]
  , modRules   :: [Rule]
  } deriving Show

type P a = String -> Either String (a, String)

skip :: String -> String
skip s = case dropWhile isSpace s of
  ('/':'/':r) -> skip (dropWhile (/= '\n') r)
  r -> r

tok :: String -> String -> Either String String
tok t s = let s' = skip s in
  if take (length t) s' == t then Right (drop (length t) s')
  else Left ("expected " ++ show t ++ " at " ++ show (take 30 s'))

ident :: P String
ident s = case span isIdent (skip s) of
  ("", r) -> Left ("expected identifier at " ++ show (take 30 r))
  (i, r)  -> Right (i, r)
  where isIdent c = isAlphaNum c || c `elem` "'-_"

-- Sort{} : we only skip them.
sort' :: P ()
sort' s = do (_, r) <- ident s; r' <- tok "{" r; r'' <- tok "}" r'; return ((), r'')

term :: P Term
term s0 = case skip s0 of
  ('\\':'d':'v':r) -> do
    r1 <- tok "{" r; (_, r2) <- sort' r1; r3 <- tok "}" r2; r4 <- tok "(" r3
    r5 <- tok "\"" r4
    let (ds, r6) = span (\c -> isDigit c || c == '-') r5
    r7 <- tok "\"" r6; r8 <- tok ")" r7
    if null ds then Left "empty \\dv literal" else return (Lit (read ds), r8)
  s -> do
    (name, r) <- ident s
    if take 3 name == "Var"
      then do r1 <- tok ":" r; (_, r2) <- sort' r1; return (Var name, r2)
      else do
        r1 <- tok "{" r; r2 <- tok "}" r1; r3 <- tok "(" r2
        (args, r4) <- argList r3
        return (App name args, r4)

argList :: P [Term]
argList s = case skip s of
  (')':r) -> Right ([], r)
  _ -> do
    (t, r) <- term s
    case skip r of
      (',':r') -> do (ts, r'') <- argList r'; return (t : ts, r'')
      (')':r') -> Right ([t], r')
      r' -> Left ("expected , or ) at " ++ show (take 30 r'))

-- A definition: "[]" then modules "module NAME ... endmodule []" holding
-- "sort S{} []", "symbol Lbl{}(S, ...) : S{} []" and
-- "axiom{} \rewrites{S{}}(LHS, RHS) []" lines.
parseDefinition :: String -> Either String [Module]
parseDefinition src = do
  r <- tok "[]" src
  modules r
  where
    modules s = case skip s of
      "" -> Right []
      _ -> do
        r1 <- tok "module" s
        (name, r2) <- ident r1
        (m, r3) <- body (Module name [] []) r2
        ms <- modules r3
        return (m : ms)
    body m s = case skip s of
      r | take 9 r == "endmodule" -> do r' <- tok "[]" (drop 9 r); return (done m, r')
        | take 4 r == "sort" -> do (_, r1) <- sort' (drop 4 r); r2 <- tok "[]" r1; body m r2
        | take 6 r == "symbol" -> do
            (sym, r1) <- ident (drop 6 r)
            let r2 = dropWhile (/= '\n') r1
            body m { modSymbols = sym : modSymbols m } r2
        | take 5 r == "axiom" -> do
            r1 <- tok "{" (drop 5 r); r2 <- tok "}" r1
            r3 <- tok "\\rewrites" r2; r4 <- tok "{" r3; (_, r5) <- sort' r4
            r6 <- tok "}" r5; r7 <- tok "(" r6
            (lhs, r8) <- term r7; r9 <- tok "," r8
            (rhs, r10) <- term r9; r11 <- tok ")" r10; r12 <- tok "[]" r11
            body m { modRules = Rule lhs rhs : modRules m } r12
        | otherwise -> Left ("unexpected " ++ show (take 30 r))
    done m = m { modSymbols = reverse (modSymbols m), modRules = reverse (modRules m) }

parsePattern :: String -> Either String Term
parsePattern s = do
  (t, r) <- term s
  if null (skip r) then Right t else Left ("trailing input " ++ show (take 30 (skip r)))

render :: Term -> String
render (Lit n) = "\\dv{SortInt{}}(\"" ++ show n ++ "\")"
render (Var v) = v ++ ":SortInt{}"
render (App f as) = f ++ "{}(" ++ intercalate ", " (map render as) ++ ")"
