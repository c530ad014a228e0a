//! Temporary files of outputs: created exclusively under unpredictable names,
//! known to the process until renamed or removed, removed on Ctrl-C or a
//! termination signal, and those of earlier runs that died removed.
//!
//! A temporary name is `.{hint}.perf-tmp-{pid}-{random}` beside the output:
//! the hint (the start of the output's name) tells an officer what it was,
//! the process id tells a later run whether its writer is still alive, and
//! the random part, with exclusive creation (never following a link), keeps
//! anyone from planting a file or link where perf is about to write.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The marker every temporary name holds.
const MARK: &str = ".perf-tmp-";

/// Bytes of the output's name kept in a temporary name: the whole name may
/// be as long as the file system allows, and the suffix must still fit.
const HINT_BYTES: usize = 60;

/// Temporary files this process has open, removed if a signal ends it.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Folders whose stale temporary files this process has looked for.
static SWEPT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

fn live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the lock cannot leave the list half-changed
    // (one push or one retain).
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Creates the temporary file for `out`, in `out`'s folder (a rename is
/// atomic only within one file system), exclusively: an existing file or
/// link of that name is never opened.
pub fn create(out: &Path) -> std::io::Result<(PathBuf, File)> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    sweep_once(dir);
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let hint = clip_to_bytes(&name, HINT_BYTES);
    let prefix = format!(".{hint}{MARK}{}-", std::process::id());
    // Created while the list is held, so a signal's clean-up (which holds
    // it to the end of the process) never misses a file being created.
    let mut live = live();
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(8);
    // The output is for the officer's colleagues too: made as any file is
    // (0666 less the umask), not private as a temporary file would be.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let file = builder.tempfile_in(dir)?;
    // Kept: perf renames or removes it itself, and a signal handler must
    // be able to remove it by name.
    let (file, path) = file.keep().map_err(|e| e.error)?;
    live.push(path.clone());
    Ok((path, file))
}

/// `tmp` has been renamed into place or removed: no longer ours to clean.
pub fn settled(tmp: &Path) {
    live().retain(|p| p != tmp);
}

/// Removes `tmp` (best effort: it may be gone already) and forgets it.
pub fn remove(tmp: &Path) {
    let _ = std::fs::remove_file(tmp);
    settled(tmp);
}

/// Removes every temporary file this process still has, then ends it with
/// `code`, the list held to the end so that no new one is made meanwhile.
fn remove_all_and_exit(code: i32, message: &str) -> ! {
    let mut live = live();
    for p in live.drain(..) {
        let _ = std::fs::remove_file(p);
    }
    eprintln!("perf: {message}");
    std::process::exit(code)
}

/// The longest start of `s` within `max` bytes, cut at a character boundary.
pub fn clip_to_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Once per folder and process: removes temporary files left there by perf
/// runs that died (killed, the machine switched off), whose process is gone.
fn sweep_once(dir: &Path) {
    {
        let mut swept = SWEPT.lock().unwrap_or_else(|e| e.into_inner());
        if !swept
            .get_or_insert_with(HashSet::new)
            .insert(dir.to_path_buf())
        {
            return;
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(writer_pid) else {
            continue;
        };
        if pid != std::process::id() && !alive(pid) {
            // Only regular files: never follow or remove a link or folder.
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Whether the process has ended and waits only to be reaped (Linux's
/// /proc; elsewhere, or when unreadable, no).
#[cfg(unix)]
fn zombie(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // `pid (name) S …`: the state follows the name's closing parenthesis.
        stat.rfind(')')
            .and_then(|at| stat[at + 1..].split_whitespace().next())
            .is_some_and(|state| matches!(state, "Z" | "X"))
    })
}

/// The process id in a temporary name (`.x.perf-tmp-1234-AbC…` or the older
/// `.x.perf-tmp-1234`), or None when `name` is no temporary name of perf's.
fn writer_pid(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let rest = &name[name.rfind(MARK)? + MARK.len()..];
    let digits = rest.split('-').next()?;
    digits.parse().ok()
}

/// Whether a process of that id still runs (on Unix; elsewhere assumed so,
/// so that nothing another run is writing is ever removed).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        // ESRCH: no such process; EPERM: it exists, under another user.
        let exists = !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        );
        // A killed process not yet reaped (a zombie: in a container whose
        // first process reaps nothing, for good) writes nothing more.
        exists && !zombie(pid.as_raw_nonzero().get())
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// On Ctrl-C (SIGINT), SIGTERM or SIGHUP: removes this run's temporary
/// files, says so on one line and exits with 128 + the signal's number
/// (130 for Ctrl-C, 143 for SIGTERM), as shells expect. Call once, early.
pub fn clean_up_on_signals(lang: crate::i18n::Lang) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        // Without a handler a signal ends perf as it always did: what is
        // left are hidden temporary files, removed by the next run.
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                remove_all_and_exit(
                    128 + signal,
                    lang.pick(
                        "已中断：本次运行的临时文件已删除，原有文件未改动",
                        "interrupted: this run's temporary files are removed; existing files are unchanged",
                    ),
                );
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_exclusive_unpredictable_and_within_byte_limits() {
        let dir = tempfile::tempdir().unwrap();
        let long = "监".repeat(80) + ".xlsx"; // 245 bytes
        let out = dir.path().join(&long);
        let (a, _) = create(&out).unwrap();
        let (b, _) = create(&out).unwrap();
        assert_ne!(a, b);
        for p in [&a, &b] {
            let name = p.file_name().unwrap().to_str().unwrap();
            assert!(name.len() < 100, "{name}");
            assert_eq!(writer_pid(name), Some(std::process::id()));
        }
        // Made as any file is (0666 less the umask), not private.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&a).unwrap().permissions().mode();
            assert_ne!(mode & 0o044, 0, "{mode:o}");
        }
        remove(&a);
        remove(&b);
        assert!(live().is_empty());
    }

    #[test]
    fn a_planted_link_is_never_followed() {
        // Whatever name an attacker guesses, creation is exclusive: the
        // random part makes the guess useless and O_EXCL refuses a link.
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let out = dir.path().join("review.xlsx");
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            &victim,
            dir.path()
                .join(format!(".review.xlsx{MARK}{}", std::process::id())),
        )
        .unwrap();
        let (tmp, mut f) = create(&out).unwrap();
        std::io::Write::write_all(&mut f, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        remove(&tmp);
    }

    #[test]
    fn leftovers_of_dead_runs_are_swept_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // A pid that cannot be running (above the kernel's pid_max).
        let dead = dir.path().join(format!(".a.xlsx{MARK}2147483646-xyz"));
        let old = dir.path().join(format!(".b.xlsx{MARK}2147483646"));
        let mine = dir
            .path()
            .join(format!(".c.xlsx{MARK}{}-abc", std::process::id()));
        let other = dir.path().join("report.md");
        for p in [&dead, &old, &mine, &other] {
            std::fs::write(p, "x").unwrap();
        }
        sweep_once(dir.path());
        assert!(!dead.exists() && !old.exists());
        assert!(mine.exists() && other.exists());
    }

    #[test]
    fn names_are_cut_at_character_boundaries() {
        assert_eq!(clip_to_bytes("监控abc", 4), "监");
        assert_eq!(clip_to_bytes("abc", 10), "abc");
    }
}
