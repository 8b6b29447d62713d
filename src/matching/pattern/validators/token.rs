//! `token`: an API key or access token, told from a word or a placeholder by how random it is.

/// At least 16 characters without white space, letters and digits both (or letters in a random mix of cases: a
/// generated key can happen to draw no digit), no placeholder word (`example`, `your`, `xxxx`), and a Shannon
/// entropy of at least 3 bits a character: a provider prefix followed by random base-62 text has 4 to 6,
/// `sk_live_xxxxxxxxxxxxxxxx` or `api_key=your_key_here` far less or no digit.
pub fn token(value: &str) -> bool {
    if let Some(body) = pem_body(value) {
        return body.len() >= 40 && !placeholder(&body) && entropy(&body) >= MIN_BITS;
    }
    let value = assigned(value);
    value.len() >= 16
        && value.bytes().all(|b| b.is_ascii_graphic())
        && (value.bytes().any(|b| b.is_ascii_digit()) || mixed_case(value))
        && value.bytes().any(|b| b.is_ascii_alphabetic())
        && !placeholder(value)
        && entropy(value) >= MIN_BITS
}

/// The key of an assignment (`api_key = "k3Vq..."`, `auth token 9b7e...`, `Bearer 8f3k...`: the last word after
/// white space or `:`, and of that what follows `=` when what stands before it is a name), or the whole value:
/// provider tokens contain none of them, except a checksum or padding after `=` (Atlassian's `ATATT3...=5A1C9E2B`).
fn assigned(value: &str) -> &str {
    let value = value.trim_end_matches([' ', '\t', '"', '\'']);
    let word = value.rsplit([':', ' ', '\t']).next().unwrap_or(value).trim_matches(['"', '\'']);
    match word.split_once('=') {
        Some((name, _)) if name.len() < 16 => word.rsplit('=').next().unwrap_or(word).trim_matches(['"', '\'']),
        _ => word,
    }
}

/// The base64 body of a PEM private key (`-----BEGIN RSA PRIVATE KEY-----` ... `-----END ...-----`), without its
/// armour lines and line breaks; `None` for anything else.
fn pem_body(value: &str) -> Option<String> {
    let rest = value.strip_prefix("-----BEGIN")?;
    let body = rest.split_once("KEY-----")?.1;
    let body = body.split("-----END").next().unwrap_or(body);
    Some(body.chars().filter(|c| !c.is_whitespace()).collect())
}

/// Letters of which between a third and two thirds are capitals, as random base-52 text has (`glpat-BdFTj_Wudgr...`):
/// a word in CamelCase (`PatientPortalLogin`) has one capital a word, and a constant in capitals has all.
fn mixed_case(value: &str) -> bool {
    let letters = value.bytes().filter(u8::is_ascii_alphabetic).count();
    let capitals = value.bytes().filter(u8::is_ascii_uppercase).count();
    letters > 0 && (letters..=2 * letters).contains(&(3 * capitals))
}

/// Bits a character below which a value is too regular to be a generated key.
const MIN_BITS: f64 = 3.0;

fn placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    ["example", "your", "xxxx", "placeholder", "redacted", "sample", "dummy", "0000"].iter().any(|p| lower.contains(p))
}

/// Shannon entropy of the value's bytes, in bits a byte.
fn entropy(value: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in value.bytes() {
        counts[usize::from(b)] += 1;
    }
    let len = value.len() as f64;
    counts.iter().filter(|&&n| n > 0).map(|&n| f64::from(n) / len).map(|p| -p * p.log2()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

    // Made-up values in the providers' shapes; none is a real key.
    #[test]
    fn random_looking_keys_pass() {
        check(
            token,
            true,
            &[
                "AKIAQ7ZK2M4PLR8TWX3N",
                "ghp_4fG7kL2mN9pQ3rS8tV1wX6yZ0aB5cD7eF2gH",
                "xoxb-2048617393-9911837465-QwErTyUiOpAsDfGh",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.T2h6Lk9uQ2VNb3Jl",
                "9f3Kq2Lm8Zp4Xw7Rt1Vb",
                "api_key = \"k3Vq9ZrT2mX8pL5wB7nC1dF4",
                "client_secret:9f3Kq2Lm8Zp4Xw7Rt1Vb",
                "auth token 9b7e2c41f8d3a6e05c2b9d7f1a4e8c36",
                "Bearer 8f3kQ2mL9xZ4pW7rT1vB6nC0yH5jD2gA",
                "cfut_zQUMPM08HSe8jnPJjoqgA2RB19fLy0Mg1YLVUHFjxQie",
                "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",
                "ATATT3xFfGF0Zk7Lq2Vm9Xp4Kt8Nw3Bc6Hd1Fg5Js0Ya2Re7=5A1C9E2B",
                "token is ATATT3xFfGF0Zk7Lq2Vm9Xp4Kt8Nw3Bc6Hd1Fg5Js0Ya2Re7=5A1C9E2B",
                "dop_v1_4c9e2b7a1f3d8e6c0b5a9d2e7f1c4b8a3e6d9f2c5b8a1e4d7c0f3b6a9e2d5c8b1f",
                "secret Qw8vTz2LmP5xR9kB3nY6cD1fH4jS7aEu",
                "glpat-BdFTj_WudgrHLnacPGwZ",
                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7Vq2X9kLm4TzR\n-----END PRIVATE KEY-----",
            ],
        );
    }

    #[test]
    fn words_and_placeholders_fail() {
        check(
            token,
            false,
            &[
                "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
                "your_api_key_here_1",
                "AKIAIOSFODNN7EXAMPLE",
                "aaaaaaaaaaaaaaaa1",
                "abababababababab12",
                "short1",
                "patientportal",
                "1111111111111111a",
                "api_key = \"your_api_key_here_1",
                "cfut_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "api_key=short1",
                "token is 5A1C9E2B",
                "token for PatientPortalLoginPage",
                "GITLAB_PERSONAL_ACCESS_TOKEN",
            ],
        );
    }

    #[test]
    fn entropy_counts_bits_a_character() {
        assert!((entropy("abcd") - 2.0).abs() < 1e-9);
        assert!(entropy("aaaa").abs() < 1e-9);
    }
}
