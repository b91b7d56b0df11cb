//! Reads Rust values out of what the browser's `JSON.parse` gave: a small serde deserializer
//! over JavaScript values, for the Pupil and Board apps (`browser-json`).
//!
//! It is small on purpose, because every type read generates its code again. It reads JSON as
//! `serde_json` writes it and nothing else: a struct from an object only (never an array), an
//! enum's variant as a string or an object with one key, a whole number only when the browser's
//! numbers hold it exactly. And it keeps no message when it refuses: [`Refused`] says only that
//! the text was not the type's, so none of serde's error wording (nor the float formatting it
//! brings) is in a tablet's download. Unknown fields are refused where the type refuses them
//! (`deny_unknown_fields`), as `serde_json` does.

use std::fmt;

use js_sys::{Array, Object};
use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use wasm_bindgen::{JsCast, JsValue};

/// The largest whole number the browser's numbers hold exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_EXACT: f64 = 9_007_199_254_740_991.0;

/// A value that is not the type asked for. It carries no message, on purpose (see the module).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not what this version of Withme reads")
    }
}

impl std::error::Error for Refused {}

impl serde::de::Error for Refused {
    fn custom<T: fmt::Display>(_why: T) -> Self {
        Refused
    }
}

/// `value` (from `JSON.parse`) read as a `T`.
pub fn from_parsed<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, Refused> {
    T::deserialize(Reader(value))
}

/// A deserializer over one JavaScript value.
struct Reader(JsValue);

impl Reader {
    /// The value as a whole number from `min` to [`MAX_EXACT`].
    fn whole(&self, min: f64) -> Result<f64, Refused> {
        match self.0.as_f64() {
            Some(n) if n.fract() == 0.0 && n >= min && n <= MAX_EXACT => Ok(n),
            _ => Err(Refused),
        }
    }

    /// The value as an object that is not an array.
    fn object(&self) -> Result<&Object, Refused> {
        if self.0.is_object() && !Array::is_array(&self.0) {
            Ok(self.0.unchecked_ref())
        } else {
            Err(Refused)
        }
    }

    /// The value as an array.
    fn array(&self) -> Result<&Array, Refused> {
        if Array::is_array(&self.0) {
            Ok(self.0.unchecked_ref())
        } else {
            Err(Refused)
        }
    }
}

/// Deserializer methods that read as another one does: `read_as!('de; deserialize_u32 => deserialize_u64)`.
macro_rules! read_as {
    ($de:lifetime; $($method:ident)* => $to:ident) => {
        $(
            fn $method<V: Visitor<$de>>(self, visitor: V) -> Result<V::Value, Refused> {
                self.$to(visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for Reader {
    type Error = Refused;

    // Every width of whole number is read as the widest, text as a `String`, bytes as a list.
    read_as!('de; deserialize_u32 deserialize_u16 deserialize_u8 => deserialize_u64);
    read_as!('de; deserialize_i32 deserialize_i16 deserialize_i8 => deserialize_i64);
    read_as!('de; deserialize_f32 => deserialize_f64);
    read_as!('de; deserialize_str deserialize_char deserialize_identifier => deserialize_string);
    read_as!('de; deserialize_bytes deserialize_byte_buf => deserialize_seq);

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_unit()
        } else if let Some(b) = self.0.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(s) = self.0.as_string() {
            visitor.visit_string(s)
        } else if Array::is_array(&self.0) {
            self.deserialize_seq(visitor)
        } else if self.0.is_object() {
            self.deserialize_map(visitor)
        } else if let Ok(n) = self.whole(-MAX_EXACT) {
            // Whole numbers as whole numbers (a count read through `any` stays one).
            if n < 0.0 {
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_u64(n as u64)
            }
        } else {
            self.deserialize_f64(visitor)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_bool(self.0.as_bool().ok_or(Refused)?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_u64(self.whole(0.0)? as u64)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_i64(self.whole(-MAX_EXACT)? as i64)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_f64(self.0.as_f64().ok_or(Refused)?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_string(self.0.as_string().ok_or(Refused)?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        if self.0.is_null() {
            visitor.visit_unit()
        } else {
            Err(Refused)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        let items = self.array()?.clone();
        visitor.visit_seq(Items { items, next: 0 })
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        let entries = Object::entries(self.object()?);
        visitor.visit_map(Entries {
            entries,
            next: 0,
            value: None,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        if let Some(variant) = self.0.as_string() {
            return visitor.visit_enum(Variant {
                name: variant,
                content: None,
            });
        }
        let entries = Object::entries(self.object()?);
        if entries.length() != 1 {
            return Err(Refused);
        }
        let entry: Array = entries.get(0).unchecked_into();
        let name = entry.get(0).as_string().ok_or(Refused)?;
        visitor.visit_enum(Variant {
            name,
            content: Some(entry.get(1)),
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_unit()
    }
}

/// An array's items, in order.
struct Items {
    items: Array,
    next: u32,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Refused> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(Reader(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.items.length() - self.next) as usize)
    }
}

/// An object's entries (`Object.entries`), in order.
struct Entries {
    entries: Array,
    next: u32,
    value: Option<JsValue>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Refused> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let entry: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        self.value = Some(entry.get(1));
        let key = entry.get(0).as_string().ok_or(Refused)?;
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Refused> {
        seed.deserialize(Reader(self.value.take().ok_or(Refused)?))
    }
}

/// An enum's variant: its name, and its content if it was written as an object with one key
/// (none if it was written as a string: a unit variant).
struct Variant {
    name: String,
    content: Option<JsValue>,
}

impl<'de> EnumAccess<'de> for Variant {
    type Error = Refused;
    type Variant = Content;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Content), Refused> {
        let name = seed.deserialize(self.name.into_deserializer())?;
        Ok((name, Content(self.content)))
    }
}

/// A variant's content, as [`Variant`] found it.
struct Content(Option<JsValue>);

impl Content {
    /// The content of a variant that has some.
    fn reader(self) -> Result<Reader, Refused> {
        self.0.map(Reader).ok_or(Refused)
    }
}

impl<'de> VariantAccess<'de> for Content {
    type Error = Refused;

    fn unit_variant(self) -> Result<(), Refused> {
        match self.0 {
            None => Ok(()),
            Some(value) if value.is_null() => Ok(()),
            Some(_) => Err(Refused),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Refused> {
        seed.deserialize(self.reader()?)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Refused> {
        self.reader()?.deserialize_seq(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.reader()?.deserialize_map(visitor)
    }
}
