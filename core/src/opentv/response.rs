//! The IAS content token response (seed: "Response" and "Example"), parsed without allocation.
//!
//! The document's structure (tokens that are objects *or* compact JWT strings, the open-ended
//! `ratingThreshold` map, lists whose overflow must name the list) is walked with the crate's
//! own scanner ([`crate::json`]), in one pass, unknown members held to the same strict grammar
//! as the ones read. (`serde-json-core` read the `device` object until 0.2: its skipping of
//! unknown members recurses once per level of nesting, so a hostile body could spend the stack
//! of a firmware thread; the scanner's skip is a loop.)
//! Strings borrow from the body, or from the caller's scratch when escaped.

use crate::error::{Error, ErrorKind};
use crate::json::{opt_bool, opt_i64, opt_str, opt_u64, wrong_type, Kind, Scanner, Scratch};
use crate::media_type;

/// How many entries each list holds (`contentRights`, session `groups`, `ratingThreshold`).
pub const MAX_LIST: usize = 8;

/// A token field: the decoded claims when the service sends an object, or the compact JWT
/// string as sent (decode its payload with [`super::jwt::write_payload`] and parse that with
/// [`ContentToken::parse`] / [`UserToken::parse`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token<'a, T> {
    /// The token as a JSON object: its raw text (to forward unchanged) and its fields.
    Claims {
        /// The object's JSON text, exactly as received.
        raw: &'a str,
        /// The fields.
        claims: T,
    },
    /// A compact JWT (`header.payload.signature`), as received. Signatures are not verified:
    /// there are no keys on the device.
    Jwt(&'a str),
}

impl<'a, T> Token<'a, T> {
    /// The token as received: the JWT string, or the object's JSON text.
    #[must_use]
    pub fn raw(&self) -> &'a str {
        match self {
            Token::Claims { raw, .. } => raw,
            Token::Jwt(jwt) => jwt,
        }
    }

    /// The fields, when the token came as an object.
    #[must_use]
    pub fn claims(&self) -> Option<&T> {
        match self {
            Token::Claims { claims, .. } => Some(claims),
            Token::Jwt(_) => None,
        }
    }
}

/// `content_token.device`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Device<'a> {
    /// `drm` (e.g. `ssp`).
    pub drm: Option<&'a str>,
    /// `deviceUniqueId`.
    pub device_unique_id: Option<&'a str>,
    /// `watermarking`.
    pub watermarking: Option<bool>,
    /// `ipAddress`.
    pub ip_address: Option<&'a str>,
    /// `model`.
    pub model: Option<&'a str>,
    /// `accountId`.
    pub account_id: Option<&'a str>,
}

/// One entry of `sessionControl.groups`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SessionGroup<'a> {
    /// `groupId`.
    pub group_id: Option<&'a str>,
    /// `maxSessions`.
    pub max_sessions: Option<u32>,
}

/// `sessionControl`, in content rights and in the user tokens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionControl<'a> {
    /// `groups` (up to [`MAX_LIST`]).
    pub groups: heapless::Vec<SessionGroup<'a>, MAX_LIST>,
    /// `groupId` (the seed's example sends the string `"null"`: kept as sent).
    pub group_id: Option<&'a str>,
    /// `sessionControlEnabled`.
    pub session_control_enabled: Option<bool>,
    /// `maxSessions`.
    pub max_sessions: Option<u32>,
}

/// One entry of `content_token.contentRights`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContentRight<'a> {
    /// `contentId`.
    pub content_id: Option<&'a str>,
    /// `start` (RFC 3339, as sent).
    pub start: Option<&'a str>,
    /// `end` (RFC 3339, as sent).
    pub end: Option<&'a str>,
    /// `duration` in seconds.
    pub duration: Option<u64>,
    /// `storable`.
    pub storable: Option<bool>,
    /// `drt` (e.g. `hdr`).
    pub drt: Option<&'a str>,
    /// `usageRulesProfileId` (e.g. `HD`).
    pub usage_rules_profile_id: Option<&'a str>,
    /// `sessionControl`.
    pub session_control: Option<SessionControl<'a>>,
}

