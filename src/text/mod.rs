//! Text views: the normalised copy of a post that rules match against, mapped back to the original bytes.

pub mod inflect;
pub mod lines;
pub mod normalize;
pub mod platform;
pub mod redact;
pub mod segment;
pub mod spelling;
pub mod variants;
