//! Values as they cross the database interface: what a parameter binds and what a column reads,
//! the same for SQLite and PostgreSQL. ctrack stores integers, text and NULL only (dates and
//! timestamps are ISO 8601 text, booleans 0 and 1).

use crate::error::{Error, Result};

/// One value of a parameter or a column.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// Something that binds as a parameter.
pub trait ToValue {
    fn to_value(&self) -> Value;
}

/// Something a column reads as.
pub trait FromValue: Sized {
    fn from_value(value: &Value) -> Result<Self>;
}

/// One row of a result, read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    values: Vec<Value>,
}

impl Row {
    pub fn new(values: Vec<Value>) -> Row {
        Row { values }
    }

    /// Column `index` (from 0) as a `T`; a missing column or another type is a database error.
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T> {
        T::from_value(self.value(index)?)
    }

    /// Column `index` as text borrowed from the row (NULL: `None`), without a copy.
    pub fn text(&self, index: usize) -> Result<Option<&str>> {
        match self.value(index)? {
            Value::Null => Ok(None),
            Value::Text(text) => Ok(Some(text)),
            other => Err(mismatch("text", other)),
        }
    }

    /// Column `index` as it was read.
    pub fn value(&self, index: usize) -> Result<&Value> {
        self.values.get(index).ok_or_else(|| Error::Db {
            context: "reading a row",
            source: format!("the row has no column {index}").into(),
        })
    }

    /// Every column, in order.
    pub fn values(&self) -> &[Value] {
        &self.values
    }
}

fn mismatch(wanted: &str, found: &Value) -> Error {
    Error::Db { context: "reading a row", source: format!("expected {wanted}, found {found:?}").into() }
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

impl ToValue for i64 {
    fn to_value(&self) -> Value {
        Value::Int(*self)
    }
}

impl ToValue for u32 {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}

impl ToValue for i32 {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}

impl ToValue for u8 {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}

impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

impl FromValue for Value {
    fn from_value(value: &Value) -> Result<Self> {
        Ok(value.clone())
    }
}

impl FromValue for i64 {
    fn from_value(value: &Value) -> Result<Self> {
        match value {
            Value::Int(i) => Ok(*i),
            other => Err(mismatch("an integer", other)),
        }
    }
}

impl FromValue for u32 {
    fn from_value(value: &Value) -> Result<Self> {
        u32::try_from(i64::from_value(value)?).map_err(|_| mismatch("a small non-negative integer", value))
    }
}

impl FromValue for i32 {
    fn from_value(value: &Value) -> Result<Self> {
        i32::try_from(i64::from_value(value)?).map_err(|_| mismatch("a small integer", value))
    }
}

impl FromValue for u8 {
    fn from_value(value: &Value) -> Result<Self> {
        u8::try_from(i64::from_value(value)?).map_err(|_| mismatch("an integer from 0 to 255", value))
    }
}

impl FromValue for usize {
    fn from_value(value: &Value) -> Result<Self> {
        usize::try_from(i64::from_value(value)?).map_err(|_| mismatch("a count", value))
    }
}

impl FromValue for bool {
    fn from_value(value: &Value) -> Result<Self> {
        Ok(i64::from_value(value)? != 0)
    }
}

impl FromValue for String {
    fn from_value(value: &Value) -> Result<Self> {
        match value {
            Value::Text(text) => Ok(text.clone()),
            other => Err(mismatch("text", other)),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: &Value) -> Result<Self> {
        match value {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_typed_values_and_name_a_mismatch() {
        let row = Row::new(vec![Value::Int(7), Value::Text("done".into()), Value::Null]);
        assert_eq!(row.get::<i64>(0).unwrap(), 7);
        assert_eq!(row.get::<u32>(0).unwrap(), 7);
        assert!(row.get::<bool>(0).unwrap());
        assert_eq!(row.get::<String>(1).unwrap(), "done");
        assert_eq!(row.text(1).unwrap(), Some("done"));
        assert_eq!(row.get::<Option<i64>>(2).unwrap(), None);
        assert_eq!(row.text(2).unwrap(), None);
        let wrong = row.get::<i64>(1).unwrap_err().to_string();
        assert_eq!(wrong, "database error while reading a row: expected an integer, found Text(\"done\")");
        let missing = row.get::<i64>(3).unwrap_err().to_string();
        assert_eq!(missing, "database error while reading a row: the row has no column 3");
    }

    #[test]
    fn parameters_bind_as_values() {
        assert_eq!(Some(3u32).to_value(), Value::Int(3));
        assert_eq!(None::<&str>.to_value(), Value::Null);
        assert_eq!("x".to_value(), Value::Text("x".into()));
        assert_eq!(true.to_value(), Value::Int(1));
    }
}