/// The claims of `content_token`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContentToken<'a> {
    /// `typ`.
    pub typ: Option<&'a str>,
    /// `ver`.
    pub ver: Option<&'a str>,
    /// `exp` (seconds since the epoch).
    pub exp: Option<i64>,
    /// `jti`.
    pub jti: Option<&'a str>,
    /// `device`.
    pub device: Option<Device<'a>>,
    /// `contentRights` (up to [`MAX_LIST`]; more is `CapacityExceeded`).
    pub content_rights: heapless::Vec<ContentRight<'a>, MAX_LIST>,
}

/// `filteringInformation` / `blockingInformation`: where the device is, for geo rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LocationInfo<'a> {
    /// `country`.
    pub country: Option<&'a str>,
    /// `country-code`.
    pub country_code: Option<&'a str>,
    /// `numeric-country-code`.
    pub numeric_country_code: Option<&'a str>,
    /// `region-full-name`.
    pub region_full_name: Option<&'a str>,
    /// `metro-name`.
    pub metro_name: Option<&'a str>,
    /// `metro-code`.
    pub metro_code: Option<&'a str>,
    /// `city-name`.
    pub city_name: Option<&'a str>,
    /// `postal-code`.
    pub postal_code: Option<&'a str>,
    /// `billing-country-code`.
    pub billing_country_code: Option<&'a str>,
    /// `filter-string`.
    pub filter_string: Option<&'a str>,
}

/// The claims of `access_token` and `refresh_token` (the refresh token carries a subset).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserToken<'a> {
    /// `typ` (`DevAuthN`, `RefreshAuthN`).
    pub typ: Option<&'a str>,
    /// `ver`.
    pub ver: Option<&'a str>,
    /// `exp`.
    pub exp: Option<i64>,
    /// `fixed_exp`.
    pub fixed_exp: Option<i64>,
    /// `tenantId`.
    pub tenant_id: Option<&'a str>,
    /// `accountId`.
    pub account_id: Option<&'a str>,
    /// `accountProfileId`.
    pub account_profile_id: Option<&'a str>,
    /// `userId`.
    pub user_id: Option<&'a str>,
    /// `deviceId`.
    pub device_id: Option<&'a str>,
    /// `playoutDeviceClass`.
    pub playout_device_class: Option<&'a str>,
    /// `jti`.
    pub jti: Option<&'a str>,
    /// `geoBlockExempt`.
    pub geo_block_exempt: Option<bool>,
    /// `sessionControl`.
    pub session_control: Option<SessionControl<'a>>,
    /// `parentalControl.ratingThreshold` as (rating system, threshold) pairs, e.g.
    /// `("FSK", "fsk12")` (up to [`MAX_LIST`]).
    pub rating_thresholds: heapless::Vec<(&'a str, &'a str), MAX_LIST>,
    /// `deviceInformation.device.hardware.model`.
    pub device_hardware_model: Option<&'a str>,
    /// `deviceInformation.device.OS.type`.
    pub device_os_type: Option<&'a str>,
    /// `onNetwork`.
    pub on_network: Option<bool>,
    /// `filteringInformation`.
    pub filtering_information: Option<LocationInfo<'a>>,
    /// `blockingInformation`.
    pub blocking_information: Option<LocationInfo<'a>>,
    /// `watermarking`.
    pub watermarking: Option<bool>,
}

/// A `200` response: the content token and the refreshed user tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentTokenResponse<'a> {
    /// `content_token` (required).
    pub content_token: Token<'a, ContentToken<'a>>,
    /// `token_type` (e.g. `Bearer`).
    pub token_type: Option<&'a str>,
    /// `expires_in` in seconds (see [`super::refresh_at`]).
    pub expires_in: Option<u64>,
    /// `access_token`.
    pub access_token: Option<Token<'a, UserToken<'a>>>,
    /// `refresh_token`.
    pub refresh_token: Option<Token<'a, UserToken<'a>>>,
}

