//! `limit = { measure = "x-characters", max = 280 }`: a count over the whole post (platform limits); over `max`, one
//! post-wide finding from the first character or hashtag over to the end.

use serde::de::MapAccess;
use serde::Deserialize;

use super::{Found, Invalid, Kind, RuleScan};
use crate::text::platform::{self, Measure};

/// A count over the whole post that must not exceed `max`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub measure: Measure,
    pub max: usize,
}

/// The `limit` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLimit {
    measure: Measure,
    max: usize,
}

impl Kind for Limit {
    const KEY: &'static str = "limit";
    type Raw = Option<RawLimit>;

    fn read<'de, A: MapAccess<'de>>(raw: &mut Option<RawLimit>, _key: &str, map: &mut A) -> Result<(), A::Error> {
        *raw = Some(map.next_value()?);
        Ok(())
    }

    fn validate(raw: Option<RawLimit>, _embedded: bool) -> Result<Limit, Invalid> {
        let raw = raw.ok_or_else(|| Invalid::at("limit", "`limit` needs `measure` and `max`"))?;
        Ok(Limit { measure: raw.measure, max: raw.max })
    }

    fn find(&self, scan: &RuleScan, allowed: impl FnOnce() -> bool) -> Option<Found> {
        if !allowed() {
            return None;
        }
        let post = scan.post;
        let body = post.body_start.min(post.text.len())..post.text.len();
        let (_, over) = platform::measure(self.measure, self.max, post.text, body, post.hidden);
        over.map(Found::PostWide)
    }

    fn explain(&self) -> String {
        format!("Limit: at most {} {:?} in a post", self.max, self.measure)
    }
}
