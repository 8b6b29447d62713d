//! The CI recipes shipped with carelint, each exercised here: the GitHub composite action (`action.yml`) and the
//! release workflow are parsed and their structure checked (they run on the hosting CI, not here); the GitLab job
//! likewise; the pre-commit framework hook is run by the real `pre-commit` from PyPI, installed into a temporary
//! virtual environment, against a temporary repository.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use common::{package_root, write, BIN};

/// A YAML file of the package, as a JSON value.
fn yaml(name: &str) -> Value {
    let text = std::fs::read_to_string(package_root().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{name} is not YAML: {e}"))
}

/// The release tag of this version of the crate.
fn release_tag() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

fn str_of(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

#[test]
fn the_action_is_a_composite_that_installs_checks_with_github_annotations_and_uploads_sarif() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    assert!(action["name"].is_string() && action["description"].is_string());
    assert_eq!(action["inputs"]["version"]["default"], release_tag().as_str(), "pinned to this release");
    let steps = action["runs"]["steps"].as_array().expect("steps");
    for step in steps {
        if let Some(run) = step["run"].as_str() {
            assert!(step["shell"].is_string(), "a composite's run step needs a shell: {step}");
            // inputs reach scripts through the environment, never pasted into the script (injection)
            assert!(!run.contains("${{"), "expression in a script: {run}");
        }
    }
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.iter().any(|r| r.contains("carelint check --format github")), "{runs:?}");
    assert!(runs.iter().any(|r| r.contains("--format sarif")), "{runs:?}");
    let install = runs.first().expect("an install step");
    assert!(install.contains("gh release download") && install.contains("cargo install --locked"), "{install}");
    let upload = steps.iter().find(|s| str_of(&s["uses"]).starts_with("github/codeql-action/upload-sarif@"));
    let upload = upload.expect("a SARIF upload step");
    assert!(str_of(&upload["with"]["sarif_file"]).ends_with("carelint.sarif"));
    let used: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(used.iter().all(|u| u.contains('@')), "every action used is pinned: {used:?}");
}

#[test]
fn the_release_workflow_builds_linux_macos_and_windows_binaries_under_the_names_the_action_downloads() {
    let workflow = yaml(".github/workflows/release.yml");
    let tags = &workflow["on"]["push"]["tags"];
    assert_eq!(tags[0], "v*", "{workflow}");
    let matrix = workflow["jobs"]["build"]["strategy"]["matrix"]["include"].as_array().expect("a build matrix");
    let targets: Vec<&str> = matrix.iter().map(|m| str_of(&m["target"])).collect();
    for os in ["linux", "apple-darwin", "windows"] {
        assert!(targets.iter().any(|t| t.contains(os)), "{os}: {targets:?}");
    }
    let action = std::fs::read_to_string(package_root().join("action.yml")).expect("action.yml");
    for target in &targets {
        assert!(action.contains(target), "the action knows the release target {target}");
    }
    let release = serde_json::to_string(&workflow).expect("json");
    assert!(release.contains("carelint-${TAG}-${TARGET}"), "asset names: {release}");
    assert!(action.contains("carelint-${CARELINT_VERSION}-${target}"), "the action downloads the same names");
    for job in workflow["jobs"].as_object().expect("jobs").values() {
        for step in job["steps"].as_array().expect("steps") {
            if let Some(uses) = step["uses"].as_str() {
                assert!(uses.contains('@'), "pinned: {uses}");
            }
        }
    }
}

#[test]
fn the_gitlab_job_installs_the_release_and_checks_the_posts() {
    let ci = yaml("docs/ci/gitlab-ci.yml");
    let job = &ci["carelint"];
    assert_eq!(job["variables"]["CARELINT_VERSION"], release_tag().as_str());
    let script: Vec<&str> = job["script"].as_array().expect("script").iter().map(str_of).collect();
    assert!(script.iter().any(|s| s.starts_with("carelint check")), "{script:?}");
    let before: Vec<&str> = job["before_script"].as_array().expect("before_script").iter().map(str_of).collect();
    assert!(before.iter().any(|s| s.contains("cargo install --locked")), "{before:?}");
    assert_eq!(job["artifacts"]["when"], "always");
    // every report the job names is one the script writes
    let reports = job["artifacts"]["reports"].as_object().expect("artifacts.reports");
    for (kind, format) in [("codequality", "gitlab"), ("junit", "junit")] {
        let file = str_of(&reports[kind]);
        let writes =
            |s: &&str| s.contains(&format!("--format {format}")) && s.contains(&format!("--output-file {file}"));
        assert!(script.iter().any(writes), "{kind}: {script:?}");
    }
    assert!(job["image"].as_str().is_some_and(|i| i.starts_with("rust:")));
}

