//! A small, std-only static file server for rl-live.
//!
//! Used by `cargo xtask serve` (a person opens the deck) and by the browser tests (a fresh
//! server on a free port). It serves one directory, the *site root*, and nothing outside it:
//!
//! - `GET` and `HEAD` only (others get `405`); `/` and any directory map to its `index.html`;
//! - request paths are percent-decoded once and then checked segment by segment: `..`, `.`,
//!   empty segments inside the path, backslashes, NUL, encoded separators (`%2f`, `%5c`) and
//!   drive-letter colons are refused with `400`; the resolved file must also canonicalise to a
//!   path inside the root (no symlink escapes), else `404`;
//! - MIME types the browser insists on (`.js` → `text/javascript`, `.wasm` → `application/wasm`);
//! - every response carries `Cache-Control: no-cache` and `X-Content-Type-Options: nosniff`;
//!   HTML also carries the deck's [`CONTENT_SECURITY_POLICY`];
//! - binds 127.0.0.1 only; port 0 picks a free port, [`Server::addr`] reports it;
//! - [`Server::with_prefix`] serves the site under a sub-path (`/talks/rl/`) instead of `/`,
//!   like a static host that puts it in a folder: everything outside the prefix is `404`;
//! - [`Server::without_csp`] sends no CSP header, like most static hosts (then the page's own
//!   `<meta>` policy is the one in force: `cargo xtask dist` writes one);
//! - [`Server::spawn_stoppable`] runs it until [`Running::stop`]: the network going away.
//!
//! One thread per connection, `Connection: close` after each response: enough for a talk and
//! for tests, and nothing to tune.

pub mod dist;

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

/// The policy the deck must run under; sent with every HTML response.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/// Largest request head accepted (request line + headers).
const MAX_HEAD_BYTES: usize = 16 * 1024;

/// MIME type for a file name, by extension (case-insensitive). Unknown → octet-stream.
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "ts" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Why a request path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// Not an origin-form path (`/…`), or malformed percent-encoding.
    Malformed,
    /// Tries to leave the root or smuggle a separator (`..`, `%2f`, `\`, NUL, `C:` …).
    Forbidden,
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Maps a request target (`/www/main.js?x=1`) to a path relative to the site root, or refuses.
///
/// Decoding happens once, per segment, so an encoded `/` or `\` can never create a new segment:
/// such requests are refused outright. The result never contains `..`, `.`, a root or a prefix.
pub fn relative_path(target: &str) -> Result<PathBuf, PathError> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Err(PathError::Malformed);
    }
    let mut out = PathBuf::new();
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    for (i, raw) in segments.iter().enumerate() {
        // An empty last segment is a trailing slash ("/" or "/www/"); empty inner ones ("//") are refused.
        if raw.is_empty() {
            if i == last {
                continue;
            }
            return Err(PathError::Forbidden);
        }
        let bytes = raw.as_bytes();
        let mut seg = Vec::with_capacity(bytes.len());
        let mut j = 0;
        while j < bytes.len() {
            if bytes[j] == b'%' {
                let (Some(h), Some(l)) = (
                    bytes.get(j + 1).copied().and_then(hex),
                    bytes.get(j + 2).copied().and_then(hex),
                ) else {
                    return Err(PathError::Malformed);
                };
                seg.push(h * 16 + l);
                j += 3;
            } else {
                seg.push(bytes[j]);
                j += 1;
            }
        }
        let seg = String::from_utf8(seg).map_err(|_| PathError::Malformed)?;
        if seg == "." || seg == ".." || seg.contains(['/', '\\', '\0', ':']) {
            return Err(PathError::Forbidden);
        }
        out.push(&seg);
    }
    // Belt and braces: only plain names may remain.
    if out
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(PathError::Forbidden);
    }
    Ok(out)
}

/// Resolves a request target to an existing file inside `root` (already canonical).
/// Directories resolve to their `index.html`. `None` = nothing to serve (404).
pub fn resolve(root: &Path, target: &str) -> Result<Option<PathBuf>, PathError> {
    let rel = relative_path(target)?;
    let mut path = root.join(rel);
    if path.is_dir() {
        path.push("index.html");
    }
    let Ok(canonical) = path.canonicalize() else {
        return Ok(None);
    };
    if !canonical.starts_with(root) || !canonical.is_file() {
        return Ok(None);
    }
    Ok(Some(canonical))
}

