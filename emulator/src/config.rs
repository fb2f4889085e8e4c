//! The emulator's accounts and fault rules: a TOML (or JSON) file, or the built-in default
//! ([`DEFAULT_CONFIG`]).

use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::fault::Fault;

/// The built-in configuration, as TOML: the seeds' sample accounts (the README shows it).
pub const DEFAULT_CONFIG: &str = include_str!("../default.toml");

/// An ExpressPlay environment, as the emulator tells it from the Host header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// `*.test.expressplay.com`.
    #[default]
    Test,
    /// `*.service.expressplay.com`, or a custom production domain.
    Production,
}

impl Environment {
    /// `test` or `production`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Environment::Test => "test",
            Environment::Production => "production",
        }
    }
}

/// The whole configuration (`Default`: no accounts, no rules, a 10 s header timeout).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The environment of a host that names neither (loopback, `localhost`).
    #[serde(default)]
    pub default_environment: Environment,
    /// How long a client may take to send a request's headers before it is disconnected
    /// (slow or silent clients cannot hold connections forever).
    #[serde(default = "default_header_timeout")]
    pub header_read_timeout_ms: u64,
    /// ExpressPlay accounts.
    #[serde(default)]
    pub expressplay: ExpressPlay,
    /// OpenTV IAS contents and accounts.
    #[serde(default)]
    pub opentv: OpenTv,
    /// Adobe Pass requestors.
    #[serde(default)]
    pub adobe_pass: AdobePass,
    /// Fault rules, applied in order; the first that matches a request wins (after the
    /// request's own `X-Drmtoken-Fault` header, which beats every rule).
    #[serde(default)]
    pub faults: Vec<FaultRule>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            default_environment: Environment::default(),
            header_read_timeout_ms: default_header_timeout(),
            expressplay: ExpressPlay::default(),
            opentv: OpenTv::default(),
            adobe_pass: AdobePass::default(),
            faults: Vec::new(),
        }
    }
}

fn default_header_timeout() -> u64 {
    10_000
}

/// ExpressPlay's accounts.
#[derive(Clone, Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ExpressPlay {
    /// Known customer authenticators.
    #[serde(default)]
    pub accounts: Vec<ExpressPlayAccount>,
}

/// One ExpressPlay customer.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpressPlayAccount {
    /// The `customerAuthenticator` value.
    pub customer_authenticator: String,
    /// The environment it belongs to (the other one answers -2018).
    #[serde(default)]
    pub environment: Environment,
    /// Services disabled for the account (`fairplay`, `playready`, `widevine`): -6009, -5002, -7011.
    #[serde(default)]
    pub disabled: Vec<String>,
}

// The authenticator is a credential: keep it out of logs.
impl fmt::Debug for ExpressPlayAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExpressPlayAccount")
            .field("customer_authenticator", &"<redacted>")
            .field("environment", &self.environment)
            .field("disabled", &self.disabled)
            .finish()
    }
}

/// OpenTV IAS: the catalogue and the accounts.
#[derive(Clone, Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OpenTv {
    /// Content ids that exist (another id is 404).
    #[serde(default)]
    pub contents: Vec<String>,
    /// Accounts, by bearer token.
    #[serde(default)]
    pub accounts: Vec<OpenTvAccount>,
}

/// One IAS account (a signed-on device).
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenTvAccount {
    /// The bearer token the device received at signon (another token is 401).
    pub bearer_token: String,
    /// Its tenant (`nv-tenant-id`; another tenant is 403).
    pub tenant_id: String,
    /// `accountId` in the tokens.
    #[serde(default = "default_account")]
    pub account_id: String,
    /// `userId` in the tokens.
    #[serde(default = "default_user")]
    pub user_id: String,
    /// `deviceId` / `deviceUniqueId` in the tokens.
    #[serde(default = "default_device")]
    pub device_id: String,
    /// Contents it may play (an existing content not listed is 403).
    #[serde(default)]
    pub entitled: Vec<String>,
}

fn default_account() -> String {
    "account7".into()
}
fn default_user() -> String {
    "user7".into()
}
fn default_device() -> String {
    "device7".into()
}

impl fmt::Debug for OpenTvAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenTvAccount")
            .field("bearer_token", &"<redacted>")
            .field("tenant_id", &self.tenant_id)
            .field("entitled", &self.entitled)
            .finish_non_exhaustive()
    }
}

/// Adobe Pass: the requestors.
#[derive(Clone, Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AdobePass {
    /// Known requestor ids (another is 412: no authentication for it).
    #[serde(default)]
    pub requestors: Vec<AdobeRequestor>,
}

