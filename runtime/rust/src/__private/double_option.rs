//! `Option<Option<T>>` for a property that may be absent, `null`, or a value: serde's
//! `serialize_with` for such fields (`super::de::Nullable` reads them).

use serde::{Serialize, Serializer};

pub fn serialize<T: Serialize, S: Serializer>(
    value: &Option<Option<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(inner) => inner.serialize(serializer),
        None => serializer.serialize_none(),
    }
}
