//! `drmtoken serve`: a local emulator of the five token services the drmtoken core speaks to,
//! for offline integration tests and deliberate fault injection.
//!
//! - ExpressPlay FairPlay, PlayReady, Widevine: `GET|POST /hms/{fp,pr,wv}/token` on any host
//!   (the Host header tells test from production), validated by `drmtoken-core` itself; see
//!   [`expressplay`].
//! - Nagra OpenTV IAS: `POST /ias/v2/content_token`; see [`opentv`].
//! - Adobe Pass: `GET /api/v1/tokens/authz`; see [`adobe`].
//!
//! Accounts come from a [`Config`] (the built-in [`DEFAULT_CONFIG`] works out of the box).
//! Faults come from the `X-Drmtoken-Fault` request header or the config's rules; see [`fault`].
//!
//! The emulator is std code on axum (routing) and hyper's HTTP/1.1 server on tokio. It depends on the core; the core never
//! depends on it.
//!
//! ```no_run
//! let server = drmtoken_emulator::Server::start("127.0.0.1:0".parse().unwrap(), drmtoken_emulator::Config::builtin())?;
//! println!("listening on {}", server.base_url());
//! # Ok::<(), std::io::Error>(())
//! ```

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use drmtoken_core::expressplay::{error_format, ErrorFormat, Service};

pub mod adobe;
pub mod config;
pub mod expressplay;
pub mod fault;
pub mod opentv;
pub mod time;
pub mod token;

pub use config::{Config, ConfigError, DEFAULT_CONFIG};
pub use fault::{Fault, FAULT_HEADER};

/// The largest request body read (a form body is a few hundred bytes).
pub const MAX_BODY: usize = 64 * 1024;

/// How long a `drop` fault waits after the half body before closing (so it is flushed).
const DROP_FLUSH: Duration = Duration::from_millis(50);

/// The routes served: method, path, what answers.
pub const ROUTES: &[(&str, &str, &str)] = &[
    (
        "GET, POST",
        "/hms/fp/token",
        "ExpressPlay FairPlay token (text/uri-list)",
    ),
    ("GET, POST", "/hms/pr/token", "ExpressPlay PlayReady token (JSON)"),
    (
        "GET, POST",
        "/hms/wv/token",
        "ExpressPlay Widevine token (text/uri-list)",
    ),
    (
        "POST",
        "/ias/v2/content_token?content_id=...&type=device",
        "Nagra OpenTV IAS content token (bearer + nv-tenant-id)",
    ),
    (
        "GET",
        "/api/v1/tokens/authz",
        "Adobe Pass authorization token (JSON or XML)",
    ),
];

/// An answer before faults: status, content type, body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A reply.
    #[must_use]
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type,
            body: body.into(),
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, [(CONTENT_TYPE, self.content_type)], self.body).into_response()
    }
}

/// The shared state: the configuration, and each fault rule parsed with its counter.
struct AppState {
    config: Config,
    rules: Vec<(Fault, AtomicU64)>,
    log: bool,
}

type Shared = Arc<AppState>;

fn header(headers: &HeaderMap, name: impl axum::http::header::AsHeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The host a request names: `Host`, or the authority of an absolute-form target.
fn host_of(req: &Request) -> Option<String> {
    header(req.headers(), HOST)
        .map(str::to_owned)
        .or_else(|| req.uri().authority().map(|a| a.as_str().to_owned()))
}

async fn read_body(body: Body) -> Result<Bytes, Reply> {
    to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| Reply::new(413, "text/plain", "request body too large or unreadable\n"))
}

async fn expressplay_route(state: Shared, service: Service, req: Request) -> Reply {
    let host = host_of(&req);
    let query = req.uri().query().unwrap_or_default().to_owned();
    let params = if req.method() == Method::POST {
        let body = match read_body(req.into_body()).await {
            Ok(b) => b,
            Err(reply) => return reply,
        };
        let Ok(body) = String::from_utf8(body.to_vec()) else {
            return expressplay::error_reply(error_format(&query), 400, None, "the form body is not UTF-8", None);
        };
        match (query.is_empty(), body.is_empty()) {
            (_, true) => query,
            (true, false) => body,
            (false, false) => format!("{query}&{body}"),
        }
    } else {
        query
    };
    expressplay::answer(&state.config, service, host.as_deref(), &params, time::now())
}

async fn fairplay(State(state): State<Shared>, req: Request) -> Reply {
    expressplay_route(state, Service::FairPlay, req).await
}

async fn playready(State(state): State<Shared>, req: Request) -> Reply {
    expressplay_route(state, Service::PlayReady, req).await
}

