#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| invlint::fuzzing::json_differential(data));
