//! Rule validation errors: each names the file, the line and the rule.

use super::{Ruleset, RulesetError};