/// The manifest of the pre-commit framework hook.
fn manifest_hook() -> Value {
    let manifest = yaml(".pre-commit-hooks.yaml");
    let hooks = manifest.as_array().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().map(|h| str_of(&h["id"])).collect();
    assert_eq!(ids, ["carelint", "carelint-system"]);
    // the built and the installed variant check the same files the same way
    for field in ["entry", "files"] {
        assert_eq!(hooks[0][field], hooks[1][field], "{field}");
    }
    assert_eq!((&hooks[0]["language"], &hooks[1]["language"]), (&Value::from("rust"), &Value::from("system")));
    let hook = hooks[0].clone();
    assert!(str_of(&hook["entry"]).starts_with("carelint check"), "{hook}");
    hook
}

/// `pre-commit` installed from PyPI into a virtual environment in `dir`, or why it could not be.
fn install_pre_commit(dir: &Path) -> Result<std::path::PathBuf, String> {
    let venv = dir.join("venv");
    let made = Command::new("python3").args(["-m", "venv"]).arg(&venv).output().map_err(|e| e.to_string())?;
    if !made.status.success() {
        return Err(String::from_utf8_lossy(&made.stderr).into_owned());
    }
    let pip = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check", "pre-commit"])
        .output()
        .map_err(|e| e.to_string())?;
    if !pip.status.success() {
        return Err(String::from_utf8_lossy(&pip.stderr).into_owned());
    }
    Ok(venv.join("bin/pre-commit"))
}

#[cfg(unix)]
#[test]
fn the_pre_commit_framework_blocks_a_commit_with_a_bad_post_and_lets_a_clean_one_through() {
    let hook = manifest_hook();
    let tmp = tempfile::tempdir().expect("tempdir");
    let pre_commit = match install_pre_commit(tmp.path()) {
        Ok(path) => path,
        Err(why) => {
            println!("SKIPPED: the pre-commit framework could not be installed from PyPI: {why}");
            return;
        }
    };
    let repo = tmp.path().join("repo");
    std::fs::create_dir(&repo).expect("repo");
    let run = |program: &Path, args: &[&str]| {
        let out = Command::new(program)
            .args(args)
            .current_dir(&repo)
            .env("HOME", tmp.path())
            .env("PRE_COMMIT_HOME", tmp.path().join("pre-commit-cache"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE")
            .output()
            .expect("runs");
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.success(), said)
    };
    let git = |args: &[&str]| run(Path::new("git"), args);
    for args in [
        &["init", "-q"][..],
        &["config", "user.name", "Test Author"],
        &["config", "user.email", "author@example.com"],
        &["config", "commit.gpgsign", "false"],
    ] {
        assert!(git(args).0, "git {args:?}");
    }
    // the manifest's hook, as a local hook that runs the binary this test run built (no compile by the framework)
    let entry = str_of(&hook["entry"]).replacen("carelint", BIN, 1);
    let config = format!(
        "repos:\n  - repo: local\n    hooks:\n      - id: {}\n        name: {}\n        entry: '{entry}'\n        \
         language: system\n        files: '{}'\n",
        str_of(&hook["id"]),
        str_of(&hook["name"]),
        str_of(&hook["files"]),
    );
    write(&repo, ".pre-commit-config.yaml", config);
    let (installed, said) = run(&pre_commit, &["install"]);
    assert!(installed, "pre-commit install: {said}");

    write(&repo, "posts/visit.md", "For the insurance form my SSN is 532-48-1975, please call back.\n");
    write(&repo, "notes.py", "# not a post: 532-48-1975\n");
    assert!(git(&["add", "-A"]).0);
    let (committed, said) = git(&["commit", "-q", "-m", "a bad post"]);
    assert!(!committed, "the framework let an SSN through:\n{said}");
    assert!(said.contains("PHI001") && said.contains("posts/visit.md"), "{said}");
    assert!(!said.contains("532-48-1975"), "the identifier stays masked: {said}");

    write(&repo, "posts/visit.md", "Drink water before your run.\n");
    assert!(git(&["add", "-A"]).0);
    let (committed, said) = git(&["commit", "-q", "-m", "a clean post"]);
    assert!(committed, "a clean post was blocked:\n{said}");
}
