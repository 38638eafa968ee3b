//! `cargo xtask`: build, serve, test and bench rl-live. Only std, wasm-bindgen-cli-support and
//! flate2 (plus the rl-live core and serde_json for `bench`).

mod bench;
mod bench_algos;
mod bench_long;
mod bench_model_based;
mod fresh_toolchain;
mod test_tools;

use std::env;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const HELP: &str = "\
cargo xtask — build, serve and test rl-live

USAGE:
    cargo xtask <COMMAND> [OPTIONS]

COMMANDS:
    build               Compile the crate to wasm32 (profile `wasm`) and generate the JS glue:
                        www/pkg/rl_live.js + www/pkg/rl_live_bg.wasm (--target web)
    serve [--port P]    build, then serve the repository root on http://127.0.0.1:P/
                        (default port 8000; 0 picks a free one). Ctrl-C stops it.
    test                Everything CI runs: install Chromium + chromedriver with apt if
                        missing (needs root), the test-only npm tools, build, then
                        `cargo test --workspace` (unit, integration and browser tests)
                        and the fresh-toolchain check below
    fresh-toolchain     The README's first command on a machine without the wasm target:
                        `cargo xtask serve` under a throw-away RUSTUP_HOME that lacks it
                        (RUSTUP_AUTO_INSTALL=0) must add the target and serve the deck
    dist DIR            build, then write the deck as a self-contained static folder DIR
                        (index.html, sw.js, www/: the modules, the wasm, the bundled agent)
                        for any static host; CSP in a <meta> tag; a service worker caches
                        the build on the first visit so the deck works offline

    Every command that builds (build, serve, test, dist, bench, bench-long) first adds the
    wasm32-unknown-unknown target with rustup if it is missing.
    bench               How fast the deck preset solves CartPole-v1, seeds 0-9: in headless
                        Chromium through the training worker, and natively; micro-figures,
                        wasm size, the deck's first paint. Prints a table and writes
                        target/bench/summary.json (≈ 1–2 min; not part of `test`)
    bench-long [--minutes N] [--slides N] [--total-timesteps N]
                        Long runs in headless Chromium: train on #/training for N minutes
                        (default 30; Train pressed again when a run of total_timesteps,
                        default 1000000, ends), sampling every minute the page's JS heap,
                        the page's and the worker's wasm memory and the curve's rows; then
                        N slide changes (default 10000), sampling every 1000. Forced GC
                        before each sample. Prints tables and writes target/bench/long.json
    help, --help, -h    This text
";

const TARGET: &str = "wasm32-unknown-unknown";
const WASM_PROFILE: &str = "wasm";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Emoji font, so the slides' emoji render in the tests' screenshots as they do for people.
const EMOJI_FONT: &str = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("help" | "--help" | "-h") => {
            print!("{HELP}");
            Ok(())
        }
        Some("build") => no_more_args(&args[1..]).and_then(|()| build()),
        Some("serve") => serve(&args[1..]),
        Some("test") => no_more_args(&args[1..]).and_then(|()| test()),
        Some("dist") => dist(&args[1..]),
        Some("fresh-toolchain") => no_more_args(&args[1..])
            .and_then(|()| fresh_toolchain::check(&root(), &target_dir())),
        Some("bench") => no_more_args(&args[1..])
            .and_then(|()| ensure_chromium())
            .and_then(|()| bench::bench(&root(), &target_dir(), build)),
        Some("bench-long") => bench_long::parse(&args[1..]).and_then(|o| {
            ensure_chromium()?;
            bench_long::bench_long(&root(), &target_dir(), build, o)
        }),
        Some(other) => Err(format!("unknown command {other:?}\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn no_more_args(rest: &[String]) -> Result {
    match rest.first() {
        None => Ok(()),
        Some(a) => Err(format!(
            "unexpected argument {a:?} (see `cargo xtask --help`)"
        )),
    }
}

/// The workspace root (the parent of this crate's directory).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Cargo's target directory: $CARGO_TARGET_DIR when set, else `target/` in the workspace.
fn target_dir() -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root().join(dir),
        _ => root().join("target"),
    }
}

fn cargo() -> Command {
    let mut c = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    c.current_dir(root());
    c
}

fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

// ---------------------------------------------------------------------------------------------
// build

