//! The README's first command on a machine without the wasm target, run by `cargo xtask test`
//! on every change.
//!
//! A newcomer has rustup and a stable toolchain, nothing else. This check builds that machine
//! beside the real one: a throw-away `RUSTUP_HOME` whose toolchain is the one in use, minus
//! Rust's standard library for wasm32 (the big directories are symlinks; the files rustup
//! rewrites are copies, so the real toolchain is never touched). With `RUSTUP_AUTO_INSTALL=0`
//! — rustup may not fetch the target by itself — it runs `cargo xtask serve --port 0` and
//! checks that the deck and its wasm are served and that the target was added.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::{Result, TARGET};

/// How long the first command may take to print its address (a cold build on a slow machine).
const SERVE_TIMEOUT: Duration = Duration::from_secs(30 * 60);

pub fn check(root: &Path, target: &Path) -> Result {
    let t0 = Instant::now();
    let sysroot = sysroot(root)?;
    let toolchain = sysroot.file_name().ok_or("rustc's sysroot has no name")?.to_owned();
    let real_home = sysroot
        .parent()
        .filter(|d| d.ends_with("toolchains"))
        .and_then(Path::parent)
        .filter(|h| h.join("settings.toml").exists())
        .ok_or_else(|| {
            format!(
                "the fresh-toolchain check needs a rustup toolchain; rustc's sysroot {} is not one",
                sysroot.display()
            )
        })?;

    let home = target.join("fresh-toolchain");
    if home.exists() {
        fs::remove_dir_all(&home).map_err(|e| format!("{}: {e}", home.display()))?;
    }
    let io = |e: std::io::Error| format!("fresh-toolchain: {e}");
    fs::create_dir_all(home.join("toolchains")).map_err(io)?;
    fs::copy(real_home.join("settings.toml"), home.join("settings.toml")).map_err(io)?;
    mirror_without_wasm(&sysroot, &home.join("toolchains").join(&toolchain)).map_err(io)?;
    if wasm_std(root, &home) {
        return Err("fresh-toolchain: the mirrored toolchain still has the wasm target".into());
    }

    let mut child = first_command(root, &home)?;
    let result = serve_check(&mut child);
    stop(&mut child);
    result?;
    if !wasm_std(root, &home) {
        return Err("fresh-toolchain: the deck was served, but the wasm target is still missing".into());
    }
    fs::remove_dir_all(&home).map_err(io)?;
    eprintln!(
        "xtask: fresh toolchain: `cargo xtask serve` added {TARGET} and served the deck ({:.0} s)",
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The toolchain rust-toolchain.toml selects here.
fn sysroot(root: &Path) -> Result<PathBuf> {
    let out = Command::new("rustc")
        .args(["--print", "sysroot"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("rustc --print sysroot: {e}"))?;
    if !out.status.success() {
        return Err("rustc --print sysroot failed".into());
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// `to` becomes `from` without the wasm standard library. rustc finds its sysroot from the
/// canonical path of its own library, so `bin/` and `lib/` are real directories whose files
/// are hard links (copies across file systems); `lib/rustlib`'s small files (the component
/// list and manifests, which `rustup target add` rewrites) are copies; every other directory
/// is a symlink.
fn mirror_without_wasm(from: &Path, to: &Path) -> std::io::Result<()> {
    const REAL_DIRS: [&str; 3] = ["bin", "lib", "lib/rustlib"];
    fn walk(from: &Path, to: &Path, rel: &str) -> std::io::Result<()> {
        fs::create_dir_all(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let (src, dst) = (entry.path(), to.join(&name));
            let child = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
            let in_rustlib = rel == "lib/rustlib";
            if in_rustlib && (name == TARGET || name == format!("manifest-rust-std-{TARGET}")) {
                // The wasm target is what this machine lacks.
            } else if in_rustlib && name == "components" {
                let kept: String = fs::read_to_string(&src)?
                    .lines()
                    .filter(|l| *l != format!("rust-std-{TARGET}"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                fs::write(&dst, kept)?;
            } else if in_rustlib && name == "multirust-config.toml" {
                // rustup's record of installed components: `[[components]]` blocks.
                let text = fs::read_to_string(&src)?;
                let kept: Vec<&str> = text
                    .split("\n\n")
                    .filter(|block| !block.contains(&format!("target = \"{TARGET}\"")))
                    .collect();
                fs::write(&dst, kept.join("\n\n"))?;
            } else if REAL_DIRS.contains(&child.as_str()) {
                walk(&src, &dst, &child)?;
            } else if entry.file_type()?.is_dir() || rel.is_empty() {
                std::os::unix::fs::symlink(&src, &dst)?;
            } else if in_rustlib {
                fs::copy(&src, &dst)?;
            } else if fs::hard_link(&src, &dst).is_err() {
                fs::copy(&src, &dst)?;
            }
        }
        Ok(())
    }
    walk(from, to, "")
}

/// Whether rustc, under rustup home `home`, has a standard library for the wasm target.
fn wasm_std(root: &Path, home: &Path) -> bool {
    let out = fresh_env(Command::new("rustc"), home)
        .args(["--print", "target-libdir", "--target", TARGET])
        .current_dir(root)
        .output();
    out.ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .and_then(|dir| fs::read_dir(dir).ok())
        .is_some_and(|mut files| {
            files.any(|f| f.is_ok_and(|f| f.file_name().to_string_lossy().starts_with("libcore-")))
        })
}

/// The environment of a newcomer's shell: rustup's proxies, the fresh home, no auto-install,
/// and nothing the outer cargo set for this process.
fn fresh_env(mut cmd: Command, home: &Path) -> Command {
    cmd.env("RUSTUP_HOME", home).env("RUSTUP_AUTO_INSTALL", "0");
    for var in ["RUSTUP_TOOLCHAIN", "RUSTC", "RUSTDOC", "CARGO", "RUSTC_WRAPPER", "CARGO_MANIFEST_DIR"] {
        cmd.env_remove(var);
    }
    cmd
}

fn first_command(root: &Path, home: &Path) -> Result<Child> {
    use std::os::unix::process::CommandExt;
    eprintln!("xtask: fresh toolchain: cargo xtask serve --port 0 (RUSTUP_HOME without {TARGET}, RUSTUP_AUTO_INSTALL=0)");
    fresh_env(Command::new("cargo"), home)
        .args(["xtask", "serve", "--port", "0"])
        .current_dir(root)
        .stdout(Stdio::piped())
        // Its own process group, so stopping it stops cargo and the server cargo started.
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cargo xtask serve: {e}"))
}

fn serve_check(child: &mut Child) -> Result {
    let stdout = child.stdout.take().expect("piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(std::io::Result::ok) {
            if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                let _ = tx.send(url.trim_end_matches('/').to_string());
                return;
            }
        }
    });
    let base = rx.recv_timeout(SERVE_TIMEOUT).map_err(|e| match e {
        mpsc::RecvTimeoutError::Timeout => format!(
            "fresh toolchain: `cargo xtask serve` printed no address within {} min",
            SERVE_TIMEOUT.as_secs() / 60
        ),
        mpsc::RecvTimeoutError::Disconnected => {
            "fresh toolchain: `cargo xtask serve` stopped before serving (its error is above)".into()
        }
    })?;
    let (status, _, body) = get(&base, "/")?;
    if status != 200 || !String::from_utf8_lossy(&body).contains("<title>") {
        return Err(format!("fresh toolchain: GET / gave {status}"));
    }
    let (status, head_wasm, wasm) = get(&base, "/www/pkg/rl_live_bg.wasm")?;
    if status != 200 || !wasm.starts_with(b"\0asm") || !head_wasm.contains("application/wasm") {
        return Err(format!("fresh toolchain: GET the wasm gave {status} ({} bytes); head: {head_wasm}", wasm.len()));
    }
    Ok(())
}

/// One HTTP/1.1 GET with `Connection: close`, read to the end: (status, head, body).
fn get(base: &str, path: &str) -> Result<(u16, String, Vec<u8>)> {
    let host = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(host).map_err(|e| format!("fresh toolchain: {host}: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
        .map_err(|e| format!("fresh toolchain: {e}"))?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| format!("fresh toolchain: GET {path}: {e}"))?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or("fresh toolchain: no HTTP head")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, head, raw[split + 4..].to_vec()))
}

fn stop(child: &mut Child) {
    // `--`: procps reads a bare "-PID" after the signal as another option.
    let _ = Command::new("kill").args(["-s", "TERM", "--", &format!("-{}", child.id())]).status();
    let _ = child.wait();
}