/// A bound (not yet running) server.
pub struct Server {
    listener: TcpListener,
    root: PathBuf,
    addr: SocketAddr,
    prefix: String,
    csp: bool,
}

/// A server running on a background thread until [`Running::stop`].
pub struct Running {
    url: String,
    addr: SocketAddr,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Running {
    /// `http://127.0.0.1:PORT/` (plus the prefix, if any).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Stops accepting and closes the port (connections already accepted finish): a fetch
    /// afterwards is refused, as when the network is gone.
    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr); // wakes the accept
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.halt();
    }
}

impl Server {
    /// Binds 127.0.0.1:`port` (0 = any free port) to serve `root`.
    ///
    /// A taken port gives an error of kind [`io::ErrorKind::AddrInUse`].
    pub fn bind(root: impl AsRef<Path>, port: u16) -> io::Result<Server> {
        let root = root.as_ref().canonicalize().map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("site root {}: {e}", root.as_ref().display()),
            )
        })?;
        if !root.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("site root {} is not a directory", root.display()),
            ));
        }
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
        let addr = listener.local_addr()?;
        Ok(Server {
            listener,
            root,
            addr,
            prefix: "/".to_string(),
            csp: true,
        })
    }

    /// Sends no `Content-Security-Policy` header (a host that sends none).
    pub fn without_csp(mut self) -> Server {
        self.csp = false;
        self
    }

    /// Serves the site under `prefix` (e.g. `/talks/rl/`; slashes added as needed): `GET
    /// /talks/rl/index.html` is the root's index.html, any path outside the prefix is `404`.
    pub fn with_prefix(mut self, prefix: &str) -> Server {
        let trimmed = prefix.trim_matches('/');
        self.prefix = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        self
    }

    /// The address actually bound (the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/` (plus the prefix, if any).
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, self.prefix)
    }

    /// The canonical site root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Serves forever on the current thread (one thread per connection).
    pub fn run(self) -> ! {
        self.serve(&std::sync::atomic::AtomicBool::new(false));
        unreachable!("serve returns only when stopped")
    }

    fn serve(self, stop: &std::sync::atomic::AtomicBool) {
        let Server {
            listener,
            root,
            prefix,
            csp,
            ..
        } = self;
        loop {
            let accepted = listener.accept();
            if stop.load(std::sync::atomic::Ordering::SeqCst) {
                return;
            }
            match accepted {
                Ok((stream, _)) => {
                    let root = root.clone();
                    let prefix = prefix.clone();
                    thread::spawn(move || {
                        let _ = handle(stream, &root, &prefix, csp);
                    });
                }
                Err(e) => {
                    eprintln!("rl-live-serve: accept failed: {e}");
                    thread::sleep(Duration::from_millis(50));
                }
            }
        }
    }

    /// Serves on a background thread; returns the URL. The server lives as long as the process.
    pub fn spawn(self) -> String {
        let url = self.url();
        thread::Builder::new()
            .name(format!("rl-live-serve {}", self.addr))
            .spawn(move || self.run())
            .expect("spawn server thread");
        url
    }

    /// Serves on a background thread until [`Running::stop`] (or drop).
    pub fn spawn_stoppable(self) -> Running {
        let url = self.url();
        let addr = self.addr;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let thread = thread::Builder::new()
            .name(format!("rl-live-serve {addr}"))
            .spawn(move || self.serve(&flag))
            .expect("spawn server thread");
        Running {
            url,
            addr,
            stop,
            thread: Some(thread),
        }
    }
}

struct Response {
    status: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    csp: bool,
}

fn text(status: &'static str, body: &str) -> Response {
    Response {
        status,
        content_type: "text/plain; charset=utf-8",
        body: format!("{body}\n").into_bytes(),
        csp: false,
    }
}

