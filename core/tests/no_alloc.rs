//! A counting global allocator proves that validate, encode, parse and unwrap never touch the
//! heap. One test per file: the harness's own allocations happen outside the measured window.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use drmtoken_core::expressplay::{parse_url, Environment, FairPlayTokenRequest, PlayReadyTokenRequest};
use drmtoken_core::keywrap;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn no_heap_allocation_in_any_entry_point() {
    let mut url_buf = [0u8; 1024];
    let mut body_buf = [0u8; 1024];
    let mut scratch = [0u8; 1024];
    let mut key = [0u8; 64];
    let before = ALLOCATIONS.load(Ordering::SeqCst);

    let mut pr = PlayReadyTokenRequest::new(Environment::Production, "201722,1ad8eed133edf43cbcc185f0236828ae")
        .with_all_opls("0");
    pr.kid = Some("^content name with spaces");
    pr.content_key = Some("b366360da82e9c6e0b0984002a362cf2");
    pr.rights_type = Some("BuyToOwn");
    pr.expiration_time = Some("2026-01-15T00:00:00Z");
    assert!(pr.validate(Some(1_767_225_600)).is_ok());
    let url = pr.write_url(&mut url_buf).unwrap();
    let _ = pr.write_form_body(&mut body_buf).unwrap();
    let parsed = parse_url(url, &mut scratch).unwrap();
    assert!(parsed.request.validate(None).is_ok());

    let mut fp = FairPlayTokenRequest::new(Environment::Test, "auth");
    fp.kek = Some("000102030405060708090a0b0c0d0e0f");
    fp.ek = Some("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
    fp.iv = Some("0123456789abcdef0123456789abcdef");
    assert!(fp.validate(None).is_ok());
    let unwrapped = keywrap::unwrap_hex(
        "000102030405060708090a0b0c0d0e0f",
        "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5",
        &mut key,
    )
    .unwrap();
    assert_eq!(unwrapped.len(), 32);

    let after = ALLOCATIONS.load(Ordering::SeqCst);
    assert_eq!(after - before, 0, "heap allocations in drmtoken-core entry points");
}
