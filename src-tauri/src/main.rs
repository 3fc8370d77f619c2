// Keeps a console window from opening on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let started = std::time::Instant::now();
    // WebKitGTK's DMA-BUF renderer draws the roster grid ~14× slower where there is no GPU
    // (edit → repaint 101 ms against 7 ms, docs/PERFORMANCE.md) and leaves the window blank on
    // some drivers. Off unless the user chose otherwise; set before any thread starts.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
    kso_desk::run(started)
}
