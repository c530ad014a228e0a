//! Test helpers: run `perf` in a temporary folder with fixtures copied in, read its JSON.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The project's own fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The official sample forms, copied into `tests/fixtures/official-forms/`.
pub fn sample(name: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/official-forms")
        .join(name);
    assert!(p.exists(), "sample form missing: {}", p.display());
    p
}

/// A temporary working folder with the named files copied in.
pub struct Work {
    pub dir: tempfile::TempDir,
}

impl Work {
    pub fn new() -> Self {
        Work {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn with(files: &[PathBuf]) -> Self {
        let w = Work::new();
        for f in files {
            w.copy(f);
        }
        w
    }

    pub fn copy(&self, from: &Path) -> PathBuf {
        let to = self.dir.path().join(from.file_name().expect("file name"));
        std::fs::copy(from, &to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
        to
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }

    /// `perf ARGS` run inside the folder.
    pub fn perf(&self, args: &[&str]) -> Output {
        self.perf_env(args, &[])
    }

    /// `perf ARGS` run inside the folder with `env` set. The caller's
    /// `COLUMNS` and `PERF_LANG` are never inherited: what a test sees does
    /// not depend on the shell it was started from.
    pub fn perf_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::cargo_bin("perf").expect("perf binary");
        cmd.current_dir(self.dir.path())
            .env_remove("COLUMNS")
            .env_remove("PERF_LANG")
            .args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run perf");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr: {}",
                self.stdout, self.stderr
            )
        })
    }

    /// Asserts exit 2 with one clear message on stderr that names `file`, and no panic.
    pub fn assert_refused(&self, file: &str, says: &str) {
        assert_eq!(
            self.code, 2,
            "expected exit 2; stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        assert!(
            self.stderr.contains(file),
            "stderr should name {file}: {}",
            self.stderr
        );
        assert!(
            self.stderr.contains(says),
            "stderr should say {says:?}: {}",
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "panic: {}",
            self.stderr
        );
        assert_eq!(
            self.stderr.trim().lines().count(),
            1,
            "one message line expected: {}",
            self.stderr
        );
        assert!(
            self.stdout.is_empty(),
            "nothing on stdout expected: {}",
            self.stdout
        );
    }
}
