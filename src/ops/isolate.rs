//! A batch that one file cannot sink by exhausting memory: the batch runs in a child process, and a file whose reading ran out of memory is recorded (S001) and the batch rerun without it.
//!
//! Running out of memory cannot be recovered from inside a process (the
//! allocator may not unwind), so the first process only supervises: it
//! starts the batch as a child with [`ENV`] naming a private folder. When
//! the child's reading of a file exhausts memory, the allocator writes that
//! file's path to the folder's marker and the child exits with
//! [`crate::sys::UNIT_OUT_OF_MEMORY`]; the supervisor adds the file to the
//! list of files to leave out and starts the child again. Each rerun leaves
//! out one more file, so there are at most as many reruns as files. Any
//! other ending of the child is the batch's own, passed on unchanged.
//! Signals (Ctrl-C, SIGTERM, SIGHUP) are passed to the child, which removes
//! its temporary files and exits as a batch always does.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::i18n::Lang;

/// The environment variable that makes `perf batch` the isolated child; its
/// value is the supervisor's private folder.
pub const ENV: &str = "PERF_BATCH_ISOLATED";

/// The file in the folder where the child names a file that exhausted memory.
const MARKER: &str = "exhausted";
/// The files to leave out, their encoded paths separated by NUL (which no
/// path holds).
const LEAVE_OUT: &str = "leave-out";

/// This process's part: the supervisor, or the isolated child with the
/// files an earlier attempt could not read for lack of memory.
pub enum Role {
    Supervisor,
    Child(Vec<PathBuf>),
}

/// Which part this process plays; the child arms the allocator's marker.
pub fn role() -> Result<Role> {
    let Some(dir) = std::env::var_os(ENV) else {
        return Ok(Role::Supervisor);
    };
    let dir = PathBuf::from(dir);
    let marker = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join(MARKER))
        .with_context(|| format!("{}: {}", ENV, dir.display()))?;
    crate::sys::isolate(marker);
    // The supervisor killed outright (kill -9) must not leave its batch
    // running on: the child is told to end as by SIGTERM (its temporary
    // files removed; the next run sweeps any left).
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::TERM));
    let listed = std::fs::read(dir.join(LEAVE_OUT)).unwrap_or_default();
    let left_out = listed
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| crate::sys::path_from_marker(p.to_vec()))
        .collect();
    Ok(Role::Child(left_out))
}

/// Runs `perf ARGS` (a batch) as isolated children until one ends other
/// than by a file exhausting memory; returns that child's exit code.
pub fn supervise(args: &[OsString], lang: Lang) -> Result<u8> {
    let exe = std::env::current_exe().context("perf: current_exe")?;
    let dir = tempfile::Builder::new()
        .prefix(".perf-batch-")
        .tempdir()
        .context(lang.pick("无法建立临时文件夹", "cannot create a temporary folder"))?;
    let child = signals::Forward::install();
    let mut left_out: Vec<Vec<u8>> = Vec::new();
    loop {
        std::fs::write(dir.path().join(MARKER), b"")?;
        std::fs::write(dir.path().join(LEAVE_OUT), left_out.join(&0u8))?;
        let mut run = Command::new(&exe)
            .args(args.iter().skip(1))
            .env(ENV, dir.path())
            .spawn()
            .with_context(|| {
                format!(
                    "{} {}",
                    lang.pick("无法启动", "cannot start"),
                    exe.display()
                )
            })?;
        child.watch(run.id());
        let status = run.wait()?;
        child.watch(0);
        if status.code() == Some(crate::sys::UNIT_OUT_OF_MEMORY.into()) {
            let exhausted = std::fs::read(dir.path().join(MARKER))?;
            // A file already left out cannot be why: nothing to gain by
            // running again (said by the child's own line).
            if !exhausted.is_empty() && !left_out.contains(&exhausted) {
                left_out.push(exhausted);
                continue;
            }
            return Ok(2);
        }
        return Ok(exit_code(status));
    }
}

/// The exit code a shell would report for the child.
fn exit_code(status: std::process::ExitStatus) -> u8 {
    if let Some(code) = status.code() {
        return u8::try_from(code).unwrap_or(2);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return u8::try_from(128 + signal).unwrap_or(2);
        }
    }
    2
}

/// Whether `path` is among the files to leave out.
pub fn left_out(files: &[PathBuf], path: &Path) -> bool {
    files.iter().any(|p| p == path)
}

/// Passing the supervisor's signals to the running child.
mod signals {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// The child's process id (0: none running).
    pub struct Forward(Arc<AtomicU32>);

    impl Forward {
        /// Catches Ctrl-C, SIGTERM and SIGHUP from now on, and sends each to
        /// the child being watched; the supervisor itself waits on.
        pub fn install() -> Self {
            let pid = Arc::new(AtomicU32::new(0));
            #[cfg(target_os = "linux")]
            {
                use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
                if let Ok(mut signals) =
                    signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
                {
                    let watched = Arc::clone(&pid);
                    let _ = std::thread::Builder::new()
                        .name("signals".into())
                        .spawn(move || {
                            for signal in signals.forever() {
                                let child = i32::try_from(watched.load(Ordering::SeqCst))
                                    .ok()
                                    .and_then(rustix::process::Pid::from_raw);
                                let signal = rustix::process::Signal::from_named_raw(signal);
                                if let (Some(child), Some(signal)) = (child, signal) {
                                    let _ = rustix::process::kill_process(child, signal);
                                }
                            }
                        });
                }
            }
            Forward(pid)
        }

        pub fn watch(&self, pid: u32) {
            self.0.store(pid, Ordering::SeqCst);
        }
    }
}
