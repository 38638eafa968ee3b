//! The browser tests' npm tools (tests/npm: reveal.js for the embedding tests, axe-core for the
//! accessibility audit), pinned by tests/npm/package-lock.json. Test-only: nothing from npm
//! ships with the deck.

use std::path::Path;
use std::process::Command;

use crate::{Result, is_root, run};

/// A copy of the lockfile `npm ci` last installed, to tell a stale node_modules from a fresh one.
const STAMP: &str = "node_modules/.rl-live-installed-lock.json";

/// Runs `npm ci` in tests/npm when node_modules is missing or was installed from another
/// lockfile; installs npm with apt first when it is missing and we are root.
pub fn ensure(root: &Path) -> Result {
    let dir = root.join("tests/npm");
    let lock = std::fs::read(dir.join("package-lock.json"))
        .map_err(|e| format!("read tests/npm/package-lock.json: {e}"))?;
    if std::fs::read(dir.join(STAMP)).is_ok_and(|installed| installed == lock) {
        return Ok(());
    }
    if Command::new("npm").arg("--version").output().is_err() {
        if !is_root() {
            return Err("npm is missing; the browser tests install reveal.js and axe-core with it. \
                        Install Node.js and npm (as root: apt-get install -y nodejs npm) and rerun."
                .into());
        }
        eprintln!("xtask: npm missing; installing nodejs and npm with apt-get");
        run(Command::new("apt-get").arg("update"))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "nodejs", "npm"])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    eprintln!("xtask: npm ci in tests/npm (reveal.js and axe-core, test-only, pinned)");
    run(Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(&dir))?;
    std::fs::write(dir.join(STAMP), &lock).map_err(|e| format!("write tests/npm/{STAMP}: {e}"))
}