/// A refusal: the seed's statuses 400, 401, 403, 404, or another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IasError<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The body's message when one can be found (JSON `message`, `error`, `error_description`...).
    pub message: Option<&'a str>,
}

impl IasError<'_> {
    /// The typed error: [`ErrorKind::BadRequest`] (400), [`ErrorKind::Unauthorized`] (401),
    /// [`ErrorKind::Forbidden`] (403), [`ErrorKind::ContentNotFound`] (404), else
    /// [`ErrorKind::UnexpectedStatus`].
    #[must_use]
    pub const fn to_error(&self) -> Error {
        Error::new(match self.status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::ContentNotFound,
            status => ErrorKind::UnexpectedStatus { status },
        })
    }
}

impl crate::http::Refusal for IasError<'_> {
    fn to_error(&self) -> Error {
        IasError::to_error(self)
    }
}

/// Why a response gave no token: `Service` (400, 401, 403, 404, ...) or `Invalid`.
pub type ResponseError<'a> = crate::http::ResponseError<IasError<'a>>;

fn full(name: &'static str) -> Error {
    Error::new(ErrorKind::CapacityExceeded { capacity: MAX_LIST }).with_parameter(name)
}

fn u32_field(n: Option<u64>, name: &'static str) -> Result<Option<u32>, Error> {
    n.map(|n| u32::try_from(n).map_err(|_| wrong_type(name))).transpose()
}

fn device<'a>(s: &mut Scanner<'a>, scratch: &mut Scratch<'a>) -> Result<Device<'a>, Error> {
    const NAME: &str = "content_token.device";
    let mut d = Device::default();
    s.members(|s, key| {
        match key {
            "drm" => d.drm = opt_str(s, scratch, NAME)?,
            "deviceUniqueId" => d.device_unique_id = opt_str(s, scratch, NAME)?,
            "watermarking" => d.watermarking = opt_bool(s, NAME)?,
            "ipAddress" => d.ip_address = opt_str(s, scratch, NAME)?,
            "model" => d.model = opt_str(s, scratch, NAME)?,
            "accountId" => d.account_id = opt_str(s, scratch, NAME)?,
            _ => s.skip_value()?,
        }
        Ok(())
    })
    .map_err(crate::json::in_field(NAME))?;
    Ok(d)
}

fn group<'a>(s: &mut Scanner<'a>, scratch: &mut Scratch<'a>, name: &'static str) -> Result<SessionGroup<'a>, Error> {
    let mut g = SessionGroup::default();
    s.members(|s, key| {
        match key {
            "groupId" => g.group_id = opt_str(s, scratch, name)?,
            "maxSessions" => g.max_sessions = u32_field(opt_u64(s, name)?, name)?,
            _ => s.skip_value()?,
        }
        Ok(())
    })?;
    Ok(g)
}

/// `filteringInformation` / `blockingInformation`.
fn location<'a>(s: &mut Scanner<'a>, scratch: &mut Scratch<'a>, name: &'static str) -> Result<LocationInfo<'a>, Error> {
    let mut l = LocationInfo::default();
    s.members(|s, key| {
        let slot = match key {
            "country" => &mut l.country,
            "country-code" => &mut l.country_code,
            "numeric-country-code" => &mut l.numeric_country_code,
            "region-full-name" => &mut l.region_full_name,
            "metro-name" => &mut l.metro_name,
            "metro-code" => &mut l.metro_code,
            "city-name" => &mut l.city_name,
            "postal-code" => &mut l.postal_code,
            "billing-country-code" => &mut l.billing_country_code,
            "filter-string" => &mut l.filter_string,
            _ => return s.skip_value(),
        };
        *slot = opt_str(s, scratch, name)?;
        Ok(())
    })?;
    Ok(l)
}

