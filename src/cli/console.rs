//! Whether perf has a console window of its own (Windows: started by a
//! double-click or by dropping files on perf.exe), so that the window is
//! kept open until Enter is pressed rather than closing on the results.
//! (The system call itself is in `sys`, the one module allowed `unsafe`.)

/// True when the console this process writes to was made for it alone: no
/// shell (cmd, PowerShell) shares it, so it closes when perf ends.
#[cfg(windows)]
pub fn owns_console() -> bool {
    crate::sys::console_process_count() == 1
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
