//! Warnings beside a valid request, in one shape for every service that has them (ExpressPlay,
//! Adobe Pass): a kind, the wire name of the parameter concerned, and a number.

use drmtoken_core::adobe_pass::Warning as AdobePassWarning;
use drmtoken_core::expressplay::Warning as ExpressPlayWarning;

use super::slices::drmtoken_str;

/// What a `drmtoken_warning` reports.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum drmtoken_warning_kind {
    /// An unused slot (beyond `drmtoken_warnings.len`); also what a zero-initialised struct holds.
    DRMTOKEN_WARNING_NONE = 0,
    /// ExpressPlay: a parameter the seed marks "only valid if rightsType is Rental" was sent with
    /// `BuyToOwn`; the service ignores it.
    DRMTOKEN_WARNING_IGNORED_UNLESS_RENTAL = 1,
    /// Adobe Pass: a deprecated parameter (`deviceUser`, `appId`; "the device_info replaces this
    /// parameter").
    DRMTOKEN_WARNING_DEPRECATED = 2,
    /// Adobe Pass: the URL is longer than 2048 bytes (`detail`); some HTTP stacks refuse it.
    DRMTOKEN_WARNING_URL_TOO_LONG = 3,
}

/// One warning.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_warning {
    /// What it reports.
    pub kind: drmtoken_warning_kind,
    /// The wire name of the parameter concerned (static), or `{NULL, 0}`.
    pub parameter: drmtoken_str,
    /// `DRMTOKEN_WARNING_URL_TOO_LONG`: the URL's length; else 0.
    pub detail: usize,
}

/// The warnings of a valid request: `warnings[0..len]`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_warnings {
    /// How many entries of `warnings` are set.
    pub len: usize,
    /// The warnings, in the order found.
    pub warnings: [drmtoken_warning; 4],
}

impl drmtoken_warnings {
    /// No warnings.
    pub(crate) fn none() -> Self {
        drmtoken_warnings {
            len: 0,
            warnings: [drmtoken_warning {
                kind: drmtoken_warning_kind::DRMTOKEN_WARNING_NONE,
                parameter: drmtoken_str::none(),
                detail: 0,
            }; 4],
        }
    }

    fn push(&mut self, w: drmtoken_warning) {
        if let Some(slot) = self.warnings.get_mut(self.len) {
            *slot = w;
            self.len += 1;
        }
    }

    /// ExpressPlay's warnings.
    pub(crate) fn of_expressplay(warnings: &[ExpressPlayWarning]) -> Self {
        let mut out = Self::none();
        for w in warnings {
            let ExpressPlayWarning::IgnoredUnlessRental { parameter } = *w else {
                continue;
            };
            out.push(drmtoken_warning {
                kind: drmtoken_warning_kind::DRMTOKEN_WARNING_IGNORED_UNLESS_RENTAL,
                parameter: drmtoken_str::of(parameter),
                detail: 0,
            });
        }
        out
    }

    /// Adobe Pass's warnings.
    pub(crate) fn of_adobe_pass(warnings: &[AdobePassWarning]) -> Self {
        let mut out = Self::none();
        for w in warnings {
            let (kind, parameter, detail) = match *w {
                AdobePassWarning::DeprecatedDeviceUser => (
                    drmtoken_warning_kind::DRMTOKEN_WARNING_DEPRECATED,
                    Some("deviceUser"),
                    0,
                ),
                AdobePassWarning::DeprecatedAppId => {
                    (drmtoken_warning_kind::DRMTOKEN_WARNING_DEPRECATED, Some("appId"), 0)
                }
                AdobePassWarning::UrlTooLong { len } => {
                    (drmtoken_warning_kind::DRMTOKEN_WARNING_URL_TOO_LONG, None, len)
                }
            };
            out.push(drmtoken_warning {
                kind,
                parameter: drmtoken_str::of_opt(parameter),
                detail,
            });
        }
        out
    }
}