/// `sessionControl`; `groups_name` names its list in errors.
fn session_control<'a>(
    s: &mut Scanner<'a>,
    scratch: &mut Scratch<'a>,
    groups_name: &'static str,
    slot: &mut Option<SessionControl<'a>>,
) -> Result<(), Error> {
    let sc = slot.insert(SessionControl::default());
    s.members(|s, key| {
        // `null` is the same as absent, for every member.
        if s.null() {
            return Ok(());
        }
        match key {
            "groups" => s.elements(|s| {
                let g = group(s, scratch, groups_name)?;
                sc.groups.push(g).map_err(|_| full(groups_name))
            })?,
            "groupId" => sc.group_id = opt_str(s, scratch, "sessionControl.groupId")?,
            "sessionControlEnabled" => {
                sc.session_control_enabled = opt_bool(s, "sessionControl.sessionControlEnabled")?
            }
            "maxSessions" => {
                sc.max_sessions = u32_field(opt_u64(s, "sessionControl.maxSessions")?, "sessionControl.maxSessions")?
            }
            _ => s.skip_value()?,
        }
        Ok(())
    })
}

/// Reads one `contentRights` entry into `r` (in place: the lists are large, and every copy of
/// one would be stack a firmware thread does not have).
fn content_right<'a>(s: &mut Scanner<'a>, scratch: &mut Scratch<'a>, r: &mut ContentRight<'a>) -> Result<(), Error> {
    s.members(|s, key| {
        // `null` is the same as absent, for every member.
        if s.null() {
            return Ok(());
        }
        match key {
            "contentId" => r.content_id = opt_str(s, scratch, "contentRights.contentId")?,
            "start" => r.start = opt_str(s, scratch, "contentRights.start")?,
            "end" => r.end = opt_str(s, scratch, "contentRights.end")?,
            "duration" => r.duration = opt_u64(s, "contentRights.duration")?,
            "storable" => r.storable = opt_bool(s, "contentRights.storable")?,
            "drt" => r.drt = opt_str(s, scratch, "contentRights.drt")?,
            "usageRulesProfileId" => {
                r.usage_rules_profile_id = opt_str(s, scratch, "contentRights.usageRulesProfileId")?
            }
            "sessionControl" => {
                session_control(
                    s,
                    scratch,
                    "contentRights.sessionControl.groups",
                    &mut r.session_control,
                )?;
            }
            _ => s.skip_value()?,
        }
        Ok(())
    })
}

impl<'a> ContentToken<'a> {
    /// Parses the claims of a content token from a JSON object (a `content_token` member, or a
    /// JWT payload decoded by [`super::jwt::write_payload`]).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidJson`] / [`ErrorKind::NestingTooDeep`] (not one JSON text, with the
    /// byte offset), [`ErrorKind::InvalidValue`] and
    /// [`ErrorKind::CapacityExceeded`] (`content_token.contentRights`, more than [`MAX_LIST`]),
    /// each naming the field; [`ErrorKind::BufferTooSmall`] when `scratch` cannot hold an
    /// escaped string.
    pub fn parse(json: &'a str, scratch: &'a mut [u8]) -> Result<Self, Error> {
        let mut t = Self::default();
        parse_whole(json, scratch, |s, scratch| t.read(s, scratch))?;
        Ok(t)
    }

