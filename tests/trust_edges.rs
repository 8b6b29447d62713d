//! Edge cases found by a review of the trust work: calendar lines, parser messages, fixes that add text, byte-order
//! marks in calendars, classic Mac line breaks. Drives the real binary; all data is made up.

mod common;

use common::{check_in, dir_with, json, rule_ids};

#[test]
fn calendar_source_lines_show_only_the_rows_own_text() {
    let dir = dir_with(&[
        // another row on the same line (a minified export), and a column that is not the post's text
        ("cal.json", b"[{\"text\":\"Try our miracle cure today!\"},{\"text\":\"My SSN is 219-45-6781, thanks.\"}]\n"),
        ("c.csv", b"text,notes\n\"For the form my SSN is 219-45-6781, thanks.\",ssn 219-45-6781\n"),
    ]);
    for name in ["cal.json", "c.csv"] {
        let (code, out, err) = check_in(dir.path(), &[name]).parts();
        assert_eq!(code, 1, "{name}: {err}");
        assert!(!out.contains("6781"), "{name} shows the SSN:\n{out}");
    }
    let out = check_in(dir.path(), &["cal.json"]).stdout;
    assert!(out.contains("1 | Try our miracle cure today!\n"), "the row's own text, not the line:\n{out}");
    assert!(out.contains("  |         ^^^^^^^^^^^^\n"), "the caret under the row's text:\n{out}");
}

#[test]
fn calendar_identifier_found_in_one_row_is_masked_in_another() {
    let dir = dir_with(&[(
        "rows.jsonl",
        b"{\"text\":\"Our patient Orla Pemberton had knee surgery today.\"}\n{\"text\":\"Orla Pemberton swears our miracle cure works.\"}\n",
    )]);
    for format in ["human", "json", "sarif"] {
        let out = check_in(dir.path(), &["--format", format, "rows.jsonl"]).stdout;
        assert!(!out.contains("Orla") && !out.contains("Pemberton"), "{format}:\n{out}");
    }
}

#[test]
fn front_matter_errors_do_not_quote_the_front_matter() {
    let post = b"---\nJane Roe 219-45-6781: x\nJane Roe 219-45-6781: y\n---\nBody. My SSN is 219-45-6781.\n";
    let dir = dir_with(&[("fm.md", post)]);
    for format in ["human", "json", "sarif", "github"] {
        let (code, out, err) = check_in(dir.path(), &["--format", format, "fm.md"]).parts();
        assert_eq!(code, 2, "{format}");
        assert!(!out.contains("6781") && !err.contains("6781"), "{format}:\n{out}\n{err}");
    }
    let err = check_in(dir.path(), &["fm.md"]).stderr;
    let error = err.lines().find(|l| l.contains("front matter")).expect("the front matter error");
    assert_eq!(error, "error: fm.md: invalid YAML front matter at line 3, column 1: duplicate mapping key");
}

#[test]
fn fix_does_not_append_inside_an_unclosed_comment() {
    let post = "Our new elderberry gummies support immune health. Buy at the front desk.\n<!-- draft note: price\n";
    let dir = dir_with(&[("unc.md", post.as_bytes())]);
    let err = check_in(dir.path(), &["--fix", "--unsafe-fixes", "unc.md"]).stderr;
    assert!(err.contains("Applied 0 fixes"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("unc.md")).unwrap(), post, "the file is untouched");
}

#[test]
fn appended_fix_is_added_once_with_the_posts_line_endings() {
    let post = "Our new elderberry gummies support immune health. Buy at the front desk.\r\n";
    let dir = dir_with(&[("crlf.md", post.as_bytes())]);
    // the disclaimer adds text to the post: an unsafe fix, which --fix alone leaves for a person to review
    let err = check_in(dir.path(), &["--fix", "crlf.md"]).stderr;
    assert!(err.contains("Applied 0 fixes"), "{err}");
    let err = check_in(dir.path(), &["--fix", "--unsafe-fixes", "crlf.md"]).stderr;
    assert!(err.contains("Applied 1 fix to 1 file"), "{err}");
    let fixed = std::fs::read_to_string(dir.path().join("crlf.md")).unwrap();
    assert!(fixed.starts_with(post), "the post is kept: {fixed:?}");
    assert!(!fixed.replace("\r\n", "").contains('\n'), "only CRLF line breaks: {fixed:?}");
    // a second run finds the disclaimer in place and adds nothing
    let err = check_in(dir.path(), &["--fix", "--unsafe-fixes", "crlf.md"]).stderr;
    assert!(err.contains("Applied 0 fixes"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("crlf.md")).unwrap(), fixed);
}

#[test]
fn calendars_with_a_byte_order_mark_are_read() {
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("{\"text\":\"Our miracle cure works\"}\n".encode_utf16().flat_map(u16::to_le_bytes));
    let dir = dir_with(&[
        ("bom.json", "\u{feff}[{\"text\":\"Our miracle cure works\"}]\n".as_bytes()),
        ("bom.jsonl", "\u{feff}{\"text\":\"Our miracle cure works\"}\n".as_bytes()),
        ("u16.jsonl", &utf16),
        // Excel's "CSV UTF-8": a BOM, then a quoted header cell
        ("q.csv", "\u{feff}\"text\"\n\"Our miracle cure works\"\r".as_bytes()),
    ]);
    for name in ["bom.json", "bom.jsonl", "u16.jsonl", "q.csv"] {
        let (code, out, err) = check_in(dir.path(), &["--format", "json", name]).parts();
        assert_eq!(code, 1, "{name}: {err}{out}");
        assert_eq!(rule_ids(&json(&out)), vec!["MIS003"], "{name}");
    }
}

#[test]
fn lone_cr_blank_lines_separate_paragraphs() {
    let dir = dir_with(&[
        ("lf.md", b"SSN 219-45-6781\n\nOther SSN 219-45-6782\n"),
        ("cr.md", b"SSN 219-45-6781\r\rOther SSN 219-45-6782\r"),
    ]);
    for name in ["lf.md", "cr.md"] {
        let report = check_in(dir.path(), &["--format", "json", name]).json();
        assert_eq!(rule_ids(&report), vec!["PHI001", "PHI001"], "one finding a paragraph in {name}");
    }
}