fn build() -> Result {
    let t0 = Instant::now();
    let root = root();
    ensure_wasm_target()?;
    // The `wasm` profile (Cargo.toml): release, with opt-level "s" for everything but the
    // crates training runs in.
    eprintln!("xtask: cargo build --profile {WASM_PROFILE} --target {TARGET} --lib");
    run(cargo().args([
        "build",
        "--profile",
        WASM_PROFILE,
        "--target",
        TARGET,
        "--lib",
        "--package",
        "rl-live",
    ]))?;
    let input = target_dir()
        .join(TARGET)
        .join(WASM_PROFILE)
        .join("rl_live.wasm");
    let out_dir = root.join("www").join("pkg");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("create {}: {e}", out_dir.display()))?;

    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&input)
        .out_name("rl_live")
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?
        // The library defaults to true (the CLI to false): without the default URL,
        // `init()` with no argument fails with "Argument 0 must be a buffer source".
        .omit_default_module_path(false)
        .typescript(true)
        .debug(false)
        .keep_debug(false)
        .remove_name_section(true)
        .remove_producers_section(true);
    bindgen
        .generate(&out_dir)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?;
    refuse_eval(&out_dir.join("rl_live.js"))?;

    let wasm = out_dir.join("rl_live_bg.wasm");
    let bytes = std::fs::read(&wasm).map_err(|e| format!("read {}: {e}", wasm.display()))?;
    let gz = gzip_len(&bytes).map_err(|e| format!("gzip: {e}"))?;
    eprintln!(
        "xtask: built {} ({} KiB, {} KiB gzipped) and {} in {:.1} s",
        rel(&wasm),
        bytes.len() / 1024,
        gz / 1024,
        rel(&out_dir.join("rl_live.js")),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The page runs under `script-src 'self' 'wasm-unsafe-eval'`: the glue must not turn strings
/// into code. js-sys's `unsafe-eval` feature (`eval`, `Function::new_*`) is switched on by
/// serde-wasm-bindgen 0.6, which asks for js-sys's defaults, so this holds by checking what
/// wasm-bindgen generated: an import of either would appear here.
fn refuse_eval(glue: &Path) -> Result {
    let js = std::fs::read_to_string(glue).map_err(|e| format!("read {}: {e}", glue.display()))?;
    match ["eval(", "new Function"].into_iter().find(|s| js.contains(s)) {
        Some(s) => Err(format!("{} calls `{s}`: the page's CSP forbids it", rel(glue))),
        None => Ok(()),
    }
}

fn gzip_len(bytes: &[u8]) -> io::Result<usize> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes)?;
    Ok(enc.finish()?.len())
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

// ---------------------------------------------------------------------------------------------
// serve

fn serve(args: &[String]) -> Result {
    let mut port: u16 = 8000;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = if a == "--port" || a == "-p" {
            it.next()
                .ok_or("--port needs a value, e.g. --port 8080")?
                .as_str()
        } else if let Some(v) = a.strip_prefix("--port=") {
            v
        } else {
            return Err(format!(
                "unexpected argument {a:?} (usage: cargo xtask serve [--port P])"
            ));
        };
        port = value
            .parse()
            .map_err(|_| format!("--port must be a number in 0..=65535, got {value:?}"))?;
    }
    // Bind first so a taken port fails fast, before a build.
    let server = rl_live_serve::Server::bind(root(), port).map_err(|e| {
        if e.kind() == io::ErrorKind::AddrInUse {
            format!(
                "port {port} on 127.0.0.1 is already in use (another `cargo xtask serve`?). \
                 Stop it or pick another port: cargo xtask serve --port {}",
                port.wrapping_add(1)
            )
        } else {
            format!("cannot serve on 127.0.0.1:{port}: {e}")
        }
    })?;
    build()?;
    println!("\nrl-live is served at {}  (Ctrl-C to stop)", server.url());
    println!(
        "serving {} — index.html at the top, www/ beneath",
        server.root().display()
    );
    io::stdout().flush().ok();
    server.run()
}

// ---------------------------------------------------------------------------------------------
// dist

