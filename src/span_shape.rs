//! A value's shape: everything in it but where it is. An edit of a file that only moves what a value was made of
//! (a word typed in a text no rule reads, a line added above) leaves the value's shape as it was and moves each
//! of its places by the same amount after the edit; [`Shape::shift_to`] finds that move, so that what was worked
//! out on the value before can be moved with it instead of worked out again.
//!
//! A shape is taken through serde: every [`Span`] the value serializes (a struct named `Span`) gives its two ends,
//! and everything else goes into a hash.

use crate::source::Span;
use serde::Serialize;
use serde::ser;
use std::hash::{Hash, Hasher};

/// The hash of everything in a value but its places, and its places (each end of each span, in order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    content: u64,
    ends: Vec<usize>,
}

/// How every place of a file moved after one edit: each offset at or after `from` by `delta` (as
/// [`Span::shifted`] moves a span).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shift {
    pub from: usize,
    pub delta: isize,
}

impl Shape {
    /// The shape of `value`, with `offsets` (places the value holds as plain numbers) among its places; `None` when
    /// it does not serialize.
    pub fn of(value: &impl Serialize, offsets: impl IntoIterator<Item = usize>) -> Option<Shape> {
        let mut walker = Walker::default();
        value.serialize(&mut walker).ok()?;
        walker.ends.extend(offsets);
        Some(Shape {
            content: walker.hasher.finish(),
            ends: walker.ends,
        })
    }

    /// The one move that makes this shape's places `new`'s, when both have the same content and places: `None`
    /// when they differ otherwise (or do not differ at all: there is nothing to move).
    pub fn shift_to(&self, new: &Shape) -> Option<Shift> {
        if self.content != new.content || self.ends.len() != new.ends.len() {
            return None;
        }
        let pairs = || self.ends.iter().zip(&new.ends).map(|(&old, &new)| (old, new));
        let (from, moved) = pairs().filter(|(old, new)| old != new).min_by_key(|(old, _)| *old)?;
        let delta = isize::try_from(moved).ok()? - isize::try_from(from).ok()?;
        let shift = Shift { from, delta };
        // Every place before the first that moved stayed, and every place from it on moved alike (a place after
        // the edit that stayed, or moved otherwise, is no move of the whole).
        pairs()
            .all(|(old, new)| Span::new(old, old).shifted(from, delta).start == new)
            .then_some(shift)
    }
}

/// The serializer that takes a shape: it hashes what it is given, except the two fields of a `Span`.
#[derive(Default)]
struct Walker {
    hasher: std::hash::DefaultHasher,
    ends: Vec<usize>,
    /// Inside a `Span`: its numbers are places.
    in_span: bool,
}

#[derive(Debug)]
struct Unshapable;

impl std::fmt::Display for Unshapable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value that cannot be shaped")
    }
}

impl std::error::Error for Unshapable {}

impl ser::Error for Unshapable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unshapable
    }
}

impl Walker {
    fn number(&mut self, value: u64) -> Result<(), Unshapable> {
        if self.in_span {
            self.ends.push(usize::try_from(value).map_err(|_| Unshapable)?);
        } else {
            value.hash(&mut self.hasher);
        }
        Ok(())
    }

    /// A mark between the parts of a value, so that two values whose parts run together alike differ.
    fn mark(&mut self, tag: u8, len: usize) {
        (tag, len).hash(&mut self.hasher);
    }
}

macro_rules! hashed {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, value: $ty) -> Result<(), Unshapable> {
            value.hash(&mut self.hasher);
            Ok(())
        })*
    };
}

/// Unsigned numbers: places inside a `Span`, hashed elsewhere.
macro_rules! placed {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, value: $ty) -> Result<(), Unshapable> {
            self.number(value.into())
        })*
    };
}

