// The engine: parse, compile, plan and evaluate.
#include "api/engine.h"