/// Handles one connection: one request, one response, close.
fn handle(stream: TcpStream, root: &Path, prefix: &str, csp: bool) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut head = Vec::new();
    // Read the head line by line, bounded.
    loop {
        let mut line = Vec::new();
        let n = (&mut reader)
            .take((MAX_HEAD_BYTES - head.len().min(MAX_HEAD_BYTES)) as u64 + 1)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&line);
        if head.len() > MAX_HEAD_BYTES {
            return respond(
                stream,
                false,
                text(
                    "431 Request Header Fields Too Large",
                    "request head too large",
                ),
            );
        }
        if line == b"\r\n" || line == b"\n" {
            break;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut parts = head.lines().next().unwrap_or("").split_whitespace();
    let (method, target) = match (parts.next(), parts.next()) {
        (Some(m), Some(t)) => (m, t),
        _ => return respond(stream, false, text("400 Bad Request", "bad request")),
    };
    let is_head = method == "HEAD";
    if method != "GET" && !is_head {
        return respond(
            stream,
            is_head,
            text("405 Method Not Allowed", "only GET and HEAD"),
        );
    }
    // Under a prefix, "/talks/rl/x" is "/x"; "/talks/rl" itself and anything else is not found.
    let target = match target.strip_prefix(prefix.trim_end_matches('/')) {
        Some(rest) if prefix == "/" || rest.starts_with('/') => {
            if prefix == "/" {
                target
            } else {
                rest
            }
        }
        _ => return respond(stream, is_head, text("404 Not Found", "not found")),
    };
    let response = match resolve(root, target) {
        Err(PathError::Malformed) => text("400 Bad Request", "malformed path"),
        Err(PathError::Forbidden) => text("403 Forbidden", "forbidden path"),
        Ok(None) => text("404 Not Found", "not found"),
        Ok(Some(path)) => match fs::read(&path) {
            Ok(body) => {
                let content_type = mime_type(&path);
                Response {
                    status: "200 OK",
                    content_type,
                    body,
                    csp: csp && content_type.starts_with("text/html"),
                }
            }
            Err(_) => text("404 Not Found", "not found"),
        },
    };
    respond(stream, is_head, response)
}

