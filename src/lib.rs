//! carelint checks draft social-media posts of healthcare practices before they are published: protected health
//! information, health misinformation and unsupported claims, and testimonials or endorsements without the consent
//! or disclosure they need.
//!
//! Data flows one way: `input` (files, documents) → `text` (normalised views) → `engine` (rules matched) →
//! `check` (findings, suppressions, fixes) → `report` (output formats). `rules`, `config` and `policy` decide
//! which rules run; they are resolved once before scanning. `matching` is what a rule can say (matcher kinds,
//! conditions, validators): `rules` builds rules from it and `engine` runs it, and it knows neither.

pub mod allow;
pub mod baseline;
pub mod changes;
pub mod check;
pub mod cli;
pub mod config;
pub mod consent;
pub mod engine;
pub mod explain;
pub mod finding;
pub mod fix;
pub mod git;
pub mod input;
pub mod matching;
pub mod policy;
pub mod progress;
pub mod report;
pub mod rules;
pub mod scope;
pub mod setup;
pub mod signoff;
pub mod text;