impl ser::Serializer for &mut Walker {
    type Ok = ();
    type Error = Unshapable;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    hashed!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_char: char, serialize_str: &str, serialize_bytes: &[u8]);

    placed!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_f32(self, value: f32) -> Result<(), Unshapable> {
        value.to_bits().hash(&mut self.hasher);
        Ok(())
    }
    fn serialize_f64(self, value: f64) -> Result<(), Unshapable> {
        value.to_bits().hash(&mut self.hasher);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unshapable> {
        self.mark(0, 0);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unshapable> {
        self.mark(1, 0);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unshapable> {
        self.mark(2, 0);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unshapable> {
        self.mark(2, 0);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<(), Unshapable> {
        self.mark(3, index as usize);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), Unshapable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unshapable> {
        self.mark(3, index as usize);
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Unshapable> {
        // Lengths are marked so that two lists that run together alike differ; a list of unknown length is
        // closed by its end mark instead.
        self.mark(4, len.unwrap_or(usize::MAX));
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Unshapable> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Unshapable> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Unshapable> {
        self.mark(3, index as usize);
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, Unshapable> {
        self.mark(5, len.unwrap_or(usize::MAX));
        Ok(self)
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self, Unshapable> {
        if self.in_span {
            return Err(Unshapable);
        }
        self.in_span = name == "Span";
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Unshapable> {
        // A variant's fields are its parts in order, named or not.
        self.serialize_tuple_variant(name, index, variant, len)
    }
}

/// The parts of a compound value: each element or field (after its name, for a struct's) is walked in turn, then
/// `end` runs on the walker.
macro_rules! compound {
    ($trait:ident :: $method:ident ($($name:tt)*) $(, |$walker:ident| $end:expr)?) => {
        impl ser::$trait for &mut Walker {
            type Ok = ();
            type Error = Unshapable;
            fn $method<T: ?Sized + Serialize>(&mut self, $($name)* value: &T) -> Result<(), Unshapable> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Unshapable> {
                $(let $walker = self; $end;)?
                Ok(())
            }
        }
    };
}

compound!(SerializeSeq::serialize_element(), |walker| walker.mark(6, 0));
compound!(SerializeTuple::serialize_element());
compound!(SerializeTupleStruct::serialize_field());
compound!(SerializeTupleVariant::serialize_field());
compound!(SerializeStruct::serialize_field(_: &'static str,), |walker| walker.in_span = false);
compound!(SerializeStructVariant::serialize_field(_: &'static str,));

impl ser::SerializeMap for &mut Walker {
    type Ok = ();
    type Error = Unshapable;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Unshapable> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unshapable> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Unshapable> {
        self.mark(6, 0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Value {
        name: &'static str,
        at: Span,
        parts: Vec<(u32, Span)>,
    }

    /// The shape of a value named `name` at 2..5 with parts `(7, first)` and, when given, `(number, second)`.
    fn value(name: &'static str, first: (usize, usize), second: Option<(u32, usize, usize)>) -> Shape {
        let mut parts = vec![(7, Span::new(first.0, first.1))];
        parts.extend(second.map(|(number, start, end)| (number, Span::new(start, end))));
        let at = Span::new(2, 5);
        Shape::of(&Value { name, at, parts }, []).unwrap()
    }

    #[test]
    fn a_value_moved_after_an_edit_has_its_shape_and_the_move_is_found() {
        let before = value("a", (10, 14), Some((8, 20, 22)));
        // Three bytes added between 14 and 20: the last span moves, the others stay.
        let after = value("a", (10, 14), Some((8, 23, 25)));
        assert_eq!(before.shift_to(&after), Some(Shift { from: 20, delta: 3 }));
        // Bytes taken out before 10.
        let earlier = value("a", (8, 12), Some((8, 18, 20)));
        assert_eq!(before.shift_to(&earlier), Some(Shift { from: 10, delta: -2 }));
    }

    #[test]
    fn no_move_is_found_where_content_or_places_differ_otherwise() {
        let before = value("a", (10, 14), Some((8, 20, 22)));
        // The same move but another text, number or list length.
        let other_name = value("b", (10, 14), Some((8, 23, 25)));
        let other_number = value("a", (10, 14), Some((9, 23, 25)));
        let shorter = value("a", (10, 14), None);
        // Places moved by two amounts, a place after the edit that stayed, a span that grew, nothing moved.
        let two_moves = value("a", (11, 15), Some((8, 23, 25)));
        let stayed = value("a", (13, 14), Some((8, 20, 22)));
        let grew = value("a", (10, 17), Some((8, 20, 22)));
        for after in [
            other_name,
            other_number,
            shorter,
            two_moves,
            stayed,
            grew,
            before.clone(),
        ] {
            assert_eq!(before.shift_to(&after), None, "{after:?}");
        }
    }

    #[test]
    fn offsets_given_beside_the_value_are_places() {
        let before = Shape::of(&("x", Span::new(1, 2)), [30]).unwrap();
        let after = Shape::of(&("x", Span::new(1, 2)), [34]).unwrap();
        assert_eq!(before.shift_to(&after), Some(Shift { from: 30, delta: 4 }));
    }
}
