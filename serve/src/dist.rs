//! `cargo xtask dist DIR`: the deck as a self-contained static folder that any static host
//! serves as it is (GitHub Pages, an S3 bucket, `python3 -m http.server`):
//!
//! ```text
//! DIR/index.html   the deck, with its CSP and its build version in <meta> tags
//! DIR/sw.js        the service worker: caches this build on the first visit (offline)
//! DIR/www/…        the modules, styles, the wasm (www/pkg) and the bundled agent
//! ```
//!
//! Nothing else: no READMEs, no TypeScript declarations, no dotfiles. The build version is a
//! hash of every file's bytes, so an unchanged deck keeps its version (and its visitors'
//! caches) and any change makes a new one. `sw.js` lists every file with its size and FNV-1a
//! hash; the service worker checks each download against them, so a cache never holds files
//! of two builds (a site half-way through a deploy fails the install instead).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::CONTENT_SECURITY_POLICY;

/// The service worker's code (www/offline/service-worker.js); dist puts the build's manifest in
/// front of it and writes it as DIR/sw.js (a service worker controls only its folder and below,
/// so it sits next to index.html).
const SERVICE_WORKER: &str = "www/offline/service-worker.js";
/// Pages that get the CSP and build version as <meta> tags.
const PAGES: [&str; 2] = ["index.html", "www/deck/notes.html"];
/// What says that a folder is a dist folder (so that dist may replace it).
const SIGNATURE: &str = "// rl-live dist service worker";

/// What `write` produced.
#[derive(Debug, Clone)]
pub struct Dist {
    /// The build version (16 hex digits).
    pub build: String,
    /// Every file written, relative to the folder, `/`-separated, sorted (sw.js included).
    pub files: Vec<String>,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// 32-bit FNV-1a: the per-file check the service worker repeats in JS (Math.imul), not a
/// defence against anyone (the files come from the same host as sw.js).
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

fn fnv1a64(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |h, &b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

/// The files of the deck under `src` (the repository root), relative and `/`-separated.
fn sources(src: &Path) -> io::Result<Vec<String>> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) -> io::Result<()> {
        let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = format!("{rel}/{name}");
            if name.starts_with('.') || name.ends_with(".md") || name.ends_with(".d.ts") || name == "package.json" || path == SERVICE_WORKER {
                continue;
            }
            if e.file_type()?.is_dir() {
                walk(&e.path(), &path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = vec!["index.html".to_string()];
    walk(&src.join("www"), "www", &mut out)?;
    Ok(out)
}

/// Adds the CSP and the build version after `<meta charset="utf-8">`.
fn stamp_page(html: &str, build: &str, page: &str) -> io::Result<String> {
    const CHARSET: &str = "<meta charset=\"utf-8\">";
    let at = html.find(CHARSET).ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidData, format!("{page} has no {CHARSET} to put the CSP after"))
    })? + CHARSET.len();
    Ok(format!(
        "{}\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n  <meta name=\"rl-live-build\" content=\"{build}\">{}",
        &html[..at],
        &html[at..]
    ))
}

/// Refuses to write into a folder that has anything but an earlier dist in it.
fn prepare(out: &Path, src: &Path) -> io::Result<()> {
    let err = |m: String| io::Error::new(io::ErrorKind::InvalidInput, m);
    if out.exists() {
        let canon = out.canonicalize()?;
        if src.canonicalize()?.starts_with(&canon) || canon.starts_with(src.canonicalize()?.join("www")) {
            return Err(err(format!("{} would hold the sources themselves: pick another folder", out.display())));
        }
        let empty = fs::read_dir(out)?.next().is_none();
        let ours = fs::read_to_string(out.join("sw.js")).is_ok_and(|s| s.starts_with(SIGNATURE));
        if !empty && !ours {
            return Err(err(format!(
                "{} is not empty and is not an rl-live dist folder (no sw.js of ours): pick an empty or new folder",
                out.display()
            )));
        }
        if ours {
            for e in fs::read_dir(out)? {
                let p = e?.path();
                if p.is_dir() { fs::remove_dir_all(&p)? } else { fs::remove_file(&p)? }
            }
        }
    }
    fs::create_dir_all(out)
}

/// Writes the dist folder `out` from the repository root `src` (with www/pkg built).
pub fn write(src: &Path, out: &Path) -> io::Result<Dist> {
    for f in ["www/pkg/rl_live.js", "www/pkg/rl_live_bg.wasm"] {
        if !src.join(f).is_file() {
            return Err(io::Error::new(io::ErrorKind::NotFound, format!("{f} is missing: build the wasm first (cargo xtask build)")));
        }
    }
    let worker = fs::read_to_string(src.join(SERVICE_WORKER))?;
    let paths = sources(src)?;
    let mut contents: Vec<(String, Vec<u8>)> = Vec::new();
    let mut version = 0xcbf2_9ce4_8422_2325u64;
    for p in &paths {
        let bytes = fs::read(src.join(p))?;
        version = fnv1a64(&bytes, fnv1a64(p.as_bytes(), version));
        contents.push((p.clone(), bytes));
    }
    version = fnv1a64(worker.as_bytes(), version);
    let build = format!("{version:016x}");
    for (p, bytes) in &mut contents {
        if PAGES.contains(&p.as_str()) {
            let html = String::from_utf8(std::mem::take(bytes)).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{p}: {e}")))?;
            *bytes = stamp_page(&html, &build, p)?.into_bytes();
        }
    }

    prepare(out, src)?;
    let mut manifest = String::new();
    let mut total = 0u64;
    for (p, bytes) in &contents {
        let dest: PathBuf = out.join(p);
        fs::create_dir_all(dest.parent().expect("a file has a folder"))?;
        fs::write(&dest, bytes)?;
        manifest.push_str(&format!("  {p:?}: [{}, {:?}],\n", bytes.len(), format!("{:08x}", fnv1a32(bytes))));
        total += bytes.len() as u64;
    }
    let sw = format!(
        "{SIGNATURE} (written by `cargo xtask dist`; the code is www/offline/service-worker.js)\n\
         const BUILD = {build:?};\n\
         /** Every file of this build: [size in bytes, FNV-1a 32 of its bytes]. */\n\
         const FILES = {{\n{manifest}}};\n\n{worker}"
    );
    fs::write(out.join("sw.js"), &sw)?;
    total += sw.len() as u64;
    let mut files: Vec<String> = contents.into_iter().map(|(p, _)| p).collect();
    files.push("sw.js".into());
    files.sort();
    Ok(Dist { build, files, bytes: total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a32_matches_the_reference_vectors() {
        assert_eq!(fnv1a32(b""), 0x811c9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c292c);
        assert_eq!(fnv1a32(b"foobar"), 0xbf9cf968);
    }

    #[test]
    fn the_csp_and_the_build_go_after_the_charset() {
        let page = stamp_page("<head>\n  <meta charset=\"utf-8\">\n  <title>t</title>", "0123456789abcdef", "index.html").unwrap();
        assert!(page.contains("<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'\">\n  <meta name=\"rl-live-build\" content=\"0123456789abcdef\">\n  <title>"), "{page}");
        assert!(stamp_page("<head><title>t</title>", "x", "index.html").is_err());
    }
}