/// One programmer (requestor) and its MVPD.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdobeRequestor {
    /// `requestor`.
    pub requestor: String,
    /// `mvpd` of the answers.
    pub mvpd: String,
    /// `proxyMvpd` of the answers (omitted when absent).
    #[serde(default)]
    pub proxy_mvpd: Option<String>,
    /// Authenticated `deviceId`s; `*` is every device but the unauthenticated ones.
    #[serde(default)]
    pub authenticated_devices: Vec<String>,
    /// Devices that are not authenticated even under `*` (412).
    #[serde(default)]
    pub unauthenticated_devices: Vec<String>,
    /// Authorized resources (another is 404).
    #[serde(default)]
    pub resources: Vec<AdobeResource>,
}

/// One authorized resource.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdobeResource {
    /// The resource id or MRSS fragment, byte for byte.
    pub resource: String,
    /// Lifetime of the authorization (`expires` = now + this).
    #[serde(default = "default_ttl")]
    pub ttl_seconds: u64,
    /// An authorization that has expired (410).
    #[serde(default)]
    pub expired: bool,
}

fn default_ttl() -> u64 {
    86_400
}

/// A fault applied to matching requests.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// A path prefix (`/hms/pr/token`, `/ias/`); every path when absent.
    #[serde(default)]
    pub path: Option<String>,
    /// Every n-th matching request (1: every one).
    #[serde(default = "one")]
    pub every: u64,
    /// The fault, in the `X-Drmtoken-Fault` syntax (`status=503`, `latency=200ms,truncate`).
    pub fault: String,
}

fn one() -> u64 {
    1
}

/// Why a configuration was refused.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// The built-in configuration ([`DEFAULT_CONFIG`]).
    ///
    /// # Panics
    /// Never: the default is parsed by a test.
    #[must_use]
    #[allow(clippy::expect_used)]
    pub fn builtin() -> Self {
        Self::from_toml(DEFAULT_CONFIG).expect("the built-in configuration parses")
    }

    /// Parses TOML and checks the fault rules.
    ///
    /// # Errors
    /// A syntax error, an unknown key, or a fault rule that does not parse.
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError(format!("invalid TOML: {e}")))?;
        config.checked()
    }

    /// Parses JSON (the same keys as the TOML) and checks the fault rules.
    ///
    /// # Errors
    /// As [`from_toml`](Self::from_toml).
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        let config: Config = serde_json::from_str(text).map_err(|e| ConfigError(format!("invalid JSON: {e}")))?;
        config.checked()
    }

    /// Reads a file: JSON when its name ends in `.json`, else TOML.
    ///
    /// # Errors
    /// An unreadable file, or as [`from_toml`](Self::from_toml).
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
        let parsed = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
            Self::from_json(&text)
        } else {
            Self::from_toml(&text)
        };
        parsed.map_err(|e| ConfigError(format!("{}: {e}", path.display())))
    }

    fn checked(self) -> Result<Self, ConfigError> {
        for (i, rule) in self.faults.iter().enumerate() {
            Fault::parse(&rule.fault).map_err(|e| ConfigError(format!("faults[{i}]: {e}")))?;
            if rule.every == 0 {
                return Err(ConfigError(format!("faults[{i}]: every must be at least 1")));
            }
        }
        if !(1..=600_000).contains(&self.header_read_timeout_ms) {
            return Err(ConfigError("header_read_timeout_ms must be 1 to 600000".into()));
        }
        for account in &self.expressplay.accounts {
            for s in &account.disabled {
                if !matches!(s.as_str(), "fairplay" | "playready" | "widevine") {
                    return Err(ConfigError(format!(
                        "expressplay.accounts: unknown service {s:?} in disabled (fairplay, playready, widevine)"
                    )));
                }
            }
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_has_every_section() {
        let c = Config::from_toml(DEFAULT_CONFIG).unwrap();
        assert_eq!(c.expressplay.accounts.len(), 3);
        assert_eq!(c.opentv.accounts.len(), 1);
        assert_eq!(c.adobe_pass.requestors.len(), 1);
        assert!(c.faults.is_empty());
    }

    #[test]
    fn json_and_bad_rules() {
        let c = Config::from_json(r#"{"faults":[{"path":"/ias/","fault":"status=503"}]}"#).unwrap();
        assert_eq!(c.faults[0].every, 1);
        assert!(Config::from_json(r#"{"faults":[{"fault":"explode"}]}"#).is_err());
        assert!(Config::from_toml("unknown = 1").is_err());
        assert!(Config::from_toml("[[faults]]\nfault = \"drop\"\nevery = 0").is_err());
    }

    #[test]
    fn secrets_are_not_debug_printed() {
        let c = Config::builtin();
        let text = format!("{c:?}");
        assert!(!text.contains("1ad8eed133edf43cbcc185f0236828ae"));
        assert!(!text.contains("emulator-bearer-token"));
    }
}