    /// Reads the claims into `self`, in place.
    fn read(&mut self, s: &mut Scanner<'a>, scratch: &mut Scratch<'a>) -> Result<(), Error> {
        let t = self;
        s.members(|s, key| {
            if s.null() {
                return Ok(());
            }
            match key {
                "typ" => t.typ = opt_str(s, scratch, "content_token.typ")?,
                "ver" => t.ver = opt_str(s, scratch, "content_token.ver")?,
                "exp" => t.exp = opt_i64(s, "content_token.exp")?,
                "jti" => t.jti = opt_str(s, scratch, "content_token.jti")?,
                "device" => t.device = Some(device(s, scratch)?),
                "contentRights" => s.elements(|s| {
                    t.content_rights
                        .push(ContentRight::default())
                        .map_err(|_| full("content_token.contentRights"))?;
                    match t.content_rights.last_mut() {
                        Some(right) => content_right(s, scratch, right),
                        None => Err(full("content_token.contentRights")),
                    }
                })?,
                _ => s.skip_value()?,
            }
            Ok(())
        })
    }
}

impl<'a> UserToken<'a> {
    /// Parses the claims of an access or refresh token from a JSON object (a member of the
    /// response, or a JWT payload decoded by [`super::jwt::write_payload`]).
    ///
    /// # Errors
    /// As [`ContentToken::parse`]; the lists are `sessionControl.groups` and
    /// `parentalControl.ratingThreshold`.
    pub fn parse(json: &'a str, scratch: &'a mut [u8]) -> Result<Self, Error> {
        let mut t = Self::default();
        parse_whole(json, scratch, |s, scratch| t.read(s, scratch))?;
        Ok(t)
    }

    /// Reads the claims into `self`, in place.
    fn read(&mut self, s: &mut Scanner<'a>, scratch: &mut Scratch<'a>) -> Result<(), Error> {
        let t = self;
        s.members(|s, key| {
            if s.null() {
                return Ok(());
            }
            match key {
                "typ" => t.typ = opt_str(s, scratch, "typ")?,
                "ver" => t.ver = opt_str(s, scratch, "ver")?,
                "exp" => t.exp = opt_i64(s, "exp")?,
                "fixed_exp" => t.fixed_exp = opt_i64(s, "fixed_exp")?,
                "tenantId" => t.tenant_id = opt_str(s, scratch, "tenantId")?,
                "accountId" => t.account_id = opt_str(s, scratch, "accountId")?,
                "accountProfileId" => t.account_profile_id = opt_str(s, scratch, "accountProfileId")?,
                "userId" => t.user_id = opt_str(s, scratch, "userId")?,
                "deviceId" => t.device_id = opt_str(s, scratch, "deviceId")?,
                "playoutDeviceClass" => t.playout_device_class = opt_str(s, scratch, "playoutDeviceClass")?,
                "jti" => t.jti = opt_str(s, scratch, "jti")?,
                "geoBlockExempt" => t.geo_block_exempt = opt_bool(s, "geoBlockExempt")?,
                "onNetwork" => t.on_network = opt_bool(s, "onNetwork")?,
                "watermarking" => t.watermarking = opt_bool(s, "watermarking")?,
                "sessionControl" => {
                    session_control(s, scratch, "sessionControl.groups", &mut t.session_control)?;
                }
                "parentalControl" => s.members(|s, key| {
                    if s.null() {
                        return Ok(());
                    }
                    if key != "ratingThreshold" {
                        return s.skip_value();
                    }
                    s.members(|s, system| {
                        let system = scratch
                            .text(system)
                            .map_err(|e| e.with_parameter("parentalControl.ratingThreshold"))?;
                        let threshold = opt_str(s, scratch, "parentalControl.ratingThreshold")?.unwrap_or_default();
                        t.rating_thresholds
                            .push((system, threshold))
                            .map_err(|_| full("parentalControl.ratingThreshold"))
                    })
                })?,
                "deviceInformation" => s.members(|s, key| {
                    if key != "device" {
                        return s.skip_value();
                    }
                    if s.null() {
                        return Ok(());
                    }
                    s.members(|s, key| {
                        let (field, slot) = match key {
                            "hardware" => ("model", &mut t.device_hardware_model),
                            "OS" => ("type", &mut t.device_os_type),
                            _ => return s.skip_value(),
                        };
                        if s.null() {
                            return Ok(());
                        }
                        s.members(|s, key| {
                            if key == field {
                                *slot = opt_str(s, scratch, "deviceInformation")?;
                                Ok(())
                            } else {
                                s.skip_value()
                            }
                        })
                    })
                })?,
                "filteringInformation" => {
                    t.filtering_information = Some(location(s, scratch, "filteringInformation")?);
                }
                "blockingInformation" => {
                    t.blocking_information = Some(location(s, scratch, "blockingInformation")?);
                }
                _ => s.skip_value()?,
            }
            Ok(())
        })
    }
}

