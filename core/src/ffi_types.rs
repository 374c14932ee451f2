//! uniffi glue for foreign types used in plain records (only with the `ffi` feature).
//! Dates cross the boundary as ISO-8601 text ("2025-03-14"); Kotlin parses them with `LocalDate.parse`.

use chrono::NaiveDate;

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |d| d.format("%Y-%m-%d").to_string(),
    try_lift: |s| Ok(NaiveDate::parse_from_str(&s, "%Y-%m-%d")?),
});
