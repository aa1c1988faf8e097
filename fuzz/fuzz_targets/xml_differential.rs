#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| invlint::fuzzing::xml_differential(data));