/// One whole JSON document read by `read` (a token's claims on their own, e.g. a JWT payload).
fn parse_whole<'a>(
    json: &'a str,
    scratch: &'a mut [u8],
    read: impl FnOnce(&mut Scanner<'a>, &mut Scratch<'a>) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut scratch = Scratch::new(scratch);
    crate::json::read_document(json, |s| read(s, &mut scratch))
}

/// A token member into `slot`: an object (claims, read in place) or a string (compact JWT).
/// `Ok(false)` for `null`, which leaves `slot` as it was.
fn token<'a, T: Default>(
    s: &mut Scanner<'a>,
    scratch: &mut Scratch<'a>,
    name: &'static str,
    slot: &mut Token<'a, T>,
    read: fn(&mut T, &mut Scanner<'a>, &mut Scratch<'a>) -> Result<(), Error>,
) -> Result<bool, Error> {
    if s.null() {
        return Ok(false);
    }
    match s.kind()? {
        Kind::String => {
            let jwt = opt_str(s, scratch, name)?.unwrap_or_default();
            super::jwt::check(jwt).map_err(|e| e.with_parameter(name))?;
            *slot = Token::Jwt(jwt);
        }
        Kind::Object => {
            // One pass: read the fields, then take the text they came from as the raw token.
            let start = s.mark();
            let claims_of = claims_slot(slot);
            if let Token::Claims { raw, claims } = claims_of {
                read(claims, s, scratch)?;
                *raw = s.since(start)?;
            }
        }
        _ => return Err(wrong_type(name)),
    }
    Ok(true)
}

/// Makes `slot` hold empty claims, in place. Never inlined: the empty value it builds is a
/// temporary as large as the claims, and inlined into the parser it stayed on the stack for the
/// whole parse (measured: 2.8 KB of the IAS parse's frame).
#[inline(never)]
fn claims_slot<'s, 'a, T: Default>(slot: &'s mut Token<'a, T>) -> &'s mut Token<'a, T> {
    *slot = Token::Claims {
        raw: "",
        claims: T::default(),
    };
    slot
}

/// An optional token member into `slot` (`None` for `null`).
fn optional_token<'a, T: Default>(
    s: &mut Scanner<'a>,
    scratch: &mut Scratch<'a>,
    name: &'static str,
    slot: &mut Option<Token<'a, T>>,
    read: fn(&mut T, &mut Scanner<'a>, &mut Scratch<'a>) -> Result<(), Error>,
) -> Result<(), Error> {
    let present = token(s, scratch, name, slot.insert(Token::Jwt("")), read)?;
    if !present {
        *slot = None;
    }
    Ok(())
}

impl ContentTokenResponse<'_> {
    /// A response with no content token yet (an empty JWT string) and nothing else: the value
    /// [`parse_response_into`] starts from.
    #[must_use]
    pub const fn empty() -> Self {
        ContentTokenResponse {
            content_token: Token::Jwt(""),
            token_type: None,
            expires_in: None,
            access_token: None,
            refresh_token: None,
        }
    }

    fn clear(&mut self) {
        self.content_token = Token::Jwt("");
        self.token_type = None;
        self.expires_in = None;
        self.access_token = None;
        self.refresh_token = None;
    }
}

