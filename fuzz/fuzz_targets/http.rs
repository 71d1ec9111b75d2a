//! Saved HTTP responses on arbitrary bytes: chunked transfer coding never yields more than the
//! response holds, and a gzip content coding never more than the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use threadscan::error::InputError;
use threadscan::parse::http;

const LIMIT: u64 = 1 << 20;

fuzz_target!(|bytes: &[u8]| {
    match http::body(bytes, LIMIT) {
        Ok(body) => {
            // Dechunking only drops bytes; inflating stops at the limit.
            assert!(body.bytes.len() as u64 <= LIMIT.max(bytes.len() as u64));
            let _ = http::media_type(bytes);
        }
        Err(InputError::TooLarge { size: None, limit }) => assert_eq!(limit, LIMIT),
        Err(InputError::Compression { .. }) => {}
        Err(e) => panic!("unexpected error: {e}"),
    }
});