fn respond(mut stream: TcpStream, is_head: bool, r: Response) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        r.status,
        r.content_type,
        r.body.len()
    );
    if r.csp {
        head.push_str(&format!(
            "Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n"
        ));
    }
    if r.status.starts_with("405") {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !is_head {
        stream.write_all(&r.body)?;
    }
    stream.flush()?;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A throw-away site per test (tests run in parallel threads of one process).
    fn site(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rl-live-serve-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("root/www/pkg")).unwrap();
        fs::write(
            dir.join("root/index.html"),
            "<!doctype html><title>t</title>",
        )
        .unwrap();
        fs::write(dir.join("root/www/main.js"), "export {};").unwrap();
        fs::write(dir.join("root/www/pkg/x.wasm"), b"\0asm").unwrap();
        fs::write(dir.join("secret.txt"), "outside").unwrap();
        dir
    }

    fn get(addr: SocketAddr, raw_request: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(raw_request.as_bytes()).unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn mime_types() {
        let m = |p: &str| mime_type(Path::new(p));
        assert_eq!(m("a/main.js"), "text/javascript; charset=utf-8");
        assert_eq!(m("a/MAIN.JS"), "text/javascript; charset=utf-8");
        assert_eq!(m("rl_live_bg.wasm"), "application/wasm");
        assert_eq!(m("index.html"), "text/html; charset=utf-8");
        assert_eq!(m("style.css"), "text/css; charset=utf-8");
        assert_eq!(m("agent.json"), "application/json");
        assert_eq!(m("shot.png"), "image/png");
        assert_eq!(m("logo.svg"), "image/svg+xml");
        assert_eq!(m("favicon.ico"), "image/x-icon");
        assert_eq!(m("Makefile"), "application/octet-stream");
    }

    #[test]
    fn plain_paths_resolve() {
        assert_eq!(relative_path("/").unwrap(), PathBuf::new());
        assert_eq!(
            relative_path("/www/main.js").unwrap(),
            PathBuf::from("www/main.js")
        );
        assert_eq!(
            relative_path("/www/main.js?v=1#x").unwrap(),
            PathBuf::from("www/main.js")
        );
        assert_eq!(relative_path("/www/").unwrap(), PathBuf::from("www"));
        assert_eq!(
            relative_path("/a%20b.txt").unwrap(),
            PathBuf::from("a b.txt")
        );
        assert_eq!(relative_path("/..foo").unwrap(), PathBuf::from("..foo"));
    }

    #[test]
    fn traversal_is_refused() {
        use PathError::*;
        for bad in [
            "/..",
            "/../",
            "/../secret.txt",
            "/www/../../secret.txt",
            "/./index.html",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/%2e./secret.txt",
            "/www%2f..%2f..%2fsecret.txt",
            "/www%2F..%2F..%2Fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/www\\..\\..\\secret.txt",
            "//etc/passwd",
            "/www//main.js",
            "/C:/Windows/win.ini",
            "/c%3a/x",
            "/%00",
            "/index.html%00.js",
        ] {
            assert_eq!(relative_path(bad), Err(Forbidden), "{bad}");
        }
        for bad in [
            "",
            "etc/passwd",
            "http://evil/x",
            "/%",
            "/%2",
            "/%zz",
            "/%ff%fe",
        ] {
            assert_eq!(relative_path(bad), Err(Malformed), "{bad}");
        }
    }

    #[test]
    fn serves_files_and_refuses_escapes_over_http() {
        let dir = site("http");
        let server = Server::bind(dir.join("root"), 0).unwrap();
        let addr = server.addr();
        assert_eq!(addr.ip(), std::net::IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert_ne!(addr.port(), 0);
        server.spawn();

        let r = get(addr, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 200 OK\r\n"), "{r}");
        assert!(r.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(r.contains(&format!(
            "Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n"
        )));
        assert!(r.contains("Cache-Control: no-cache\r\n"));
        assert!(r.ends_with("<title>t</title>"));

        let r = get(addr, "GET /www/main.js HTTP/1.1\r\n\r\n");
        assert!(
            r.contains("Content-Type: text/javascript; charset=utf-8\r\n"),
            "{r}"
        );
        assert!(!r.contains("Content-Security-Policy"));
        let r = get(addr, "HEAD /www/pkg/x.wasm HTTP/1.1\r\n\r\n");
        assert!(r.contains("Content-Type: application/wasm\r\n"), "{r}");
        assert!(r.contains("Content-Length: 4\r\n"));
        assert!(r.ends_with("\r\n\r\n"), "HEAD must have no body: {r:?}");

        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/www%2f..%2f..%2fsecret.txt",
            "/..\\secret.txt",
        ] {
            let r = get(addr, &format!("GET {bad} HTTP/1.1\r\n\r\n"));
            assert!(r.starts_with("HTTP/1.1 403"), "{bad}: {r}");
            assert!(!r.contains("outside"));
        }
        let r = get(addr, "GET /nope.js HTTP/1.1\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 404"), "{r}");
        let r = get(addr, "POST / HTTP/1.1\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 405"), "{r}");
        let r = get(addr, "GET http://127.0.0.1/../secret.txt HTTP/1.1\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 400"), "{r}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn serves_under_a_prefix() {
        let dir = site("prefix");
        let server = Server::bind(dir.join("root"), 0)
            .unwrap()
            .with_prefix("talks/rl");
        let addr = server.addr();
        assert_eq!(server.url(), format!("http://{addr}/talks/rl/"));
        server.spawn();
        let r = get(addr, "GET /talks/rl/ HTTP/1.1\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 200 OK\r\n"), "{r}");
        assert!(r.contains("Content-Security-Policy"));
        let r = get(addr, "GET /talks/rl/www/main.js HTTP/1.1\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 200 OK\r\n"), "{r}");
        for outside in ["/", "/www/main.js", "/talks/rl", "/talks/rlx/www/main.js", "/talks/"] {
            let r = get(addr, &format!("GET {outside} HTTP/1.1\r\n\r\n"));
            assert!(r.starts_with("HTTP/1.1 404"), "{outside}: {r}");
        }
        let r = get(addr, "GET /talks/rl/../secret.txt HTTP/1.1\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 403"), "{r}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_root_are_not_followed() {
        let dir = std::env::temp_dir().join(format!("rl-live-serve-link-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("root")).unwrap();
        fs::write(dir.join("secret.txt"), "outside").unwrap();
        std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("root/link.txt")).unwrap();
        let root = dir.join("root").canonicalize().unwrap();
        assert_eq!(resolve(&root, "/link.txt"), Ok(None));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn taken_port_is_reported() {
        let dir = site("port");
        let first = Server::bind(dir.join("root"), 0).unwrap();
        let err = Server::bind(dir.join("root"), first.addr().port())
            .err()
            .unwrap();
        assert_eq!(err.kind(), io::ErrorKind::AddrInUse);
        let _ = fs::remove_dir_all(&dir);
    }
}