fn dist(args: &[String]) -> Result {
    let [dir] = args else {
        return Err("usage: cargo xtask dist DIR (the folder to write the static site to)".into());
    };
    let dir = env::current_dir().map_err(|e| format!("current folder: {e}"))?.join(dir);
    build()?;
    let d = rl_live_serve::dist::write(&root(), &dir).map_err(|e| format!("dist: {e}"))?;
    eprintln!(
        "xtask: wrote {} ({} files, {} KiB, build {}): serve it with any static server, e.g. \
         python3 -m http.server -d {} (offline after the first visit; see docs/embedding.md)",
        dir.display(),
        d.files.len(),
        d.bytes / 1024,
        d.build,
        dir.display()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// test

fn test() -> Result {
    ensure_chromium()?;
    test_tools::ensure(&root())?;
    build()?;
    // The README's first command on a machine without the wasm target (one check, counted
    // in the total below).
    fresh_toolchain::check(&root(), &target_dir())?;
    eprintln!("xtask: cargo test --workspace");
    // Pass the output through, and add up cargo's per-binary "test result" lines into one
    // closing line, so a reader (or CI) sees the whole run's count at the end.
    let mut child = cargo()
        .args(["test", "--workspace"])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    let (mut passed, mut failed, mut ignored) = (0u64, 0u64, 0u64);
    for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
        let line = line.map_err(|e| format!("reading cargo test output: {e}"))?;
        println!("{line}");
        if let Some(rest) = line.strip_prefix("test result: ") {
            for part in rest.split(';') {
                let mut words = part.split_whitespace().rev();
                let (Some(what), Some(n)) = (words.next(), words.next()) else { continue };
                let n: u64 = n.parse().unwrap_or(0);
                match what {
                    "passed" => passed += n,
                    "failed" => failed += n,
                    "ignored" => ignored += n,
                    _ => {}
                }
            }
        }
    }
    let status = child.wait().map_err(|e| format!("cargo test: {e}"))?;
    passed += 1; // fresh_toolchain::check, which returned early had it failed
    println!("\ntotal: {passed} passed, {failed} failed, {ignored} skipped");
    if !status.success() {
        return Err(format!("cargo test failed ({status})"));
    }
    if passed == 0 {
        return Err("cargo test ran no test".into());
    }
    Ok(())
}

/// Every command that builds wasm starts here. rust-toolchain.toml lists the target, and
/// rustup installs it on first use where it may install things (RUSTUP_AUTO_INSTALL not 0);
/// elsewhere, or with a toolchain rustup does not manage, this adds it or says what to do.
fn ensure_wasm_target() -> Result {
    if wasm_std_installed() {
        return Ok(());
    }
    let rustup = Command::new("rustup").arg("--version").current_dir(root()).output();
    if rustup.is_err() {
        return Err(format!(
            "the {TARGET} target (Rust's standard library for WebAssembly) is not installed, and \
             rustup was not found to add it. Install rustup (https://rustup.rs) with a stable \
             toolchain and rerun, or add the target to the Rust you have (Debian: apt-get \
             install libstd-rust-dev-wasm32)."
        ));
    }
    eprintln!("xtask: adding the {TARGET} target (rustup target add {TARGET})");
    run(Command::new("rustup").args(["target", "add", TARGET]).current_dir(root()))?;
    if wasm_std_installed() {
        Ok(())
    } else {
        Err(format!("`rustup target add {TARGET}` finished, but rustc still has no standard library for {TARGET}"))
    }
}

/// Whether the rustc that cargo runs here has a standard library for the wasm target.
fn wasm_std_installed() -> bool {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    Command::new(rustc)
        .args(["--print", "target-libdir", "--target", TARGET])
        .current_dir(root())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .is_some_and(|mut files| files.any(|f| f.is_ok_and(|f| f.file_name().to_string_lossy().starts_with("libcore-"))))
}

fn ensure_chromium() -> Result {
    let missing = || {
        [CHROMIUM, CHROMEDRIVER, EMOJI_FONT]
            .into_iter()
            .filter(|p| !Path::new(p).exists())
            .collect::<Vec<_>>()
    };
    let before = missing();
    if before.is_empty() {
        return Ok(());
    }
    if !is_root() {
        return Err(format!(
            "{} missing; the browser tests need Chromium and its driver. Install them \
             (as root: apt-get update && apt-get install -y chromium chromium-driver fonts-noto-color-emoji) and rerun.",
            before.join(" and ")
        ));
    }
    eprintln!(
        "xtask: {} missing; installing chromium, chromium-driver and fonts-noto-color-emoji with apt-get",
        before.join(" and ")
    );
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "chromium", "chromium-driver", "fonts-noto-color-emoji"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    let after = missing();
    if after.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "apt-get install finished but {} still missing",
            after.join(" and ")
        ))
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