async fn widevine(State(state): State<Shared>, req: Request) -> Reply {
    expressplay_route(state, Service::Widevine, req).await
}

async fn ias(State(state): State<Shared>, req: Request) -> Reply {
    let headers = req.headers();
    let request = opentv::Request {
        query: req.uri().query().unwrap_or_default(),
        authorization: header(headers, AUTHORIZATION),
        tenant_id: header(headers, "nv-tenant-id"),
    };
    opentv::answer(&state.config, &request, time::now())
}

async fn authz(State(state): State<Shared>, req: Request) -> Reply {
    let headers = req.headers();
    let request = adobe::Request {
        query: req.uri().query().unwrap_or_default(),
        accept: header(headers, ACCEPT),
        device_info: header(headers, "x-device-info"),
    };
    adobe::answer(&state.config, &request, time::now_ms())
}

async fn not_found() -> Reply {
    expressplay::error_reply(ErrorFormat::Html, 404, None, "Bad URL", None)
}

/// The 5xx a `status=` fault answers, in the format of the service the path belongs to.
fn server_error(path: &str, query: &str, body: &[u8], headers: &HeaderMap, status: u16) -> Reply {
    if path.starts_with("/ias/") {
        return Reply::new(
            status,
            "application/json",
            serde_json::json!({ "status": status, "error": "Server Error", "message": "injected server error" })
                .to_string(),
        );
    }
    if path.starts_with("/api/") {
        let format = adobe::format_of(query, header(headers, ACCEPT)).unwrap_or(adobe::Format::Json);
        return adobe::error_reply(format, status, "Server error", "Server error");
    }
    let body = std::str::from_utf8(body).unwrap_or_default();
    let format = match error_format(query) {
        ErrorFormat::Json => ErrorFormat::Json,
        ErrorFormat::Html => error_format(body),
    };
    expressplay::error_reply(format, status, None, "Server error", None)
}

impl AppState {
    /// The fault for a request: its header, else the first config rule matching the path
    /// (which fires on every `every`-th matching request).
    fn fault_for(&self, headers: &HeaderMap, path: &str) -> Result<Option<Fault>, String> {
        if let Some(v) = headers.get(FAULT_HEADER) {
            let spec = v
                .to_str()
                .map_err(|_| "the X-Drmtoken-Fault header is not ASCII".to_owned())?;
            return Fault::parse(spec).map(Some).map_err(|e| e.0);
        }
        for (rule, (fault, count)) in self.config.faults.iter().zip(&self.rules) {
            if rule.path.as_deref().is_some_and(|p| !path.starts_with(p)) {
                continue;
            }
            let n = count.fetch_add(1, Ordering::Relaxed) + 1;
            if n % rule.every.max(1) == 0 {
                return Ok(Some(fault.clone()));
            }
            return Ok(None);
        }
        Ok(None)
    }
}

/// The fault layer: latency, injected 5xx, then what happens to the answer's body.
async fn inject(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let fault = match state.fault_for(req.headers(), &path) {
        Ok(f) => f.filter(|f| !f.is_empty()),
        Err(e) => return Reply::new(400, "text/plain", format!("bad X-Drmtoken-Fault: {e}\n")).into_response(),
    };
    let response = match &fault {
        None => next.run(req).await,
        Some(fault) => {
            if let Some(latency) = fault.latency {
                tokio::time::sleep(latency).await;
            }
            match fault.status {
                Some(status) => {
                    let query = req.uri().query().unwrap_or_default().to_owned();
                    let (parts, body) = req.into_parts();
                    let body = read_body(body).await.unwrap_or_default();
                    server_error(&path, &query, &body, &parts.headers, status).into_response()
                }
                None => next.run(req).await,
            }
        }
    };
    if state.log {
        let status = response.status().as_u16();
        match &fault {
            Some(f) => eprintln!("{method} {path} -> {status} (fault: {f})"),
            None => eprintln!("{method} {path} -> {status}"),
        }
    }
    match fault {
        Some(f) => damage(response, &f).await,
        None => response,
    }
}

