// Tokens of Rego v1 (OPA 1.20) for the ANTLR-generated lexer; RegoParser.g4 holds the syntax.
// Whitespace and comments go to the hidden channel, where the parser looks for the newlines
// that separate body expressions. Template strings ($"..{expr}.." and $`..{expr}..`) switch
// lexer modes; a stack of brace depths finds the `}` that closes each embedded expression.
lexer grammar RegoLexer;

tokens { TEMPLATE_EXPR_END }

@lexer::members {
  // Open `{` count of each template expression being lexed, innermost last.
  std::vector<int> template_braces;
}

// A keyword directly followed by `.` or `[` starts a ref, as in `input.if` or `not.x`.
KEYWORD_REF_HEAD
  : ('package' | 'import' | 'as' | 'default' | 'else' | 'not' | 'some' | 'with' | 'null'
    | 'true' | 'false' | 'every' | 'contains' | 'if' | 'in')
    { _input->LA(1) == '.' || _input->LA(1) == '[' }? -> type(IDENT)
  ;

PACKAGE  : 'package';
IMPORT   : 'import';
AS       : 'as';
DEFAULT  : 'default';
ELSE     : 'else';
NOT      : 'not';
SOME     : 'some';
WITH     : 'with';
NULL_LIT : 'null';
TRUE_LIT : 'true';
FALSE_LIT: 'false';
EVERY    : 'every';
CONTAINS : 'contains';
IF       : 'if';
IN       : 'in';

IDENT : [a-zA-Z_] [a-zA-Z0-9_]*;

NUMBER : [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?;
// A number with a missing fraction or exponent, or letters glued to it ("1.", "1e", "0a2b").
BAD_NUMBER : [0-9]+ ('.' [0-9]*)? ([eE] [+-]? [0-9]*)? [a-zA-Z0-9_]*;

// Escapes are checked when the string is decoded, so that the error names the string.
STRING         : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';
BAD_STRING     : '"' (~["\\\r\n] | '\\' ~[\r\n])*;
RAW_STRING     : '`' ~'`'* '`';
BAD_RAW_STRING : '`' ~'`'*;

TEMPLATE_START     : '$"' -> pushMode(TEMPLATE);
RAW_TEMPLATE_START : '$`' -> pushMode(RAW_TEMPLATE);

LBRACE : '{' { if (!template_braces.empty()) template_braces.back()++; };
RBRACE : '}' {
  if (!template_braces.empty()) {
    if (template_braces.back() == 0) {
      template_braces.pop_back();
      setType(TEMPLATE_EXPR_END);
      popMode();
    } else {
      template_braces.back()--;
    }
  }
};

LBRACK  : '[';
RBRACK  : ']';
LPAREN  : '(';
RPAREN  : ')';
COMMA   : ',';
SEMI    : ';';
DOT     : '.';
ASSIGN  : ':=';
COLON   : ':';
EQUAL   : '==';
NEQ     : '!=';
LTE     : '<=';
GTE     : '>=';
LT      : '<';
GT      : '>';
UNIFY   : '=';
PLUS    : '+';
MINUS   : '-';
STAR    : '*';
SLASH   : '/';
PERCENT : '%';
AMP     : '&';
PIPE    : '|';

WS      : [ \t\r\n]+ -> channel(HIDDEN);
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN);

BANG       : '!';
DOLLAR     : '$';
ERROR_CHAR : .;

// Inside $"...": text up to `{` or the closing quote; `\{` is an escaped brace.
mode TEMPLATE;
TEMPLATE_TEXT       : (~["\\{\r\n] | '\\' ~[\r\n])+;
TEMPLATE_EXPR_START : '{' { template_braces.push_back(0); pushMode(DEFAULT_MODE); };
TEMPLATE_END        : '"' -> popMode;
TEMPLATE_BAD        : [\r\n];

// Inside $`...`: raw text, where only `\{` is an escape.
mode RAW_TEMPLATE;
RAW_TEMPLATE_TEXT       : (~[`\\{] | '\\' '{'?)+;
RAW_TEMPLATE_EXPR_START : '{' { template_braces.push_back(0); pushMode(DEFAULT_MODE); };
RAW_TEMPLATE_END        : '`' -> popMode;
