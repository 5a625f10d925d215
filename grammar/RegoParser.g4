// Syntax of Rego v1 (OPA 1.20) for the ANTLR-generated parser; compiler/parse_tree_builder.cc
// turns its trees into the AST and applies the checks that the grammar leaves out (v1 keyword
// rules, default values, string escapes). Refs and calls must touch the term before them, and
// body expressions are separated by `;` or a newline, so a few predicates look at the text
// between tokens. Operator precedence, loosest first: `in`, relations, `|`, `&`, `+ -`, `* / %`.
parser grammar RegoParser;

options { tokenVocab = RegoLexer; }

@parser::members {
  // True when the next token starts right where the previous one ended.
  bool adjacent() {
    antlr4::Token* prev = _input->LT(-1);
    antlr4::Token* next = _input->LT(1);
    return prev != nullptr && next != nullptr &&
           prev->getStopIndex() + 1 == next->getStartIndex();
  }

  // True when a newline lies between the previous token and the next one.
  bool newline_before() {
    antlr4::Token* prev = _input->LT(-1);
    antlr4::Token* next = _input->LT(1);
    if (prev == nullptr || next == nullptr) return false;
    size_t from = prev->getStopIndex() + 1;
    size_t to = next->getStartIndex();
    if (to <= from) return false;
    antlr4::CharStream* chars = _input->getTokenSource()->getInputStream();
    std::string gap = chars->getText(antlr4::misc::Interval(from, to - 1));
    return gap.find('\n') != std::string::npos;
  }

}

module_    : statement* EOF;
query_     : query EOF;
statement  : packageDecl | importDecl | rule_;

packageDecl : PACKAGE ref;
importDecl  : IMPORT ref (AS var)?;

// A rule: head, then bodies and else branches. `p { }` without `if` parses here and is
// rejected by the builder with OPA's v1 message.
rule_      : DEFAULT? ruleHead ruleBody? extraBody* elseClause*;
ruleHead   : headRef (LPAREN exprList? RPAREN)? headValue?;
// `contains` is a var only outside rule heads, where it is the multi-value keyword.
headRef    : IDENT headPart*;
headPart   : DOT refName | LBRACK exprKV RBRACK;
headValue  : CONTAINS exprKV | (ASSIGN | UNIFY) exprKV;
ruleBody   : IF LBRACE query RBRACE | IF literal | LBRACE query RBRACE;
extraBody  : LBRACE query RBRACE;
elseClause : ELSE ((ASSIGN | UNIFY) exprKV)? ruleBody?;

query      : literal ((SEMI | {newline_before()}?) literal)*;
literal    : SOME someDecl withClause*   # someLiteral
           | EVERY everyDecl withClause* # everyLiteral
           | NOT? expr withClause*       # exprLiteral
           ;
// `some x` alone matches both forms; the builder reads a lone var as a declaration.
someDecl   : exprKV | var (COMMA var)*;
everyDecl  : exprKV LBRACE query RBRACE;
withClause : WITH term AS exprKV;

expr       : exprKV ((ASSIGN | UNIFY) exprKV)?;
// `k, v in xs` is only possible where a comma cannot mean anything else.
exprKV     : relation (COMMA relation)? IN relation (IN relation)* # memberKV
           | exprIn                                               # plainKV
           ;
exprIn     : relation (IN relation)*;
relation   : orExpr ((EQUAL | NEQ | LT | LTE | GT | GTE) orExpr)*;
orExpr     : andExpr (PIPE andExpr)*;
andExpr    : arith (AMP arith)*;
arith      : factor ((PLUS | MINUS) factor)*;
factor     : term ((STAR | SLASH | PERCENT) term)*;

term       : primary termPart*;
termPart   : {adjacent()}? DOT {adjacent()}? refName # dotPart
           | {adjacent()}? LBRACK exprKV RBRACK      # bracketPart
           | {adjacent()}? LPAREN exprList? RPAREN   # callPart
           ;
primary    : scalar                              # scalarPrimary
           | var                                 # varPrimary
           // A comprehension's head may use any operator but `|`, which ends it.
           | LBRACK andExpr PIPE query RBRACK    # arrayCompr
           | LBRACK exprList? RBRACK             # array
           | LBRACE andExpr PIPE query RBRACE    # setCompr
           | LBRACE exprIn COLON andExpr PIPE query RBRACE # objectCompr
           | LBRACE pair (COMMA pair)* COMMA? RBRACE    # object
           | LBRACE exprList RBRACE              # set
           | LBRACE RBRACE                       # emptyObject
           | templateString                      # templatePrimary
           | LPAREN exprKV RPAREN                # parens
           ;
exprList   : exprIn (COMMA exprIn)* COMMA?;
pair       : exprIn COLON exprIn;
ref        : var termPart*;

scalar     : MINUS? NUMBER | MINUS? DOT NUMBER | STRING | RAW_STRING
           | TRUE_LIT | FALSE_LIT | NULL_LIT;
templateString
           : TEMPLATE_START (TEMPLATE_TEXT | templateExpr)* TEMPLATE_END
           | RAW_TEMPLATE_START (RAW_TEMPLATE_TEXT | templateExpr)* RAW_TEMPLATE_END
           ;
templateExpr : (TEMPLATE_EXPR_START | RAW_TEMPLATE_EXPR_START) literal TEMPLATE_EXPR_END;

var        : IDENT | CONTAINS;
refName    : IDENT | keyword;
keyword    : PACKAGE | IMPORT | AS | DEFAULT | ELSE | NOT | SOME | WITH
           | NULL_LIT | TRUE_LIT | FALSE_LIT
           | EVERY | CONTAINS | IF | IN;