/// Applies a fault's content type, body damage and trickle to a finished response.
async fn damage(response: Response, fault: &Fault) -> Response {
    if fault.body.is_none() && fault.trickle.is_none() && fault.content_type.is_none() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(ct) = fault
        .content_type
        .as_deref()
        .and_then(|c| HeaderValue::from_str(c).ok())
    {
        parts.headers.insert(CONTENT_TYPE, ct);
    }
    let (bytes, drop_after) = match fault.body {
        Some(b @ (fault::BodyFault::Truncate | fault::BodyFault::Malformed)) => (fault::damaged_body(&body, b), false),
        Some(fault::BodyFault::Drop) => (fault::damaged_body(&body, fault::BodyFault::Truncate), true),
        None => (body.to_vec(), false),
    };
    // The length promised: the whole body for a drop (so the client sees it cut short).
    let promised = if drop_after { body.len() } else { bytes.len() };
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(promised));
    let (interval, chunk) = fault
        .trickle
        .map_or((Duration::ZERO, bytes.len().max(1)), |t| (t.interval, t.chunk));
    let chunks: Vec<Bytes> = bytes.chunks(chunk).map(Bytes::copy_from_slice).collect();
    let stream = futures_util::stream::unfold(
        (chunks.into_iter(), drop_after),
        move |(mut it, drop_after)| async move {
            match it.next() {
                Some(c) => {
                    if !interval.is_zero() {
                        tokio::time::sleep(interval).await;
                    }
                    Some((Ok::<Bytes, std::io::Error>(c), (it, drop_after)))
                }
                // An error ends the body early: hyper closes the connection mid-body. The
                // pause first lets hyper flush what was sent: the client sees half a body.
                None if drop_after => {
                    tokio::time::sleep(DROP_FLUSH).await;
                    Some((
                        Err(std::io::Error::new(
                            std::io::ErrorKind::ConnectionAborted,
                            "injected drop",
                        )),
                        (it, false),
                    ))
                }
                None => None,
            }
        },
    );
    Response::from_parts(parts, Body::from_stream(stream))
}

/// The emulator's router over `config` (`log`: one line per request on stderr, without
/// query strings or headers, which carry credentials).
pub fn router(config: Config, log: bool) -> Router {
    // Rules were checked when the configuration was loaded; one that does not parse (a
    // `Config` built by hand) injects nothing.
    let rules = config
        .faults
        .iter()
        .map(|r| (Fault::parse(&r.fault).unwrap_or_default(), AtomicU64::new(0)))
        .collect();
    let state = Arc::new(AppState { config, rules, log });
    Router::new()
        .route("/hms/fp/token", get(fairplay).post(fairplay))
        .route("/hms/pr/token", get(playready).post(playready))
        .route("/hms/wv/token", get(widevine).post(widevine))
        .route("/ias/v2/content_token", post(ias))
        .route("/api/v1/tokens/authz", get(authz))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), inject))
        .with_state(state)
}

/// Accepts connections forever, each served by hyper's HTTP/1.1 server with a header read
/// timeout (so slow or silent clients are closed). An accept error (out of file descriptors)
/// pauses the loop briefly instead of ending it.
async fn accept_loop(listener: tokio::net::TcpListener, config: Config, log: bool) {
    let header_timeout = Duration::from_millis(config.header_read_timeout_ms);
    let app = router(config, log);
    loop {
        let socket = match listener.accept().await {
            Ok((socket, _)) => socket,
            Err(e) => {
                if log {
                    eprintln!("accept: {e}");
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = socket.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            // A connection's failure (a reset, garbage, a timeout) ends that connection only.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(hyper_util::rt::TokioIo::new(socket), service)
                .await;
        });
    }
}

/// Serves `config` on `listener` until `shutdown` completes (connections still open then are
/// cut when the runtime stops).
///
/// # Errors
/// None today: accept errors are retried. The `Result` leaves room for start-up failures.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    log: bool,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    tokio::select! {
        () = accept_loop(listener, config, log) => {}
        () = shutdown => {}
    }
    Ok(())
}

/// An emulator running on its own thread and tokio runtime (for tests and tools); stopped
/// when dropped.
pub struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Binds `addr` (port 0 picks a free one) and serves `config` in the background.
    ///
    /// # Errors
    /// The bind or runtime creation failed.
    pub fn start(addr: SocketAddr, config: Config) -> std::io::Result<Server> {
        Self::start_with(addr, config, false, 2)
    }

    /// As [`start`](Self::start), with request logging and `workers` runtime threads.
    ///
    /// # Errors
    /// The bind or runtime creation failed.
    pub fn start_with(addr: SocketAddr, config: Config, log: bool, workers: usize) -> std::io::Result<Server> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers.max(1))
            .enable_all()
            .build()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let thread = std::thread::Builder::new()
            .name("drmtoken-emulator".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let stopped = async {
                        let _ = stopped.await;
                    };
                    if let Err(e) = serve(listener, config, log, stopped).await {
                        eprintln!("drmtoken-emulator: {e}");
                    }
                });
                // Connections still open are cut: a test's server must not outlive it.
                runtime.shutdown_timeout(Duration::from_secs(1));
            })?;
        Ok(Server {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The bound address.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://<addr>`.
    #[must_use]
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
