//! Whether perf has a console window of its own (Windows: started by a
//! double-click or by dropping files on perf.exe), so that the window is
//! kept open until Enter is pressed rather than closing on the results.
//!
//! The second module allowed `unsafe` (see lib.rs), under `cfg(windows)`
//! only: one call to `GetConsoleProcessList`, which `windows-sys` declares
//! but no safe crate wraps.

/// True when the console this process writes to was made for it alone: no
/// shell (cmd, PowerShell) shares it, so it closes when perf ends.
#[cfg(windows)]
#[allow(unsafe_code)]
pub fn owns_console() -> bool {
    use windows_sys::Win32::System::Console::GetConsoleProcessList;
    let mut ids = [0u32; 2];
    // SAFETY: the pointer and the length describe `ids`, a live array of two
    // u32 the call writes at most two of; the count returned is all it reads.
    let count = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    count == 1
}

/// Elsewhere a terminal belongs to the shell that started perf.
#[cfg(not(windows))]
pub fn owns_console() -> bool {
    false
}

/// Keeps a console of perf's own open until Enter: `按回车键关闭窗口……`.
pub fn wait_if_own(lang: crate::i18n::Lang) {
    if !owns_console() {
        return;
    }
    eprint!(
        "{}",
        lang.pick(
            "\n按回车键关闭窗口……",
            "\nPress Enter to close this window..."
        )
    );
    let _ = std::io::stdin().read_line(&mut String::new());
}