/// Parses an IAS content token response (seed: "Response": 200 success; 400 bad request; 401
/// unauthorised; 403 forbidden; 404 content does not exist).
///
/// `scratch` receives strings that carry JSON escapes; `body.len()` bytes always suffice.
///
/// # Errors
/// [`ResponseError::Service`] for any status but 200 (see [`IasError::to_error`]), with the
/// body's message when one is found. [`ResponseError::Invalid`] with
/// [`ErrorKind::UnexpectedContentType`], [`ErrorKind::InvalidJson`] /
/// [`ErrorKind::NestingTooDeep`] (with the byte offset: any body sent as JSON, success or
/// error, must be one JSON text, in UTF-8), [`ErrorKind::MissingField`] (`content_token`),
/// [`ErrorKind::InvalidValue`], [`ErrorKind::InvalidToken`] (a malformed JWT),
/// [`ErrorKind::CapacityExceeded`] or [`ErrorKind::BufferTooSmall`], naming the field.
pub fn parse_response<'a>(
    status: u16,
    content_type: &str,
    body: &'a [u8],
    scratch: &'a mut [u8],
) -> Result<ContentTokenResponse<'a>, ResponseError<'a>> {
    let mut response = ContentTokenResponse::empty();
    parse_response_into(status, content_type, body, scratch, &mut response)?;
    Ok(response)
}

/// [`parse_response`] into caller storage: the response is about 5 KB of fixed-capacity lists,
/// and returned by value it is on the stack twice (the parser's and the caller's). Firmware
/// that keeps one `ContentTokenResponse` in static or long-lived storage parses into it with
/// about 3 KB of stack instead of 13 KB. On failure `out` holds whatever was read before the
/// fault: use it only after `Ok`.
///
/// # Errors
/// As [`parse_response`].
pub fn parse_response_into<'a>(
    status: u16,
    content_type: &str,
    body: &'a [u8],
    scratch: &'a mut [u8],
    out: &mut ContentTokenResponse<'a>,
) -> Result<(), ResponseError<'a>> {
    let mut scratch = Scratch::new(scratch);
    if status != 200 {
        let mut message = None;
        if media_type::is(content_type, "application/json") {
            // The body's shape is free, but a body sent as JSON must be JSON.
            if let Some(raw) = crate::json::error_fields(crate::json::body_text(body)?)?.message {
                message = Some(scratch.text(raw).map_err(|e| e.with_parameter("message"))?);
            }
        } else if let Ok(text) = core::str::from_utf8(body) {
            let text = text.trim();
            message = (!text.is_empty() && !text.starts_with('<')).then_some(text);
        }
        return Err(ResponseError::Service(IasError { status, message }));
    }
    if !media_type::is(content_type, "application/json") {
        return Err(Error::new(ErrorKind::UnexpectedContentType).into());
    }
    let text = crate::json::body_text(body)?;
    out.clear();
    let mut has_content_token = false;
    crate::json::read_document(text, |s| {
        s.members(|s, key| {
            // `null` is the same as absent, for every member.
            if s.null() {
                return Ok(());
            }
            match key {
                "content_token" => {
                    has_content_token = token(
                        s,
                        &mut scratch,
                        "content_token",
                        &mut out.content_token,
                        ContentToken::read,
                    )?;
                }
                "token_type" => out.token_type = opt_str(s, &mut scratch, "token_type")?,
                "expires_in" => out.expires_in = opt_u64(s, "expires_in")?,
                "access_token" => {
                    optional_token(s, &mut scratch, "access_token", &mut out.access_token, UserToken::read)?;
                }
                "refresh_token" => {
                    optional_token(
                        s,
                        &mut scratch,
                        "refresh_token",
                        &mut out.refresh_token,
                        UserToken::read,
                    )?;
                }
                _ => s.skip_value()?,
            }
            Ok(())
        })
    })?;
    if !has_content_token {
        return Err(Error::new(ErrorKind::MissingField)
            .with_parameter("content_token")
            .into());
    }
    Ok(())
}
